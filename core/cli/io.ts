/** What a CLI command may touch: its arguments' output streams. Tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Binary output (XLSX to stdout). */
  outBytes?: (bytes: Uint8Array) => void;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  outBytes: (b) => process.stdout.write(b),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, issues: 1, input: 2, usage: 64 } as const;

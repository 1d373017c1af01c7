/** What a CLI command may touch: its arguments' output streams. Tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Binary output (XLSX to stdout). */
  outBytes?: (bytes: Uint8Array) => void;
  /** True when stdout / stderr is a terminal (tests may say so; default false). */
  outIsTty?: boolean;
  errIsTty?: boolean;
  /** A progress line rewritten in place on a terminal (its own control codes kept; the text itself cleaned). */
  status?: (text: string) => void;
}

/**
 * Text for a terminal: ESC sequences (CSI, OSC, others) removed whole, then every other C0 and C1
 * control character except newline and tab, DEL, and the bidi embedding, override and isolate
 * characters (U+202A–U+202E, U+2066–U+2069) that make a line read other than it is. A page or file
 * can carry any of these in an agency name, a title or a file name.
 */
export function cleanForTerminal(text: string): string {
  return (
    text
      // OSC … BEL or ST; CSI parameters + final byte; any other two-character escape
      // (an OSC left open ends at the line's end: it never swallows the lines after it)
      .replace(/\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x9d[^\x07\x1b\x9c\n]*(?:\x07|\x9c)?/g, '')
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?/g, '')
      .replace(/\x1b[@-_]?/g, '')
      .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '')
  );
}

export const processIo: CliIo = {
  // Data on stdout (JSON, CSV) goes out as it is unless stdout is a terminal; stderr is always cleaned.
  out: (t) => process.stdout.write(process.stdout.isTTY ? cleanForTerminal(t) : t),
  err: (t) => process.stderr.write(cleanForTerminal(t)),
  outBytes: (b) => process.stdout.write(b),
  get outIsTty() {
    return !!process.stdout.isTTY;
  },
  get errIsTty() {
    return !!process.stderr.isTTY;
  },
  status: (t) => process.stderr.write(`\r\x1b[K${cleanForTerminal(t)}`),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, issues: 1, input: 2, usage: 64 } as const;

/** Edit distance with transpositions ("chekc" is one slip from "check"), for "did you mean …?". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The accepted word closest to what was typed, when it is close enough to be a slip. */
export function closest(typed: string, accepted: readonly string[]): string | null {
  const t = typed.toLowerCase().slice(0, 64);
  let best: string | null = null;
  let bestD = Infinity;
  for (const a of accepted) {
    const d = a.startsWith(t) && t.length >= 2 ? 0.5 : distance(t, a.toLowerCase());
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

/** "unknown format "cvs" — did you mean csv? accepted: json, csv, …" */
export function unknownValue(what: string, typed: string, accepted: readonly string[]): string {
  const near = closest(typed, accepted);
  const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
  return `unknown ${what} "${shown}"${near ? ` — did you mean ${near}?` : ''} (accepted: ${accepted.join(', ')})`;
}

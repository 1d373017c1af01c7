/** Where an export goes: a file (written beside and renamed over) or the command's output. */
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Input } from '../node/input';
import { InputError } from '../node/read';
import type { CliIo } from './io';

/** Where an export goes. `write` resolves when the text may be followed by more (backpressure). */
export interface Sink {
  write(text: string): Promise<void>;
  writeBytes(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /**
   * True when text may come as its UTF-8 bytes, gathered into large writes (a file): the worker
   * threads then encode each report's text themselves and hand the bytes over without a copy.
   */
  takesUtf8?: boolean;
}

/**
 * A file written as a temporary file beside it and renamed over it when closed: an export that
 * stops half-way leaves the old file as it was.
 */
export async function fileSink(path: string): Promise<Sink> {
  let fh: FileHandle;
  const temp = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}.tmp`);
  const fail = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(path, `无法写入 — cannot write the output file (${code})`);
  };
  try {
    fh = await open(temp, 'w');
  } catch (err) {
    return fail(err);
  }
  return {
    takesUtf8: true,
    write: async (text) => {
      if (text) await fh.write(text);
    },
    writeBytes: async (bytes) => {
      await fh.write(bytes);
    },
    close: async () => {
      await fh.close();
      await rename(temp, path).catch(async (err) => {
        await rm(temp, { force: true }).catch(() => {});
        fail(err);
      });
    },
  };
}

/** The input that --out names, if any (the same file by device and inode, links and all). */
export async function outputIsInput(out: string, inputs: readonly Input[]): Promise<string | null> {
  const target = await stat(out).catch(() => null);
  if (!target) return null;
  for (const input of inputs) {
    if (input.kind !== 'file') continue;
    const st = await stat(input.name).catch(() => null);
    if (st && st.dev === target.dev && st.ino === target.ino) return input.name;
  }
  return null;
}

export function ioSink(io: CliIo): Sink {
  return {
    write: async (text) => {
      if (text) io.out(text);
    },
    writeBytes: async (bytes) => {
      if (!io.outBytes) throw new Error('this output cannot take binary data; use --out FILE');
      io.outBytes(bytes);
    },
    close: async () => {},
  };
}

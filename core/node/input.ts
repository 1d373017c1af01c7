/**
 * One reader for every command (parse, check, export): files, directories (walked), http(s) URLs
 * and `-` for standard input; pages, texts, PDFs and Word files alike. Everything a directory walk passes over
 * is listed with its reason, never dropped silently.
 */
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../model/schema';
import { OTHER_DOCUMENT_MESSAGES } from '../parse/word/errors';
import { fetchCapped, type FetchCappedOptions } from './fetch';
import { InputError, isPdfBytes, MAX_FILE_BYTES, readRegularFile, readReportFile, reportFromBytes } from './read';

/**
 * One input. `explicit` is false for a file found by walking a directory: such a file that is no
 * report is skipped (and listed), where a file named on the command line is an error.
 */
export type Input =
  | { kind: 'file' | 'url'; name: string; explicit?: boolean }
  /** Standard input, read at once (so worker threads can take it too). */
  | { kind: 'bytes'; name: string; bytes: Uint8Array; explicit?: boolean };

/** An input passed over, with why: one bilingual line. */
export interface Skipped {
  source: string;
  reason: string;
}

export interface Expanded {
  inputs: Input[];
  /** Passed over on purpose (not a report file, a linked directory, …): listed, exit code unchanged. */
  skipped: Skipped[];
  /** Inputs that could not be read at all (an empty or unreadable directory, stdin too large): exit 2. */
  failures: Skipped[];
}

export const STDIN_NAME = '-';
const isUrl = (s: string) => /^https?:\/\//i.test(s);
/** Extensions a directory walk reads (Word files included); other files are read only when they start like a PDF. */
export const WALK_EXT = /\.(html?|txt|md|pdf|docx?)$/i;
/** The list `nianbao collect` writes beside the reports it fetched (named when a walk passes it). */
export const COLLECT_MANIFEST = 'manifest.csv';
/** A directory walk stops after this many entries (a mistaken `nianbao export /`). */
export const MAX_WALK_ENTRIES = 200_000;

export interface ExpandOptions {
  /** Standard input's bytes (tests pass their own); default: process.stdin, capped. */
  readStdin?: () => Promise<Uint8Array>;
}

/**
 * Command-line arguments → inputs. URLs and files are kept as given (a missing file fails when it
 * is read, with its reason); directories are walked, sorted, hidden entries left out, linked
 * files followed and linked directories not; `-` reads standard input once.
 */
export async function expandInputs(args: readonly string[], opts: ExpandOptions = {}): Promise<Expanded> {
  const out: Expanded = { inputs: [], skipped: [], failures: [] };
  let stdinRead = false;
  for (const arg of args) {
    if (isUrl(arg)) {
      out.inputs.push({ kind: 'url', name: arg, explicit: true });
      continue;
    }
    if (arg === STDIN_NAME || arg === '/dev/stdin') {
      if (stdinRead) {
        out.failures.push({ source: arg, reason: '标准输入只能读一次 — standard input can be read only once' });
        continue;
      }
      stdinRead = true;
      try {
        out.inputs.push({ kind: 'bytes', name: STDIN_NAME, bytes: await (opts.readStdin ?? readStdin)(), explicit: true });
      } catch (err) {
        out.failures.push({ source: arg, reason: err instanceof InputError ? err.reason : `无法读取 — cannot read (${String(err)})` });
      }
      continue;
    }
    const st = await stat(arg).catch(() => null);
    if (!st?.isDirectory()) {
      out.inputs.push({ kind: 'file', name: arg, explicit: true });
      continue;
    }
    const before = out.inputs.length;
    await walk(arg, out);
    if (out.inputs.length === before) {
      out.failures.push({ source: arg, reason: '目录中没有网页、文本、PDF 或 Word 文件 — no page, text, PDF or Word file in this directory' });
    }
  }
  return out;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Walk a directory without recursion, in sorted order. */
async function walk(root: string, out: Expanded): Promise<void> {
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    const dir = stack.pop()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      out.failures.push({ source: dir, reason: `无法读取目录 — cannot read the directory (${err.code ?? 'error'})` });
      return [];
    });
    entries.sort(byName);
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store) are not part of a collection
      if (++seen > MAX_WALK_ENTRIES) {
        out.failures.push({ source: root, reason: `目录过大，只读取前 ${MAX_WALK_ENTRIES} 项 — directory too large, only the first ${MAX_WALK_ENTRIES} entries read` });
        return;
      }
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        subdirs.push(path);
        continue;
      }
      let file = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        if (target?.isDirectory()) {
          out.skipped.push({ source: path, reason: '链接的目录，未进入 — linked directory, not followed' });
          continue;
        }
        if (!target) {
          out.skipped.push({ source: path, reason: '链接指向的文件不存在 — broken link' });
          continue;
        }
        file = target.isFile();
      }
      if (!file) {
        out.skipped.push({ source: path, reason: '不是普通文件 — not a regular file' });
        continue;
      }
      if (WALK_EXT.test(e.name) || (await startsLikePdf(path))) out.inputs.push({ kind: 'file', name: path, explicit: false });
      else if (/\.ofd$/i.test(e.name)) out.skipped.push({ source: path, reason: OTHER_DOCUMENT_MESSAGES.ofd });
      else if (e.name === COLLECT_MANIFEST) out.skipped.push({ source: path, reason: 'nianbao collect 的下载清单，不是报告 — the download list nianbao collect wrote, not a report' });
      else out.skipped.push({ source: path, reason: '不是网页、文本、PDF 或 Word 文件 — not a page, text, PDF or Word file' });
    }
    // Depth first, in sorted order: push the subdirectories reversed.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/** Only the first bytes of a regular file: does it carry the %PDF- signature? */
async function startsLikePdf(path: string): Promise<boolean> {
  const st = await lstat(path).catch(() => null);
  if (!st || st.size < 5) return false;
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return isPdfBytes(buf.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await fh.close().catch(() => {});
  }
}

/** Standard input, at most MAX_FILE_BYTES. */
export async function readStdin(maxBytes = MAX_FILE_BYTES): Promise<Uint8Array> {
  if (process.stdin.isTTY) throw new InputError(STDIN_NAME, '标准输入是终端，没有数据 — standard input is a terminal; pipe a page into it');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    total += b.byteLength;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new InputError(STDIN_NAME, `输入太大（上限 ${maxBytes / 1024 / 1024} MB） — input too large (limit ${maxBytes / 1024 / 1024} MB)`);
    }
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export interface ReadOptions {
  fetch?: FetchCappedOptions;
}

/** Read (or download) one input and parse it: a Report, or an InputError with one clear line. */
export async function readInput(input: Input, opts: ReadOptions = {}): Promise<Report> {
  if (input.kind === 'bytes') return reportFromBytes(input.bytes, input.name, {});
  if (input.kind === 'url') {
    const got = await fetchCapped(input.name, opts.fetch);
    return reportFromBytes(got.bytes, input.name, { name: new URL(got.finalUrl).pathname, contentType: got.contentType });
  }
  // a file on disk: a saved page whose tables are pictures beside it is read by OCR too
  return readReportFile(input.name);
}

/** Read one argument as given (a file, URL or `-`): for --previous and single inputs. */
export async function readArgument(arg: string, opts: ExpandOptions & ReadOptions = {}): Promise<Report> {
  if (arg === STDIN_NAME) return readInput({ kind: 'bytes', name: STDIN_NAME, bytes: await (opts.readStdin ?? readStdin)() }, opts);
  return readInput({ kind: isUrl(arg) ? 'url' : 'file', name: arg, explicit: true }, opts);
}

/**
 * An input that failed: skipped (a file found in a directory that is no report — listed, exit 0)
 * or failed (anything named on the command line, or unreadable — exit 2).
 */
export function isSkip(input: Pick<Input, 'explicit'>, err: unknown): boolean {
  return input.explicit === false && err instanceof InputError && err.kind === 'not-report';
}

/**
 * collect's DIR/manifest.csv: written row by row as the reports finish (appended, never rebuilt as
 * one string), every cell formula-safe and bounded, and — on resume — trusted only row by row: a
 * row's file must lie inside DIR and still match the hash recorded when it was fetched, else the
 * report is fetched again. A manifest is a file anyone could have put there (issue 20, B and C).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readFile, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import Papa from 'papaparse';
import { neutralise } from '../export/cells';
import { COLLECT_MANIFEST } from '../node/input';

export const MANIFEST = COLLECT_MANIFEST;
/** `published`: the date the list page prints beside the link (YYYY-MM-DD), when it prints one. */
export const MANIFEST_COLUMNS = ['url', 'file', 'title', 'year', 'status', 'fetched_at', 'note', 'sha256', 'published'] as const;
export type ManifestRow = Record<(typeof MANIFEST_COLUMNS)[number], string>;

/** Characters a cell keeps (a note naming a 19 MB address is cut here). */
export const MAX_CELL = 2_000;
/** A manifest longer than this is not read (a resume then fetches everything again). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** A cell cut to MAX_CELL characters. */
export const bounded = (s: string) => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);
/** Cut, then made inert in spreadsheets by the exports' own rule (a leading apostrophe). */
const cellOf = (s: string | undefined) => neutralise(bounded(s ?? ''));

function parseRows(text: string): ManifestRow[] {
  const parsed = Papa.parse<ManifestRow>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  // The log may name a report twice (an earlier run's row, then this run's): the last one counts.
  const byUrl = new Map<string, ManifestRow>();
  for (const r of parsed.data) if (r && typeof r.url === 'string' && r.url) byUrl.set(r.url, { ...r, sha256: r.sha256 ?? '', published: /^\d{4}-\d{2}-\d{2}$/.test(r.published ?? '') ? r.published : '' });
  return [...byUrl.values()];
}

/** The rows of DIR/manifest.csv as written (none when there is none, or it is too large to be ours). */
export async function readManifest(dir: string): Promise<ManifestRow[]> {
  try {
    const file = join(dir, MANIFEST);
    if ((await stat(file)).size > MAX_MANIFEST_BYTES) return [];
    return parseRows(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
}

/** The SHA-256 of a file's bytes, hex. */
export async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const bytesHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Why a row's url or file cell cannot be ours, or null. */
function plantedBecause(dir: string, row: ManifestRow): string | null {
  let url: URL | null = null;
  try {
    url = new URL(row.url);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || row.url.length > MAX_CELL) return '地址不是 http(s) — the url is not an http(s) address';
  if (!row.file) return null;
  const rel = relative(dir, join(dir, row.file));
  if (isAbsolute(row.file) || normalize(row.file) !== row.file || rel.startsWith('..') || rel.split(sep).includes('..')) return `文件不在输出目录中 — the file is not inside the output folder: ${row.file.slice(0, 200)}`;
  return null;
}

/** The rows a resume may keep, and a line for each one it may not (named, never followed). */
export function screenRows(dir: string, rows: readonly ManifestRow[]): { rows: ManifestRow[]; planted: string[] } {
  const kept: ManifestRow[] = [];
  const planted: string[] = [];
  for (const r of rows) {
    const why = plantedBecause(dir, r);
    if (why) planted.push(`${bounded(r.url).slice(0, 200)}: ${why}`);
    else kept.push(r);
  }
  return { rows: kept, planted };
}

/**
 * Whether a row's file is still what was fetched: a regular file (not a link) inside DIR whose
 * SHA-256 is the one recorded. A row without a recorded hash (written by hand, or by an older
 * version) is not trusted either.
 */
export async function fileStillFetched(dir: string, row: ManifestRow): Promise<boolean> {
  if (!row.file || !/^[0-9a-f]{64}$/.test(row.sha256) || plantedBecause(dir, row)) return false;
  try {
    const path = join(dir, row.file);
    const info = await lstat(path);
    return info.isFile() && (await fileHash(path)) === row.sha256;
  } catch {
    return false;
  }
}

const lineOf = (row: Partial<ManifestRow>) => `${Papa.unparse([MANIFEST_COLUMNS.map((c) => cellOf(row[c]))], { newline: '\r\n' })}\r\n`;
const HEADER = `\ufeff${MANIFEST_COLUMNS.join(',')}\r\n`;

/**
 * The manifest as a log: opened with the earlier run's screened rows, then one appended line per
 * report as it finishes — a crash leaves every finished report named. close() writes the final
 * list (one row per report) beside it, row by row, and puts it in place.
 */
export class ManifestLog {
  private constructor(
    private readonly dir: string,
    private fh: FileHandle,
  ) {}

  static async open(dir: string, previous: Iterable<ManifestRow>): Promise<ManifestLog> {
    const path = join(dir, MANIFEST);
    await writeRows(join(dir, `.${MANIFEST}.tmp`), previous);
    await rename(join(dir, `.${MANIFEST}.tmp`), path);
    return new ManifestLog(dir, await open(path, 'a'));
  }

  async append(row: ManifestRow): Promise<void> {
    await this.fh.write(lineOf(row));
  }

  async close(rows: Iterable<ManifestRow>): Promise<void> {
    await this.fh.close();
    const tmp = join(this.dir, `.${MANIFEST}.tmp`);
    await writeRows(tmp, rows);
    await rename(tmp, join(this.dir, MANIFEST));
  }
}

async function writeRows(path: string, rows: Iterable<ManifestRow>): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.write(HEADER);
    for (const r of rows) await fh.write(lineOf(r));
  } finally {
    await fh.close();
  }
}

/**
 * Writes a fetched file into DIR without following anything planted there: the folder it goes in
 * must really be inside DIR (not a link out of it), and the bytes go to a new file that then
 * replaces the name — a symbolic link at that name is replaced, never written through.
 */
export async function writeInside(dir: string, file: string, bytes: Uint8Array): Promise<void> {
  const path = join(dir, file);
  const [root, folder] = await Promise.all([realpath(dir), realpath(dirname(path))]);
  if (folder !== root && !folder.startsWith(root + sep)) throw new Error(`不在输出目录中 — not inside the output folder: ${file}`);
  const tmp = join(folder, `.${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.part`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.write(bytes);
  } finally {
    await fh.close();
  }
  await rename(tmp, join(folder, file.split(/[\\/]/).pop()!)).catch(async (err) => {
    await rm(tmp, { force: true });
    throw err;
  });
}

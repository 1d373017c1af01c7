/**
 * nianbao collect <list-page-url…> --out DIR [--since YEAR] [--delay MS] [--ignore-robots]
 *
 * A portal's 年报 column into a folder: the list pages are read (and their following pages, on the
 * same host: 下一页, numbered pages, createPageHTML), every report they link is downloaded into DIR,
 * and, for a report page with no tables, its PDF or Word attachment. DIR/manifest.csv says what was
 * fetched (`url,file,title,year,status,fetched_at,note,sha256,published`). Polite: one request at a time, --delay
 * apart, a User-Agent naming the tool, time and byte limits, retries with backoff on 5xx and
 * network errors, each site's robots.txt obeyed. Only the hosts of the given list pages are
 * visited, redirects included. A second run over the same
 * DIR fetches only what is missing or failed. Exit 0 when every report was fetched, 2 when some
 * failed (listed), 64 usage.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { type Fetched } from '../node/fetch';
import { decodeBytes } from '../node/read';
import { findReportAttachment } from '../parse/attachment';
import { findNextPages, findReportLinks, type ReportLink } from '../portal/links';
import { EXIT, type CliIo } from './io';
import { bounded, bytesHash, fileStillFetched, ManifestLog, MANIFEST, MAX_CELL, readManifest, screenRows, writeInside, type ManifestRow } from './manifest';
import { MAX_BYTES, PoliteFetcher, REAL_TIMER, reasonOf, Refused, type Timer } from './collect-fetcher';
import { allowedHost, fileNameFor, hasTables, isPdf, otherDocument, shortName, treeOf, wordDocument } from './collect-documents';

export { MANIFEST, MANIFEST_COLUMNS, readManifest, type ManifestRow } from './manifest';

const SPEC = commandSpec('collect');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

/**
 * An HTML page (list or report) larger than this is not read: portal pages are well under 1 MB,
 * and a 19 MB page is an attack on the parser (issue 20, B). PDFs keep MAX_BYTES.
 */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const PAGE_TOO_LARGE = `页面超过 ${MAX_PAGE_BYTES / 1024 / 1024} MB，未读取 — the page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB: not read`;
const RETRIES = 2;
/** Table-less report pages are kept out of the export's walk (a hidden folder). */
const PAGES_DIR = '.pages';

export interface CollectOptions {
  out: string;
  since?: number;
  delayMs?: number;
  maxPages?: number;
  /** Retries after a 5xx or network error (default 2). */
  retries?: number;
  /** Called before every request (tests count them). */
  onRequest?: (url: string) => void;
  /** The clock, for fetched_at. */
  now?: () => Date;
  /** Stops the crawl (Ctrl-C): what was fetched stays in the manifest, a later run resumes. */
  signal?: AbortSignal;
  /** Obey the sites' robots.txt (default true; --ignore-robots for a site that gave permission). */
  robots?: boolean;
  /** The time the pauses between requests are measured in (tests check the schedule without waiting). */
  timer?: Timer;
}

// The crawl in files by job: its requests (collect-fetcher), what a fetched file is (collect-documents).
export { Refused, type Timer } from './collect-fetcher';
export { fileNameFor } from './collect-documents';

export interface CollectResult {
  rows: ManifestRow[];
  fetched: number;
  kept: number;
  failed: ManifestRow[];
  listPages: { url: string; ok: boolean; reason?: string }[];
  /** The crawl was stopped before its end. */
  interrupted: boolean;
}

export async function collect(listUrls: readonly string[], opts: CollectOptions, io: Pick<CliIo, 'err'>): Promise<CollectResult> {
  const delay = opts.delayMs ?? 1000;
  const hosts = new Set(listUrls.map((u) => new URL(u).host));
  const fetcher = new PoliteFetcher({
    delay,
    retries: opts.retries ?? RETRIES,
    robots: opts.robots ?? true,
    allowedHost: (url) => allowedHost(hosts, url),
    onRequest: opts.onRequest,
    signal: opts.signal,
    say: (line) => io.err(line),
    timer: opts.timer ?? REAL_TIMER,
  });
  const stopped = () => opts.signal?.aborted ?? false;
  const now = opts.now ?? (() => new Date());
  await mkdir(opts.out, { recursive: true });
  // The earlier run's rows, screened: a row naming a file outside DIR (or no http(s) address) is
  // named and dropped, never followed.
  const screened = screenRows(opts.out, await readManifest(opts.out));
  for (const line of screened.planted.slice(0, 20)) io.err(`nianbao collect: 清单中的一行不可信，已丢弃 — a manifest row that cannot be ours, dropped: ${line}\n`);
  if (screened.planted.length > 20) io.err(`nianbao collect: 另有 ${screened.planted.length - 20} 行不可信，已丢弃 — ${screened.planted.length - 20} more such rows dropped\n`);
  const previous = new Map(screened.rows.map((r) => [r.url, r]));
  // The attachment rows of table-less pages, by the page they belong to.
  const attachmentsOf = new Map<string, ManifestRow[]>();
  for (const r of previous.values()) {
    const of = / — attachment of (\S+)$/.exec(r.note)?.[1];
    if (of && of !== r.url) attachmentsOf.set(of, [...(attachmentsOf.get(of) ?? []), r]);
  }
  const log = await ManifestLog.open(opts.out, previous.values());

  // 1. The list pages, breadth first, on the given hosts.
  const links: ReportLink[] = [];
  const seenLink = new Set<string>();
  const listPages: CollectResult['listPages'] = [];
  const queue = [...listUrls];
  const visited = new Set<string>();
  // The page each link was found on: a link, unlike an address the user typed, may not lead from a public address to a private one.
  const foundOn = new Map<string, string>();
  const maxPages = opts.maxPages ?? 200;
  while (queue.length && listPages.length < maxPages && !stopped()) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    let page: Fetched;
    try {
      page = await fetcher.get(url, MAX_PAGE_BYTES, foundOn.get(url));
    } catch (err) {
      listPages.push({ url, ok: false, reason: reasonOf(err) });
      io.err(`nianbao collect: 列表页无法读取 — list page failed: ${url}: ${reasonOf(err)}\n`);
      continue;
    }
    listPages.push({ url, ok: true });
    const tree = treeOf(decodeBytes(page.bytes));
    for (const l of findReportLinks(tree, page.finalUrl)) {
      if (seenLink.has(l.url)) continue;
      seenLink.add(l.url);
      links.push(l);
      foundOn.set(l.url, page.finalUrl);
    }
    for (const next of findNextPages(tree, page.finalUrl)) if (!visited.has(next) && allowedHost(hosts, next) && new URL(next).host === new URL(page.finalUrl).host) {
      queue.push(next);
      if (!foundOn.has(next) && !listUrls.includes(next)) foundOn.set(next, page.finalUrl);
    }
  }

  // 2. The reports.
  const rows: ManifestRow[] = [];
  const failed: ManifestRow[] = [];
  let fetched = 0;
  let kept = 0;
  const total = links.length;
  const pad = String(total).length;
  // Each row is appended to the manifest as it is decided: a long crawl stays linear, a crash loses nothing.
  const written: ManifestRow[] = [];
  const save = async () => {
    for (const r of rows.slice(written.length)) {
      written.push(r);
      await log.append(r);
    }
  };
  for (const [k, link] of links.entries()) {
    if (stopped()) break;
    await save();
    const base: ManifestRow = { url: link.url, file: '', title: bounded(link.title), year: String(link.year), status: 'skipped', fetched_at: '', note: '', sha256: '', published: link.date ?? '' };
    const tag = `[${String(k + 1).padStart(pad)}/${total}] ${shortName(link.title)} ${link.year}`;
    if (opts.since && link.year < opts.since) {
      rows.push({ ...base, note: `早于 ${opts.since} 年 — before --since ${opts.since}` });
      continue;
    }
    if (link.url.length > MAX_CELL) {
      rows.push({ ...base, note: `地址超过 ${MAX_CELL} 个字符，未下载 — the address is longer than ${MAX_CELL} characters: not fetched` });
      io.err(`${tag} ↷ 地址过长 — address too long\n`);
      continue;
    }
    if (!allowedHost(hosts, link.url)) {
      rows.push({ ...base, note: '链接到其他网站，未下载 — on another site, not fetched' });
      io.err(`${tag} ↷ 其他网站 — another site\n`);
      continue;
    }
    const before = previous.get(link.url);
    if ((before?.status === 'ok' || before?.status === 'skipped') && before.file) {
      // Kept only when the file (and its attachment's) is still the one fetched, inside DIR.
      const attached = attachmentsOf.get(link.url) ?? [];
      const intact = (await fileStillFetched(opts.out, before)) && (await Promise.all(attached.map((r) => fileStillFetched(opts.out, r)))).every(Boolean);
      if (intact) {
        rows.push(before, ...attached);
        kept++;
        io.err(`${tag} = 已有 — already here\n`);
        continue;
      }
      io.err(`${tag} 文件已变或不在，重新下载 — the file changed or is gone: fetched again\n`);
    }
    let page: Fetched;
    try {
      page = await fetcher.get(link.url, MAX_BYTES, foundOn.get(link.url));
    } catch (err) {
      if (stopped()) break;
      if (err instanceof Refused) {
        rows.push({ ...base, fetched_at: now().toISOString(), note: err.reason });
        io.err(`${tag} ↷ ${err.short}\n`);
        continue;
      }
      const row = { ...base, status: 'failed', fetched_at: now().toISOString(), note: reasonOf(err) };
      rows.push(row);
      failed.push(row);
      io.err(`${tag} ✗ ${reasonOf(err)}\n`);
      continue;
    }
    const at = now().toISOString();
    if (!allowedHost(hosts, page.finalUrl)) {
      rows.push({ ...base, fetched_at: at, note: `转到其他网站，未保存 — redirected to another site: ${page.finalUrl}` });
      io.err(`${tag} ↷ 转到其他网站 — redirected to another site\n`);
      continue;
    }
    const word = wordDocument(page, page.finalUrl);
    if (word) {
      const file = fileNameFor(link, word);
      await writeInside(opts.out, file, page.bytes);
      rows.push({ ...base, file, sha256: bytesHash(page.bytes), status: 'ok', fetched_at: at, note: 'Word' });
      fetched++;
      io.err(`${tag} ✓ Word (.${word})\n`);
      continue;
    }
    const other = otherDocument(page, page.finalUrl);
    if (!other && !isPdf(page, page.finalUrl) && page.bytes.length > MAX_PAGE_BYTES) {
      rows.push({ ...base, fetched_at: at, note: PAGE_TOO_LARGE });
      io.err(`${tag} ↷ 页面过大 — page too large\n`);
      continue;
    }
    if (other) {
      // A WPS, spreadsheet or archive file: kept for the reader, not read by the tool.
      const file = fileNameFor(link, other);
      await writeInside(opts.out, file, page.bytes);
      rows.push({ ...base, file, sha256: bytesHash(page.bytes), fetched_at: at, note: `不是网页或 PDF（.${other}），已保存但不能读取 — not a page or PDF (.${other}): saved, not read` });
      io.err(`${tag} ↷ .${other}\n`);
      continue;
    }
    if (isPdf(page, page.finalUrl)) {
      const file = fileNameFor(link, 'pdf');
      await writeInside(opts.out, file, page.bytes);
      rows.push({ ...base, file, sha256: bytesHash(page.bytes), status: 'ok', fetched_at: at, note: 'PDF' });
      fetched++;
      io.err(`${tag} ✓ PDF\n`);
      continue;
    }
    const tree = treeOf(decodeBytes(page.bytes));
    if (hasTables(tree, page.finalUrl)) {
      const file = fileNameFor(link, 'html');
      await writeInside(opts.out, file, page.bytes);
      rows.push({ ...base, file, sha256: bytesHash(page.bytes), status: 'ok', fetched_at: at });
      fetched++;
      io.err(`${tag} ✓\n`);
      continue;
    }
    // No tables: the report is an attachment (or pictures). The page is kept aside, the PDF or Word file beside the others.
    await mkdir(join(opts.out, PAGES_DIR), { recursive: true });
    const pageFile = join(PAGES_DIR, fileNameFor(link, 'html'));
    await writeInside(opts.out, pageFile, page.bytes);
    const pageHash = bytesHash(page.bytes);
    const attachment = findReportAttachment(tree, page.finalUrl, link.title);
    if (!attachment) {
      const row = { ...base, file: pageFile, sha256: pageHash, status: 'failed', fetched_at: at, note: '页面中没有数据表，也没有年度报告附件 — no tables on the page and no report attachment' };
      rows.push(row);
      failed.push(row);
      io.err(`${tag} ✗ 没有数据表 — no tables, no attachment\n`);
      continue;
    }
    if (!allowedHost(hosts, attachment.url)) {
      const row = { ...base, file: pageFile, sha256: pageHash, status: 'failed', fetched_at: at, note: `附件在其他网站，未下载 — the attachment is on another site: ${attachment.url}` };
      rows.push(row);
      failed.push(row);
      io.err(`${tag} ✗ 附件在其他网站 — attachment on another site\n`);
      continue;
    }
    try {
      const got = await fetcher.get(attachment.url, MAX_BYTES, page.finalUrl);
      const word = isPdf(got, got.finalUrl) ? null : wordDocument(got, got.finalUrl, attachment.kind === 'word');
      const file = fileNameFor({ ...link, url: attachment.url }, isPdf(got, got.finalUrl) ? 'pdf' : (word ?? 'bin'));
      const what = word ? 'Word' : 'PDF';
      await writeInside(opts.out, file, got.bytes);
      rows.push({ ...base, file: pageFile, sha256: pageHash, status: 'ok', fetched_at: at, note: `附件 attachment: ${file}` });
      rows.push({ url: attachment.url, file, sha256: bytesHash(got.bytes), title: base.title, year: String(link.year), status: 'ok', fetched_at: now().toISOString(), note: `${what} 附件 — attachment of ${link.url}`, published: base.published });
      fetched++;
      io.err(`${tag} ✓ ${what} 附件 attachment\n`);
    } catch (err) {
      if (err instanceof Refused) {
        // No file in the row: a later run (robots.txt changed, --ignore-robots) tries the report again.
        rows.push({ ...base, fetched_at: at, note: `附件未下载 — attachment not fetched: ${err.reason}` });
        io.err(`${tag} ↷ 附件 attachment: ${err.short}\n`);
        await save();
        continue;
      }
      const row = { ...base, file: pageFile, sha256: pageHash, status: 'failed', fetched_at: at, note: `附件无法下载 — attachment failed: ${reasonOf(err)}` };
      rows.push(row);
      failed.push(row);
      io.err(`${tag} ✗ 附件 ${reasonOf(err)}\n`);
    }
  }
  await save();
  // The final list: this run's rows, then the earlier rows of links not seen this time.
  const here = new Set(rows.map((r) => r.url));
  await log.close([...rows, ...[...previous.values()].filter((r) => !here.has(r.url))]);
  return { rows, fetched, kept, failed, listPages, interrupted: stopped() };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('collect', argv);
  const values = parsed.values as { out?: string; since?: string; delay?: string; 'max-pages'?: string; 'ignore-robots'?: boolean };
  const positionals = parsed.positionals;
  const fail = (msg: string) => {
    io.err(`nianbao collect: ${msg}\nusage: ${usage}\n`);
    return EXIT.usage;
  };
  if (positionals.length === 0) return fail('没有列表页地址 — no list-page URL given');
  if (!values.out) return fail('需要 --out DIR — --out DIR is required');
  for (const u of positionals) {
    let url: URL | null = null;
    try {
      url = new URL(u);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fail(`不是 http(s) 地址 — not an http(s) URL: ${u.slice(0, 100)}`);
  }
  const num = (v: string | undefined, name: string, min: number, max: number): number | undefined | null => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? n : (fail(`--${name} 取值无效 — --${name} takes a whole number from ${min} to ${max}`), null);
  };
  const since = num(values.since, 'since', 1990, 2100);
  const delay = num(values.delay, 'delay', 0, 600_000);
  const maxPages = num(values['max-pages'], 'max-pages', 1, 10_000);
  if (since === null || delay === null || maxPages === null) return EXIT.usage;

  // Ctrl-C stops the crawl cleanly: the manifest keeps what was fetched, a second run resumes.
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  let result: CollectResult;
  try {
    result = await collect(positionals, { out: values.out, since, delayMs: delay, maxPages, signal: stop.signal, robots: !values['ignore-robots'] }, io);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (result.interrupted) {
    io.err(`nianbao collect: 已中断，已下载的保留在 ${join(values.out, MANIFEST)}；再次运行即可继续 — interrupted; what was fetched is kept, run again to resume\n`);
    return 130;
  }
  const listFailed = result.listPages.filter((p) => !p.ok);
  const skipped = result.rows.filter((r) => r.status === 'skipped').length;
  const links = result.rows.filter((r) => !/^(?:PDF|Word) 附件/.test(r.note)).length;
  io.err(
    `nianbao collect: ${result.listPages.length} 个列表页，${links} 个年报链接：新下载 ${result.fetched}，已有 ${result.kept}，失败 ${result.failed.length}，跳过 ${skipped} — ` +
      `${result.listPages.length} list page(s), ${links} report link(s): ${result.fetched} fetched, ${result.kept} already here, ${result.failed.length} failed, ${skipped} skipped → ${join(values.out, MANIFEST)}\n`,
  );
  if (result.failed.length) {
    io.err(`nianbao collect: 失败 — failed:\n`);
    for (const f of result.failed) io.err(`  ${f.url}: ${f.note}\n`);
  }
  if (result.listPages.length && listFailed.length === result.listPages.length) return EXIT.input;
  return result.failed.length || listFailed.length ? EXIT.input : EXIT.ok;
}

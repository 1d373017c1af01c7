/**
 * One input of an export: read (or downloaded), parsed, checked and rendered in the format's own
 * text — where the report was parsed, so only text crosses threads — or why not. Also the rules'
 * loader, and the ordered read-ahead a batch without worker threads uses.
 */
import { coverageRecord } from '../export/coverage';
import type { ExportItem } from '../export/cells';
import { textExporter, type ExportFormat } from '../export/formats';
import type { Issue, Report } from '../model/schema';
import { isSkip, readInput, type Input } from '../node/input';
import { InputError } from '../node/read';
import { compactForPairing } from '../portal/batch';

/** Why an input failed, in one line. */
export function reasonOf(err: unknown): string {
  if (err instanceof InputError) return err.reason;
  const msg = err instanceof Error ? err.message : String(err);
  return `无法解析 — could not be parsed (${msg.split('\n')[0]})`;
}

/** Map with up to `window` calls in flight, yielding the results in input order. */
export async function* ordered<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, window: number): AsyncGenerator<[T, R]> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const launch = () => {
    const p = fn(items[next++]);
    p.catch(() => {}); // handled when awaited in order
    pending.push(p);
  };
  while (next < items.length && pending.length < window) launch();
  for (let i = 0; i < items.length; i++) {
    const result = await pending.shift()!;
    if (next < items.length) launch();
    yield [items[i], result];
  }
}

export type Checker = (report: Report, previous?: Report | null) => Issue[] | Promise<Issue[]>;

export type PassFormat = ExportFormat;

/**
 * One input read, parsed, checked and rendered — or why not. For a text format `text` is the
 * exporter's item text (rendered where the report was parsed, so only text crosses threads); for
 * XLSX `item` is the report with its issues, kept for the workbook. A worker thread asked for
 * bytes sends the text as UTF-8 `bytes` instead (transferred, not copied: ./export-workers).
 */
export type Loaded = { ok: true; text?: string; bytes?: Uint8Array; item?: ExportItem; warning?: string; compact?: Report } | { ok: false; reason: string; skip?: boolean };

/** Read (or download), parse, check and render one input; never throws. */
export async function loadInput(input: Input, check: Checker, format: PassFormat, previous: Report | null = null, keepCompact = false): Promise<Loaded> {
  let report: Report;
  try {
    report = await readInput(input);
  } catch (err) {
    return isSkip(input, err) ? { ok: false, reason: reasonOf(err), skip: true } : { ok: false, reason: reasonOf(err) };
  }
  let issues: Issue[] = [];
  let warning: string | undefined;
  try {
    // The long CSV holds no issue: its batches do not run the rules (a fifth of the work per page).
    if (format !== 'csv') issues = await check(report, previous);
  } catch (err) {
    warning = `规则出错，已导出但不含问题 — the rules failed on this report; exported without issues (${reasonOf(err)})`;
  }
  const item = { report, issues };
  try {
    const out: Extract<Loaded, { ok: true }> =
      format === 'xlsx' ? { ok: true, item: previous ? ({ ...item, previous } as ExportItem) : item } : format === 'coverage-csv' ? { ok: true, text: coverageRecord({ ...item, previous }) } : { ok: true, text: textExporter(format).item(item) };
    if (warning) out.warning = warning;
    // What pairing needs of the report (a batch pairs the years after reading every input once).
    if (keepCompact) out.compact = compactForPairing(report);
    return out;
  } catch (err) {
    return { ok: false, reason: `无法导出 — could not be exported (${reasonOf(err)})` };
  }
}

/**
 * The check (core/check: rules, suspects), when it exists; else no issues. A rules module that
 * exists but fails to load is reported once (as `warning`) and the export goes on without issues.
 */
export async function loadChecker(): Promise<{ check: Checker; found: boolean; warning?: string }> {
  const none: Checker = () => [];
  try {
    // A literal path, so that the compiled CLI (dist/) carries the rules as a chunk of its own.
    const mod = (await import('../check/index')) as { checkReport?: unknown };
    if (typeof mod.checkReport !== 'function') return { check: none, found: false, warning: 'core/check/index.ts has no checkReport; exporting without issues' };
    const checkReport = mod.checkReport as (r: Report, o?: { previous?: Report | null }) => unknown;
    return {
      found: true,
      check: async (report, previous) => {
        const out = (await checkReport(report, { previous: previous ?? null })) as Issue[] | { issues?: Issue[] } | undefined;
        return Array.isArray(out) ? out : Array.isArray(out?.issues) ? out.issues : [];
      },
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const missing = (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url/i.test(e.message ?? '')) && /(?:rules|check)[\\/]index/.test(e.message ?? '');
    if (missing) return { check: none, found: false };
    return { check: none, found: false, warning: `规则无法加载，导出不含问题 — rules could not be loaded, exporting without issues (${(e.message ?? String(err)).split('\n')[0]})` };
  }
}

/**
 * A batch with its years paired: each report checked with last year's report of the same agency
 * among the inputs, in two passes over the inputs with the first pass's output spooled to disk.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copiedShare } from '../compare/copied';
import type { ExportFailure, ExportItem } from '../export/cells';
import type { Issue, Report } from '../model/schema';
import type { Input } from '../node/input';
import { pairedFrom, PAIRED_RULES } from '../portal/batch';
import { formatWriter } from './export-formats';
import { loadChecker, type Checker, type Loaded } from './export-load';
import type { BatchOptions, BatchResult } from './export-options';

/**
 * Item texts on disk: a paired batch keeps its output out of memory until every report is read. The
 * file is taken off the disk as soon as it is open (it lives while its handle does), so none is left
 * behind however the export ends — a reader that goes away (| head) exits at once, as does Ctrl-C.
 */
async function openSpool() {
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-export-'));
  const fh = await open(join(dir, 'spool'), 'w+');
  // Where an open file cannot be removed, close() below still does it.
  await rm(dir, { recursive: true, force: true }).catch(() => {});
  let size = 0;
  return {
    async put(text: string): Promise<[number, number]> {
      const bytes = Buffer.from(text, 'utf8');
      await fh.write(bytes, 0, bytes.length, size);
      const at: [number, number] = [size, bytes.length];
      size += bytes.length;
      return at;
    },
    async get([offset, length]: [number, number]): Promise<string> {
      const bytes = Buffer.alloc(length);
      await fh.read(bytes, 0, length, offset);
      return bytes.toString('utf8');
    },
    async close() {
      await fh.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The rules that read last year's report, alone (cheap on compact reports); null without the rules. */
async function pairedRulesChecker(): Promise<((report: Report, previous: Report) => Issue[]) | null> {
  try {
    const [{ checkReport }, { RULES }] = await Promise.all([import('../check/index'), import('../rules/index')]);
    const disabled = RULES.map((r) => r.id).filter((id) => !PAIRED_RULES.includes(id));
    return (report, previous) => checkReport(report, { previous, disabled });
  } catch {
    return null;
  }
}

/**
 * The paired batch: every input read once (its output spooled to disk, its compact report kept),
 * then the years paired; a report whose pair adds no issue is written as it was rendered, one the
 * cross-year rules find fault with is read again and written with them. Coverage records and
 * workbook items are completed here without a second read.
 */
export async function exportPaired(
  source: AsyncGenerator<[Input, Loaded]>,
  total: number,
  opts: BatchOptions,
  acc: { failures: ExportFailure[]; skipped: ExportFailure[]; warnings: ExportFailure[] },
  custom: Checker | null,
  reread: (subset: Input[], previous: Report[]) => AsyncGenerator<[Input, Loaded]>,
): Promise<BatchResult> {
  const { failures, skipped, warnings } = acc;
  const spool = opts.format === 'xlsx' ? null : await openSpool();
  const entries: Array<{ input: Input; at?: [number, number]; item?: ExportItem; compact: Report | null }> = [];
  let done = 0;
  try {
    for await (const [input, loaded] of source) {
      done++;
      if (loaded.ok) {
        if (loaded.warning) warnings.push({ source: input.name, reason: loaded.warning });
        entries.push({ input, at: spool ? await spool.put(loaded.text ?? '') : undefined, item: loaded.item, compact: loaded.compact ?? null });
      } else {
        (loaded.skip ? skipped : failures).push({ source: input.name, reason: loaded.reason });
      }
      opts.onProgress?.({ done, total, failed: failures.length, current: input.name });
    }
    const previous = pairedFrom(entries.map((e) => e.compact));
    const paired = custom ? null : await pairedRulesChecker();
    let full: Checker | null = custom;
    const fullChecker = async () => (full ??= (await loadChecker()).check);
    const coverage = opts.format === 'coverage-csv';
    // What last year's report adds to each; null when that cannot be told here (a checker of the caller's own).
    const extras = entries.map((e, k) => (previous[k] && e.compact && !e.item ? (paired ? paired(e.compact, previous[k]!) : null) : []));
    const again = new Map<number, { ok: true; at: [number, number] } | { ok: false; reason: string }>();
    const redo = entries.map((_, k) => k).filter((k) => previous[k] && !entries[k].item && (extras[k] === null || (extras[k]!.length > 0 && !coverage)));
    if (redo.length) {
      let n = 0;
      for await (const [, loaded] of reread(redo.map((k) => entries[k].input), redo.map((k) => previous[k]!))) {
        const k = redo[n++];
        // Kept on disk like the first reading, so memory stays flat.
        again.set(k, loaded.ok ? { ok: true, at: await spool!.put(loaded.text ?? '') } : { ok: false, reason: loaded.reason });
      }
    }
    const writer = formatWriter(opts);
    let exported = 0;
    await writer.begin();
    for (const [k, e] of entries.entries()) {
      const prev = previous[k];
      const extra = extras[k];
      if (e.item) {
        if (prev) await writer.item({ ...e.item, issues: await (await fullChecker())(e.item.report, prev), previous: prev } as ExportItem);
        else await writer.item(e.item);
        exported++;
        continue;
      }
      let text: string;
      const second = again.get(k);
      if (second) {
        if (!second.ok) {
          failures.push({ source: e.input.name, reason: second.reason });
          continue;
        }
        text = await spool!.get(second.at);
      } else {
        text = await spool!.get(e.at!);
        if (coverage && prev && e.compact && extra) {
          const record = JSON.parse(text) as { errors: number; warnings: number; copied: number | null };
          record.errors += extra.filter((i) => i.severity === 'error').length;
          record.warnings += extra.filter((i) => i.severity === 'warning').length;
          const copied = copiedShare(e.compact, prev);
          record.copied = copied ? Math.round(copied.share * 100) / 100 : null;
          text = `${JSON.stringify(record)}\n`;
        }
      }
      await writer.text(text);
      exported++;
    }
    await writer.end([...failures, ...skipped]);
    return { exported, failures, skipped, warnings };
  } finally {
    await spool?.close();
  }
}

/**
 * Where a batch page's time goes: the batch's pipeline (read, cut attributes, decode, tree, walk +
 * tables + report, text pages' parse, long CSV) run stage by stage on this one thread over the
 * same inputs as bench/batch.ts, in CPU time (process.cpuUsage: the machine's other work does not
 * inflate it as it does wall time), beside the floor (read + cheerio/slim load of the same file,
 * timed the same way). Rounds alternate pipeline and floor so that both see the same machine.
 *
 * `npx tsx bench/batch-stages.ts [pages] [rounds]` (default 1,000 pages, 3 rounds; the first 200
 * pages of each round warm up and are not counted).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio/slim';
import { textExporter } from '../core/export/formats';
import { readRegularFile, reportFromBytes } from '../core/node/read';
import { withoutUnreadAttributes } from '../core/parse/html-lean';
import { htmlTree, parseDom } from '../core/parse/html';
import { corpusPages } from './batch';

const STAGES = ['read', 'cut attributes', 'decode', 'tree', 'walk + tables + report', 'text page parse', 'long CSV'] as const;
type Stage = (typeof STAGES)[number];

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** CPU ms per stage over `files` (the batch's page sequence), and the floor's, on this thread. */
export async function batchStages(files: readonly string[], warmup = 200): Promise<{ stages: Record<Stage, number>; floor: number; pages: number }> {
  const csv = textExporter('csv');
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let floor = 0;
  let counted = 0;
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const count = i >= warmup;
    let t = cpuMs();
    const lap = (stage: Stage) => {
      const now = cpuMs();
      if (count) stages[stage] += now - t;
      t = now;
    };
    const bytes = await readRegularFile(f);
    lap('read');
    let report;
    if (/\.html?$/i.test(f)) {
      // The UTF-8 fast path of reportFromBytes (every HTML corpus page is UTF-8), stage by stage.
      const lean = withoutUnreadAttributes(bytes);
      lap('cut attributes');
      const text = utf8.decode(lean);
      lap('decode');
      const tree = htmlTree(text);
      lap('tree');
      report = parseDom(tree.root, { source: f }, tree.outerTables);
      lap('walk + tables + report');
    } else {
      report = await reportFromBytes(bytes, f, { name: f });
      lap('text page parse');
    }
    csv.item({ report, issues: [] });
    lap('long CSV');
    const $ = load(utf8.decode(readFileSync(f)));
    $('td').length;
    const now = cpuMs();
    if (count) {
      floor += now - t;
      counted++;
    }
  }
  return { stages, floor, pages: counted };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = Number(process.argv[2] ?? 1000) || 1000;
  const rounds = Number(process.argv[3] ?? 3) || 3;
  const { files } = await corpusPages();
  const sequence = Array.from({ length: pages + 200 }, (_, i) => files[i % files.length]);
  const runs: Awaited<ReturnType<typeof batchStages>>[] = [];
  for (let r = 0; r < rounds; r++) runs.push(await batchStages(sequence));
  const per = (ms: number, n: number) => (ms / n).toFixed(2);
  const lines = [`Batch pipeline stage by stage, one thread, CPU ms per page (${pages} pages of ${files.length} corpus files; ${rounds} rounds)`, '', `| stage | ${runs.map((_, i) => `round ${i + 1}`).join(' | ')} |`, `|---|${runs.map(() => '---:').join('|')}|`];
  for (const s of STAGES) lines.push(`| ${s} | ${runs.map((r) => per(r.stages[s], r.pages)).join(' | ')} |`);
  const ours = (r: (typeof runs)[number]): number => STAGES.reduce((n, s) => n + r.stages[s], 0);
  lines.push(`| **ours, all stages** | ${runs.map((r) => per(ours(r), r.pages)).join(' | ')} |`);
  lines.push(`| floor (read + cheerio/slim load) | ${runs.map((r) => per(r.floor, r.pages)).join(' | ')} |`);
  lines.push(`| ours ÷ floor | ${runs.map((r) => `${(ours(r) / r.floor).toFixed(2)}×`).join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * nianbao score <inputs…> [--pack <id|file>] [--format text|json|csv|html] [--out <dir|file>]
 *
 * Reads every input, checks each with last year's of the same agency and the whole batch (雷同
 * across agencies), scores it against a pack, and prints the scores: text, JSON, a tidy CSV (a
 * row per report × indicator) or an HTML evidence pack (a page per report and an index).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Report } from '../model/schema';
import { COLLECT_MANIFEST } from '../node/input';
import { pairableOf, pairYears } from '../compare/pair';
import { checkReport } from '../check/index';
import { evidencePack } from '../score/html';
import { RATIO_KEYS, RATIO_TITLES, ratioText } from '../score/ratios';
import { scoreBatch, type ReportScore } from '../score/score';
import { scoreCsv } from '../score/table';
import { DEFAULT_PACK } from '../score/packs/index';
import { readManifest } from './collect';
import { listSkipped, readEach } from './inputs';
import { cleanForTerminal, EXIT, unknownValue, type CliIo } from './io';
import { loadPack } from './packs';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';

const SPEC = commandSpec('score');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

const FORMATS = ['text', 'json', 'csv', 'html'] as const;

function textOf(scores: readonly ReportScore[]): string {
  const lines: string[] = [];
  for (const s of [...scores].sort((a, b) => b.score / b.max - a.score / a.max)) {
    lines.push(`${s.score} / ${s.max}  ${s.agency ?? '（机关名称未读出）'} ${s.year ?? ''} — ${s.source}`);
    for (const d of s.deductions) {
      lines.push(`  −${d.points}  ${d.title.zh}${d.rules.length ? ` [${d.rules.join(', ')}]` : ''}`);
      for (const e of d.evidence.slice(0, 5)) lines.push(`        ${e.message}`);
    }
    const unknown = s.indicators.filter((i) => i.status === 'unknown');
    if (unknown.length) lines.push(`  ?    无法判断 unknown: ${unknown.map((i) => i.title.zh).join('，')}`);
    lines.push(`  ${RATIO_KEYS.map((k) => `${RATIO_TITLES[k].zh} ${ratioText(s.ratios[k]) || '—'}`).join(' · ')}`);
  }
  // Per agency across years (scoreBatch pooled the counts before dividing): once per agency.
  const several = new Map(scores.filter((s) => s.agency && s.agencyRatios.years > 1).map((s) => [s.agency!, s.agencyRatios]));
  if (several.size) lines.push('', '按机关多年合计 per agency, years pooled:');
  for (const [agency, { years, ratios }] of several) {
    lines.push(`  ${agency}（${years} 年）${RATIO_KEYS.map((k) => `${RATIO_TITLES[k].zh} ${ratioText(ratios[k]) || '—'}`).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('score', argv);
  const values = parsed.values as { pack?: string; format?: string; out?: string };
  const positionals = parsed.positionals;
  values.pack ??= DEFAULT_PACK;
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) {
    io.err(`nianbao score: ${unknownValue('format', values.format ?? '', FORMATS)}\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`nianbao score: 没有输入 — no input given\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  if (format === 'html' && !values.out) {
    io.err(`nianbao score: --format html 需要 --out 目录 — html needs --out DIR\n`);
    return EXIT.usage;
  }
  const loaded = await loadPack(values.pack!);
  if (!loaded.ok) {
    io.err(`nianbao score: ${loaded.problem}\n`);
    return EXIT.usage;
  }
  const pack = loaded.pack;

  // A collect output directory: manifest.csv names each file's URL (the portal column) and the
  // date the list page printed beside its link (the publication date when the page gives none).
  const collected = new Map<string, { url: string; published: string }>();
  for (const p of positionals) {
    for (const row of await readManifest(p)) if (row.file && row.status === 'ok') collected.set(resolve(p, row.file), row);
    if (basename(p) === COLLECT_MANIFEST) for (const row of await readManifest(dirname(p))) if (row.file) collected.set(resolve(dirname(p), row.file), row);
  }
  const read: Array<{ source: string; report: Report; published: string | null }> = [];
  const result = await readEach(positionals, io, (input, report) => {
    const row = collected.get(resolve(input.name));
    read.push({ source: row?.url ?? input.name, report, published: row?.published || null });
  });
  const reports = read.map((r) => r.report);
  const pairs = pairYears(reports.map((r) => pairableOf(r.meta)));
  const items = read.map(({ source, report, published }, k) => {
    const previous = pairs[k] === null ? null : reports[pairs[k]!];
    const issues = report.meta.format === 'older' ? [] : checkReport(report, { previous, batch: reports });
    return { source, report, issues, previous, published };
  });
  const scores = scoreBatch(items, pack, reports);

  let text: string | null = null;
  if (format === 'json') text = `${JSON.stringify(scores.map(({ indicators: _i, ...s }) => s), null, 2)}\n`;
  else if (format === 'csv') text = scoreCsv(scores);
  else if (format === 'text') text = cleanForTerminal(textOf(scores));
  if (format === 'html') {
    const dir = values.out!;
    await mkdir(dir, { recursive: true });
    for (const f of evidencePack(scores, reports, pack)) await writeFile(join(dir, f.name), f.html);
    io.err(`nianbao score: ${scores.length} 份报告的证据页和排名写入 ${dir}/index.html — evidence pack written\n`);
  } else if (values.out) await writeFile(values.out, text!);
  else io.out(text!);
  if (format === 'json' || format === 'csv' || (format === 'text' && values.out)) io.err(`nianbao score: ${scores.length} 份报告已评分（${pack.id}） — ${scores.length} reports scored\n`);
  listSkipped(io, 'score', result.skipped);
  return result.failed ? EXIT.input : EXIT.ok;
}

/**
 * Every sentence true: over every fixture we have — the corpus pages, the samples, pages of our
 * own with numbers planted in them — every rule's issues are rendered as the CLI text, the issues
 * CSV and the extension's tooltip and panel text render them, and each claim about what a cell
 * prints ("表三印 95", "印 17，应为 15", "（印 30）") is checked against the cell itself. An issue
 * several equally small corrections explain never states a value as certain (no 应为).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, Issue, Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/html';
import { readReportFile } from '../core/node/index';
import { checkReport } from '../core/check/index';
import { figuresText } from '../core/export/figures';
import { candidatesText, suspectsLine, suspectWords } from '../core/export/suspects';
import { issueLine, ISSUE_COLUMNS } from '../core/export/csv';
import { formatText } from '../core/cli/check';
import { issueCandidates, issueNumbers } from '../extension/app/describe';
import { pairableOf, pairYears } from '../core/compare/pair';
import { SAMPLES_DIR } from '../scripts/gen-samples';
import { corpusReports, hasCorpus } from './support/corpus';
import { pagesToPlantIn, plantInPage, spots } from './support/planted';

interface Fixture {
  name: string;
  report: Report;
  previous: Report | null;
}

const TABLE_OF: Record<string, 't2' | 't3' | 't4'> = { 二: 't2', 三: 't3', 四: 't4', '2': 't2', '3': 't3', '4': 't4' };

function cellAt(r: Report, c: { table: 't2' | 't3' | 't4'; row: string; column: string }): Cell | undefined {
  return r[c.table][c.row]?.[c.column];
}

/** What a cell prints, as the renderers may write it. */
function printedForms(cell: Cell | undefined): string[] {
  if (!cell) return [];
  if (cell.value !== null) return [String(+cell.value.toFixed(6))];
  return cell.blank ? ['空白', 'blank', '未印数字', 'no number'] : ['未印数字', 'no number'];
}

async function fixtures(): Promise<Fixture[]> {
  const out: Fixture[] = [];
  const add = (list: Array<{ name: string; report: Report }>) => {
    const pairs = pairYears(list.map((x) => pairableOf(x.report.meta)));
    list.forEach((x, k) => out.push({ ...x, previous: pairs[k] === null ? null : list[pairs[k]!].report }));
  };
  if (hasCorpus) add(await Promise.all(corpusReports().map(async (e) => ({ name: e.name, report: await readReportFile(e.path) }))));
  add(['demo-2024.html', 'demo-2023.html', 'demo-2020-old-format.html'].map((n) => ({ name: n, report: parseHtml(readFileSync(join(SAMPLES_DIR, n), 'utf8')) })));
  // Our own pages with a number changed: every kind of arithmetic issue, some with one suspect, some ambiguous.
  for (const page of pagesToPlantIn({ plain: {}, portal: { portal: true } }, (s) => s.length + 3)) {
    const base = parseHtml(page.html);
    if (!base.meta.format) continue;
    const all = spots(base);
    for (let k = 0; k < 6 && all.length; k++) {
      const spot = all[(k * 7919) % all.length];
      const text = k === 5 ? '' : String(Math.max(0, spot.value + (k % 2 ? 3 : -2)));
      out.push({ name: `${page.name} ${spot.table}.${spot.row}.${spot.column}=${text}`, report: parseHtml(plantInPage(page.html, base, spot, text)), previous: null });
    }
  }
  return out;
}

/** Every claim of the kind "表三印 95" / "table 3 prints 95" / "表三此格空白" in a text: [table, printed]. */
function figureClaims(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of text.matchAll(/表([二三四])(?:印 (-?[\d.]+)|此格(空白|未印数字))/g)) out.push([TABLE_OF[m[1]], m[2] ?? m[3]]);
  for (const m of text.matchAll(/table ([234])(?: prints (-?[\d.]+)|: (blank|no number))/g)) out.push([TABLE_OF[m[1]], m[2] ?? m[3]]);
  return out;
}

function checkIssue(f: Fixture, issue: Issue, problems: string[]) {
  const where = `${f.name} ${issue.rule} ${issue.table}.${issue.row}.${issue.column}`;
  const say = (what: string) => problems.push(`${where}: ${what}`);
  const located = issue.table && issue.row && issue.column ? cellAt(f.report, { table: issue.table, row: issue.row, column: issue.column }) : undefined;
  // The field: actual is what the located cell prints.
  if ((located?.value ?? null) !== issue.actual) say(`actual ${issue.actual}, the cell prints ${located?.value ?? '(no number)'}`);
  if (issue.expected !== null && !issue.expectedFrom) say('expected without expectedFrom');
  // The words: every renderer's claim about the located cell.
  const csv = issueLine(f.report, issue);
  const texts = [
    figuresText(issue, 'zh', located?.blank),
    figuresText(issue, 'en', located?.blank),
    String(csv[ISSUE_COLUMNS.indexOf('figures')]),
    issueNumbers(issue, 'zh', f.report),
    issueNumbers(issue, 'en', f.report),
  ];
  if (csv[ISSUE_COLUMNS.indexOf('actual')] !== (located?.value ?? '')) say(`CSV actual ${csv[ISSUE_COLUMNS.indexOf('actual')]}`);
  for (const text of texts) {
    for (const [table, printed] of figureClaims(text)) {
      if (table !== issue.table || !printedForms(located).includes(printed)) say(`"${text}" — the cell prints ${printedForms(located)[0] ?? '(none)'}`);
    }
    if (/应为|should be/.test(text)) say(`"${text}" states a value as certain`);
  }
  // Suspects and candidates: what they say each cell prints.
  for (const s of issue.suspects ?? []) {
    const cell = cellAt(f.report, s);
    if ((cell?.value ?? null) !== s.printed) say(`suspect ${s.row}.${s.column} printed ${s.printed}, the cell prints ${cell?.value}`);
    const words = suspectWords(s, 'zh');
    if (!printedForms(cell).some((p) => words.includes(`印 ${p}`) || words.includes(` ${p}，应为`))) say(`"${words}" — the cell prints ${printedForms(cell)[0]}`);
  }
  for (const c of issue.candidates ?? []) {
    const cell = cellAt(f.report, c);
    if ((cell?.value ?? null) !== c.printed) say(`candidate ${c.row}.${c.column} printed ${c.printed}, the cell prints ${cell?.value}`);
  }
  if ((issue.candidates ?? []).length) {
    if ((issue.suspects ?? []).length) say('both suspects and candidates');
    for (const text of [suspectsLine(issue, 'zh'), suspectsLine(issue, 'en'), candidatesText(issue, 'zh'), issueCandidates(issue, 'zh')]) {
      if (/应为|should be/.test(text)) say(`ambiguous, yet "${text}"`);
      for (const c of issue.candidates) if (!text.includes(c.printed === null ? '未印数字' : `${c.printed}`) && !text.includes('no number')) say(`"${text}" does not show candidate ${c.row}.${c.column}`);
    }
  }
}

describe('every sentence about a printed value is true', async () => {
  const all = await fixtures();

  it('has fixtures of every kind, and issues with figures, suspects and candidates among them', () => {
    const issues = all.flatMap((f) => checkReport(f.report, { previous: f.previous }));
    expect(all.length).toBeGreaterThan(hasCorpus ? 60 : 40);
    expect(issues.some((i) => i.expectedFrom === 'sum')).toBe(true);
    expect(issues.some((i) => (i.suspects ?? []).length > 0)).toBe(true);
    expect(issues.some((i) => (i.candidates ?? []).length > 0)).toBe(true);
    if (hasCorpus) expect(issues.some((i) => i.expectedFrom === 'narrative')).toBe(true);
  });

  it('the fields, the CLI text, the CSV and the extension text agree with the cells', () => {
    const problems: string[] = [];
    for (const f of all) {
      const issues = checkReport(f.report, { previous: f.previous });
      for (const issue of issues) checkIssue(f, issue, problems);
      // The CLI text as printed: each figures line is one of the issue's own.
      const text = formatText(f.name, f.report, issues, null);
      const claims = figureClaims(text).length;
      const own = issues.reduce((n, i) => n + figureClaims(`${figuresText(i, 'zh')} ${figuresText(i, 'en')}`).length, 0);
      if (claims !== own) problems.push(`${f.name}: the CLI text makes ${claims} claims about cells, its issues ${own}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it.runIf(hasCorpus)('洪泽区 2024: the text says 17, table 3 prints 95', () => {
    const f = all.find((x) => x.name.startsWith('04-hongze-district-2024'))!;
    const issue = checkReport(f.report).find((i) => i.rule === 'narrative.table-mismatch' && i.row === 'new_received')!;
    expect(issue).toMatchObject({ expected: 17, expectedFrom: 'narrative', actual: 95 });
    expect(figuresText(issue, 'zh')).toBe('正文写 17，表三印 95');
  });
});

/**
 * nianbao check <inputs…> [--previous <input>] [--format text|json] [--disable <rule,…>]…
 *
 * Reads each report, runs every rule, prints a readable report per input (or one JSON array of
 * issues). Exit code: 0 no error-severity issue, 1 an error found, 2 an input could not be read
 * (the other inputs are still checked).
 */
import { labelOf, type TableId } from '../model/keys';
import type { Issue, Report, Severity } from '../model/schema';
import { suspectsLine } from '../export/suspects';
import { figuresText } from '../export/figures';
import { readArgument, type Input } from '../node/input';
import { agencyMismatch, pairableOf, pairYears } from '../compare/pair';
import { OLDER_MESSAGE } from '../parse/older';
import { readingNotes } from '../parse/build';
import { checkReport } from '../check/index';
import { RULES } from '../rules/index';
import { describeError, listSkipped, readEach } from './inputs';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { cleanForTerminal, closest, EXIT, unknownValue, type CliIo } from './io';

const SPEC = commandSpec('check');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

export interface JsonIssue {
  source: string;
  rule: string;
  severity: Severity;
  table: Issue['table'];
  row: string | null;
  column: string | null;
  cells: Issue['cells'];
  expected: number | null;
  expectedFrom: Issue['expectedFrom'];
  actual: number | null;
  message: string;
  suspects: Issue['suspects'];
  candidates: Issue['candidates'];
}

const SEVERITY_WORD: Record<Severity, string> = { error: '错误 error  ', warning: '警告 warning', info: '提示 info   ' };

/** Where an issue points, for a text line: "t3 granted · total", "t3 列 total", "—". */
export function placeOf(issue: Pick<Issue, 'table' | 'row' | 'column'>): string {
  if (!issue.table) return '—';
  const t = issue.table as TableId;
  const label = labelOf(t, issue.row, issue.column);
  const keys = issue.row && issue.column ? `${issue.row} · ${issue.column}` : issue.row ? `${issue.row} 行` : issue.column ? `${issue.column} 列` : '整表';
  return label ? `${t} ${keys}（${label}）` : `${t} ${keys}`;
}

function counts(issues: Issue[]): Record<Severity, number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const i of issues) c[i.severity]++;
  return c;
}

const en = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(c: Record<Severity, number>): string {
  return `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示 — ${en(c.error, 'error')}, ${en(c.warning, 'warning')}, ${c.info} info`;
}

/**
 * "共检查 18 份报告（另有 1 份无法读取）（跳过 41 个不是报告的文件）" — each count as counted while
 * reading (never one derived from the others), so none can be negative.
 */
export function checkedLine(read: number, failed: number, skipped: number): string {
  return `共检查 ${read} 份报告${failed > 0 ? `（另有 ${failed} 份无法读取）` : ''}${skipped > 0 ? `（跳过 ${skipped} 个不是报告的文件）` : ''}`;
}

/** Reading notes shown per report in text output (JSON lists them all). */
const MAX_NOTES = 6;

export function formatText(file: string, report: Report, issues: Issue[], previous: { file: string; report: Report } | null): string {
  const m = report.meta;
  const lines = [file];
  const head = [m.agency ?? '（机关名称未读出）', m.year ? `${m.year} 年度` : '（年度未读出）', m.format === 'older' ? OLDER_MESSAGE : m.format ? `格式 ${m.format}` : '（格式未识别）'];
  if (m.published) head.push(`发布 ${m.published}`);
  if (report.diagnostics.some((d) => d.code === 'pdf.ocr')) head.push('本机 OCR 识读 — read by OCR');
  lines.push(`  ${head.join(' · ')}`);
  // What the reader could not read, or read by guess: the issues' "见读取说明" points here.
  const notes = readingNotes(report);
  for (const d of notes.slice(0, MAX_NOTES)) lines.push(`  读取说明 reading note  ${d.code}: ${d.message}`);
  if (notes.length > MAX_NOTES) lines.push(`  …另有 ${notes.length - MAX_NOTES} 条读取说明（export --format json 全部列出） — ${notes.length - MAX_NOTES} more reading notes (nianbao export --format json lists them all)`);
  if (previous) {
    const py = previous.report.meta.year;
    const applies = !py || !m.year || py === m.year - 1;
    lines.push(`  上年报告 previous: ${previous.file}${applies ? '' : `（${py} 年度，不是上一年，未作跨年核对 — not last year's report, not compared）`}`);
  }
  for (const i of issues) {
    lines.push(`  ${SEVERITY_WORD[i.severity]}  ${i.rule.padEnd(26)} ${placeOf(i)}\n      ${i.message}`);
    const blank = i.table && i.row && i.column ? report[i.table][i.row]?.[i.column]?.blank === true : false;
    const figures = figuresText(i, 'zh', blank);
    if (figures) lines.push(`      ${figures} — ${figuresText(i, 'en', blank)}`);
    const likely = suspectsLine(i);
    if (likely) lines.push(`      ${likely}`);
  }
  if (issues.length === 0) lines.push(m.format === 'older' ? '  旧格式的表格不核对 — the tables of the older format are not checked' : '  未发现问题 — no issues');
  lines.push(`  ${summary(counts(issues))}`);
  return `${lines.join('\n')}\n`;
}

export function toJsonIssue(source: string, i: Issue): JsonIssue {
  return {
    source,
    rule: i.rule,
    severity: i.severity,
    table: i.table,
    row: i.row,
    column: i.column,
    cells: i.cells,
    expected: i.expected,
    expectedFrom: i.expectedFrom ?? null,
    actual: i.actual,
    message: i.message,
    suspects: i.suspects ?? [],
    candidates: i.candidates ?? [],
  };
}

/** --disable a,b --disable c → [a, b, c]. */
export function disabledRules(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[,，\s]+/)).filter(Boolean);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('check', argv);
  const values = parsed.values as { format?: string; previous?: string; disable?: string[] };
  const positionals = parsed.positionals;
  if (values.format !== 'text' && values.format !== 'json') {
    io.err(`nianbao check: ${unknownValue('format', values.format ?? '', ['text', 'json'])}\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  if (positionals.length === 0) {
    io.err(`nianbao check: 没有输入 — no input given\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  const disabled = disabledRules(values.disable);
  const ids = RULES.map((r) => r.id);
  const unknown = disabled.filter((id) => !ids.includes(id));
  if (unknown.length) {
    const hints = unknown.map((id) => {
      const near = closest(id, ids);
      return near ? `${id} (did you mean ${near}?)` : id;
    });
    io.err(`nianbao check: 没有这条规则 — unknown rule: ${hints.join(', ')} (see nianbao rules)\n`);
    return EXIT.usage;
  }

  let inputFailed = false;
  let previous: Report | null = null;
  if (values.previous) {
    try {
      previous = await readArgument(values.previous);
    } catch (err) {
      io.err(`${describeError(values.previous, err)}\n`);
      inputFailed = true;
    }
  }

  const all: JsonIssue[] = [];
  const total = { error: 0, warning: 0, info: 0 };
  // A report's own text (agency, title) may carry terminal escapes: the text output is cleaned.
  const say = values.format === 'text' ? (t: string) => io.out(cleanForTerminal(t)) : io.out;
  const reports: Array<{ input: Input; report: Report }> = [];
  const result = await readEach(positionals, io, (input, report) => {
    reports.push({ input, report });
  });
  // Each report is checked with last year's of the same agency among the inputs; --previous forces one.
  const refused = previous ? reports.find(({ report }) => agencyMismatch(report, previous!)) : undefined;
  if (refused && previous) {
    io.err(`nianbao check: ${values.previous}: ${agencyMismatch(refused.report, previous)} — --previous must be last year's report of the same agency\n`);
    return EXIT.usage;
  }
  const pairs = pairYears(reports.map(({ report }) => pairableOf(report.meta)));
  for (const [k, { input, report }] of reports.entries()) {
    const paired = previous ? { file: values.previous!, report: previous } : pairs[k] === null ? null : { file: reports[pairs[k]!].input.name, report: reports[pairs[k]!].report };
    const older = report.meta.format === 'older';
    const issues = older ? [] : checkReport(report, { previous: paired?.report ?? null, disabled });
    const c = counts(issues);
    total.error += c.error;
    total.warning += c.warning;
    total.info += c.info;
    if (values.format === 'json') all.push(...issues.map((i) => toJsonIssue(input.name, i)));
    else say(`${formatText(input.name, report, issues, paired)}\n`);
  }
  if (result.failed) inputFailed = true;

  if (values.format === 'json') io.out(`${JSON.stringify(all, null, 2)}\n`);
  else {
    say(`${checkedLine(result.read, result.failed, result.skipped.length)}：${summary(total)}\n`);
  }
  listSkipped(io, 'check', result.skipped);

  if (inputFailed) return EXIT.input;
  return total.error > 0 ? EXIT.issues : EXIT.ok;
}

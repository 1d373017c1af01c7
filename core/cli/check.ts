/**
 * nianbao check <file…> [--previous <file>] [--format text|json] [--disable <rule>]…
 *
 * Reads each report, runs every rule, prints a readable report per file (or one JSON array of
 * issues). Exit code: 0 no error-severity issue, 1 an error found, 2 an input could not be read
 * (the other files are still checked).
 */
import { parseArgs } from 'node:util';
import { labelOf, type TableId } from '../model/keys';
import type { Issue, Report, Severity } from '../model/schema';
import { suspectsLine } from '../export/suspects';
import { readReportFile } from '../node/read';
import { checkReport, RULES } from '../rules/index';
import { EXIT, type CliIo } from './io';
import { describeError } from './parse';

export const usage = 'nianbao check <file…> [--previous <file>] [--format text|json] [--disable <rule-id>]';

export interface JsonIssue {
  source: string;
  rule: string;
  severity: Severity;
  table: Issue['table'];
  row: string | null;
  column: string | null;
  cells: Issue['cells'];
  expected: number | null;
  actual: number | null;
  message: string;
  suspects: Issue['suspects'];
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

export function formatText(file: string, report: Report, issues: Issue[], previous: { file: string; report: Report } | null): string {
  const m = report.meta;
  const lines = [file];
  const head = [m.agency ?? '（机关名称未读出）', m.year ? `${m.year} 年度` : '（年度未读出）', m.format ? `格式 ${m.format}` : '（格式未识别）'];
  if (m.published) head.push(`发布 ${m.published}`);
  lines.push(`  ${head.join(' · ')}`);
  if (previous) {
    const py = previous.report.meta.year;
    const applies = !py || !m.year || py === m.year - 1;
    lines.push(`  上年报告 previous: ${previous.file}${applies ? '' : `（${py} 年度，不是上一年，未作跨年核对 — not last year's report, not compared）`}`);
  }
  for (const i of issues) {
    lines.push(`  ${SEVERITY_WORD[i.severity]}  ${i.rule.padEnd(26)} ${placeOf(i)}\n      ${i.message}`);
    const likely = suspectsLine(i);
    if (likely) lines.push(`      ${likely}`);
  }
  if (issues.length === 0) lines.push('  未发现问题 — no issues');
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
    actual: i.actual,
    message: i.message,
    suspects: i.suspects ?? [],
  };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      previous: { type: 'string' },
      disable: { type: 'string', multiple: true },
    },
  });
  if (positionals.length === 0 || (values.format !== 'text' && values.format !== 'json')) {
    io.err(`usage: ${usage}\n`);
    return EXIT.usage;
  }
  const unknown = (values.disable ?? []).filter((id) => !RULES.some((r) => r.id === id));
  if (unknown.length) {
    io.err(`nianbao check: 没有这条规则 — unknown rule: ${unknown.join(', ')} (see nianbao rules)\n`);
    return EXIT.usage;
  }

  let inputFailed = false;
  let previous: Report | null = null;
  if (values.previous) {
    try {
      previous = await readReportFile(values.previous);
    } catch (err) {
      io.err(`${describeError(values.previous, err)}\n`);
      inputFailed = true;
    }
  }

  const all: JsonIssue[] = [];
  const total = { error: 0, warning: 0, info: 0 };
  let checked = 0;
  for (const file of positionals) {
    let report: Report;
    try {
      report = await readReportFile(file);
    } catch (err) {
      io.err(`${describeError(file, err)}\n`);
      inputFailed = true;
      continue;
    }
    checked++;
    const issues = checkReport(report, { previous, disabled: values.disable });
    const c = counts(issues);
    total.error += c.error;
    total.warning += c.warning;
    total.info += c.info;
    if (values.format === 'json') all.push(...issues.map((i) => toJsonIssue(file, i)));
    else io.out(`${formatText(file, report, issues, previous ? { file: values.previous!, report: previous } : null)}\n`);
  }

  if (values.format === 'json') io.out(`${JSON.stringify(all, null, 2)}\n`);
  else {
    const failed = positionals.length - checked;
    io.out(`共检查 ${checked} 份报告${failed ? `（另有 ${failed} 份无法读取）` : ''}：${summary(total)}\n`);
  }

  if (inputFailed) return EXIT.input;
  return total.error > 0 ? EXIT.issues : EXIT.ok;
}

/**
 * An issue's numbers in words, each named for what it is: what the located cell prints (`actual`,
 * read from the cell) and what a named source says it should print (`expected` + `expectedFrom`):
 * "正文写 17，表三印 95", "各分项相加为 26，表三印 30", "上年报告为 4，表三印 5". Never "应为" — a
 * rule knows that two numbers disagree, not which one is wrong; only a suspect (the one smallest
 * correction) names a value, and an ambiguous issue lists its candidates without one. Used by the
 * CLI text, the CSV/XLSX issue lists, the letter and the extension's panel and tooltip. Browser-safe.
 */
import type { TableId } from '../model/keys';
import type { ExpectedFrom, Issue } from '../model/schema';

export type Lang = 'zh' | 'en';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(+n.toFixed(6)));

const TABLE_WORD: Record<Lang, Record<TableId, string>> = {
  zh: { t2: '表二', t3: '表三', t4: '表四' },
  en: { t2: 'table 2', t3: 'table 3', t4: 'table 4' },
};

/** What each source is called: the sentence "{source} {expected}, {table} prints {actual}". */
export const EXPECTED_FROM_WORDS: Record<Lang, Record<ExpectedFrom, string>> = {
  zh: { sum: '各分项相加为', 'last-year': '上年报告为', carried: '按上年数加本年增减为', narrative: '正文写', rule: '核对得' },
  en: { sum: 'the parts add up to', 'last-year': "last year's report gives", carried: "last year's figure with this year's changes gives", narrative: 'the text says', rule: 'the check gives' },
};

/** A printed value in words: the number, or 空白 / 未印数字 when the cell prints none. */
export function printedWords(printed: number | null, lang: Lang, blank = false): string {
  if (printed !== null) return fmt(printed);
  if (lang === 'zh') return blank ? '空白' : '未印数字';
  return blank ? 'blank' : 'no number';
}

/**
 * "正文写 17，表三印 95" / "the text says 17; table 3 prints 95"; "表三印 30" when no source names a
 * value; '' when the issue has no located cell. `blank`: the located cell is blank (the caller
 * knows the report; without it a cell printing no number is "未印数字").
 */
export function figuresText(issue: Pick<Issue, 'table' | 'row' | 'column' | 'expected' | 'actual' | 'expectedFrom'>, lang: Lang, blank = false): string {
  if (!issue.table || !issue.row || !issue.column) return '';
  const table = TABLE_WORD[lang][issue.table];
  const printed = printedWords(issue.actual, lang, blank);
  const prints = lang === 'zh' ? (issue.actual === null ? `${table}此格${printed}` : `${table}印 ${printed}`) : issue.actual === null ? `${table}: ${printed}` : `${table} prints ${printed}`;
  if (issue.expected === null) return prints;
  const from = EXPECTED_FROM_WORDS[lang][issue.expectedFrom ?? 'rule'];
  return lang === 'zh' ? `${from} ${fmt(issue.expected)}，${prints}` : `${from} ${fmt(issue.expected)}; ${prints}`;
}

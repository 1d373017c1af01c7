/** How an issue is put into words in the panel, the tooltip and the letter to the agency. */
import { labelOf, ruleInfo, type Issue } from './core';
import { T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS } from '../../core/model/keys';

/** English label of a cell key, from the data dictionary's own `en` names. */
export function labelEn(table: 't2' | 't3' | 't4', row: string | null, column: string | null): string {
  const t2 = [...T2_ROWS_2021, ...T2_ROWS_2019];
  const rows = table === 't2' ? t2 : table === 't3' ? [...T3_ROWS_2021, ...T3_ROWS_2019] : T4_GROUPS;
  const cols = table === 't2' ? t2.flatMap((r) => r.columns) : table === 't3' ? T3_COLUMNS : T4_COLUMNS;
  const r = rows.find((x) => x.key === row);
  const c = cols.find((x) => x.key === column);
  return [r?.en, c?.en].filter(Boolean).join(' · ');
}
import type { Lang, Translate } from '../lib/i18n';

const TABLE_NAMES = {
  zh: { t2: '表二 主动公开', t3: '表三 申请处理', t4: '表四 复议诉讼' },
  en: { t2: 'Table 2 (proactive)', t3: 'Table 3 (requests)', t4: 'Table 4 (reviews, lawsuits)' },
} as const;

export function issueTitle(issue: Issue, lang: Lang): string {
  return ruleInfo(issue.rule)?.title[lang] ?? issue.rule;
}

export function issueMessage(issue: Issue, lang: Lang): string {
  return lang === 'zh' ? issue.message : issue.messageEn || issue.message;
}

export function issueExplanation(issue: Issue, lang: Lang): string {
  const text = ruleInfo(issue.rule)?.explanation[lang] ?? '';
  // One line in the tooltip: the first sentence.
  const first = /^.*?[。.!！?？](?=\s|$|[^\d])/.exec(text.trim());
  return (first ? first[0] : text).trim();
}

/** "表三 申请处理 · （一）予以公开 · 总计" — where the issue is. */
export function issueWhere(issue: Issue, lang: Lang): string {
  if (!issue.table) return '';
  const label = lang === 'zh' ? labelOf(issue.table, issue.row, issue.column) : labelEn(issue.table, issue.row, issue.column);
  return label ? `${TABLE_NAMES[lang][issue.table]} · ${label}` : TABLE_NAMES[lang][issue.table];
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(+n.toFixed(6)));

/** "应为 272，表中为 空白" or "" when the issue carries no numbers. */
export function issueNumbers(issue: Issue, t: Translate, blank = false): string {
  const { expected, actual } = issue;
  const act = actual === null ? (blank ? t('blank') : null) : fmt(actual);
  if (expected !== null && act !== null) return t('expectedActual', { expected: fmt(expected), actual: act });
  if (expected !== null) return t('expectedOnly', { expected: fmt(expected) });
  if (act !== null) return t('actualOnly', { actual: act });
  return '';
}

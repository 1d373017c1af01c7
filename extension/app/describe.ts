/** How an issue is put into words in the panel, the tooltip and the letter to the agency. */
import { labelOf, ruleInfo, type Issue, type Report } from './core';
import { figuresText } from '../../core/export/figures';
import { suspectsLine } from '../../core/export/suspects';
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
import type { Lang } from '../lib/i18n';

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

/** Whether the cell an issue is located at is blank (so that its figures say 空白, not 未印数字). */
export function locatedBlank(issue: Issue, report: Report | null): boolean {
  if (!report || !issue.table || !issue.row || !issue.column) return false;
  return report[issue.table][issue.row]?.[issue.column]?.blank === true;
}

/** "正文写 17，表三印 95" — the issue's numbers, each named for where it comes from (core/export/figures.ts); '' when it has none. */
export function issueNumbers(issue: Issue, lang: Lang, report: Report | null = null): string {
  return figuresText(issue, lang, locatedBlank(issue, report));
}

/**
 * Why no number can be named, and the cells that may be wrong (none preferred): "有几种同样小的改法…；
 * 可能是以下之一：…" — for an arithmetic issue without a suspect; '' otherwise.
 */
export function issueCandidates(issue: Issue, lang: Lang): string {
  return (issue.suspects ?? []).length ? '' : suspectsLine(issue, lang);
}

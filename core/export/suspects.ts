/**
 * Suspects in words and in a data field: `t3.granted.total=15` for the issues CSV and XLSX, and
 * "可能出错的数字 likely wrong: 予以公开 · 总计 印 17，应为 15" for the check text and the letter.
 * Browser-safe.
 */
import { halfOf } from '../model/bilingual';
import { labelOf, T2_ROWS_2019, T2_ROWS_2021, T3_COLUMNS, T3_ROWS_2019, T3_ROWS_2021, T4_COLUMNS, T4_GROUPS } from '../model/keys';
import type { Candidate, Issue, Suspect } from '../model/schema';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(+n.toFixed(6)));

/** `t3.granted.total=15;t3.partially_granted.total=3` — '' when the issue has no suspect. */
export function suspectsText(issue: Pick<Issue, 'suspects'>): string {
  return (issue.suspects ?? []).map((s) => `${s.table}.${s.row}.${s.column}=${fmt(s.suggested)}`).join(';');
}

/** A suspect's cell in words: 「予以公开 · 总计」 / "granted · total". */
export function suspectPlace(s: Pick<Suspect, 'table' | 'row' | 'column'>, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return (labelOf(s.table, s.row, s.column) || `${s.row} · ${s.column}`).replace(/^（[一二三四五六七]）/, '');
  const t2 = [...T2_ROWS_2021, ...T2_ROWS_2019];
  const rows = s.table === 't2' ? t2 : s.table === 't3' ? [...T3_ROWS_2021, ...T3_ROWS_2019] : T4_GROUPS;
  const cols = s.table === 't2' ? t2.flatMap((r) => r.columns) : s.table === 't3' ? T3_COLUMNS : T4_COLUMNS;
  return [rows.find((r) => r.key === s.row)?.en ?? s.row, cols.find((c) => c.key === s.column)?.en ?? s.column].join(' · ');
}

/** One suspect: "予以公开 · 总计 印 17，应为 15" / "granted · total printed 17, should be 15". */
export function suspectWords(s: Suspect, lang: 'zh' | 'en'): string {
  const place = suspectPlace(s, lang);
  if (lang === 'zh') return `${place} ${s.printed === null ? '未印数字' : `印 ${fmt(s.printed)}`}，应为 ${fmt(s.suggested)}${s.kind === 'split' ? '（拆格）' : ''}`;
  return `${place} ${s.printed === null ? 'no number printed' : `printed ${fmt(s.printed)}`}, should be ${fmt(s.suggested)}${s.kind === 'split' ? ' (split cell)' : ''}`;
}

/**
 * The line under an issue: "可能出错的数字 likely wrong: 予以公开 · 总计 印 17，应为 15", or the
 * note why none can be named; '' for an issue of another kind.
 */
export function suspectsLine(issue: Pick<Issue, 'suspects' | 'suspectsNote' | 'candidates'>, lang: 'zh' | 'en' | 'both' = 'both'): string {
  const list = issue.suspects ?? [];
  if (list.length === 0) {
    if (!issue.suspectsNote) return '';
    const zhNote = halfOf(issue.suspectsNote, 'zh');
    const enNote = halfOf(issue.suspectsNote, 'en');
    const zh = [zhNote, candidatesText(issue, 'zh')].filter(Boolean).join('；');
    const en = [enNote, candidatesText(issue, 'en')].filter(Boolean).join('; ');
    return lang === 'zh' ? zh : lang === 'en' ? en : `${zh} — ${en}`;
  }
  const zh = list.map((s) => suspectWords(s, 'zh')).join('；');
  if (lang === 'zh') return `可能出错的数字：${zh}`;
  if (lang === 'en') return `likely wrong: ${list.map((s) => suspectWords(s, 'en')).join('; ')}`;
  return `可能出错的数字 likely wrong: ${zh}`;
}

/** "「总计」（印 30）、「予以公开」（印 5）" — the cells that may be wrong, none preferred. */
export function candidatesWords(candidates: readonly Candidate[], lang: 'zh' | 'en'): string {
  if (lang === 'zh') return candidates.map((c) => `「${suspectPlace(c, 'zh')}」（${c.printed === null ? '未印数字' : `印 ${fmt(c.printed)}`}）`).join('、');
  return candidates.map((c) => `${suspectPlace(c, 'en')} (${c.printed === null ? 'no number' : `printed ${fmt(c.printed)}`})`).join(', ');
}

/** "可能是以下之一：…" / "it may be one of: …" (after the note that says why none is named); '' when none. */
export function candidatesText(issue: Pick<Issue, 'candidates'>, lang: 'zh' | 'en'): string {
  const list = issue.candidates ?? [];
  if (list.length === 0) return '';
  return lang === 'zh' ? `可能是以下之一：${candidatesWords(list, 'zh')}` : `it may be one of: ${candidatesWords(list, 'en')}`;
}

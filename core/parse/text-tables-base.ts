/** What the table finders of PDF text share: the span and result of a table, each table's words, section headings, cells and diagnostics, the walk up a table's header. Moved verbatim from text-tables.ts. */
import type { Diagnostic } from '../model/schema';
import type { FoundCell } from './extraction';
import { compact } from './normalize';
import { vocabRatio, type TextLine, type TextValue } from './text-lines';

export interface Span {
  table: 't2' | 't3' | 't4';
  /** 0-based indexes into the line array, inclusive. */
  from: number;
  to: number;
}

export interface TableResult {
  cells: FoundCell[];
  span: Span | null;
  diagnostics: Diagnostic[];
}

export const vocab = (s: string) => new Set([...s.normalize('NFKC')]);
export const T3_VOCAB = vocab('申请人情况本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其它总计合');
export const T4_VOCAB = vocab('行政复议诉讼未经直接起后结果维持纠正其他它尚未审结总计合');
export const T2_VOCAB = vocab('第二十条项一二三四五六七八九信息内容本年制发件数废止现行有效处理决定数量收费金额单位万元新作公开对外总上项目增减采购');

/** A heading of one of the six sections: "三、收到和处理政府信息公开申请情况". */
const SECTION_HEADING = /^[一二三四五六七八][、.．，,]/;
const SECTION_WORDS = /总体情况|主动公开|收到和处理|依申请公开|申请情况|行政复议|行政诉讼|存在的?主要问题|问题及改进|改进情况|其他需要报告|其他事项/;

export function isSectionHeading(line: TextLine): boolean {
  if (line.kind !== 'text' || line.values.length !== 0) return false;
  const c = line.compact;
  return c.length <= 40 && SECTION_HEADING.test(c) && SECTION_WORDS.test(c);
}

export const ARTICLE = /第二十条第?[(（][一二三四五六七八九十]+[)）]项?/;
export const isBlankish = (l: TextLine) => l.kind !== 'text';
export const text = (l: TextLine) => compact(l.cells.join(''));

export function diag(level: Diagnostic['level'], code: string, zh: string, en: string): Diagnostic {
  return { level, code, message: `${zh} — ${en}` };
}

export function cell(table: FoundCell['table'], row: string, column: string, v: TextValue, line: TextLine): FoundCell {
  return { table, row, column, raw: v.raw, source: { kind: 'text', line: line.no, index: v.index }, ...(v.unsure ? { unsure: 'wrapped-digits' as const } : {}) };
}

/** Walk up from `start` over header lines of a table (its words, blank lines, page numbers). */
export function headerStart(lines: TextLine[], start: number, words: Set<string>, floor: number, extra?: (l: TextLine) => boolean): number {
  let from = start;
  for (let i = start - 1; i >= floor; i--) {
    const l = lines[i];
    if (isBlankish(l)) continue;
    if (isSectionHeading(l)) break;
    if (vocabRatio(l, words) >= 0.8 || (extra && extra(l))) from = i;
    else break;
  }
  return from;
}

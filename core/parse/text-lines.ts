/**
 * One line of PDF text (pdftotext -layout, tab-separated or markdown-ish) split into label cells and
 * value tokens. A value is a number standing on its own (with an optional 万元/元 unit or 增/减 sign),
 * or a cell that says "no number" (/ — 无); a number inside prose ("2024 年", "1 .属于…") is not one.
 */
import { matchT3Row, NUMBERED } from './labels';
import { compact, MARK_DASHES, MARK_LONG_DASHES, MARK_SLASHES } from './normalize';

export type LineKind = 'blank' | 'page' | 'rule' | 'text';

export interface TextValue {
  /** The value as printed ("655 万元"); '' for an empty markdown cell. */
  raw: string;
  /** 0-based position among the values of the line. */
  index: number;
  /** Character offset of the value in the line (for column alignment in -layout text). */
  col: number;
  width: number;
  blank: boolean;
  /**
   * The number may go on in the line below: full-width digits break like ideographs, so a narrow
   * cell prints "６１" as "６" over "１", and where the pieces stand in -layout text does not say
   * which number they end. Read as printed on this line, and unsure (读不准).
   */
  unsure?: boolean;
}

export interface TextLine {
  /** 1-based line number. */
  no: number;
  /** The line as printed, form feeds removed. */
  text: string;
  /** `compact(text)`: NFKC, no whitespace. */
  compact: string;
  kind: LineKind;
  /** Text cells of the line (labels), left to right. */
  cells: string[];
  values: TextValue[];
  markdown: boolean;
  /** Page of the text the line stands on (0-based: pdftotext starts each page after the first with a form feed). */
  page?: number;
}

const NUM = /^[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const NUM_UNIT = /^(?:[增减]|[增减]?[+\-−])?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|万)?$/;
const UNIT = /^(?:万元|元|万)$/;
const SIGN = /^[增减]$/;
const NO_NUMBER = new RegExp(`^(?:[${MARK_SLASHES}]|[${MARK_DASHES}]{1,2}|[${MARK_LONG_DASHES}]|无)$`);
const NUMBERING_NEXT = /^[.．、]/;
/** "-3-", "— 5 —", "第 3 页", "3/12", "第3页 共12页". */
const PAGE = /^(?:[-—–－_~·]+\d{1,4}[-—–－_~·]+|[-—–－_~·]*第?\d{1,4}页[-—–－_~·]*(?:共\d{1,4}页)?)$/;
/** "3/12" as printed: a number, a slash, a number (not "34 1 / 2", numbers and a mark in a row). */
const PAGE_OF = /^\s*\d{1,4} ?\/ ?\d{1,4}\s*$/;
/** Markdown table rule: |---|:---:|. */
const RULE = /^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/;

/** NFKC only where it changes something that matters here (full-width digits and signs). */
const WIDE = /[\uff00-\uffef\u3000]/;
const nfkc = (s: string) => (WIDE.test(s) ? s.normalize('NFKC') : s);
const PLAIN = /^\d+(?:\.\d+)?$/;
const HAS_DIGIT = /[0-9\uff10-\uff19]/;

interface Sub {
  text: string;
  /** `text` with full-width forms folded. */
  norm: string;
  start: number;
}

const GLUED = /^(.*[\u3400-\u9fff）)】」”’》])(\d+(?:\.\d+)?)$/;

function splitSubs(segment: string, offset: number): Sub[] {
  const out: Sub[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(segment))) {
    const text = m[0];
    const start = offset + m.index;
    const norm = nfkc(text);
    // a number glued to the end of a label ("行政许可447228") is split off
    // (not 减218: a signed number, 本年增/减 in 2019)
    const g = norm.length === text.length && /\d$/.test(norm) && !/^[增减]\d/.test(norm) ? GLUED.exec(norm) : null;
    if (g) {
      const cut = g[1].length;
      out.push({ text: text.slice(0, cut), norm: norm.slice(0, cut), start });
      out.push({ text: text.slice(cut), norm: norm.slice(cut), start: start + cut });
    } else out.push({ text, norm, start });
  }
  return out;
}

function pushValue(values: TextValue[], cells: string[], label: string[], line: string, from: Sub, to: Sub): void {
  if (label.length) cells.push(label.join(' '));
  label.length = 0;
  const end = to.start + to.text.length;
  values.push({ raw: line.slice(from.start, end), index: values.length, col: from.start, width: end - from.start, blank: false });
}

/** Read one whitespace-separated segment (a layout cell): label text and values. */
function readSegment(segment: string, offset: number, line: string, cells: string[], values: TextValue[]): void {
  if (!HAS_DIGIT.test(segment) && !NO_NUMBER.test(nfkc(segment))) {
    cells.push(segment); // no number at all: one label cell
    return;
  }
  const label: string[] = [];
  if (PLAIN.test(segment)) {
    // the common case: a bare number
    const sub = { text: segment, norm: segment, start: offset };
    pushValue(values, cells, label, line, sub, sub);
    return;
  }
  const subs = splitSubs(segment, offset);
  const valuesBefore = values.length;
  for (let j = 0; j < subs.length; j++) {
    const s = subs[j].norm;
    const next = j + 1 < subs.length ? subs[j + 1].norm : null;
    const after = j + 2 < subs.length ? subs[j + 2].norm : null;
    if (NUM_UNIT.test(s)) {
      if (next !== null && NUMBERING_NEXT.test(next)) {
        label.push(subs[j].text); // "1 .属于国家秘密": list numbering
        continue;
      }
      if (next !== null && NUM.test(s) && UNIT.test(next) && (after === null || NUM_UNIT.test(after) || NO_NUMBER.test(after))) {
        pushValue(values, cells, label, line, subs[j], subs[j + 1]); // "655 万元"
        j++;
        continue;
      }
      if (next === null || NUM_UNIT.test(next) || NO_NUMBER.test(next)) {
        pushValue(values, cells, label, line, subs[j], subs[j]);
        continue;
      }
      label.push(subs[j].text); // "2024 年": a number inside prose
      continue;
    }
    if (SIGN.test(s) && next !== null && NUM.test(next) && (after === null || NUM_UNIT.test(after))) {
      pushValue(values, cells, label, line, subs[j], subs[j + 1]); // "减 4"
      j++;
      continue;
    }
    // a mark among numbers ("0 / 0 /", "/ 4 1 0") is a cell that says "no number", as alone
    if (NO_NUMBER.test(s) && label.length === 0 && (subs.length === 1 || values.length > valuesBefore || (next !== null && (NUM_UNIT.test(next) || NO_NUMBER.test(next))))) {
      pushValue(values, cells, label, line, subs[j], subs[j]);
      continue;
    }
    label.push(subs[j].text);
  }
  if (label.length) cells.push(label.join(' '));
}

function readMarkdown(line: string, cells: string[], values: TextValue[]): void {
  const parts: Array<{ text: string; start: number }> = [];
  let start = line.indexOf('|') + 1;
  for (let i = start; i <= line.length; i++) {
    if (i === line.length || line[i] === '|') {
      parts.push({ text: line.slice(start, i), start });
      start = i + 1;
    }
  }
  // a trailing "|" leaves an empty last part, not a cell
  if (parts.length && parts[parts.length - 1].text.trim() === '' && /\|\s*$/.test(line)) parts.pop();
  const read = parts.map((p) => {
    const own: string[] = [];
    const vals: TextValue[] = [];
    if (p.text.trim() !== '') readSegment(p.text.trim(), p.start + p.text.indexOf(p.text.trim()), line, own, vals);
    return { own, vals, blank: p.text.trim() === '' };
  });
  let lastLabel = -1;
  read.forEach((r, i) => {
    if (r.own.length) lastLabel = i;
  });
  read.forEach((r, i) => {
    if (r.blank) {
      if (i > lastLabel) values.push({ raw: '', index: values.length, col: parts[i].start, width: parts[i].text.length, blank: true });
      return;
    }
    cells.push(...r.own);
    for (const v of r.vals) values.push({ ...v, index: values.length });
  });
}

/** A markdown heading's marks ("## 一、总体情况") or a line wholly in bold ("**一、总体情况**"). */
const MD_HEADING = /^(\s{0,3})(#{1,6})(?=[^#]|$)/;
const MD_BOLD_LINE = /^(\s*)\*\*(?=\S)(.*\S)\*\*(\s*)$/;

/**
 * Converters mark headings with `#` or `**`: they are blanked (spaces of the same width, so the
 * columns of a -layout line stay where they were) and the heading reads like any other line.
 */
function unmark(text: string): string {
  if (text.length === 0 || (text.charCodeAt(text.search(/\S|$/)) !== 35 && !text.includes('**'))) return text;
  const h = MD_HEADING.exec(text);
  if (h) return h[1] + ' '.repeat(h[2].length) + text.slice(h[0].length);
  const b = MD_BOLD_LINE.exec(text);
  return b ? `${b[1]}  ${b[2]}  ${b[3]}` : text;
}

export function readLine(raw: string, no: number): TextLine {
  const text = unmark(raw.replace(/[\f\v\r]/g, ''));
  const c = compact(text);
  if (c === '') return { no, text, compact: c, kind: 'blank', cells: [], values: [], markdown: false };
  if (PAGE.test(c) || PAGE_OF.test(nfkc(text))) return { no, text, compact: c, kind: 'page', cells: [], values: [], markdown: false };
  if (RULE.test(text.trim())) return { no, text, compact: c, kind: 'rule', cells: [], values: [], markdown: false };
  const cells: string[] = [];
  const values: TextValue[] = [];
  const markdown = /^\s*\|/.test(text);
  if (markdown) readMarkdown(text, cells, values);
  else {
    // segments: runs of words separated by single spaces; a tab or two spaces end a segment
    const seg = /\S+(?:[ \u00a0\u3000]\S+)*/g;
    let m: RegExpExecArray | null;
    while ((m = seg.exec(text))) readSegment(m[0], m.index, text, cells, values);
  }
  return { no, text, compact: c, kind: 'text', cells, values, markdown };
}

export function readLines(text: string): TextLine[] {
  let page = 0;
  const lines = text.split(/\r?\n|\r/).map((l, i) => {
    if (l.includes('\f')) page++;
    return { ...readLine(l, i + 1), page };
  });
  markWrappedDigits(lines);
  return lines;
}

const FULL_WIDTH_NUMBER = /^[\uff10-\uff19]+$/;

/**
 * A line of full-width numbers followed at once by a line with fewer full-width numbers (or as many,
 * and no label of a row): those may be the ends of numbers broken in narrow cells (see
 * TextValue.unsure), so the first line's values are unsure. (A sparse row right below is marked too:
 * a warning where an error could have been.) A line of as many pieces is no row either, whatever
 * reading takes it for one: its values are unsure too.
 */
function markWrappedDigits(lines: TextLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const vals = lines[i].values;
    if (vals.length < 2 || !vals.some((v) => FULL_WIDTH_NUMBER.test(v.raw))) continue;
    const below = lines[i + 1].values;
    // As many pieces as numbers (each wrapped) only on a line whose words are no label of a row: a
    // row of its own has one (理结果, the rest of a group label repeated on every row, is none; 三、本 is).
    const words = compact(lines[i + 1].cells.join(''));
    const asMany = below.length === vals.length && (words === '' || (matchT3Row([words]) === null && !NUMBERED.test(words)));
    if (below.length === 0 || !(below.length < vals.length || asMany) || !below.every((v) => FULL_WIDTH_NUMBER.test(v.raw))) continue;
    for (const v of vals) v.unsure = true;
    if (asMany) for (const v of below) v.unsure = true;
  }
}

/** The compact label text of a line. */
export function labelOf(line: TextLine): string {
  return compact(line.cells.join(''));
}

/**
 * The values of a line as a row of `width` cells: markdown rows may carry empty cells past the
 * table's edge; those are dropped. Null when the line is not such a row (or holds no number).
 */
export function rowValues(line: TextLine, width: number): TextValue[] | null {
  if (line.kind !== 'text') return null;
  let vals = line.values;
  if (vals.length > width && line.markdown) {
    let n = vals.length;
    while (n > width && vals[n - 1].blank) n--;
    vals = vals.slice(0, n);
  }
  if (vals.length !== width) return null;
  if (!vals.some((v) => !v.blank)) return null;
  return vals;
}

const PUNCT_OR_DIGIT = new Set([...'0123456789()（）:：,，、.。/']);

/** Share of a line's (compact) characters that belong to a vocabulary; digits count as belonging. */
export function vocabRatio(line: TextLine, vocab: Set<string>): number {
  let n = 0;
  let all = 0;
  for (const ch of line.compact) {
    if (ch === '|' || ch === '#' || ch === '*') continue;
    all++;
    if (vocab.has(ch) || PUNCT_OR_DIGIT.has(ch)) n++;
  }
  return all === 0 ? 1 : n / all;
}

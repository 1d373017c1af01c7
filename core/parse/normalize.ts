/** Text and number normalisation shared by the HTML and text parsers. */

/** Full-width digits and punctuation to ASCII (NFKC), all whitespace (incl. &nbsp; and U+3000) removed. */
export function compact(text: string): string {
  // Fast path: already compact (no space, nothing NFKC would change that we care about).
  if (!NEEDS_COMPACT.test(text)) return text;
  return nfkcCompact(text);
}
const nfkcCompact = (text: string) => text.normalize('NFKC').replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
const NEEDS_COMPACT = /[\s\u00a0\u2000-\u206f\u2460-\u24ff\u3000-\u303f\u3200-\u33ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/**
 * compact() of each line and of the lines joined by '\n', each line NFKC'd once: NFKC never
 * composes across a '\n', so the joined text's compact() is the lines' NFKC without whitespace,
 * joined (a line with nothing compact() looks for is still NFKC'd for the joined form, as the
 * whole text is).
 */
export function compactLines(texts: readonly string[]): { own: string[]; joined: string } {
  if (texts.length < 2) return { own: texts.map(compact), joined: compact(texts[0] ?? '') };
  const own: string[] = [];
  const full: string[] = [];
  for (const t of texts) {
    const f = nfkcCompact(t);
    full.push(f);
    own.push(NEEDS_COMPACT.test(t) ? f : t);
  }
  return { own, joined: full.join('') };
}

/** compact() of a report's narrative, as its parser made it (the rules read it again). */
const COMPACT_TEXT = new WeakMap<object, { text: string; compact: string }>();
export function keepCompactText(report: { text: string }, compacted: string): void {
  COMPACT_TEXT.set(report, { text: report.text, compact: compacted });
}
/** compact(report.text), from the parser's when the text is still the one it made. */
export function compactText(report: { text: string }): string {
  const kept = COMPACT_TEXT.get(report);
  return kept && kept.text === report.text ? kept.compact : compact(report.text);
}

/** Whitespace runs collapsed to one space and trimmed, as `raw` is kept. */
export function collapse(text: string): string {
  // Fast path: most cells hold a number or a label with no space at all.
  if (!HAS_SPACE.test(text)) return text;
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}
const HAS_SPACE = /[\s\u00a0\u3000\u200b\ufeff]/;

/** The answers without a number, shared (frozen): most cells of a page are one of them. */
const BLANK_VALUE: ParsedValue = Object.freeze({ value: null, blank: true, notANumber: false });
const MARKER_VALUE: ParsedValue = Object.freeze({ value: null, blank: false, notANumber: false });
const TEXT_VALUE: ParsedValue = Object.freeze({ value: null, blank: false, notANumber: true });

export interface ParsedValue {
  value: number | null;
  blank: boolean;
  note?: string;
  /** The cell holds text but no number (/, 无, or words). */
  notANumber: boolean;
}

/**
 * Marks an office prints in a cell for "no number", as PDFs' text layers name them (character-class
 * pieces, shared by every reader): slashes (a font's ／ comes out as ∕ or ⁄), dashes, and ⸺ ⸻ (two
 * or three em dashes: a CJK font's ligature for ——, which Chromium's PDF keeps).
 */
export const MARK_SLASHES = '/／∕⁄';
export const MARK_DASHES = '—–―‒−\\-－';
export const MARK_LONG_DASHES = '⸺⸻';
const NO_NUMBER = new RegExp(`^(?:[${MARK_SLASHES}${MARK_DASHES}${MARK_LONG_DASHES}\\\\_─]+|无|空|暂无|没有|不适用|null|n\\/?a)$`, 'i');

/**
 * Shift a decimal string by `places` to the left (divide by 10^places) without floating error:
 * 75394432.52 元 → 7539.443252 万元.
 */
function shiftDecimal(digits: string, places: number): number {
  const negative = digits.startsWith('-');
  const [intPart, fracPart = ''] = digits.replace('-', '').split('.');
  const all = intPart.padStart(places + 1, '0') + fracPart;
  const point = all.length - fracPart.length - places;
  const text = `${all.slice(0, point)}.${all.slice(point)}`;
  return (negative ? -1 : 1) * Number(text);
}

/**
 * Read one table cell. `money` cells are normalised to 万元 (a cell may carry its own unit:
 * 251000元, 655 万元); everything else is a count. Notes printed beside the number are kept.
 */
export function parseValue(rawText: string, money = false): ParsedValue {
  const compacted = compact(rawText);
  const text = compacted.includes(',') ? compacted.replace(/,(?=\d{3}\b)/g, '') : compacted;
  if (text === '') return BLANK_VALUE;
  if (NO_NUMBER.test(text)) return MARKER_VALUE;
  const m = /^(增|减|[+\-−])?(\d+(?:\.\d+)?)(万元|元|万|件|个|项|条|次|起)?(.*)$/.exec(text);
  if (!m) return TEXT_VALUE;
  const [, sign, digits, unit, rest] = m;
  let value: number;
  if (money && unit === '元') value = shiftDecimal(digits, 4);
  else value = Number(digits);
  // Beyond 2^53 a number is not exact (a 400-digit one is Infinity): no report prints such a count.
  if (!(Math.abs(value) <= Number.MAX_SAFE_INTEGER) || digits.length > 24) return TEXT_VALUE;
  if (sign === '减' || sign === '-' || sign === '−') value = -value;
  // Only a bracketed remark may follow the number ("22（其中修订 16 件）"); "1.属于国家秘密" is a label.
  if (rest && !/^[（(［\[【]/.test(rest)) return TEXT_VALUE;
  const note = rest ? collapse(rawText.slice(rawText.search(/[（(［\[【]/))) : '';
  return note ? { value, blank: false, note, notANumber: false } : { value, blank: false, notANumber: false };
}


/**
 * A report's narrative as sentences of compact text (lines re-joined, page numbers dropped, NFKC
 * and whitespace removed) — what the narrative rules read figures from, and what the copied-text
 * comparisons compare. Browser-safe.
 */
import { compact } from '../parse/normalize';
import type { Report } from '../model/schema';

const PAGE_NUMBER = /^\s*(?:[-—–－]\s*)?\d{1,3}(?:\s*[-—–－])?\s*$|^\s*第\s*\d+\s*页/;
const HEADING_START = /^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、.．](?!\d))/;

/** The narrative as sentences of compact text. */
export function narrativeSentences(report: Report): string[] {
  // Several rules read the narrative of one report: split it once.
  let sentences = SENTENCES.get(report);
  if (!sentences) {
    const source = report.text || report.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
    SENTENCES.set(report, (sentences = sentencesOf(source)));
  }
  return sentences;
}
const SENTENCES = new WeakMap<Report, string[]>();

/** Text cut into sentences of compact text: lines re-joined, page numbers and blank lines dropped. */
export function sentencesOf(source: string): string[] {
  const lines = source
    // Split on \n alone (a regex split cost more than the rest of the split): a line's trailing \r
    // is whitespace to PAGE_NUMBER and to trim() alike.
    .split('\n')
    .filter((l) => !PAGE_NUMBER.test(l))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const paragraphs: string[] = [];
  let cur = '';
  for (const line of lines) {
    const prevEnds = /[。！？!?；;：:]$/.test(cur);
    const prevIsHeading = cur !== '' && HEADING_START.test(cur) && cur.length <= 40 && !/[。]/.test(cur);
    if (cur === '' || prevEnds || prevIsHeading || HEADING_START.test(line)) {
      if (cur) paragraphs.push(cur);
      cur = line;
    } else {
      cur += line;
    }
  }
  if (cur) paragraphs.push(cur);
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const s of compact(p).split(/[。！？!?]/)) if (s) out.push(s);
  }
  return out;
}

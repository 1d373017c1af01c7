/**
 * 雷同 across agencies: which same-year reports of *different* agencies in one batch share their
 * narrative. Each report's own sentences (the format's template sentences left out, figures masked,
 * as narrative.copied does it — core/portal/copied.ts) are cut into overlapping windows of WINDOW
 * characters; one inverted index per year maps a window to the reports holding it, so a county
 * of 200 reports is one pass over the text, not 200 × 200 comparisons. A window that many
 * agencies share is boilerplate every office writes, not copying. Browser-safe.
 */
import type { Report } from '../model/schema';
import { isTemplateSentence, maskSentence } from './copied';
import { agencyKey, agencyOfMeta } from './agency';
import { reportYear } from '../model/year';
import { sentencesOf } from './sentences';

const WINDOW = 12;
/** Characters of a narrative looked at (inputs are bounded). */
const MAX_TEXT = 40_000;
/** Below this many characters of its own text a narrative is too short to judge. */
export const MIN_OWN_CHARS = 80;
/** A window shared by at least this many agencies (or this share of a year's agencies) is boilerplate. */
const BOILERPLATE_AGENCIES = 4;
const BOILERPLATE_SHARE = 0.2;

export interface SharedPassage {
  /** The sentence as this report prints it, and the other report's sentence that shares it. */
  mine: string;
  theirs: string;
}

export interface AcrossMatch {
  /** Index of the other report in the batch. */
  other: number;
  /** Share of this report's own text found in the other (0–1), and of the other's found in this. */
  share: number;
  otherShare: number;
  passages: SharedPassage[];
}

interface Own {
  sentences: Array<{ original: string; masked: string }>;
  chars: number;
}

function ownSentences(report: Report): Own {
  const parts = report.sections.some((s) => s.text.trim()) ? report.sections.map((s) => s.text) : [report.text];
  const sentences: Own['sentences'] = [];
  let chars = 0;
  let budget = MAX_TEXT;
  for (const part of parts) {
    for (const original of sentencesOf(part.slice(0, Math.max(0, budget)))) {
      const masked = maskSentence(original);
      if (isTemplateSentence(masked, original)) continue;
      sentences.push({ original, masked });
      chars += masked.length;
    }
    budget -= part.length;
  }
  return { sentences, chars };
}

type Posting = { report: number; sentence: number };

const CACHE = new WeakMap<readonly Report[], AcrossMatch[][]>();

/** For each report of the batch, the other agencies' same-year reports it shares text with (any share), best first. Cached per batch array. */
export function copiedAcross(batch: readonly Report[]): AcrossMatch[][] {
  const cached = CACHE.get(batch);
  if (cached) return cached;
  const result: AcrossMatch[][] = batch.map(() => []);
  const own = batch.map(ownSentences);
  const agency = batch.map((r) => agencyKey(agencyOfMeta(r.meta)));
  const year = batch.map((r) => reportYear(r.meta));
  const byYear = new Map<number, number[]>();
  batch.forEach((_, i) => {
    const y = year[i];
    if (y === null || !agency[i] || own[i].chars < MIN_OWN_CHARS) return;
    byYear.set(y, [...(byYear.get(y) ?? []), i]);
  });
  for (const members of byYear.values()) {
    if (new Set(members.map((i) => agency[i])).size < 2) continue;
    const index = new Map<string, Posting[]>();
    for (const i of members) {
      own[i].sentences.forEach((s, k) => {
        for (let p = 0; p + WINDOW <= s.masked.length; p++) {
          const w = s.masked.slice(p, p + WINDOW);
          const list = index.get(w);
          if (!list) index.set(w, [{ report: i, sentence: k }]);
          else if (list[list.length - 1].report !== i) list.push({ report: i, sentence: k });
        }
      });
    }
    const agencies = new Set(members.map((i) => agency[i])).size;
    const limit = Math.max(BOILERPLATE_AGENCIES, Math.ceil(agencies * BOILERPLATE_SHARE));
    // Boilerplate windows, decided once per window (not once per look-up): out of the index.
    const common = new Set<string>();
    for (const [w, list] of index) {
      if (list.length >= limit && new Set(list.map((p) => agency[p.report])).size >= limit) {
        common.add(w);
        index.delete(w);
      }
    }
    const covered = new Map<string, number>(); // "i>j" → characters of i's text found in j
    const passages = new Map<string, SharedPassage[]>();
    // Characters of each report's own text once boilerplate is left out (the share's denominator).
    const ownChars = new Map<number, number>();
    for (const i of members) {
      let chars = 0;
      own[i].sentences.forEach((s) => {
        const shared = new Uint8Array(s.masked.length);
        const marks = new Map<number, { cover: Uint8Array; hits: Map<number, number> }>();
        for (let p = 0; p + WINDOW <= s.masked.length; p++) {
          const w = s.masked.slice(p, p + WINDOW);
          if (common.has(w)) {
            shared.fill(1, p, p + WINDOW);
            continue;
          }
          const list = index.get(w);
          if (!list || list.length < 2) continue;
          for (const post of list) {
            if (post.report === i || agency[post.report] === agency[i]) continue;
            let m = marks.get(post.report);
            if (!m) marks.set(post.report, (m = { cover: new Uint8Array(s.masked.length), hits: new Map() }));
            m.cover.fill(1, p, p + WINDOW);
            m.hits.set(post.sentence, (m.hits.get(post.sentence) ?? 0) + 1);
          }
        }
        let mine = 0;
        for (const c of shared) mine += 1 - c;
        chars += mine;
        for (const [j, m] of marks) {
          let n = 0;
          m.cover.forEach((c, k) => (n += c & (1 - shared[k])));
          const key = `${i}>${j}`;
          covered.set(key, (covered.get(key) ?? 0) + n);
          if (mine > 0 && n >= mine / 2) {
            const best = [...m.hits].sort((a, b) => b[1] - a[1])[0][0];
            const list = passages.get(key) ?? [];
            if (list.length < 20) list.push({ mine: s.original, theirs: own[j].sentences[best].original });
            passages.set(key, list);
          }
        }
      });
      ownChars.set(i, chars);
    }
    const shareOf = (n: number, i: number) => (ownChars.get(i)! >= MIN_OWN_CHARS ? n / ownChars.get(i)! : 0);
    for (const [key, n] of covered) {
      const [i, j] = key.split('>').map(Number);
      const back = covered.get(`${j}>${i}`) ?? 0;
      result[i].push({ other: j, share: shareOf(n, i), otherShare: shareOf(back, j), passages: passages.get(key) ?? [] });
    }
  }
  for (const list of result) list.sort((a, b) => Math.max(b.share, b.otherShare) - Math.max(a.share, a.otherShare));
  CACHE.set(batch, result);
  return result;
}

/** The matches of one report that reach the threshold in either direction (a pasted passage makes both reports 雷同). */
export function copiedPairsOf(batch: readonly Report[], index: number, threshold: number): AcrossMatch[] {
  if (index < 0) return [];
  return copiedAcross(batch)[index].filter((m) => Math.max(m.share, m.otherShare) >= threshold);
}

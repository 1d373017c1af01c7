/**
 * compactLines (core/parse/normalize.ts) NFKC's a report's narrative line by line instead of as one
 * text: each line's compact() and the joined lines' compact() must be exactly what compact() gives,
 * for any text — combining marks at a line's edge, characters NFKC turns into a space (¨, ´),
 * characters compact()'s quick test does not look for (℃, ﬁ), lone surrogates, blank lines.
 */
import { describe, expect, it } from 'vitest';
import { compact, compactLines } from '../core/parse/normalize';

const POOL = ['a', 'Z', '1', '９', '，', '。', ' ', '\u3000', '\u00a0', '\t', '\r', '\u200b', '\ufeff', 'e', '\u0301', '\u0308', '¨', '´', '℃', 'ﬁ', '①', '㈠', '가', '\u1100', '\u1161', '\ud800', '\udc00', '😀', '茌', '平', '（', '）', '\u2002', '\u2028'];

/** A small deterministic generator, so that a failure is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('compactLines', () => {
  it('gives each line its compact() and the joined lines the compact() of the whole text', () => {
    const next = random(22);
    for (let round = 0; round < 3000; round++) {
      const lines = Array.from({ length: Math.floor(next() * 6) }, () => Array.from({ length: Math.floor(next() * 8) }, () => POOL[Math.floor(next() * POOL.length)]).join(''));
      const { own, joined } = compactLines(lines);
      expect(own).toEqual(lines.map(compact));
      expect(joined).toBe(compact(lines.join('\n')));
    }
  });

  it('reads a corpus-like narrative the same as one text', () => {
    const lines = ['上海市人民政府办公厅', '2019 年政府信息公开工作年度报告', '', '一、总体情况', '本年度共受理申请 ３０５０ 件，办结率 100％。', '　　（一）主动公开', 'e\u0301'];
    const { own, joined } = compactLines(lines);
    expect(own).toEqual(lines.map(compact));
    expect(joined).toBe(compact(lines.join('\n')));
  });
});

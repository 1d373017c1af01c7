/**
 * 雷同 across agencies for a county: n same-year reports of different agencies (own narratives of
 * about 1,500 characters, one pasted from another), compared through the inverted index
 * (core/score/similar.ts), then scored against the national pack. Median of a few runs.
 */
import { copiedAcross } from '../core/compare/copied-across';
import { scoreBatch } from '../core/score/score';
import { shippedPack } from '../core/score/packs/index';
import { makeReport } from '../test/support/report-builder';
import type { Report } from '../core/model/schema';

const ALPHABET = '政府信息公开工作推进决策执行管理服务结果公开围绕中心服务大局群众关切回应解读平台网站新媒体公报培训考核监督保障规范标准目录基层医疗教育就业养老住房交通环境';

function random(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function county(n: number): Report[] {
  const reports = Array.from({ length: n }, (_, i) => {
    const r = makeReport('2021', { year: 2023, agency: `示例县第${i + 1}局` });
    const next = random(i + 1);
    const text = Array.from({ length: 1500 }, (_, k) => (k % 40 === 39 ? '。' : ALPHABET[Math.floor(next() * ALPHABET.length)])).join('');
    r.sections[0].text = text;
    r.text = r.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
    return r;
  });
  reports[n - 1].sections[0].text = reports[0].sections[0].text;
  return reports;
}

export function benchScore(n: number, runs = 5): { n: number; similarMs: number; scoreMs: number; pairs: number } {
  const times: number[] = [];
  const scoreTimes: number[] = [];
  let pairs = 0;
  for (let k = 0; k < runs; k++) {
    const reports = county(n); // a fresh array: copiedAcross caches per batch
    let t = performance.now();
    pairs = copiedAcross(reports)[n - 1].filter((m) => m.share >= 0.5).length;
    times.push(performance.now() - t);
    t = performance.now();
    scoreBatch(reports.map((report, i) => ({ source: String(i), report, issues: [] })), shippedPack('national')!, reports);
    scoreTimes.push(performance.now() - t);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { n, similarMs: median(times), scoreMs: median(scoreTimes), pairs };
}

/**
 * Parse time per corpus page against the floor: `load` from cheerio/slim (htmlparser2, the
 * fastest parser cheerio offers) of the same HTML alone. Prints ratios; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { load } from 'cheerio/slim';
import { parseHtml } from '../core/parse/html';

export interface Timing {
  name: string;
  kb: number;
  floorMs: number;
  parseMs: number;
  checkMs: number | null;
}

/** Median of `runs` timings after a warm-up. */
export function median(fn: () => void, runs = 41): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The floor, the parse and the parse + check are timed in turn within each round, so a busy
 * machine slows all three alike and the ratios stay honest.
 */
export async function benchParse(files: string[], rounds = 41): Promise<Timing[]> {
  let check: ((r: ReturnType<typeof parseHtml>) => unknown) | null = null;
  try {
    const rules = await import('../core/check/index');
    check = (r) => rules.checkReport(r);
  } catch {
    check = null;
  }
  const out: Timing[] = [];
  // Warm every page's code paths first: measured cold, the first page (01-shanghai) also paid the
  // JIT's warm-up of the parser and the rules (5 rounds are not enough), which looked like a fixed
  // cost per page: by the fastest round, parse + check 4.1× its floor cold, 3.3× warm.
  const pages = files.map((file) => readFileSync(file, 'utf8'));
  for (let round = 0; round < 20; round++) for (const html of pages) check ? check(parseHtml(html)) : parseHtml(html);
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const steps: (() => void)[] = [() => load(html), () => parseHtml(html)];
    if (check) steps.push(() => check!(parseHtml(html)));
    const times: number[][] = steps.map(() => []);
    for (let round = -5; round < rounds; round++) {
      steps.forEach((step, i) => {
        const t = performance.now();
        step();
        if (round >= 0) times[i].push(performance.now() - t);
      });
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    out.push({ name: basename(file), kb: Buffer.byteLength(html) / 1024, floorMs: med(times[0]), parseMs: med(times[1]), checkMs: check ? med(times[2]) : null });
  }
  return out;
}

export function printParse(rows: Timing[]): string {
  const lines = [
    '| page | KB | floor: cheerio/slim load (ms) | parse (ms) | parse ÷ floor | parse + check (ms) | (parse + check) ÷ floor |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const pc = r.checkMs ?? NaN;
    lines.push(
      `| ${r.name} | ${r.kb.toFixed(0)} | ${r.floorMs.toFixed(2)} | ${r.parseMs.toFixed(2)} | ${(r.parseMs / r.floorMs).toFixed(2)}× | ${Number.isNaN(pc) ? '—' : pc.toFixed(2)} | ${Number.isNaN(pc) ? '—' : `${(pc / r.floorMs).toFixed(2)}×`} |`,
    );
  }
  return lines.join('\n');
}

export interface SuspectTiming {
  name: string;
  /** Parse + check of the page, the figure the search is added to. */
  parseCheckMs: number;
  searchMs: number;
  suspects: number;
}

/**
 * The suspect search alone (findSuspects: the equations built and the smallest correction
 * searched), timed apart on reports parsed once, against the page's parse + check.
 */
export async function benchSuspects(files: string[], rounds = 101): Promise<SuspectTiming[]> {
  const { checkReport } = await import('../core/check/index');
  const { findSuspects } = await import('../core/suspects/index');
  return files.map((file) => {
    const html = readFileSync(file, 'utf8');
    const report = parseHtml(html);
    return {
      name: basename(file),
      parseCheckMs: median(() => checkReport(parseHtml(html)), Math.min(rounds, 41)),
      searchMs: median(() => findSuspects(report), rounds),
      suspects: findSuspects(report).suspects.length,
    };
  });
}

export function printSuspects(rows: SuspectTiming[]): string {
  const lines = ['| page | suspects | suspect search (ms) | parse + check (ms) | search ÷ (parse + check) |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.suspects} | ${r.searchMs.toFixed(3)} | ${r.parseCheckMs.toFixed(2)} | ${((100 * r.searchMs) / r.parseCheckMs).toFixed(1)} % |`);
  return lines.join('\n');
}


/** nianbao score / nianbao packs: formats, packs from files, and one clear line for a bad pack. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { shippedPack } from '../core/score/packs/index';
import { runCli as cli } from './support/cli';
import { testDir } from './support/test-dir';

const SAMPLES = ['samples/demo-2023.html', 'samples/demo-2024.html'];

describe('nianbao packs', () => {
  it('lists the shipped packs and shows one as JSON that validates back', async () => {
    const list = await cli('packs');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^national\s+100 分/m);
    expect(list.out).toMatch(/^licheng-2020\s+10 分/m);
    const shown = await cli('packs', 'show', 'wuwei-2025');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out).indicators.length).toBe(shippedPack('wuwei-2025')!.indicators.length);
  });
  it('an unknown pack is one line', async () => {
    const r = await cli('packs', 'show', 'nowhere');
    expect(r.code).toBe(64);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('nianbao score', () => {
  it('json: per report source, agency, year, pack, score, max and deductions', async () => {
    const r = await cli('score', ...SAMPLES, '--format', 'json');
    expect(r.code).toBe(0);
    const scores = JSON.parse(r.out);
    expect(scores).toHaveLength(2);
    for (const s of scores) expect(Object.keys(s)).toEqual(['source', 'agency', 'year', 'pack', 'score', 'max', 'deductions', 'ratios', 'agencyRatios']);
    const bad = scores.find((s: { source: string }) => s.source.endsWith('demo-2024.html'));
    const data = bad.deductions.find((d: { indicator: string }) => d.indicator === 'data.arithmetic');
    expect(data.points).toBeGreaterThan(0);
    expect(data.rules).toContain('t3.row-total');
    expect(data.evidence.some((e: { cells: unknown[] }) => e.cells.length > 0)).toBe(true);
  });
  it('csv: a row per report × indicator', async () => {
    const r = await cli('score', ...SAMPLES, '--format', 'csv');
    const rows = Papa.parse<Record<string, string>>(r.out.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(2 * shippedPack('national')!.indicators.length);
    expect(new Set(rows.map((x) => `${x.source}|${x.indicator}`)).size).toBe(rows.length);
    expect(rows[0].open_rate).not.toBe('');
  });
  it('html: an index and a page per report in --out', async () => {
    const dir = testDir('nianbao-score-');
    const r = await cli('score', ...SAMPLES, '--format', 'html', '--out', dir);
    expect(r.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'report-001.html', 'report-002.html']);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('report-002.html');
  });
  it('--pack ./mine.json: a reviewer’s own pack; a broken one is one line naming the field', async () => {
    const dir = testDir('nianbao-pack-');
    const mine = JSON.parse((await cli('packs', 'show', 'national')).out);
    mine.id = 'mine';
    mine.indicators = mine.indicators.slice(0, 2);
    await writeFile(join(dir, 'mine.json'), JSON.stringify(mine));
    const ok = await cli('score', SAMPLES[1], '--pack', join(dir, 'mine.json'), '--format', 'json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)[0]).toMatchObject({ pack: 'mine', max: 45 });
    mine.indicators[1].decide.kind = 'astrology';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(mine));
    const bad = await cli('score', SAMPLES[1], '--pack', join(dir, 'bad.json'));
    expect(bad.code).toBe(64);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/invalid pack: indicators\[1\]\.decide\.kind/);
    await writeFile(join(dir, 'notjson.json'), '{ nope');
    expect((await cli('score', SAMPLES[1], '--pack', join(dir, 'notjson.json'))).err).toMatch(/不是有效的 JSON — not valid JSON/);
  });
  it('a collect output directory: manifest.csv gives each file its URL as the source', async () => {
    const dir = testDir('nianbao-collected-');
    await writeFile(join(dir, '2023-demo.html'), await readFile(SAMPLES[0]));
    await writeFile(join(dir, 'manifest.csv'), 'url,file,title,year,status,fetched_at,note\r\nhttps://www.demo.gov.cn/ndbg/2023.html,2023-demo.html,demo,2023,ok,2026-01-01T00:00:00Z,\r\n');
    const r = await cli('score', dir, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0].source).toBe('https://www.demo.gov.cn/ndbg/2023.html');
  });
  it('a collect output directory: the date its list printed beside the link is the publication date when the page gives none', async () => {
    const dir = testDir('nianbao-collected-');
    const undated = (await readFile(SAMPLES[0], 'utf8')).replace(/<meta name="PubDate"[^>]*>/, '').replace(/<tr><td>发布日期：<\/td><td>[^<]*<\/td>/, '<tr>')
      .replace(/<p[^>]*>2024年1月20日<\/p>/, '');
    expect(undated).not.toMatch(/2024-01-18|2024年1月20日/);
    await writeFile(join(dir, '2023-demo.html'), undated);
    const manifest = (published: string) =>
      `url,file,title,year,status,fetched_at,note,sha256,published\r\nhttps://www.demo.gov.cn/ndbg/2023.html,2023-demo.html,demo,2023,ok,2026-01-01T00:00:00Z,,,${published}\r\n`;
    const late = async (published: string) => {
      await writeFile(join(dir, 'manifest.csv'), manifest(published));
      const r = await cli('score', dir, '--format', 'json');
      expect(r.code).toBe(0);
      return JSON.stringify(JSON.parse(r.out)[0].deductions);
    };
    expect(await late('2024-03-20')).toMatch(/发布日期 2024-03-20 晚于/);
    expect(await late('2024-01-10')).not.toMatch(/发布日期/);
    expect(await late('')).not.toMatch(/发布日期 .* 晚于/);
  });
  it('text: scores best first with deductions', async () => {
    const r = await cli('score', ...SAMPLES);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^95 \/ 100/);
    expect(r.out).toMatch(/−30 {2}表格数据准确/);
    expect(r.out).toMatch(/按机关多年合计 per agency, years pooled:\n  示例市示例局（2 年）公开率/);
  });
});

/**
 * OCR: the picture steps on pictures drawn here (grey, skew, rules, ink), the label snapping, the
 * arithmetic as proof-reader, and the whole route on our own scan through the CLI with every
 * network door shut (test/support/no-network.cjs in the CLI process and its tesseract workers).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../core/parse/html';
import { checkReport } from '../core/check/index';
import { inkBox, levels, rulingSegments, skewOf, straighten, type GrayImage } from '../core/ocr/raster';
import { nearestLabel } from '../core/ocr/labels';
import { proofread, SURE } from '../core/ocr/proofread';
import { findLattices } from '../core/parse/pdf/lattice';
import { tesseractPaths } from '../core/node/ocr';
import type { Cell, Report } from '../core/model/schema';
import { consistentValues, writeReportPage } from './support/page-writer';
import { testDir } from './support/test-dir';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const SCAN = join(import.meta.dirname, 'fixtures', 'scan');

/** A white page with a 3×2 grid of 2-pixel rules, grey `rule`, and a blob of ink in one cell, turned by `deg`. */
function page(deg: number, rule = 0): GrayImage {
  const width = 600;
  const height = 400;
  const data = new Uint8Array(width * height).fill(250);
  const xs = [100, 250, 400, 500];
  const ys = [100, 200, 300];
  for (const y of ys) for (let x = 100; x <= 500; x++) data[y * width + x] = data[(y + 1) * width + x] = rule;
  for (const x of xs) for (let y = 100; y <= 300; y++) data[y * width + x] = data[y * width + x + 1] = rule;
  for (let y = 140; y < 160; y++) for (let x = 300; x < 312; x++) data[y * width + x] = 20;
  const img = { width, height, data };
  return deg ? straighten(img, (-deg * Math.PI) / 180, 250) : img;
}

describe('OCR picture steps', () => {
  it("takes the paper's grey and its rules' grey: light-grey rules (238 on 250 paper) are rules", () => {
    const lv = levels(page(0, 238));
    expect(lv.paper).toBe(250);
    expect(lv.rule).toBeGreaterThan(238);
    const { tables } = findLattices(rulingSegments(page(0, 238), lv, 1), []);
    expect(tables).toHaveLength(1);
    expect(tables[0].cells).toHaveLength(6);
  });

  it('finds a 0.5° skew and straightens it so the rules make the grid again', () => {
    const skewed = page(0.5);
    const lv = levels(skewed);
    const angle = (skewOf(skewed, lv) * 180) / Math.PI;
    expect(Math.abs(angle - 0.5)).toBeLessThan(0.1);
    const { tables } = findLattices(rulingSegments(straighten(skewed, (angle * Math.PI) / 180, lv.paper), lv, 1), []);
    expect(tables[0]?.cells).toHaveLength(6);
  });

  it('crops a cell to its ink; a cell without ink is blank (not 0)', () => {
    const img = page(0);
    const lv = levels(img);
    expect(inkBox(img, lv, { x0: 250, y0: 100, x1: 400, y1: 200 }, 1)).toEqual({ x0: 300, y0: 140, x1: 312, y1: 160 });
    expect(inkBox(img, lv, { x0: 100, y0: 200, x1: 250, y1: 300 }, 1)).toBeNull();
  });

  it("snaps a label misread in a character or two to the format's label, and leaves far readings alone", () => {
    expect(nearestLabel('2.其他法律行政法規禁止公开')).toBe('2.其他法律行政法规禁止公开');
    expect(nearestLabel('自然')).toBe('自然人');
    expect(nearestLabel('予公开')).toBe('不予公开');
    expect(nearestLabel('附件二')).toBe('附件二');
  });

  it('the model files, wasm core and worker script tesseract.js is given are local files (no CDN)', () => {
    const p = tesseractPaths();
    for (const file of [join(p.langPath.eng, 'eng.traineddata.gz'), join(p.langPath.chi_sim, 'chi_sim.traineddata.gz'), p.workerPath, join(p.corePath, 'tesseract-core-simd-lstm.wasm')]) {
      expect(file).not.toMatch(/^https?:/);
      expect(existsSync(file)).toBe(true);
    }
  });
});

/** A consistent 2021 report as if read by OCR: every cell with a confidence. */
function ocrReport(): Report {
  const report = parseHtml(writeReportPage({ format: '2021', agency: '示例县测试局', year: 2024, values: consistentValues('2021', 31) }), { source: 'x.pdf' });
  for (const t of [report.t3, report.t4] as Record<string, Record<string, Cell> | undefined>[]) for (const row of Object.values(t)) for (const cell of Object.values(row ?? {})) cell.confidence = 0.96;
  return report;
}

describe('the arithmetic proof-reads OCR', () => {
  it('corrects a reading one digit off when the sums close with the other reading', () => {
    const report = ocrReport();
    const cell = report.t3.granted!.natural_person!;
    const right = cell.value!;
    cell.value = right + 5 < 10 ? right + 5 : right; // a 3 read as 8
    if (cell.value === right) cell.value = Number(String(right).replace(/.$/, (d) => String((Number(d) + 5) % 10)));
    cell.confidence = SURE - 0.1;
    proofread(report);
    expect(cell.value).toBe(right);
    expect(report.diagnostics.some((d) => d.code === 'ocr.corrected')).toBe(true);
    expect(checkReport(report).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it("corrects a sure reading only to what another view of its picture read; a sure reading one digit off the sums is the office's error", () => {
    const misread = ocrReport();
    const cell = misread.t3.granted!.natural_person!;
    const right = cell.value!;
    cell.value = right + 1;
    cell.confidence = 0.9;
    proofread(misread, new Map([[cell, [right]]]));
    expect(cell.value).toBe(right);

    const printed = ocrReport();
    const wrong = printed.t3.granted!.natural_person!;
    wrong.value = right + 1; // what the office printed, every view agreeing
    proofread(printed);
    expect(wrong.value).toBe(right + 1);
    expect(wrong.unsure).toBeFalsy();
    expect(checkReport(printed).some((i) => i.severity === 'error' && i.cells.some((c) => c.row === 'granted' && c.column === 'natural_person'))).toBe(true);
  });

  it('shows an unsure reading that no one-digit change explains as 读不准, never as an error; a sure one stays an error', () => {
    const report = ocrReport();
    const cell = report.t3.granted!.total!;
    cell.value = cell.value! + 1234;
    cell.confidence = SURE - 0.3;
    proofread(report);
    expect(cell.unsure).toBe(true);
    const issues = checkReport(report);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.some((i) => i.message.startsWith('读不准'))).toBe(true);

    const sure = ocrReport();
    sure.t3.granted!.total!.value! += 1234;
    proofread(sure);
    expect(checkReport(sure).some((i) => i.severity === 'error')).toBe(true);
  });
});

/** The scans take a minute of OCR each on 2 busy cores: they run when asked (NIANBAO_SLOW_TESTS=1), the print-driver PDF always. */
const SLOW = process.env.NIANBAO_SLOW_TESTS === '1';
/** Our scans (scripts/gen-scan-fixtures.ts): 200 dpi 0.5° JPEG 65, 300 dpi −1° JPEG 60, 200 dpi 0.8° JPEG 50. */
const SCANS = ['scan-2019.pdf', 'scan-300dpi-turned-1.pdf', 'scan-200dpi-turned-0.8.pdf'];

/** `nianbao export FILE --format json` with every network door shut, and what the block logged. */
function exportOffline(file: string) {
  const dir = testDir('ocr-');
  const log = join(dir, 'network.log');
  const env = { ...process.env, NODE_OPTIONS: `--require ${join(import.meta.dirname, 'support', 'no-network.cjs')}`, NIANBAO_NETWORK_LOG: log };
  const res = spawnSync(process.execPath, [BIN, 'export', file, '--format', 'json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const lines = readFileSync(log, 'utf8').split('\n');
  const out = JSON.parse(res.stdout) as { reports: { report: Report; issues: { severity: string; cells: { table: string; row: string; column: string }[] }[] }[] };
  return { res, lines, ...out.reports[0] };
}

function cellOf(report: Report, key: string): Cell | undefined {
  const [t, ...rest] = key.split('.');
  const column = rest.pop()!;
  return (report[t as 't2'] as Record<string, Record<string, Cell>>)[rest.join('.')]?.[column];
}

describe('nianbao on a scan (OCR, offline)', () => {
  it.runIf(SLOW).each(SCANS)('reads %s with no network request: ≥ 99 % of cells exact, every misread shown unsure, table 2 signs and units right, the office\'s error reported, no error on a right cell', { timeout: 600_000 }, (name) => {
    const { res, lines, report, issues } = exportOffline(join(SCAN, name));
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stderr).toContain('OCR');
    expect(lines).toContain('loaded worker'); // the tesseract workers ran under the block too
    expect(lines.filter((l) => l.startsWith('network'))).toEqual([]);
    expect(report.diagnostics.some((d) => d.code === 'pdf.ocr')).toBe(true);
    const expected = JSON.parse(readFileSync(join(SCAN, name.replace(/\.pdf$/, '.expected.json')), 'utf8')).cells as Record<string, string>;
    const cellAt = (key: string) => cellOf(report, key);
    const wrong = Object.entries(expected).filter(([k, v]) => String(cellAt(k)?.value ?? '') !== v);
    expect(Object.keys(expected).length).toBeGreaterThan(190);
    expect((Object.keys(expected).length - wrong.length) / Object.keys(expected).length).toBeGreaterThanOrEqual(0.99);
    expect(wrong.filter(([k]) => !cellAt(k)?.unsure)).toEqual([]);
    expect(cellAt('t2.licensing.change')?.value).toBe(-2);
    expect(cellAt('t2.procurement.amount_10k_yuan')?.value).toBe(312.6);
    expect(cellAt('t3.new_received.total')?.confidence).toBeGreaterThan(0);
    // the office's own error (予以公开·自然人 one too many) is reported as an error, not read away
    expect(issues.some((i) => i.severity === 'error' && i.cells.some((c) => c.table === 't3' && c.row === 'granted' && c.column === 'natural_person'))).toBe(true);
    const rightCell = (c: { table: string; row: string; column: string }) => !wrong.some(([k]) => k === `${c.table}.${c.row}.${c.column}`);
    const planted = (c: { table: string; row: string; column: string }) => c.table === 't3' && c.row === 'granted';
    expect(issues.filter((i) => i.severity === 'error' && i.cells.length > 0 && i.cells.every(rightCell) && !i.cells.some(planted))).toEqual([]);
  });

  it('reads a print-driver PDF (pdf2ps + ps2pdf: no Unicode maps) by OCR with no network request: every cell exact', { timeout: 600_000 }, async () => {
    const { res, lines, report } = exportOffline(join(SCAN, 'print-driver.pdf'));
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(lines).toContain('loaded worker'); // the tesseract workers ran under the block too
    expect(lines.filter((l) => l.startsWith('network'))).toEqual([]);
    expect(report.diagnostics.some((d) => d.code === 'pdf.ocr')).toBe(true);
    const expected = JSON.parse(readFileSync(join(SCAN, 'print-driver.expected.json'), 'utf8')).cells as Record<string, string>;
    expect(Object.entries(expected).filter(([k, v]) => String(cellOf(report, k)?.value ?? '') !== v)).toEqual([]);
    const { parsePdfFile } = await import('../core/node/pdf');
    // Without OCR the library names the unreadable text layer, never "not a report".
    await expect(parsePdfFile(new Uint8Array(readFileSync(join(SCAN, 'print-driver.pdf'))), 'x.pdf', { ocr: false })).rejects.toThrow(/扫描件|文字层/);
  });

  it('--no-ocr names the scan as a scan, as before', { timeout: 120_000 }, () => {
    const res = spawnSync(process.execPath, [BIN, 'check', '--no-ocr', join(SCAN, 'scan-2019.pdf')], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('扫描件，没有文字层，无法核对');
  });
});

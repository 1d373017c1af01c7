/**
 * Our own PDFs (test/fixtures/pdf, printed by Chromium from our sample pages in several layouts by
 * scripts/gen-test-pdfs.ts) read cell by cell: every value equals what the HTML parser reads from
 * the very same page (<name>.expected.json), every cell has a pdf box inside its page, and the
 * metadata agrees. The scan is named as a scan.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/model/schema';
import { pdfjsAssets } from '../core/node/pdf';
import { parsePdf, PdfReadError } from '../core/parse/pdf/index';

const DIR = join(import.meta.dirname, 'fixtures', 'pdf');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''))
  .sort();

interface Expected {
  what: string;
  cells: Record<string, string> | null;
  meta: Record<string, unknown> | null;
  error?: string;
}
const expectedOf = (name: string): Expected => JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
const cache = new Map<string, Promise<Report>>();
const read = (name: string) => {
  if (!cache.has(name)) cache.set(name, parsePdf(new Uint8Array(readFileSync(join(DIR, `${name}.pdf`))), { source: `${name}.pdf`, ...pdfjsAssets() }));
  return cache.get(name)!;
};

function cellsOf(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of ['t2', 't3', 't4'] as const)
    for (const [row, cols] of Object.entries(report[t])) for (const [col, cell] of Object.entries(cols ?? {})) out[`${t}.${row}.${col}`] = cell?.value == null ? '' : String(cell.value);
  return out;
}

describe('our own PDFs, cell by cell', () => {
  it('the fixtures are there', () => expect(names.length).toBeGreaterThanOrEqual(8));

  for (const name of names) {
    const expected = expectedOf(name);
    if (expected.error) {
      it(`${name} (${expected.what}): PdfReadError ${expected.error}`, async () => {
        const err = await read(name).catch((e) => e);
        expect(err).toBeInstanceOf(PdfReadError);
        expect((err as PdfReadError).code).toBe(expected.error);
        expect((err as PdfReadError).message).toMatch(/^[^\n]+ — [^\n]+$/);
      });
      continue;
    }
    it(`${name} (${expected.what}): every value as the HTML page has it, each with its pdf box`, async () => {
      const report = await read(name);
      expect(cellsOf(report)).toEqual(expected.cells);
      expect({ agency: report.meta.agency, year: report.meta.year, format: report.meta.format }).toEqual({
        agency: expected.meta!.agency,
        year: expected.meta!.year,
        format: expected.meta!.format,
      });
      for (const t of ['t2', 't3', 't4'] as const) {
        for (const cols of Object.values(report[t])) {
          for (const cell of Object.values(cols ?? {})) {
            expect(cell?.source?.kind).toBe('pdf');
            if (cell?.source?.kind !== 'pdf') continue;
            const s = cell.source;
            expect(s.width).toBeGreaterThan(0);
            expect(s.height).toBeGreaterThan(0);
            expect(s.x + s.width).toBeLessThanOrEqual(842 + 1);
            expect(s.y + s.height).toBeLessThanOrEqual(842 + 1);
          }
        }
      }
      // the footer's page numbers are not narrative
      expect(report.text).not.toMatch(/^- \d+ -$/m);
    });
  }

  it("the browser's print header and footer are not narrative, the signature is", async () => {
    const report = await read('browser-headers');
    expect(report.text).not.toMatch(/example\.gov\.cn|2025\/1\/20 10:00|^\d+\/\d+$/m);
    expect(report.text.match(/年度报告/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(report.meta).toMatchObject({ agency: '示例市测试局', signedOn: '2025-01-20', period: { from: '2024-01-01', to: '2024-12-31' } });
    expect(report.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other']);
  });

  it('a blank cell stays blank, not 0', async () => {
    const report = await read('collapsed-borders');
    const cell = report.t3['denied.state_secret']?.research;
    expect(cell?.blank).toBe(true);
    expect(cell?.value).toBeNull();
  });

  it('a number wrapped inside a narrow cell is one number, and its box is the cell', async () => {
    const report = await read('narrow-wrap');
    const cell = report.t3.new_received?.natural_person;
    expect(cell?.value).toBe(1234567);
    expect(cell?.source?.kind).toBe('pdf');
  });

  it('the same cell has its box in the same place on the page in portrait and landscape prints', async () => {
    const report = await read('landscape');
    const s = report.t3.granted?.total?.source;
    expect(s?.kind).toBe('pdf');
    if (s?.kind === 'pdf') expect(s.x + s.width).toBeLessThanOrEqual(842);
  });
});

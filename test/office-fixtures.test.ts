/**
 * Documents made the way offices make them (test/fixtures/office, written by
 * scripts/gen-office-fixtures.ts from report pages of our own): every gold cell exact in every
 * format we read, every planted finding reported, no error-level issue on a cell that is right; the
 * print-driver PDF named as an unreadable text layer, never "not a report".
 *
 * FORMATS is the one list of formats the documents come in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/model/schema';
import { InputError, readReportFile } from '../core/node/index';
import { parsePdf, PdfReadError } from '../core/parse/pdf/index';
import { parsePdfFile, pdfjsAssets } from '../core/node/pdf';
import { checkReport } from '../core/check/index';
import { cellLines, goldFileLines } from './support/cells';
import { miniPdf } from './fixtures/pdf/mini-pdf';

const DIR = join(import.meta.dirname, 'fixtures', 'office');

/** Every format of a document we read, by the file name's ending after `<name>.`. */
const FORMATS: { ext: string; what: string }[] = [
  { ext: 'html', what: 'the page' },
  { ext: 'word.html', what: 'the .docx turned into HTML by a Word converter (soffice)' },
  { ext: 'chromium.pdf', what: "Chromium's page.pdf" },
  { ext: 'lo.pdf', what: 'LibreOffice Writer' },
  { ext: 'wk.pdf', what: 'wkhtmltopdf' },
  { ext: 'docx', what: 'LibreOffice Writer saved as .docx' },
  { ext: 'doc', what: 'LibreOffice Writer saved as Word 97–2003 .doc' },
  { ext: 'txt', what: 'pdftotext -layout of the Chromium PDF' },
];

const docs = readdirSync(DIR)
  .filter((f) => f.endsWith('.gold.csv'))
  .map((f) => f.replace(/\.gold\.csv$/, ''))
  .sort();

const goldOf = (name: string): string[] => goldFileLines(join(DIR, `${name}.gold.csv`));

const findingsOf = (name: string): { cells: string[]; rules: string[] } => JSON.parse(readFileSync(join(DIR, `${name}.findings.json`), 'utf8'));

const cache = new Map<string, Promise<Report>>();
const read = (file: string) => {
  if (!cache.has(file)) cache.set(file, readReportFile(join(DIR, file)));
  return cache.get(file)!;
};

describe('office documents, every format', () => {
  it('the fixtures are there', () => expect(docs.length).toBeGreaterThanOrEqual(3));

  for (const name of docs) {
    for (const { ext, what } of FORMATS) {
      const file = `${name}.${ext}`;
      it(`${file} (${what}): every gold cell exact`, async () => {
        expect(cellLines(await read(file))).toEqual(goldOf(name));
      });
      it(`${file}: every planted finding reported, no error on a cell that is right`, async () => {
        const { cells: planted, rules } = findingsOf(name);
        const issues = checkReport(await read(file));
        const errors = issues.filter((i) => i.severity === 'error');
        for (const rule of rules) expect(errors.map((i) => i.rule), `${rule} reported`).toContain(rule);
        for (const e of errors) {
          const on = e.cells.map((c) => `${c.table}.${c.row}.${c.column}`);
          expect(
            on.some((c) => planted.includes(c)),
            `${e.rule} at ${e.table}.${e.row}.${e.column} involves a planted cell`,
          ).toBe(true);
          for (const s of e.suspects) expect(planted, `${e.rule} names a right cell as suspect`).toContain(`${s.table}.${s.row}.${s.column}`);
        }
        const warnings = (await read(file)).diagnostics.filter((d) => d.level !== 'info').map((d) => d.code);
        expect(warnings, 'no reading warnings').toEqual([]);
      });
    }
  }
});

describe('a print-driver PDF (pdf2ps, ps2pdf: fonts without ToUnicode)', () => {
  for (const name of docs) {
    it(`${name}.printer.pdf is named an unreadable text layer, with its cause, not "not a report"`, async () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, `${name}.printer.pdf`)));
      const err = await parsePdf(bytes, { source: 'x.pdf', ...pdfjsAssets() }).catch((e) => e);
      expect(err).toBeInstanceOf(PdfReadError);
      expect(err.code).toBe('unreadable');
      expect(err.textLayer).toBe('control-characters');
      expect(err.message).toMatch(/^PDF 的文字层无法识读[^\n]*ToUnicode[^\n]* — the PDF text layer is unreadable[^\n]*$/);
      expect(err.message).not.toMatch(/不是政府信息公开年度报告/);
      // With OCR off the Node reader names it too (OCR reads such a file: test/ocr.test.ts).
      const input = await parsePdfFile(bytes, `${name}.printer.pdf`, { ocr: false }).catch((e) => e);
      expect(input).toBeInstanceOf(InputError);
      expect((input as InputError).kind).toBe('unreadable');
    });
  }
});

describe('text set left of the page edge (LibreOffice places a table wider than the page so)', () => {
  it('is laid out from the line start: the file is read, not called broken', async () => {
    const texts = [
      { x: -30, y: 60, str: '某某局政府信息公开工作年度报告' },
      { x: -12, y: 90, str: '一、总体情况' },
      { x: 40, y: 120, str: '本年度共收到申请12件。' },
    ];
    const err = await parsePdf(miniPdf([{ texts }]), { source: 'x.pdf', ...pdfjsAssets() }).catch((e) => e);
    expect(err).toBeInstanceOf(PdfReadError);
    expect(err.code).toBe('not-a-report');
  });
});

/**
 * test/support/docx-fit.ts, which the office measurement uses to make the Word document an office
 * prints (tables fitted to the page width): a table wider than the text area is scaled to it, one
 * that fits is left alone. On our own fixture .docx, its tables widened as a web page's can be.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fitDocxTables } from './support/docx-fit';

const DOCX = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'office', 'continued-2024.docx')));
const documentOf = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']);
/** Each outermost table's grid width, twips (our fixture has no nested tables). */
const gridWidths = (xml: string) =>
  [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/w:w="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0));
/** Text width of the fixture's A4 pages: 11906 less margins 1134 and 567. */
const TEXT_WIDTH = 11906 - 1134 - 567;

describe('fitDocxTables', () => {
  it('leaves tables that fit the page as they are', () => {
    const before = gridWidths(documentOf(DOCX));
    expect(before.every((w) => w <= TEXT_WIDTH)).toBe(true);
    expect(gridWidths(documentOf(fitDocxTables(DOCX)))).toEqual(before);
  });

  it('scales a table wider than the page to the text width, cells with it', () => {
    const files = unzipSync(DOCX);
    const widen = (xml: string) => xml.replace(/(<w:(?:gridCol|tcW)\b[^>]*\bw:w=")(\d+)"/g, (_, h: string, w: string) => `${h}${Number(w) * 3}"`);
    files['word/document.xml'] = strToU8(widen(documentOf(DOCX)));
    const wide = zipSync(files);
    expect(Math.max(...gridWidths(documentOf(wide)))).toBeGreaterThan(TEXT_WIDTH);
    const fitted = documentOf(fitDocxTables(wide));
    for (const w of gridWidths(fitted)) expect(w).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(Math.max(...gridWidths(fitted))).toBeGreaterThan(TEXT_WIDTH - 40);
    expect(fitted).toContain(`<w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/>`);
  });
});

/**
 * Word files read cell by cell: our sample reports saved by LibreOffice Writer as .docx and as
 * Word 97–2003 .doc (test/fixtures/word, made by scripts/gen-word-fixtures.ts) give every cell the
 * HTML parser reads from the very same HTML, the same metadata, and exactly the same issues (the
 * samples' planted defects, nothing else). Hostile and broken files each get their one line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/model/schema';
import { parseHtml } from '../core/parse/html';
import { parseDoc } from '../core/parse/word/doc';
import { MAX_ZIP_ENTRIES, parseDocx } from '../core/parse/word/docx';
import { WordReadError } from '../core/parse/word/errors';
import { readWordDocument } from '../core/parse/word/read';
import { checkReport } from '../core/check/index';
import { wordFixtureHtml, WORD_FIXTURES } from '../scripts/gen-word-fixtures';

const fixture = (file: string) => new Uint8Array(readFileSync(join(WORD_FIXTURES, file)));
const read = (file: string): Report => (file.endsWith('.docx') ? parseDocx : parseDoc)(fixture(file), { source: file });

function cellsOf(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of ['t2', 't3', 't4'] as const)
    for (const [row, cols] of Object.entries(report[t])) for (const [col, cell] of Object.entries(cols ?? {})) out[`${t}.${row}.${col}`] = `${cell?.raw}|${cell?.value}|${cell?.blank}`;
  return out;
}
const issuesOf = (r: Report) =>
  checkReport(r)
    .map((i) => `${i.severity}|${i.rule}|${i.table}|${i.row ?? '-'}|${i.column ?? '-'}`)
    .sort();

describe('Word fixtures, cell by cell', () => {
  for (const [name, { html, formats }] of Object.entries(wordFixtureHtml())) {
    const page = parseHtml(html);
    for (const format of formats) {
      const file = `${name}.${format}`;
      it(`${file}: every cell, the metadata and the issues as the HTML page has them`, async () => {
        const report = await read(file);
        expect(Object.keys(cellsOf(page)).length).toBeGreaterThan(100);
        expect(cellsOf(report)).toEqual(cellsOf(page));
        expect(report.meta.format).toBe(page.meta.format);
        expect({ agency: report.meta.agency, year: report.meta.year, title: report.meta.title }).toEqual({ agency: page.meta.agency, year: page.meta.year, title: page.meta.title });
        expect(report.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
        const issues = issuesOf(report);
        if (name.includes('2024')) expect(issues.length).toBeGreaterThan(0); // the 2024 sample's planted defects
        expect(issues).toEqual(issuesOf(page));
        // Every cell remembers its table, row and cell, as an HTML cell does (the report page marks it there).
        for (const t of ['t2', 't3', 't4'] as const)
          for (const cols of Object.values(report[t])) for (const cell of Object.values(cols ?? {})) expect(cell?.source?.kind).toBe('html');
        expect(report.text).toContain('本报告根据《中华人民共和国政府信息公开条例》编制');
      });
    }
  }
});

/** The fixture .docx with its document.xml changed (and other entries kept). */
function editedDocx(edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(fixture('report-2024.docx'));
  const xml = strFromU8(files['word/document.xml']);
  const edited = edit(xml);
  expect(edited).not.toBe(xml);
  files['word/document.xml'] = strToU8(edited);
  return zipSync(files);
}

/** Every replacement must find its text (else the test would prove nothing). */
function replaced(xml: string, find: string | RegExp, by: string): string {
  expect(xml).toMatch(find);
  return xml.replace(find, by);
}

describe('.docx markup', () => {
  const base = parseDocx(fixture('report-2024.docx'));
  it('tracked changes: inserted text kept, deleted text dropped; content controls read', () => {
    const doc = editedDocx((xml) => {
      xml = replaced(xml, '<w:t>185</w:t></w:r>', '<w:t>18</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>5</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>999</w:delText></w:r></w:del>');
      xml = replaced(xml, /(<w:t>218<\/w:t><\/w:r>)/, '$1<w:del w:id="3" w:author="a"><w:r><w:t>7</w:t></w:r></w:del>');
      return replaced(xml, /<w:r>((?:(?!<w:r>).)*?<w:t>123<\/w:t><\/w:r>)/, '<w:sdt><w:sdtContent><w:r>$1</w:sdtContent></w:sdt>');
    });
    const r = parseDocx(doc);
    expect(r.t2.regulations?.issued?.value).toBe(185);
    expect(r.t2.penalty?.decisions?.value).toBe(218);
    expect(r.t2.coercion?.decisions?.value).toBe(123);
    expect(cellsOf(r)).toEqual(cellsOf(base));
  });

  it('a field begun and never ended (a broken file) hides its paragraph’s text only', () => {
    const doc = editedDocx((xml) => replaced(xml, '<w:body>', '<w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>隐藏</w:t></w:r></w:p>'));
    const r = parseDocx(doc);
    expect(r.text).not.toContain('隐藏');
    expect(cellsOf(r)).toEqual(cellsOf(base));
  });

  it('a table nested in a cell is read as a table of its own, not into the cell', () => {
    const doc = editedDocx((xml) => xml.replace('<w:body>', '<w:body><w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>'));
    expect(cellsOf(parseDocx(doc))).toEqual(cellsOf(base));
  });

  it('XML nested beyond the limit is cut with a warning, not a crash', () => {
    const deep = '<w:sdt><w:sdtContent>'.repeat(2_000) + '<w:p><w:r><w:t>x</w:t></w:r></w:p>' + '</w:sdtContent></w:sdt>'.repeat(2_000);
    const r = parseDocx(editedDocx((xml) => xml.replace('<w:body>', `<w:body>${deep}`)));
    expect(r.diagnostics.map((d) => d.code)).toContain('word.too-large');
    expect(cellsOf(r)).toEqual(cellsOf(base));
  });
});

describe('.docx and .doc that cannot be read: one line each', () => {
  const problem = async (f: () => unknown) => {
    const err = await Promise.resolve()
      .then(f)
      .then(
        () => null,
        (e) => e,
      );
    expect(err).toBeInstanceOf(WordReadError);
    expect((err as Error).message).toMatch(/^[^\n]+ — [^\n]+$/);
    return (err as WordReadError).code;
  };

  it('a zip bomb (document.xml inflating past the limit) is refused before it is inflated', async () => {
    // 1 MB of zeros, its sizes then written as 40 MB in both headers: what a deflate bomb declares, without making one.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(1 << 20) });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      const sig = view.getUint32(at, true);
      if (sig === 0x04034b50) view.setUint32(at + 22, 40 << 20, true);
      if (sig === 0x02014b50) view.setUint32(at + 24, 40 << 20, true);
    }
    expect(bomb.length).toBeLessThan(10_000);
    expect(await problem(() => parseDocx(bomb))).toBe('too-large');
  });

  it('a zip of more entries than the limit is refused', async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) many[`f${i}`] = new Uint8Array(0);
    expect(await problem(() => parseDocx(zipSync(many)))).toBe('too-large');
  });

  it('a read past its deadline stops with its line (.docx between slices of its XML, .doc before its tables are built)', async () => {
    const past = Date.now() - 1;
    expect(await problem(() => readWordDocument(fixture('report-2024.docx'), { deadline: past }))).toBe('too-slow');
    expect(await problem(() => readWordDocument(fixture('report-2024.doc'), { deadline: past }))).toBe('too-slow');
    expect(readWordDocument(fixture('report-2024.docx'), { deadline: Date.now() + 60_000 }).report.meta.year).toBe(2024);
  });

  it('a truncated .docx is broken; a zip without word/document.xml is no Word file', async () => {
    const bytes = fixture('report-2024.docx');
    expect(await problem(() => parseDocx(bytes.subarray(0, 4000)))).toBe('broken');
    expect(await problem(() => parseDocx(zipSync({ 'a.txt': strToU8('x') })))).toBe('not-word');
  });

  it('an encrypted .docx (an OLE file with EncryptedPackage) is named encrypted', async () => {
    expect(await problem(() => parseDoc(fixture('encrypted.docx'), { source: 'encrypted.docx' }))).toBe('encrypted');
  });

  it('a .doc whose FIB says encrypted is named encrypted; text named .doc is no Word file', async () => {
    const doc = fixture('report-2024.doc').slice();
    // The FIB opens the WordDocument stream on a sector boundary: 0xA5EC, then fEncrypted in the flags at 0x0A.
    let fib = -1;
    for (let at = 512; at < doc.length; at += 512) if (doc[at] === 0xec && doc[at + 1] === 0xa5) (fib = at), (at = doc.length);
    expect(fib).toBeGreaterThan(0);
    doc[fib + 0x0b] |= 0x01;
    expect(await problem(() => parseDoc(doc, { source: 'x.doc' }))).toBe('encrypted');
    expect(await problem(() => parseDoc(strToU8('这不是 Word 文件'), { source: 'x.doc' }))).toBe('not-word');
  });
});

describe('documents that are not Word files say what they are', () => {
  const line = async (bytes: Uint8Array, name: string) => {
    const { reportFromBytes, InputError } = await import('../core/node/read');
    try {
      await reportFromBytes(bytes, name, { name });
    } catch (err) {
      if (err instanceof InputError) return { reason: err.reason, kind: err.kind };
      throw err;
    }
    throw new Error(`${name} was read`);
  };

  it('an OFD (by its OFD.xml, or by name when broken) and an OpenDocument text may be reports: named, unreadable', async () => {
    expect(await line(zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>'), 'Doc_0/Document.xml': strToU8('<x/>') }), 'a.zip')).toEqual({ reason: expect.stringMatching(/^OFD 版式文件（GB\/T 33190），暂不能读取.* — an OFD document/), kind: 'unreadable' });
    expect((await line(strToU8('PK\x03\x04 broken'), '报告.ofd')).reason).toMatch(/^OFD 版式文件/);
    expect(await line(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }), 'a.odt')).toEqual({ reason: expect.stringMatching(/^OpenDocument 文档/), kind: 'unreadable' });
  });

  it('a spreadsheet or a presentation (zip or OLE) is no report; a picture and an RTF say what they are', async () => {
    const { writeCfb } = await import('./support/cfb-writer');
    expect(await line(zipSync({ 'xl/workbook.xml': strToU8('<x/>') }), 'a.xlsx')).toEqual({ reason: expect.stringMatching(/^Excel 等电子表格，不是年度报告文档 — a spreadsheet/), kind: 'not-report' });
    expect((await line(zipSync({ 'ppt/presentation.xml': strToU8('<x/>') }), 'a.pptx')).reason).toMatch(/^PowerPoint 等演示文稿/);
    expect((await line(writeCfb([{ name: 'Workbook', data: new Uint8Array(5000) }]).bytes, 'a.xls')).reason).toMatch(/^Excel 等电子表格/);
    // PNG and JPEG go to OCR (test/ocr-pictures.test.ts), which names these cut-off headers; other pictures are named at once
    expect(await line(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'scan.jpg')).toEqual({ reason: expect.stringMatching(/^图片文件（JPEG）；图片不完整或无法解码 — /), kind: 'unreadable' });
    expect((await line(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'x')).reason).toMatch(/^图片文件（PNG）；图片不完整或无法解码/);
    expect(await line(strToU8('II*\u0000 tiff'), 'scan.tif')).toEqual({ reason: expect.stringMatching(/^图片文件（TIFF），暂不能识读.*PNG、JPEG 或 PDF/), kind: 'unreadable' });
    expect((await line(strToU8('{\\rtf1\\ansi 表三}'), 'report.rtf')).reason).toMatch(/^RTF 文档，暂不能读取/);
  });
});

describe('damaged Word files never crash the reader', () => {
  it('bytes of the .docx and the .doc changed at random: a report or one line, every time', async () => {
    const { parseWordFile } = await import('../core/node/word');
    const { InputError } = await import('../core/node/read');
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const seen = new Set<string>();
    for (const file of ['report-2024.docx', 'report-2024.doc']) {
      const original = fixture(file);
      for (let round = 0; round < 25; round++) {
        const bytes = original.slice();
        // A few bytes anywhere, or a run of them in the first 4 KB (headers, the FIB, the zip's first entry).
        const changes = 1 + Math.floor(random() * 8);
        for (let k = 0; k < changes; k++) {
          const at = Math.floor(random() * (random() < 0.5 ? Math.min(4096, bytes.length) : bytes.length));
          bytes[at] = Math.floor(random() * 256);
        }
        const outcome = await parseWordFile(bytes, file).then(
          (r) => (r.meta ? 'report' : 'odd'),
          (e) => (e instanceof InputError && /^[^\n]+ — [^\n]+$/.test(e.reason) ? 'line' : String(e)),
        );
        expect(['report', 'line'], `${file} round ${round}`).toContain(outcome);
        seen.add(`${file.split('.').pop()} ${outcome}`);
      }
    }
    // Both ways out were taken (the seed is fixed): damaged files that still read, and ones named in a line.
    expect([...seen].sort()).toEqual(['doc line', 'doc report', 'docx line', 'docx report']);
  }, 60_000);
});

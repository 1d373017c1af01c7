/**
 * What Microsoft Word and WPS write into a .docx, and Word 97–2003 into a .doc, that LibreOffice
 * (our other fixtures) rarely does, trait by trait, on our own report pages
 * (test/support/docx-writer.ts and doc-writer.ts build each file): every cell, the findings, the
 * agency, year and title are those the HTML parser reads from the very same page.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/model/schema';
import { checkReport } from '../core/check/index';
import { parseHtml } from '../core/parse/html';
import { parseDocx } from '../core/parse/word/docx';
import { WordReadError } from '../core/parse/word/errors';
import { numberingCounter, readNumbering } from '../core/parse/word/numbering';
import { parseDoc, readDocText } from '../core/parse/word/doc';
import { CELL_END, marker, ROW_END } from '../core/parse/word/doc-stream';
import { readCompoundFile } from '../core/parse/word/cfb';
import { writeDoc, type DocTraits } from './support/doc-writer';
import { documentXml, writeDocx, type WordTraits } from './support/docx-writer';
import { consistentValues, writeReportPage, type PageStyle } from './support/page-writer';

function cellsOf(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of ['t2', 't3', 't4'] as const)
    for (const [row, cols] of Object.entries(report[t])) for (const [col, cell] of Object.entries(cols ?? {})) out[`${t}.${row}.${col}`] = `${cell?.value}|${cell?.blank}`;
  return out;
}
const issuesOf = (r: Report) =>
  checkReport(r)
    .map((i) => `${i.severity}|${i.rule}|${i.table}|${i.row ?? '-'}|${i.column ?? '-'}`)
    .sort();

/** A page with planted defects (so the findings are something to compare), and a phone number for the hyphen. */
function page(style: PageStyle & { blanks?: boolean } = {}, format: '2021' | '2019' = '2021'): string {
  const values = consistentValues(format, 7);
  // Some cells left blank (a cell.blank finding each, and an empty cell to write).
  if (style.blanks) for (const k of ['t3.denied.state_secret.research', 't3.unavailable.not_held.other_org', 't4.review.corrected']) values[k] = '';
  // Planted: table 3's total for natural persons off by 3 (t3 findings), table 2 left as is.
  values['t3.granted.natural_person'] = String(Number(values['t3.granted.natural_person']) + 3);
  return writeReportPage(
    {
      format,
      agency: '示例市示例局',
      year: format === '2021' ? 2024 : 2020,
      values,
      narrative: { other: ['本机关政府信息公开咨询电话：0591-87654321。本年度未收取信息处理费。'] },
      published: '2025-01-20',
    },
    style,
  );
}

function sameAsHtml(html: string, traits: WordTraits): Report {
  const want = parseHtml(html);
  const got = parseDocx(writeDocx(html, traits), { source: 'x.docx' });
  expect(Object.keys(cellsOf(want)).length).toBeGreaterThan(100);
  expect(cellsOf(got)).toEqual(cellsOf(want));
  const issues = issuesOf(got);
  expect(issues.some((i) => i.startsWith('error|'))).toBe(true); // the planted defect is found …
  expect(issues).toEqual(issuesOf(want)); // … and nothing else
  expect({ agency: got.meta.agency, year: got.meta.year, format: got.meta.format, title: got.meta.title }).toEqual({
    agency: want.meta.agency,
    year: want.meta.year,
    format: want.meta.format,
    title: want.meta.title,
  });
  expect(got.diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  return got;
}

const TRAITS: [string, WordTraits, (PageStyle & { blanks?: boolean })?][] = [
  ['runs inside w:hyperlink', { hyperlink: true }],
  ['runs inside w:smartTag', { smartTag: true }],
  ['content controls (w:sdt) around runs, cells, rows and whole tables', { sdt: true }],
  ['tracked changes: w:del text (a deleted old value, a deleted row) not read, w:ins read', { trackedChanges: true }],
  ['numbers as field results (w:fldSimple; fldChar + instrText codes not read)', { fields: true }],
  ['a grid column before the table (w:tblGrid, w:gridBefore, w:wBefore)', { gridBefore: true }],
  ['merged columns as w:hMerge', { hMerge: true }],
  ['w:tcW widths and a fixed layout', { widths: true }],
  ['w:noBreakHyphen, w:tab, w:sym', { noBreakHyphen: true, tabs: true, sym: true }],
  ['line breaks (w:br) inside cells', {}, { labels: 'br' }],
  ['headings and labels numbered automatically (word/numbering.xml: 一、 （一） 1., restarting lists)', { numbering: true }],
  ['blank cells as unfilled content controls showing their prompt (w:showingPlcHdr: the prompt is not read)', { placeholders: true }, { blanks: true }],
  ['a text box in mc:AlternateContent, its text in the Choice and again in the Fallback', { textBox: '注：本表数据由办公室汇总，各科室核对。' }],
  ['a portal page: the report tables nested in a layout table', {}, { portal: true }],
  ['table 3 continued after a page break as a second w:tbl on its own grid', { pageBreaks: true }, { continuedT3: true }],
  ['table 3 split into two w:tbl by a page break', { pageBreaks: true }, { splitT3: true }],
  ['hidden text (w:vanish): an old value hidden before each number, a hidden note in the narrative — not read', { hidden: true }],
  ['every trait at once', { hidden: true, hyperlink: true, smartTag: true, sdt: true, trackedChanges: true, fields: true, gridBefore: true, hMerge: true, widths: true, noBreakHyphen: true, tabs: true, sym: true, textBox: '统计期限说明', pageBreaks: true, numbering: true }, { labels: 'br', continuedT3: true }],
];

describe('.docx as Microsoft Word and WPS write it: read exactly as the HTML of the same page', () => {
  for (const [name, traits, style] of TRAITS) {
    it(name, () => {
      sameAsHtml(page(style), traits);
    });
  }

  it('the 2019 format, every trait at once', () => {
    sameAsHtml(page({ labels: 'br' }, '2019'), { hyperlink: true, smartTag: true, sdt: true, trackedChanges: true, fields: true, gridBefore: true, hMerge: true, widths: true, pageBreaks: true });
  });

  it('the writer puts each trait into the file (else the tests above would prove nothing)', () => {
    const html = page({ continuedT3: true });
    const xml = (t: WordTraits) => documentXml(html, t);
    expect(xml({ hyperlink: true })).toContain('<w:hyperlink');
    expect(xml({ smartTag: true })).toContain('<w:smartTag');
    expect(xml({ sdt: true })).toMatch(/<w:sdtContent><w:tbl>/);
    expect(xml({ sdt: true })).toMatch(/<w:sdtContent><w:tr>/);
    expect(xml({ sdt: true })).toMatch(/<w:sdtContent><w:tc>/);
    expect(xml({ trackedChanges: true })).toMatch(/<w:trPr><w:del /);
    expect(xml({ trackedChanges: true })).toContain('<w:tcPrChange');
    expect(xml({ fields: true })).toContain('<w:fldSimple');
    expect(xml({ fields: true })).toContain('<w:instrText');
    expect(xml({ gridBefore: true })).toContain('<w:gridBefore w:val="1"/>');
    expect(xml({ hMerge: true })).toContain('<w:hMerge/>');
    expect(xml({})).toContain('<w:vMerge/>');
    expect(xml({ noBreakHyphen: true })).toContain('<w:noBreakHyphen/>');
    expect(xml({ hidden: true }).match(/<w:vanish\/>/g)!.length).toBeGreaterThan(200);
    expect(xml({ textBox: 'x' }).match(/<w:txbxContent>/g)).toHaveLength(2);
    expect(documentXml(page({ blanks: true }), { placeholders: true })).toContain('<w:showingPlcHdr/>');
    expect(xml({ numbering: true }).match(/<w:numPr>/g)!.length).toBeGreaterThan(30);
    expect(xml({ numbering: true })).not.toMatch(/>一、总体情况</);
    expect(xml({ pageBreaks: true }).match(/<w:br w:type="page"\/>/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('text: a deleted value is not read, the inserted one is; field codes are not text; a text box is read once; the hyphen and tab are kept', () => {
    const box = '注：本表数据由办公室汇总，各科室核对。';
    const r = sameAsHtml(page(), { trackedChanges: true, fields: true, textBox: box, noBreakHyphen: true, tabs: true, sym: true });
    expect(r.text).not.toContain('SUM');
    expect(r.text).not.toContain('删除的行');
    expect(r.text.split(box)).toHaveLength(2);
    expect(r.text).toMatch(/0591-87654321/);
    expect(r.text).not.toMatch(/[\uf000-\uf0ff]/);
  });
});

describe('.doc as Word 97–2003 writes it (test/support/doc-writer.ts): read exactly as the HTML of the same page', () => {
  const sameDoc = (html: string, traits: DocTraits) => {
    const want = parseHtml(html);
    const got = parseDoc(writeDoc(html, traits), { source: 'x.doc' });
    expect(Object.keys(cellsOf(want)).length).toBeGreaterThan(100);
    expect(cellsOf(got)).toEqual(cellsOf(want));
    expect(issuesOf(got)).toEqual(issuesOf(want));
    expect(issuesOf(got).some((i) => i.startsWith('error|'))).toBe(true);
    expect({ agency: got.meta.agency, year: got.meta.year, format: got.meta.format }).toEqual({ agency: want.meta.agency, year: want.meta.year, format: want.meta.format });
    return got;
  };

  it('saved whole: one UTF-16 piece, 1Table', () => {
    sameDoc(page(), {});
  });

  it('fast-saved (fComplex): the text in pieces written out of order, 8-bit ASCII pieces beside UTF-16 ones, a Prc before the piece table', () => {
    sameDoc(page({ continuedT3: true }), { fastSaved: true });
  });

  it('numbers as field results (0x13 code 0x14 result 0x15, nested): only the result is read', () => {
    const r = sameDoc(page(), { fields: true });
    expect(r.text).not.toMatch(/SUM|IF/);
  });

  it('tables nested in a cell (a portal page’s layout table: sprmPItap 2, inner cells and rows ended by marked paragraph marks)', () => {
    sameDoc(page({ portal: true }), {});
  });

  it('the table stream fWhichTblStm names: 0Table or 1Table, the other one useless', () => {
    sameDoc(page(), { tableStream: '0Table' });
    sameDoc(page(), { tableStream: '1Table' });
  });

  it('every trait at once, and the 2019 format', () => {
    sameDoc(page({ portal: true, continuedT3: true, labels: 'br' }), { fastSaved: true, fields: true, tableStream: '0Table' });
    sameDoc(page({ portal: true, labels: 'br' }, '2019'), { fastSaved: true, fields: true });
  });

  it('damaged at random (the nested, fast-saved, fielded file): a report or one line, every time; nesting deeper than told apart is bounded', () => {
    const original = writeDoc(page({ portal: true }), { fastSaved: true, fields: true });
    let seed = 29;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const seen = new Set<string>();
    for (let round = 0; round < 40; round++) {
      const bytes = original.slice();
      for (let k = 0; k < 1 + Math.floor(random() * 12); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      let outcome: string;
      try {
        outcome = parseDoc(bytes).meta ? 'report' : 'odd';
      } catch (e) {
        outcome = e instanceof WordReadError && /^[^\n]+ — [^\n]+$/.test(e.message) ? 'line' : String(e);
      }
      expect(['report', 'line'], `round ${round}`).toContain(outcome);
      seen.add(outcome);
    }
    expect(seen.has('report')).toBe(true);
    // A table nested 40 deep (a hostile file): read, its depth capped, no stack or time blow-up.
    let html = '<table><tr><td>x</td></tr></table>';
    for (let d = 0; d < 40; d++) html = `<table><tr><td>${html}</td></tr></table>`;
    expect(parseDoc(writeDoc(`<html><body>${html}</body></html>`)).meta).toBeTruthy();
  });

  it('the writer writes what it claims: depth-2 marks; the fast save gives the text of the whole save; the flag, not the stream names, picks the table stream', () => {
    const html = page({ portal: true });
    const bytes = writeDoc(html, { fastSaved: true });
    const { text } = readDocText(bytes);
    expect(text).toContain(String.fromCharCode(marker(CELL_END, 2)));
    expect(text).toContain(String.fromCharCode(marker(ROW_END, 2)));
    expect(text).toBe(readDocText(writeDoc(html, {})).text);
    expect(readCompoundFile(bytes).entries.map((e) => e.name)).toEqual(expect.arrayContaining(['0Table', '1Table']));
    // fWhichTblStm flipped: the other stream (no piece table) is read, and the file is named broken in one line.
    const flipped = bytes.slice();
    let fib = -1;
    for (let at = 4096; at < flipped.length && fib < 0; at += 4096) if (flipped[at] === 0xec && flipped[at + 1] === 0xa5 && flipped[at + 2] === 0xc1) fib = at;
    expect(fib).toBeGreaterThan(0);
    flipped[fib + 0x0b] ^= 0x02;
    expect(() => parseDoc(flipped)).toThrow(WordReadError);
    expect(() => parseDoc(flipped)).toThrow(/^Word 文档已损坏或不完整，无法读取 — /);
  });
});

describe('automatic numbering (core/parse/word/numbering.ts)', () => {
  it('labels in each format, levels counted under their parent, restarts and shared counts as Word keeps them', () => {
    const xml = `<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="9"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="·"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>`;
    const c = numberingCounter(readNumbering(xml));
    // %1 in its own level's format (十.1), unless the level is legal (w:isLgl: 10.2.1); numIds without overrides share one count.
    expect([c.label('1', 0), c.label('1', 0), c.label('1', 1), c.label('1', 1), c.label('1', 2), c.label('2', 0), c.label('2', 1)]).toEqual(['九、', '十、', '十.1 ', '十.2 ', '10.2.1 ', '十一、', '十一.1 ']);
    expect([c.label('3', 0), c.label('3', 1), c.label('3', 1), c.label('3', 2), c.label('3', 0)]).toEqual(['丙. ', '① ', '② ', '', '丁. ']);
    expect([c.label('9', 0), c.label('1', 12)]).toEqual(['', '']);
  });
});

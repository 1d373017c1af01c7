/**
 * Bad PDFs never crash the reader: truncated and byte-mutated files (fast-check) resolve to a
 * Report or reject with a PdfReadError carrying one bilingual line — never another error, never a
 * hang (each bounded to 2 s, a time-out being one of the accepted outcomes). Encrypted, empty, not-a-PDF, too large, unreadable text layers and
 * too many pages each get their own message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdfjsAssets } from '../core/node/pdf';
import { parsePdf, PdfReadError, reportOf, type PdfParseOptions } from '../core/parse/pdf/index';
import type { PdfPage } from '../core/parse/pdf/page';
import { miniPdf, type MiniPage } from './fixtures/pdf/mini-pdf';

/**
 * The reader's time bound: generous where a test expects a particular result (a busy machine must
 * not turn it into "took too long"); 2 s for the random files, where "took too long" is one of the
 * accepted outcomes.
 */
const opts = (extra: Partial<PdfParseOptions> = {}): PdfParseOptions => ({ source: 'x.pdf', ...pdfjsAssets(), timeoutMs: 20_000, ...extra });

/** Table 4 with rules and a title: a small report (a partial one: table 4 only). */
function smallReport(): MiniPage {
  const xs = [40, 70, 100, 130, 160, 190, 220, 250, 280, 310, 340, 370, 400, 430, 460, 490];
  const lines: [number, number, number, number][] = [];
  for (const y of [200, 220, 240, 260, 280]) lines.push([40, y, 490, y]);
  for (const x of xs) lines.push([x, 200, x, 280]);
  const texts = [
    { x: 60, y: 60, size: 16, str: '示例局2024年政府信息公开工作年度报告' },
    { x: 40, y: 120, str: '一、总体情况' },
    { x: 40, y: 140, str: '本机关全年共受理行政复议3件。' },
    { x: 40, y: 180, str: '四、政府信息公开行政复议、行政诉讼情况' },
    { x: 42, y: 215, str: '行政复议' },
    { x: 192, y: 215, str: '行政诉讼' },
  ];
  const cols = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  xs.slice(0, 15).forEach((x, i) => texts.push({ x: x + 2, y: 255, size: 5, str: cols[i % 5] }));
  texts.push({ x: 192, y: 235, size: 6, str: '未经复议直接起诉' }, { x: 342, y: 235, size: 6, str: '复议后起诉' });
  xs.slice(0, 15).forEach((x, i) => texts.push({ x: x + 5, y: 275, str: String([1, 1, 0, 1, 3][i % 5]) }));
  // the group rules: a line under 行政诉讼 only over its columns, the others span all rows
  return { texts, lines };
}

const SMALL = miniPdf([smallReport()]);
const CHROMIUM = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'pdf', 'collapsed-borders.pdf')));

async function outcome(bytes: Uint8Array): Promise<'report' | string> {
  try {
    const r = await parsePdf(bytes, opts({ timeoutMs: 2000 }));
    expect(Array.isArray(r.diagnostics)).toBe(true);
    return 'report';
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(PdfReadError);
    expect((err as PdfReadError).message).toMatch(/^[^\n]+ — [^\n]+$/);
    return (err as PdfReadError).code;
  }
}

describe('the small hand-written PDF', () => {
  it('is read: table 4 with its boxes', async () => {
    const r = await parsePdf(SMALL, opts());
    expect(r.t4.review?.upheld?.value).toBe(1);
    expect(r.t4.litigation_after_review?.total?.value).toBe(3);
    expect(r.t4.review?.total?.source).toMatchObject({ kind: 'pdf', page: 1, x: 160, y: 260, width: 30, height: 20 });
    expect(r.meta.agency).toBe('示例局');
  });
});

describe('truncated and mutated PDFs', () => {
  it('a truncated small PDF: a report or a PdfReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SMALL.length }), async (cut) => {
        await outcome(SMALL.subarray(0, cut));
      }),
      { numRuns: 40 },
    );
  }, 60000);

  it('a byte-mutated small PDF: a report or a PdfReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }), async (edits) => {
        const bytes = SMALL.slice();
        for (const e of edits) bytes[e.at % bytes.length] = e.byte;
        await outcome(bytes);
      }),
      { numRuns: 40 },
    );
  }, 60000);

  it('a truncated or mutated Chromium PDF (embedded CJK fonts): a report or a PdfReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: CHROMIUM.length }), fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }), async (cut, edits) => {
        const bytes = CHROMIUM.slice(0, cut);
        for (const e of edits) if (bytes.length) bytes[e.at % bytes.length] = e.byte;
        await outcome(bytes);
      }),
      { numRuns: 8 },
    );
  }, 60000);
});

describe('each bad PDF has its own message', () => {
  it('encrypted', async () => {
    const err = await parsePdf(miniPdf([smallReport()], { encrypt: true }), opts()).catch((e) => e);
    expect(err).toBeInstanceOf(PdfReadError);
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(/加密.* — .*encrypted/);
  });

  it('not a PDF, empty, and cut before anything', async () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('<html>不是 PDF</html>'), SMALL.subarray(0, 9)]) {
      const err = await parsePdf(bytes, opts()).catch((e) => e);
      expect(err).toBeInstanceOf(PdfReadError);
      expect(err.code).toBe('broken');
    }
  });

  it('too large', async () => {
    const err = await parsePdf(SMALL, opts({ maxBytes: 100 })).catch((e) => e);
    expect(err.code).toBe('too-large');
  });

  it('a page bound: pages after it are not read, and a diagnostic says so', async () => {
    const r = await parsePdf(miniPdf([smallReport(), { texts: [{ x: 40, y: 40, str: '附件' }] }, { texts: [{ x: 40, y: 40, str: '附件二' }] }]), opts({ maxPages: 1 }));
    expect(r.diagnostics.map((d) => d.code)).toContain('pdf.pages-cut');
  });

  it('a page ruled like graph paper (1,200 lines, 1,000 numbers) is bounded: a report or a PdfReadError', async () => {
    const lines: [number, number, number, number][] = [];
    for (let i = 0; i <= 600; i++) lines.push([20, 20 + i * 1.3, 575, 20 + i * 1.3], [20 + i * 0.92, 20, 20 + i * 0.92, 800]);
    const texts = Array.from({ length: 1000 }, (_, i) => ({ x: 25 + (i % 40) * 13, y: 30 + Math.floor(i / 40) * 30, size: 4, str: String(i) }));
    expect(['report', 'not-a-report']).toContain(await outcome(miniPdf([{ texts, lines }])));
  }, 20000);

  it('text but no table: not a report', async () => {
    const err = await parsePdf(miniPdf([{ texts: [{ x: 40, y: 40, str: '关于开展安全生产检查的通知，请各单位认真落实。' }] }]), opts()).catch((e) => e);
    expect(err.code).toBe('not-a-report');
  });

  const page = (strs: string[]): PdfPage => ({
    number: 1,
    width: 595,
    height: 842,
    segments: [],
    images: 0,
    texts: strs.map((str, i) => ({ str, x0: 40, x1: 40 + str.length * 10, y0: 40 + i * 20, y1: 50 + i * 20, size: 10 })),
  });

  it('an unreadable text layer (replacement characters, private-use glyphs)', () => {
    const junk = ['\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd', '\ue001\ue002\ue003\ue004\ue005\ue006\ue007', '\ufffd\ufffd\ufffd 2024 \ufffd\ufffd\ufffd\ufffd'];
    expect(() => reportOf([page(junk)], 1, 200, 'x.pdf')).toThrow(expect.objectContaining({ code: 'unreadable' }));
  });

  it('a scan: no text, only images', () => {
    expect(() => reportOf([{ ...page([]), images: 1 }], 1, 200, 'x.pdf')).toThrow(expect.objectContaining({ code: 'scanned' }));
  });

  it('a scan with a typed line on it (a cover line, a page number) is still a scan', () => {
    const scan = { ...page(['示例局2024年政府信息公开工作年度报告（扫描件）', '- 1 -']), images: 1 };
    expect(() => reportOf([scan, { ...page([]), number: 2, images: 1 }], 2, 200, 'x.pdf')).toThrow(expect.objectContaining({ code: 'scanned' }));
  });

  it('an already-open document (a viewer passes its own) is read without opening the bytes again', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({ data: SMALL.slice(), ...pdfjsAssets(), cMapPacked: true, verbosity: 0 });
    const doc = await task.promise;
    const r = await parsePdf(new Uint8Array(), opts({ document: doc as never }));
    expect(r.t4.review?.upheld?.value).toBe(1);
    // the viewer's document stays usable
    expect((await doc.getPage(1)).pageNumber).toBe(1);
    await task.destroy();
  });
});

describe('a ruled table 3 over two pages (hand-written PDF)', () => {
  const COLS = [40, 110, 310, 345, 380, 415, 450, 485, 520, 555];
  const HEAD = ['', '', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
  /** Rows of [group, label, ...7 values]; ruled cells, 20 pt high, from y0. */
  function ruled(rows: string[][], y0: number): MiniPage {
    const texts: MiniPage['texts'] = [];
    const lines: [number, number, number, number][] = [];
    rows.forEach((cells, r) => {
      cells.forEach((str, c) => str && texts.push({ x: COLS[c] + 2, y: y0 + r * 20 + 14, size: 5, str }));
    });
    for (let r = 0; r <= rows.length; r++) lines.push([COLS[0], y0 + r * 20, COLS[COLS.length - 1], y0 + r * 20]);
    for (const x of COLS) lines.push([x, y0, x, y0 + rows.length * 20]);
    return { texts, lines };
  }
  const rowsOf = async () => (await import('../core/model/keys')).t3Rows('2021');

  it('a row the page break cut is joined; a new row with a blank cell is not', async () => {
    const defs = await rowsOf();
    const data = defs.map((d, i) => [d.group, d.zh, String(i + 1), '0', '0', '0', '0', '0', String(i + 1)]);
    const dup = defs.findIndex((d) => d.key === 'not_processed.duplicate');
    // page 1 ends in the middle of 2.重复申请: its 自然人 "1" above the break, "7" below it
    const first = [['', '申请人情况', ...HEAD.slice(2)], ...data.slice(0, dup), [...data[dup].slice(0, 2), '1', ...data[dup].slice(3)]];
    const fragment = ['', '', '7', '', '', '', '', '', ''];
    const next = data.slice(dup + 1).map((r) => [...r]);
    next[0][4] = ''; // 3.要求提供公开出版物: 科研机构 left blank
    const page1 = ruled(first, 100);
    page1.texts.unshift({ x: 40, y: 60, size: 14, str: '示例局2024年政府信息公开工作年度报告' }, { x: 40, y: 85, str: '三、收到和处理政府信息公开申请情况' });
    const pdf = miniPdf([page1, ruled([fragment, ...next], 60)]);
    const r = await parsePdf(pdf, opts());
    expect(r.t3['not_processed.duplicate']?.natural_person?.value).toBe(17);
    expect(r.t3['not_processed.publication']?.research).toMatchObject({ blank: true, value: null });
    expect(r.t3['not_processed.publication']?.natural_person?.value).toBe(dup + 2);
    expect(r.t3.carried_forward?.total?.value).toBe(defs.length);
    expect(r.t3.carried_forward?.total?.source).toMatchObject({ kind: 'pdf', page: 2 });
  });

  it('a new row with a blank cell opening the next page stays a row of its own', async () => {
    const defs = await rowsOf();
    const data = defs.map((d, i) => [d.group, d.zh, String(i + 1), '0', '0', '0', '0', '0', String(i + 1)]);
    const dup = defs.findIndex((d) => d.key === 'not_processed.duplicate');
    const next = data.slice(dup + 1).map((r) => [...r]);
    next[0][4] = '';
    const page1 = ruled([['', '申请人情况', ...HEAD.slice(2)], ...data.slice(0, dup + 1)], 100);
    page1.texts.unshift({ x: 40, y: 60, size: 14, str: '示例局2024年政府信息公开工作年度报告' });
    const r = await parsePdf(miniPdf([page1, ruled(next, 60)]), opts());
    expect(r.t3['not_processed.duplicate']?.natural_person?.value).toBe(dup + 1);
    expect(r.t3['not_processed.publication']?.natural_person?.value).toBe(dup + 2);
    expect(r.t3['not_processed.publication']?.research).toMatchObject({ blank: true, value: null });
  });
});

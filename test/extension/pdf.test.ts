/** The PDF parts of the extension that need no real browser: finding the attachment in a page, which tabs are PDFs, the download's bounds and messages, the marks' boxes. */
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unstubFetch } from './support';
import { attachmentOf } from '../../extension/app/features/attachment';
import { fetchPdf, isGovCn, MAX_PDF_BYTES, originPattern, PdfFetchError, readLocalPdf } from '../../extension/app/pdf/fetch';
import { isPdfAddress, openableSrc, reportPageUrl } from '../../extension/app/pdf/open';
import { pdfBoxOf } from '../../extension/app/pdf/viewer';
import type { Report } from '../../core/model/schema';

beforeEach(() => fakeBrowser.reset());
afterEach(unstubFetch);

describe('the attachment of a report page', () => {
  it('reads the live page: its links, its <base>, its title and heading', () => {
    document.title = '示例局2024年政府信息公开工作年度报告';
    document.head.innerHTML = '<base href="http://www.example.gov.cn/xxgk/2025/">';
    document.body.innerHTML = '<h1>示例局2024年政府信息公开工作年度报告</h1><p>附件：<a href="P0.pdf">示例局2024年政府信息公开工作年度报告.pdf</a></p><a href="/guide.html">指南</a>';
    expect(attachmentOf(document)).toEqual({ url: 'http://www.example.gov.cn/xxgk/2025/P0.pdf', kind: 'pdf', text: '示例局2024年政府信息公开工作年度报告.pdf' });
    // A Word attachment is offered too (the report page reads a .docx).
    document.body.innerHTML = '<p>通知</p><a href="/a.doc">2024年年报</a>';
    expect(attachmentOf(document)).toEqual({ url: 'http://www.example.gov.cn/a.doc', kind: 'word', text: '2024年年报' });
    document.body.innerHTML = '<p>通知</p><a href="/a.xls">2024年年报</a>';
    expect(attachmentOf(document)).toBeNull();
  });
});

describe('which addresses are opened', () => {
  it('a tab showing a PDF: http(s) and a path ending in .pdf', () => {
    expect(isPdfAddress('http://www.a.gov.cn/u/2024nb.PDF')).toBe(true);
    expect(isPdfAddress('https://www.a.gov.cn/u/2024nb.pdf?t=1#page=2')).toBe(true);
    expect(isPdfAddress('http://www.a.gov.cn/u/2024.html')).toBe(false);
    // A portal's download script that names the PDF in its query.
    expect(isPdfAddress('http://www.a.gov.cn/module/download/downfile.jsp?classid=0&filename=2501221510.pdf')).toBe(true);
    expect(isPdfAddress('http://www.a.gov.cn/download?file=%2Fu%2Fcms%2F%E5%B9%B4%E6%8A%A5.PDF')).toBe(true);
    expect(isPdfAddress('http://www.a.gov.cn/search?q=pdf&type=html')).toBe(false);
    expect(isPdfAddress('file:///tmp/a.pdf')).toBe(false);
    expect(isPdfAddress(undefined)).toBe(false);
    expect(openableSrc('javascript:alert(1)')).toBeNull();
    expect(openableSrc(`http://a.gov.cn/${'x'.repeat(5000)}.pdf`)).toBeNull();
    expect(reportPageUrl('http://a.gov.cn/a b.pdf')).toMatch(/\/report\.html\?src=http%3A%2F%2Fa\.gov\.cn%2Fa%20b\.pdf$/);
  });

  it('gov.cn is granted by the manifest; any other site by its own origin pattern', () => {
    expect(isGovCn('http://www.a.gov.cn/x.pdf')).toBe(true);
    expect(isGovCn('http://gov.cn.example.org/x.pdf')).toBe(false);
    expect(originPattern('https://reports.example.org:8443/x.pdf')).toBe('https://reports.example.org/*');
    expect(originPattern('ftp://x/y.pdf')).toBeNull();
  });
});

describe('downloading the PDF', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n…');
  const respond = (body: BodyInit | null, init: ResponseInit) => vi.stubGlobal('fetch', vi.fn(async () => new Response(body, init)));

  it('gives the bytes of a PDF', async () => {
    respond(pdf, { status: 200 });
    expect(await fetchPdf('http://www.a.gov.cn/x.pdf')).toEqual(pdf);
  });

  it('a redirect is not followed: one line, its target never requested (issue 20, E)', async () => {
    const spy = vi.fn(async () => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1/secret.pdf' } }));
    vi.stubGlobal('fetch', spy);
    const err = await fetchPdf('http://www.a.gov.cn/x.pdf').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/转向别处，未跟随 — the PDF address redirects elsewhere: not followed/);
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0] as unknown as [string, RequestInit])[1].redirect).toBe('manual');
  });

  it('one line in Chinese and English for each failure', async () => {
    const fails = async (src: string, code: string) => {
      const err = await fetchPdf(src).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PdfFetchError);
      expect((err as PdfFetchError).code).toBe(code);
      expect((err as Error).message).toMatch(/^[^\n]*[\u4e00-\u9fa5][^\n]* — [A-Za-z][^\n]*$/);
    };
    respond('nope', { status: 404 });
    await fails('http://www.a.gov.cn/x.pdf', 'status');
    respond('<html></html>', { status: 200 });
    await fails('http://www.a.gov.cn/x.pdf', 'not-pdf');
    respond(pdf, { status: 200, headers: { 'content-length': String(MAX_PDF_BYTES + 1) } });
    await fails('http://www.a.gov.cn/x.pdf', 'too-large');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await fails('http://www.a.gov.cn/x.pdf', 'network');
    await fails('file:///etc/passwd', 'bad-url');
    // Not gov.cn and not granted: nothing is fetched.
    const spy = vi.fn();
    vi.stubGlobal('fetch', spy);
    await fails('http://reports.example.org/x.pdf', 'permission');
    expect(spy).not.toHaveBeenCalled();
  });

  it('a local file: the same signature check', async () => {
    expect(await readLocalPdf(new File([pdf], 'a.pdf'))).toEqual(pdf);
    await expect(readLocalPdf(new File(['hello'], 'a.pdf'))).rejects.toMatchObject({ code: 'not-pdf' });
  });
});

describe('marks over the PDF', () => {
  it('a cell with a pdf box is placed; other sources are not', () => {
    const report = {
      t2: {},
      t3: {
        granted: {
          total: { value: 17, raw: '17', blank: false, source: { kind: 'pdf', page: 2, x: 10, y: 20, width: 30, height: 12 } },
          natural_person: { value: 2, raw: '2', blank: false, source: { kind: 'html', table: 0, row: 1, cell: 2 } },
        },
      },
      t4: {},
    } as unknown as Report;
    expect(pdfBoxOf(report, { table: 't3', row: 'granted', column: 'total' })).toMatchObject({ page: 2, x: 10, y: 20, width: 30, height: 12 });
    expect(pdfBoxOf(report, { table: 't3', row: 'granted', column: 'natural_person' })).toBeNull();
    expect(pdfBoxOf(report, { table: 't3', row: 'denied', column: 'total' })).toBeNull();
  });
});

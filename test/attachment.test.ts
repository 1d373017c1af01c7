import { describe, expect, it } from 'vitest';
import { load } from 'cheerio/slim';
import { findReportAttachment } from '../core/parse/attachment';
import type { DomNode } from '../core/parse/html';

const PAGE = 'http://www.example.gov.cn/xxgk/ndbg/202501/t20250120_1.html';
const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

describe('findReportAttachment', () => {
  it('finds a PDF whose link text names the year\'s report, resolved against the page', () => {
    const html = page(
      '示例局2024年政府信息公开工作年度报告',
      `<p>示例局2024年政府信息公开工作年度报告</p><p>附件：<a href="./P020250120.pdf">示例局2024年政府信息公开工作年度报告.pdf</a></p>
       <a href="/guide.pdf">政府信息公开指南</a>`,
    );
    expect(findReportAttachment(html, PAGE)).toEqual({
      url: 'http://www.example.gov.cn/xxgk/ndbg/202501/P020250120.pdf',
      kind: 'pdf',
      text: '示例局2024年政府信息公开工作年度报告.pdf',
    });
  });

  it('reads the file name when the link text says only 下载 (percent-encoded Chinese)', () => {
    const href = `/files/${encodeURIComponent('2024年度信息公开年报')}.PDF`;
    const html = page('通知公告', `<a href="${href}">下载</a><a href="/a/other.pdf">会议纪要</a>`);
    expect(findReportAttachment(html, PAGE)).toEqual({ url: `http://www.example.gov.cn${href}`, kind: 'pdf', text: '下载' });
  });

  it('reads the name a CMS puts in the link title when the text says only 附件1', () => {
    const html = page('通知公告', '<a href="/u/P0.pdf" title="示例局2024年政府信息公开工作年度报告.pdf">附件1</a>');
    expect(findReportAttachment(html, PAGE)).toEqual({ url: 'http://www.example.gov.cn/u/P0.pdf', kind: 'pdf', text: '附件1' });
  });

  it('prefers the disclosure report of the page\'s year among several PDFs', () => {
    const html = page(
      '某县2023年政府信息公开工作年度报告',
      `<a href="/a.pdf">某县2023年度财务年度报告</a><a href="/b.pdf">某县2022年政府信息公开工作年度报告</a><a href="/c.pdf">某县2023年政府信息公开工作年度报告</a>`,
    );
    expect(findReportAttachment(html, PAGE)?.url).toBe('http://www.example.gov.cn/c.pdf');
  });

  it('takes the only PDF of a page titled as a report, whatever its link says', () => {
    const html = page('某区2024年度政府信息公开工作年度报告', `<p>详见附件。</p><a href="att/fj1.pdf">附件1</a><a href="att/fj1.pdf">点击下载</a>`);
    expect(findReportAttachment(html, PAGE)).toEqual({ url: 'http://www.example.gov.cn/xxgk/ndbg/202501/att/fj1.pdf', kind: 'pdf', text: '附件1' });
    // …but not on a page that is no report, nor when there are two unnamed PDFs.
    expect(findReportAttachment(page('通知公告', '<a href="att/fj1.pdf">附件1</a>'), PAGE)).toBeNull();
    expect(findReportAttachment(page('某区2024年度政府信息公开工作年度报告', '<a href="1.pdf">附件1</a><a href="2.pdf">附件2</a>'), PAGE)).toBeNull();
  });

  it('needs a year: a list page link "政府信息公开年报" to a PDF is no report attachment', () => {
    expect(findReportAttachment(page('政务公开', '<a href="/nb.pdf">政府信息公开年报</a>'), PAGE)).toBeNull();
  });

  it('reads download scripts and embedded viewers that carry the file name in the query', () => {
    const html = page('首页', `<iframe src="/pdfjs/web/viewer.html?file=%2Fup%2F2024nb.pdf"></iframe><a href="/down.jsp?filename=2024年政务公开年报.pdf">下载附件</a>`);
    expect(findReportAttachment(html, PAGE)?.url).toBe(`http://www.example.gov.cn/down.jsp?filename=${encodeURIComponent('2024年政务公开年报.pdf')}`);
    // A viewer page: the file it shows.
    const viewer = page('某局2024年政府信息公开工作年度报告', '<iframe src="/pdfjs/web/viewer.html?file=%2Fup%2F2024nb.pdf"></iframe>');
    expect(findReportAttachment(viewer, PAGE)?.url).toBe('http://www.example.gov.cn/up/2024nb.pdf');
  });

  it('ignores javascript: and non-PDF links, and pages without links', () => {
    expect(findReportAttachment(page('2024年政府信息公开工作年度报告', '<a href="javascript:open(\'a.pdf\')">2024年年度报告.pdf</a><a href="a.xls">2024年年报</a>'), PAGE)).toBeNull();
    expect(findReportAttachment('', PAGE)).toBeNull();
  });

  it('finds a Word attachment (.docx, .doc) as it finds a PDF; a PDF named as well wins; callers may ask for PDFs only', () => {
    const word = page('某局2024年政府信息公开工作年度报告', '<a href="/up/2024nb.docx">某局2024年政府信息公开工作年度报告</a><a href="/guide.doc">指南</a>');
    expect(findReportAttachment(word, PAGE)).toEqual({ url: 'http://www.example.gov.cn/up/2024nb.docx', kind: 'word', text: '某局2024年政府信息公开工作年度报告' });
    expect(findReportAttachment(word, PAGE, undefined, ['pdf'])).toBeNull();
    const both = page('x', '<a href="/a.doc">某局2024年政府信息公开工作年度报告</a><a href="/a.pdf">某局2024年政府信息公开工作年度报告</a>');
    expect(findReportAttachment(both, PAGE)?.url).toBe('http://www.example.gov.cn/a.pdf');
    // The only Word file of a page titled as a report, whatever its link says.
    expect(findReportAttachment(page('某局2024年政府信息公开工作年度报告', '<a href="/x/fj1.doc">附件1</a>'), PAGE)?.kind).toBe('word');
  });

  it('takes the DomNode tree the extension builds, and the title it is given', () => {
    // The extension hands a small tree of the page's links only.
    const tree: DomNode = { type: 'root', children: [] };
    const a: DomNode = { type: 'tag', name: 'a', attribs: { href: 'fj.pdf' }, children: [{ type: 'text', data: ' 附件 ' }], parent: tree };
    tree.children!.push(a);
    expect(findReportAttachment(tree, PAGE, '示例局2024年政府信息公开工作年度报告')).toEqual({ url: 'http://www.example.gov.cn/xxgk/ndbg/202501/fj.pdf', kind: 'pdf', text: '附件' });
    expect(findReportAttachment(tree, PAGE, '新闻')).toBeNull();
    // A cheerio tree works as parseDom's does.
    expect(findReportAttachment(load(page('x', '<a href="/2024年报.pdf">2024年报</a>')).root()[0] as unknown as DomNode, PAGE)?.text).toBe('2024年报');
  });

  it('resolves relative links of a saved page against its absolute path; keeps absolute links otherwise', () => {
    const html = page('x', '<a href="2024nianbao.pdf">2024年年度报告</a>');
    expect(findReportAttachment(html, '/data/pages/a.html')?.url).toBe('file:///data/pages/2024nianbao.pdf');
    expect(findReportAttachment(html, 'a.html')).toBeNull();
    expect(findReportAttachment(page('x', '<a href="https://x.gov.cn/2024nb.pdf">2024年年度报告</a>'), 'a.html')?.url).toBe('https://x.gov.cn/2024nb.pdf');
  });
});

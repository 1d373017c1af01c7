/**
 * html-lean.ts cuts the attributes the walk never reads out of a page's bytes before htmlparser2
 * reads them. It must change nothing of the tree: proved here on every corpus page, every HTML
 * fixture, generated report pages and random markup full of the tokenizer's corner cases
 * (quoted '>', scripts holding tags, odd comments, declarations, CDATA, self-closing tags, pages
 * that end inside a tag).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomNode } from '../core/parse/dom';
import { parseHtml, parseHtmlUtf8, htmlTree } from '../core/parse/html';
import { withoutUnreadAttributes } from '../core/parse/html-lean';
import { corpusReports, hasCorpus } from './support/corpus';
import { consistentValues, writeReportPage } from './support/page-writer';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The tree as plain data: what every node is, holds and contains, and which tables hold a table. */
function treeOf(html: string): unknown {
  const { root, outerTables, cutAt } = htmlTree(html);
  const tables: DomNode[] = [];
  const plain = (n: DomNode): unknown => {
    if (n.name === 'table') tables.push(n);
    return n.type === 'text' ? n.data : [n.type, n.name, n.attribs, (n.children ?? []).map(plain)];
  };
  const tree = plain(root);
  return { tree, outer: tables.map((t) => outerTables.has(t)), cutAt };
}

function expectSameTree(bytes: Uint8Array): number {
  const before = Uint8Array.from(bytes);
  const lean = withoutUnreadAttributes(bytes);
  expect(Buffer.from(bytes).equals(before)).toBe(true); // the caller's bytes are left as they were
  expect(treeOf(utf8.decode(lean))).toEqual(treeOf(utf8.decode(bytes)));
  return lean.length;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return /\.html?$/.test(f) ? [path] : [];
  });
}

describe.skipIf(!hasCorpus)('lean bytes on the corpus', () => {
  for (const entry of corpusReports().filter((e) => e.name.endsWith('.html'))) {
    it(`${entry.name}: the same tree and report from far fewer bytes`, () => {
      const bytes = readFileSync(entry.path);
      const leanLength = expectSameTree(bytes);
      expect(leanLength).toBeLessThan(bytes.length);
      expect(parseHtmlUtf8(bytes, { source: entry.name })).toEqual(parseHtml(bytes.toString('utf8'), { source: entry.name }));
    });
  }
});

describe('lean bytes on our own pages', () => {
  it('every HTML fixture gives the same tree', () => {
    const files = htmlFiles(join(import.meta.dirname, 'fixtures'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expectSameTree(readFileSync(f));
  });

  it('a generated report page in every style gives the same tree and report', () => {
    const styles = [{}, { labels: 'spans' as const }, { asciiNumbering: true }, { t2t3OneTable: true }];
    for (const style of styles) {
      const html = writeReportPage({ agency: '某某区人民政府办公室', year: 2023, format: '2021', values: consistentValues('2021') } as Parameters<typeof writeReportPage>[0], style);
      const bytes = encoder.encode(html);
      expectSameTree(bytes);
      expect(parseHtmlUtf8(bytes)).toEqual(parseHtml(html));
    }
  });
});

/** Random markup from pieces that exercise every state of the tokenizer. */
const PIECES = [
  '<div class="a>b" style=\'x>"y\'>',
  '<span style="font-family:仿宋;">文字</span>',
  '<td rowspan="2" colspan=3 class=x>7</td>',
  '<TH ColSpan="2">合计</TH>',
  '<meta name="PubDate" content="2024-01-02">',
  '<p align=center>',
  '<br/>',
  '<br />',
  '<img src=a/>',
  '<img src="a" / >',
  '<input disabled>',
  '<a href=x>链接</a>',
  '<svg viewBox="0 0 1 1"><path d="M0"/></svg>',
  '<script type="text/javascript">if (a < b && c > "<td>") {}</script>',
  '<script src="x.js"/>',
  '<SCRIPT>var s = "</scripts>"; </SCRIPT >',
  '<style media="x">td { color: red }</style>',
  '<title lang="zh">标题 &amp; <b>粗</b></title>',
  '<textarea rows=2><td>not a cell</td></textarea>',
  '<xmp class=y><p>raw</p></xmp>',
  '<!-- comment with "quote and <tag attr="v"> -->',
  '<!---->',
  '<!-->',
  '<!--->',
  '<!-- a --!> b -->',
  '<!DOCTYPE html>',
  '<!x>',
  '<!->',
  '<!>',
  '<![CDATA[ <p class="z"> ]]>',
  '<![CDAT x>',
  '<?xml version="1.0"?>',
  '</div>',
  '</ div>',
  '</ >',
  '</3 x="y>',
  '</p class="q">',
  '< p>',
  '<3',
  '<<div id=q>',
  'a &lt; b &amp c &#x22; d',
  '&nbsp;',
  '文本',
  '\n',
  '<table border=1><tr class=r><td>1</td><td width=3>2</td></tr></table>',
  '<table><tr><td><table class=inner><tr><td>x</td></tr></table></td></tr></table>',
  '<div a b=c d = "e" f=\'g\' h=i/>',
  '<div a=>',
  '<div =x>',
  '<div a"b=c>',
  '<p/x>',
  '<o:p></o:p>',
  '<td rowspan="2"colspan="3" x=1>a</td>',
  '<td style="w" colspan=2 />',
  '<td colspan=2/>',
  '<meta name=a content="b"/>',
  '<meta http-equiv="x" property=\'og:t\' content=c>',
  '<td ROWSPAN=2 nowrap rowspan=3 class="c">',
  '<th rowspan>',
  '<td rowspan= colspan=2>',
  '<td width=1 rowspan=&quot;2>',
  '<td class="a"/rowspan=2>',
  '<TD\tColSpan = "4"\nstyle="x">',
];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('lean bytes on random markup', () => {
  it('2,000 random pages (some cut off mid-tag) give the same tree', () => {
    const random = mulberry32(22);
    for (let k = 0; k < 2000; k++) {
      const parts: string[] = [];
      const count = 1 + Math.floor(random() * 30);
      for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(random() * PIECES.length)]);
      let bytes = encoder.encode(parts.join(''));
      // Every third page ends at a random byte (never inside a character).
      if (k % 3 === 0) {
        let end = Math.floor(random() * bytes.length);
        while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
        bytes = bytes.subarray(0, end);
      }
      expectSameTree(bytes);
    }
  });

  it('each piece alone, and each piece cut at every byte', () => {
    for (const piece of PIECES) {
      const bytes = encoder.encode(`x${piece}<p class="after">y</p>`);
      for (let end = 0; end <= bytes.length; end++) if ((bytes[end] & 0xc0) !== 0x80) expectSameTree(bytes.subarray(0, end));
    }
  });
});

/**
 * The engine reads the page's live DOM in place (extension/app/dom-tree.ts) with the core's own
 * page walk: corpus pages of three sites (the largest among them) and our samples, parsed by a
 * browser's parser (here happy-dom's) and read in place, give the same report as the core reading
 * the page text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../core/parse/html';
import { parsePage } from '../../extension/app/core';
import { tablesHoldingTables } from '../../extension/app/dom-tree';
import { HOST_TAG } from '../../extension/app/host';
import { CORPUS_DIR, hasCorpus } from '../support/corpus';

const SAMPLES = join(import.meta.dirname, '../../samples');

function pages(): { name: string; html: string }[] {
  const corpus = hasCorpus ? ['01-shanghai-office-2019.html', '12-pingtan-2021.html', '14-shuyang-ndrc-2023.html'].map((f) => ({ name: f, html: readFileSync(join(CORPUS_DIR, f), 'utf8') })) : [];
  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.html')).map((f) => ({ name: `samples/${f}`, html: readFileSync(join(SAMPLES, f), 'utf8') }));
  return [...corpus, ...samples];
}

/** What a reader of the page must agree on: every cell's value and its place in the page, and the meta. */
function essence(report: ReturnType<typeof parseHtml>) {
  const cells: string[] = [];
  for (const [table, rows] of Object.entries(report)) {
    if (table === 'meta' || !rows || typeof rows !== 'object') continue;
    for (const [row, cols] of Object.entries(rows as Record<string, Record<string, { value: unknown; source?: unknown }>>))
      for (const [col, cell] of Object.entries(cols ?? {})) if (cell && typeof cell === 'object' && 'value' in cell) cells.push(`${table}.${row}.${col}=${String(cell.value)} @${JSON.stringify(cell.source)}`);
  }
  const { agency, year, format, title, published } = report.meta;
  return { meta: { agency, year, format, title, published }, cells: cells.sort() };
}

/** A page as a browser parses it; nothing it links to is loaded, none of its scripts run. */
const window = new Window({
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, handleDisabledFileLoadingAsSuccess: true },
});
function browserDocument(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

describe('the live DOM, read in place', () => {
  it.each(pages().map((p) => [p.name, p.html]))('%s: the same report as the core reading the page text', (name, html) => {
    const url = `http://www.example.gov.cn/${name}`;
    const fromText = essence(parseHtml(html, { source: url }));
    const fromDom = essence(parsePage(browserDocument(html), url));
    expect(fromDom.meta).toEqual(fromText.meta);
    expect(fromDom.cells).toEqual(fromText.cells);
  });

  it('leaves our own panel host out, and reads a page with none of the tables as before', () => {
    const html = readFileSync(join(SAMPLES, 'demo-2024.html'), 'utf8');
    const doc = browserDocument(html);
    const before = essence(parsePage(doc, 'http://www.example.gov.cn/a.html'));
    expect(before.cells.length).toBeGreaterThan(50);
    const host = doc.createElement(HOST_TAG);
    // Text a page could not put there: were the host read, it would become a narrative line or a table.
    host.innerHTML = '<table><tr><td>一、总体情况</td><td>987654</td></tr></table>';
    doc.body.prepend(host);
    const after = parsePage(doc, 'http://www.example.gov.cn/a.html');
    expect(essence(after)).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('987654');
  });
});

describe('tables that hold tables', () => {
  it('are every <table> with a <table> anywhere inside, found by the selector engine', () => {
    const doc = browserDocument(
      '<table id="a"><tr><td><div><table id="b"><tr><td><table id="c"><tr><td>1</td></tr></table></td></tr></table></div></td></tr></table><table id="d"><tr><td>2</td></tr></table>',
    );
    const ids = [...tablesHoldingTables(doc)].map((t) => (t as Element).id).sort();
    expect(ids).toEqual(['a', 'b']);
  });
});

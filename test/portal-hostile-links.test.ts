/**
 * Issue 20, A: a list page whose report links sit among a million sibling nodes. The link finders
 * once read the whole parent's text for every link (5,000 links × a million nodes); now each list
 * item is read once and no further than a short item can reach. The work is counted, not timed.
 */
import { describe, expect, it } from 'vitest';
import { load } from 'cheerio/slim';
import { findNextPages, findReportLinks, type LinkWork } from '../core/portal/links';
import type { DomNode } from '../core/parse/html';

/** `links` report links in one <div>, each followed by `fill` empty siblings (a test-sized million-node page). */
function crowdedList(links: number, fill: number): { html: string; nodes: number } {
  const filler = '<i></i>'.repeat(fill);
  const items = Array.from({ length: links }, (_, i) => `<a href="/ndbg/t${i}.html">示例局${2000 + (i % 25)}年政府信息公开工作年度报告</a>2025-01-${String((i % 28) + 1).padStart(2, '0')}${filler}`);
  return { html: `<html><body><div class="list">${items.join('')}</div></body></html>`, nodes: links * (fill + 3) };
}

describe('link dating on a crowded list page', () => {
  it('1,000 links among 200,000 siblings: the work stays linear in the page, every link found', () => {
    const { html, nodes } = crowdedList(1_000, 200);
    const root = load(html).root()[0] as unknown as DomNode;
    const work: LinkWork = { nodes: 0 };
    const links = findReportLinks(root, 'http://www.example.gov.cn/ndbg/index.html', work);
    expect(links).toHaveLength(1_000);
    // The parent is one long run of text, not a list item: no date is taken from it.
    expect(links.every((l) => l.date === undefined)).toBe(true);
    // Quadratic reading would be 1,000 × 200,000 nodes; linear is a few visits per node.
    expect(work.nodes).toBeLessThan(3 * nodes);
    const next: LinkWork = { nodes: 0 };
    findNextPages(root, 'http://www.example.gov.cn/ndbg/index.html', next);
    expect(next.nodes).toBeLessThan(3 * nodes);
  });

  it('a page past the cap on nodes visited is read up to the cap', () => {
    const { html, nodes } = crowdedList(2_000, 200);
    const work: LinkWork = { nodes: 0 };
    const links = findReportLinks(html, 'http://www.example.gov.cn/ndbg/index.html', work);
    expect(links.length).toBeGreaterThan(1_000);
    expect(links.length).toBeLessThan(2_000);
    expect(work.nodes).toBeLessThan(nodes);
  });

  it('a list item shared by many links is read once, and its date still found', () => {
    const item = Array.from({ length: 50 }, (_, i) => `<a href="/t${i}.html">示例局${1990 + i}年政府信息公开工作年度报告</a>`).join('');
    const html = `<ul><li>2025-01-20 ${'<b></b>'.repeat(100_000)}</li><li><span>2024-03-28</span><a href="/x.html">示例局2023年政府信息公开工作年度报告</a></li><li>${item}</li></ul>`;
    const work: LinkWork = { nodes: 0 };
    const links = findReportLinks(html, 'http://www.example.gov.cn/ndbg/', work);
    expect(links[0]).toMatchObject({ url: 'http://www.example.gov.cn/x.html', date: '2024-03-28' });
    expect(links).toHaveLength(51);
    expect(work.nodes).toBeLessThan(3 * 100_000);
  });
});

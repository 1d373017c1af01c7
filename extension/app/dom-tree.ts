/**
 * The page's own live DOM, read in place by the core's page walk (core/parse/dom.ts `parseTree`).
 * The browser has parsed the page already: the walk asks the DOM itself for children, names, text
 * and the few attributes it reads (cell spans, <meta>) — nothing is serialised, parsed again or
 * copied — and the table/row/cell indices the core records are those of the live DOM itself.
 */
import { ELEMENT, OTHER, TEXT, type TreeReader } from '../../core/parse/tree';
import { HOST_TAG } from './host';

export const LIVE_DOM: TreeReader<Node> = {
  // Our own panel host is no part of the page.
  kind: (n) => (n.nodeType === 3 ? TEXT : n.nodeType === 1 ? ((n as Element).localName === HOST_TAG ? OTHER : ELEMENT) : OTHER),
  name: (n) => (n as Element).localName,
  text: (n) => (n as Text).data,
  attr: (n, a) => (n as Element).getAttribute(a),
  // Siblings gathered into an array: firstChild/nextSibling are the DOM's cheapest steps (a live
  // NodeList's index costs more, measured in Chromium: 33 against 29 ms of thread time on the largest corpus page).
  children: (n) => {
    const kids: Node[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) kids.push(c);
    return kids;
  },
  parent: (n) => n.parentNode,
};

/**
 * The <table>s that hold another <table>, found by the browser's own selector engine rather than
 * by a walk over the whole page in script (the walk needs them before it starts).
 */
export function tablesHoldingTables(doc: Document): Set<Node> {
  const outer = new Set<Node>();
  for (const inner of Array.from(doc.querySelectorAll('table table'))) {
    for (let t = inner.parentElement?.closest('table'); t && !outer.has(t); t = t.parentElement?.closest('table')) outer.add(t);
  }
  return outer;
}

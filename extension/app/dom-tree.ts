/**
 * The page's own DOM, seen in the shape the core's HTML reader walks (core/parse/html.ts
 * `DomNode`). The browser has parsed the page already: handing the core this view instead of
 * `outerHTML` saves serialising and re-parsing the whole page, and the table/row/cell indices the
 * core records are those of the live DOM itself. No parsing here — a structural copy.
 */
import type { DomNode } from '../../core/parse/dom';

/** Attributes the reader looks at; others are left out of the copy. */
const ATTRS = ['rowspan', 'colspan', 'name', 'property', 'content'] as const;

/** Elements whose content is not the page's text (and our own panel host). */
const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'nianbao-lens']);

function copy(node: Node, parent: DomNode | null): DomNode | null {
  if (node.nodeType === Node.TEXT_NODE) return { type: 'text', data: (node as Text).data, parent };
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return null;
  if (node.nodeType === Node.DOCUMENT_NODE) {
    const root: DomNode = { type: 'root', children: [], parent: null };
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const child = copy(c, root);
      if (child) root.children!.push(child);
    }
    return root;
  }
  const el = node as Element;
  const name = el.localName;
  const attribs: Record<string, string> = {};
  for (const a of ATTRS) {
    const v = el.getAttribute(a);
    if (v !== null) attribs[a] = v;
  }
  const out: DomNode = { type: name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag', name, attribs, children: [], parent };
  if (OPAQUE.has(name) && name !== 'nianbao-lens') return out; // skipped by the reader anyway
  if (name === 'nianbao-lens') return null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    const child = copy(c, out);
    if (child) out.children!.push(child);
  }
  return out;
}

export function domTreeOf(doc: Document): DomNode {
  return copy(doc, null)!;
}

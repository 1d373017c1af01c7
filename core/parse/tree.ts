/**
 * How the page walk (dom.ts) reads a tree, whoever built it: the small tree html.ts makes from
 * page text (or the Word readers' tree), or the browser's own live DOM, which the extension reads
 * in place (extension/app/dom-tree.ts) instead of serialising the page and parsing it again.
 */

/**
 * The parts of a node the walker reads in the small tree — domhandler's shape (cheerio/slim).
 * `type` is 'tag' | 'script' | 'style' for elements, 'text' for text; `name` is the lower-case tag name.
 */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

/** What a node is to the walk: text, an element, or anything else (left out). */
export const TEXT = 1;
export const ELEMENT = 2;
export const OTHER = 0;

/** The six questions the walk asks of a node. */
export interface TreeReader<N> {
  kind(n: N): number;
  /** The lower-case tag name of an element. */
  name(n: N): string;
  /** The text of a text node. */
  text(n: N): string;
  attr(n: N, name: string): string | null | undefined;
  children(n: N): ArrayLike<N> | null | undefined;
  parent(n: N): N | null;
}

export const DOM_NODE_READER: TreeReader<DomNode> = {
  kind: (n) => (n.type === 'text' ? TEXT : n.type === 'tag' || n.type === 'script' || n.type === 'style' ? ELEMENT : OTHER),
  name: (n) => n.name!,
  text: (n) => n.data ?? '',
  attr: (n, a) => n.attribs?.[a],
  children: (n) => n.children,
  parent: (n) => n.parent ?? null,
};

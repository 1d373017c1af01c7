/**
 * HTML report pages as text → Report: htmlparser2 (the parser cheerio/slim uses) builds the small
 * tree dom.ts reads. The extension reads the browser's own DOM through dom.ts and so never loads
 * this module or the parser.
 */
import { Parser, type Handler, type ParserOptions } from 'htmlparser2';
import type { Report } from '../model/schema';
import { parseDom, type DomNode, type ParseOptions } from './dom';
import { KEEP_ATTRIBUTES_ON, KEEP_ATTRIBUTE_NAMES, withoutUnreadAttributes } from './html-lean';

export { parseDom, MAX_DEPTH, MAX_TABLE_NESTING, type DomNode, type ParseOptions } from './dom';

/**
 * Element levels the HTML parser may hold open. htmlparser2 keeps its open elements in an array
 * it shifts and unshifts, so each tag costs as much as the depth: 50,000 nested tables took
 * 46 s. Deeper than this, the rest of the page is not read (the walk reads 1,000 levels anyway).
 */
export const MAX_PARSE_DEPTH = 2_000;

/**
 * Elements and text nodes the tree may hold. A report page has tens of thousands; a 19 MB page of
 * one big table several million (issue 20, B). Past this the rest of the page is not read.
 */
export const MAX_PARSE_NODES = 600_000;

/**
 * htmlparser2's Parser, keeping attributes only on the tags whose attributes the walk reads, and
 * there only the attributes it reads (`attributeNames`; all when not given). A portal page spends
 * much of its markup on style, class and href attributes; not slicing, lower-casing, decoding and
 * storing them is a quarter of the parser's time. (The hooks are htmlparser2 10's tokenizer
 * callbacks; the corpus tests read every span through them.) The .docx reader uses it too, with
 * the Word elements whose w:val it reads.
 */
export class LeanParser extends Parser {
  private skipAttribute = false;
  constructor(
    handler: Partial<Handler>,
    options: ParserOptions = {},
    private readonly attributeTags: ReadonlySet<string> = KEEP_ATTRIBUTES_ON,
    private readonly attributeNames: ReadonlySet<string> | null = KEEP_ATTRIBUTE_NAMES,
  ) {
    super(handler, options);
  }
  override onattribname(start: number, endIndex: number): void {
    this.skipAttribute = !this.attributeTags.has((this as unknown as { tagname: string }).tagname);
    if (this.skipAttribute) return;
    super.onattribname(start, endIndex);
    if (this.attributeNames) this.skipAttribute = !this.attributeNames.has((this as unknown as { attribname: string }).attribname);
  }
  override onattribdata(start: number, endIndex: number): void {
    if (!this.skipAttribute) super.onattribdata(start, endIndex);
  }
  override onattribentity(cp: number): void {
    if (!this.skipAttribute) super.onattribentity(cp);
  }
  override onattribend(quote: Parameters<Parser['onattribend']>[0], endIndex: number): void {
    if (this.skipAttribute) this.skipAttribute = false;
    else super.onattribend(quote, endIndex);
  }
}

interface TreeNode extends DomNode {
  children: DomNode[];
}

/**
 * Builds the tree the walk reads and nothing more: elements and text (no comments, doctype or
 * source positions), adjacent text merged as a browser would. Stops the parser once the page
 * nests deeper than MAX_PARSE_DEPTH, and notes on the way which <table>s hold another (so the
 * walk need not look inside every table for one).
 */
class TreeBuilder implements Partial<Handler> {
  readonly root: TreeNode = { type: 'root', children: [], parent: null };
  readonly outerTables = new Set<DomNode>();
  cutAt: number | null = null;
  cutFor: 'depth' | 'nodes' = 'depth';
  private nodes = 0;
  private readonly open: TreeNode[] = [this.root];
  private readonly openTables: TreeNode[] = [];
  constructor(private readonly parser: () => Parser) {}
  onopentag(name: string, attribs: Record<string, string>): void {
    const parent = this.open[this.open.length - 1];
    const node: TreeNode = { type: name === 'script' || name === 'style' ? name : 'tag', name, attribs, children: [], parent };
    parent.children.push(node);
    this.open.push(node);
    if (name === 'table') {
      const tables = this.openTables;
      if (tables.length) this.outerTables.add(tables[tables.length - 1]);
      tables.push(node);
    }
    if (this.open.length > MAX_PARSE_DEPTH) this.cut('depth');
    else if (++this.nodes > MAX_PARSE_NODES) this.cut('nodes');
  }
  private cut(why: 'depth' | 'nodes'): void {
    if (this.cutAt !== null) return;
    const parser = this.parser();
    this.cutAt = parser.startIndex;
    this.cutFor = why;
    parser.pause();
  }
  onclosetag(): void {
    if (this.open.length <= 1) return;
    const node = this.open.pop()!;
    const tables = this.openTables;
    if (tables.length && tables[tables.length - 1] === node) tables.pop();
  }
  ontext(data: string): void {
    const kids = this.open[this.open.length - 1].children;
    const last = kids[kids.length - 1];
    if (last?.type === 'text') last.data += data;
    else {
      kids.push({ type: 'text', data, parent: this.open[this.open.length - 1] });
      if (++this.nodes > MAX_PARSE_NODES) this.cut('nodes');
    }
  }
}

/**
 * The tree of a page (htmlparser2, the parser cheerio/slim uses). When it nests too deep the
 * parser is paused there and what was built so far is the page. (Exported for the test that
 * proves html-lean.ts changes nothing of it.)
 */
export function htmlTree(html: string): { root: DomNode; outerTables: ReadonlySet<DomNode>; cutAt: number | null; cutFor: 'depth' | 'nodes' } {
  const builder = new TreeBuilder(() => parser);
  const parser: Parser = new LeanParser(builder);
  parser.write(html);
  if (builder.cutAt === null) parser.end();
  return { root: builder.root, outerTables: builder.outerTables, cutAt: builder.cutAt, cutFor: builder.cutFor };
}

/** An HTML page or fragment, as text. */
export function parseHtml(html: string, opts: ParseOptions = {}): Report {
  return reportOf(htmlTree(html), opts);
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * An HTML page as UTF-8 bytes (valid, without a byte-order mark): the same report as parseHtml of
 * its text, for less. The attributes the walk never reads are cut out of the bytes first
 * (html-lean.ts), so far less is decoded and tokenized. A page cut at a limit is read again whole,
 * so that the character named in the diagnostic is the page's own.
 */
export function parseHtmlUtf8(bytes: Uint8Array, opts: ParseOptions = {}): Report {
  const tree = htmlTree(utf8.decode(withoutUnreadAttributes(bytes)));
  return tree.cutAt === null ? reportOf(tree, opts) : parseHtml(utf8.decode(bytes), opts);
}

function reportOf({ root, outerTables, cutAt, cutFor }: ReturnType<typeof htmlTree>, opts: ParseOptions): Report {
  const report = parseDom(root, opts, outerTables);
  if (cutAt !== null && cutFor === 'nodes') {
    report.diagnostics.push({
      level: 'warning',
      code: 'html.too-many-nodes',
      message: `页面超过 ${MAX_PARSE_NODES} 个节点，第 ${cutAt} 个字符之后未读 — the page has more than ${MAX_PARSE_NODES} nodes: nothing after character ${cutAt} was read`,
    });
  } else if (cutAt !== null) {
    report.diagnostics.push({
      level: 'warning',
      code: 'html.too-deep',
      message: `页面元素嵌套超过 ${MAX_PARSE_DEPTH} 层，第 ${cutAt} 个字符之后未读 — the page nests more than ${MAX_PARSE_DEPTH} elements deep: nothing after character ${cutAt} was read`,
    });
  }
  return report;
}


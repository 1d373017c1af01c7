/**
 * A page's tree → Report. One walk over the tree collects the narrative lines and every leaf
 * <table> as a grid; tables.ts reads the official tables from the grid rows; build.ts makes the
 * Report. The tree is any DomNode-shaped tree: the one html.ts builds from page text, or the
 * browser's own DOM adapted by the extension (which so carries no HTML parser). Whole portal pages
 * (site chrome, scripts, layout tables) and bare article fragments are both fine.
 */
import type { Report } from '../model/schema';
import { buildReport } from './build';
import type { Extraction, NarrativeLine } from './extraction';
import { buildGrid, gridBudget, gridBudgetDiagnostic, type GridRow, type RawRow } from './grid';
import { collapse } from './normalize';
import { readTables } from './tables';

/**
 * The parts of a DOM node the walker reads — domhandler's shape (cheerio/slim), kept structural so
 * that a tree already parsed elsewhere (the browser's own DOM, adapted by the extension) can be
 * read without serialising and parsing it again. `type` is 'tag' | 'script' | 'style' for
 * elements, 'text' for text; `name` is the lower-case tag name.
 */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select', 'option', 'button', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'tr', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'main', 'form', 'hr', 'dd', 'dt', 'dl', 'blockquote', 'pre', 'table', 'tbody', 'thead', 'tfoot', 'caption', 'center', 'title', 'td', 'th',
]);

function isElement(n: DomNode): boolean {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/**
 * Limits of the walk: element levels read (deeper content is left out), and tables nested in
 * tables (a report inside thousands of nested tables is not read). Every walk below is a loop
 * with its own stack, never recursion, so no page can overflow the call stack.
 */
export const MAX_DEPTH = 1_000;
export const MAX_TABLE_NESTING = 50;

/** Push a node's children on a stack so that they pop in document order. */
function pushChildren(stack: DomNode[], n: DomNode): void {
  const kids = n.children;
  if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
}

/** The <table>s that hold another <table> (one pass over the page: each table marks the one it is in). */
function tablesWithTables(root: DomNode): Set<DomNode> {
  const outer = new Set<DomNode>();
  const nodes: DomNode[] = [root];
  const inTable: (DomNode | null)[] = [null];
  while (nodes.length) {
    const n = nodes.pop()!;
    const table = inTable.pop()!;
    const kids = n.children;
    if (!kids) continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (!isElement(c)) continue;
      if (c.name === 'table') {
        if (table) outer.add(table);
        nodes.push(c);
        inTable.push(c);
      } else {
        nodes.push(c);
        inTable.push(table);
      }
    }
  }
  return outer;
}

/** <table>s in a subtree that is left out, so the tables after it keep their document index. */
function countTables(n: DomNode): number {
  let count = 0;
  const stack: DomNode[] = [];
  pushChildren(stack, n);
  while (stack.length) {
    const c = stack.pop()!;
    if (!isElement(c)) continue;
    if (c.name === 'table') count++;
    pushChildren(stack, c);
  }
  return count;
}

/** Text of a cell's contents; <br> and block children become spaces so words don't run together. */
function textOf(n: DomNode, out: string[]): void {
  const kids = n.children;
  if (kids?.length === 1 && kids[0].type === 'text') {
    out.push(kids[0].data ?? ''); // most cells: one text, no stack needed
    return;
  }
  const stack: DomNode[] = [];
  pushChildren(stack, n);
  while (stack.length) {
    const c = stack.pop()!;
    if (c.type === 'text') out.push(c.data ?? '');
    else if (isElement(c) && !SKIP.has(c.name!)) {
      if (c.name === 'br' || BLOCK.has(c.name!)) out.push(' ');
      pushChildren(stack, c);
    }
  }
}

/** The table's own rows in document order (inside thead/tbody/tfoot or not). */
function ownRows(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  const stack: DomNode[] = [];
  pushChildren(stack, table);
  while (stack.length) {
    const c = stack.pop()!;
    if (!isElement(c) || c.name === 'table') continue;
    if (c.name === 'tr') rows.push(c);
    else pushChildren(stack, c);
  }
  return rows;
}

/**
 * Table cells a page may hold: a report has a few hundred, a 19 MB page that is one big table two
 * million (issue 20, B: 22.6 s and 1.65 GB in `check`). Rows past the budget are not read.
 */
export const MAX_CELLS = 100_000;
interface CellBudget {
  left: number;
  cutRows: number;
}

function readRows(table: DomNode, budget: CellBudget): RawRow[] {
  const rows = ownRows(table);
  const out: RawRow[] = [];
  for (const tr of rows) {
    const cells = (tr.children ?? []).filter((c) => isElement(c) && (c.name === 'td' || c.name === 'th'));
    if (cells.length > budget.left) {
      budget.cutRows += rows.length - out.length;
      budget.left = 0;
      break;
    }
    budget.left -= cells.length;
    out.push(readRow(cells));
  }
  return out;
}

function readRow(cells: DomNode[]): RawRow {
  return {
    cells: cells
      .map((td) => {
        const parts: string[] = [];
        textOf(td, parts);
        return {
          raw: parts.join(''),
          rowspan: Number(td.attribs?.rowspan ?? 1),
          colspan: Number(td.attribs?.colspan ?? 1),
        };
      }),
  };
}

/** A <table> with no table inside it: a candidate data table. */
interface LeafTable {
  /** Index among all <table>s of the page in document order (as querySelectorAll('table') counts). */
  index: number;
  node: DomNode;
  rows: RawRow[];
}

type Item = { kind: 'text'; text: string; node: DomNode } | { kind: 'table'; table: LeafTable };

interface Walk {
  items: Item[];
  tables: LeafTable[];
  title?: string;
  metas: Record<string, string>;
  /** Parts left out by the limits, each as a diagnostic. */
  limits: Extraction['diagnostics'];
}

/** A node being walked: its next child, whether it ends a line, its depth and table nesting. */
interface Frame {
  n: DomNode;
  next: number;
  block: boolean;
  depth: number;
  tables: number;
}

function walk(root: DomNode, knownOuterTables?: ReadonlySet<DomNode>): Walk {
  const items: Item[] = [];
  const tables: LeafTable[] = [];
  const metas: Record<string, string> = {};
  let title: string | undefined;
  let tableCount = 0;
  let line: string[] = [];
  let lineNode: DomNode = root;
  const breakLine = () => {
    if (line.length) {
      const text = collapse(line.join(''));
      if (text) items.push({ kind: 'text', text, node: lineNode });
      line = [];
    }
  };
  const outerTables = knownOuterTables ?? tablesWithTables(root);
  let tooDeep = 0;
  let tablesTooDeep = 0;
  const cells: CellBudget = { left: MAX_CELLS, cutRows: 0 };
  const stack: Frame[] = [{ n: root, next: 0, block: false, depth: 0, tables: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const kids = f.n.children;
    if (!kids || f.next >= kids.length) {
      stack.pop();
      if (f.block) breakLine();
      continue;
    }
    const c = kids[f.next++];
    if (c.type === 'text') {
      if (line.length === 0) lineNode = c;
      line.push(c.data ?? '');
      continue;
    }
    if (!isElement(c)) continue;
    const name = c.name!;
    if (name === 'title') {
      const parts: string[] = [];
      textOf(c, parts);
      title ??= collapse(parts.join(''));
      continue;
    }
    if (name === 'meta') {
      const key = c.attribs?.name ?? c.attribs?.property;
      if (key && c.attribs?.content) metas[key.toLowerCase()] = c.attribs.content;
      continue;
    }
    if (SKIP.has(name)) continue;
    let nesting = f.tables;
    if (name === 'table') {
      const index = tableCount++;
      if (!outerTables.has(c)) {
        breakLine();
        const table: LeafTable = { index, node: c, rows: readRows(c, cells) };
        tables.push(table);
        items.push({ kind: 'table', table });
        continue;
      }
      if (++nesting > MAX_TABLE_NESTING) {
        tablesTooDeep += 1 + countTables(c);
        tableCount += countTables(c);
        continue;
      }
    }
    if (f.depth >= MAX_DEPTH) {
      tooDeep++;
      tableCount += countTables(c);
      continue;
    }
    const block = name !== 'head' && BLOCK.has(name);
    if (block) breakLine();
    stack.push({ n: c, next: 0, block, depth: f.depth + 1, tables: nesting });
  }
  breakLine();
  const limits: Walk['limits'] = [];
  if (tablesTooDeep) {
    limits.push({
      level: 'warning',
      code: 'html.tables-too-deep',
      message: `表格嵌套超过 ${MAX_TABLE_NESTING} 层，其中 ${tablesTooDeep} 个表格未读 — tables nested more than ${MAX_TABLE_NESTING} deep: ${tablesTooDeep} tables not read`,
    });
  }
  if (tooDeep) {
    limits.push({
      level: 'warning',
      code: 'html.too-deep',
      message: `页面嵌套超过 ${MAX_DEPTH} 层，更深的 ${tooDeep} 处内容未读 — the page nests more than ${MAX_DEPTH} levels deep: ${tooDeep} parts below that not read`,
    });
  }
  if (cells.cutRows) {
    limits.push({
      level: 'warning',
      code: 'html.too-many-cells',
      message: `页面表格超过 ${MAX_CELLS} 个单元格，其后 ${cells.cutRows} 行未读 — the page's tables hold more than ${MAX_CELLS} cells: ${cells.cutRows} rows after that not read`,
    });
  }
  return { items, tables, title, metas, limits };
}

function isInside(n: DomNode, container: DomNode): boolean {
  for (let p: DomNode | null | undefined = n; p; p = p.parent) if (p === container) return true;
  return false;
}

function ancestors(n: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (let p: DomNode | null | undefined = n; p; p = p.parent) out.push(p);
  return out;
}

/**
 * The element holding the report body: the lowest common ancestor of the data tables, widened
 * until it also holds the narrative (a section heading), so site chrome is left out.
 */
function bodyContainer(tables: DomNode[], items: Item[]): DomNode | null {
  if (tables.length === 0) return null;
  let common = ancestors(tables[0]);
  for (const t of tables.slice(1)) {
    const chain = new Set(ancestors(t));
    common = common.filter((a) => chain.has(a));
  }
  const headingNodes = items.filter((i): i is Extract<Item, { kind: 'text' }> => i.kind === 'text' && /^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|其他需要报告)/.test(i.text));
  for (const candidate of common) {
    if (candidate.name === 'table' || candidate.name === 'tbody' || candidate.name === 'tr' || candidate.name === 'td') continue;
    const inside = headingNodes.filter((h) => isInside(h.node, candidate));
    if (inside.length >= 2 || (headingNodes.length < 2 && inside.length === headingNodes.length)) return candidate;
  }
  return null;
}

export interface ParseOptions {
  source?: string | null;
}

/**
 * A document already parsed into a tree of DomNode shape. `outerTables`: the <table>s that hold
 * another, when whoever built the tree noted them (else the walk finds them).
 */
export function parseDom(root: DomNode, opts: ParseOptions = {}, outerTables?: ReadonlySet<DomNode>): Report {
  const { items, tables, title, metas, limits } = walk(root, outerTables);

  // No spread of a table's rows into push(): a table of 130,000 rows would overflow the stack.
  const grids: GridRow[] = [];
  const budget = gridBudget();
  for (const t of tables) for (const row of buildGrid(t.index, t.rows, budget)) grids.push(row);
  const read = readTables(grids);
  read.diagnostics.push(...limits);
  const cut = gridBudgetDiagnostic(budget);
  if (cut) read.diagnostics.push(cut);

  const dataNodes = tables.filter((t) => read.dataTables.has(t.index)).map((t) => t.node);
  const container = bodyContainer(dataNodes, items);
  const inBody = (n: DomNode) => !container || isInside(n, container);

  const lines: NarrativeLine[] = [];
  const pageLines: string[] = [];
  for (const item of items) {
    if (item.kind === 'table') {
      if (read.dataTables.has(item.table.index)) {
        if (inBody(item.table.node)) lines.push({ text: '', tableMarker: true });
        continue;
      }
      for (const r of item.table.rows) {
        const text = collapse(r.cells.map((c) => c.raw).join(' '));
        if (!text) continue;
        pageLines.push(text);
        if (inBody(item.table.node)) lines.push({ text });
      }
      continue;
    }
    pageLines.push(item.text);
    if (inBody(item.node)) lines.push({ text: item.text });
  }

  // Metadata the page offers outside the body: <title>, CMS <meta> tags, the 索引号 block.
  const pageText = pageLines.join('\n');
  const pick = (re: RegExp) => re.exec(pageText)?.[1];
  const ex: Extraction = {
    cells: read.cells,
    lines,
    hints: {
      title: metas['articletitle'] ?? bodyTitle(lines, pageLines) ?? title,
      published:
        metas['pubdate'] ?? metas['publishdate'] ?? metas['firstpublishedtime'] ?? pick(/(?:发布日期|发文日期|公开日期|成文日期|发布时间)\s*[:：]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/),
      indexNo: pick(/索引号\s*[:：]?\s*([A-Za-z0-9\-/_.]+)/),
      publisher: pick(/发布机构\s*[:：]?\s*([\u4e00-\u9fa5（）()]{2,40}?)(?:\s|$)/),
    },
    diagnostics: read.diagnostics,
  };
  if (read.cells.length === 0) {
    ex.diagnostics.push({
      level: 'error',
      code: 'html.no-tables',
      message: `页面中没有找到年度报告的数据表（共 ${tables.length} 个表格） — no report data table found among the page's ${tables.length} tables`,
    });
  }
  return buildReport(ex, opts);
}

/** A heading line just above the body that names the report, when the page has one. */
function bodyTitle(lines: NarrativeLine[], pageLines: string[]): string | undefined {
  // Not a metadata line that ends with the category (发布日期：2025-01-20 分类：政府信息公开年报).
  const re = /^(?!.*(?:发布日期|发文日期|索引号|分类)\s*[:：])(?:名\s*称\s*)?.{0,40}\d{4}\s*年?度?.{0,30}(?:政府信息公开|信息公开).{0,6}(?:年度报告|年报)$/;
  return lines.slice(0, 5).find((l) => re.test(l.text))?.text ?? pageLines.find((l) => re.test(l));
}

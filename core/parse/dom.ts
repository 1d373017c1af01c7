/**
 * A page's tree → Report. One walk over the tree collects the narrative lines and every leaf
 * <table> as a grid; tables.ts reads the official tables from the grid rows; build.ts makes the
 * Report. The tree is any tree a TreeReader (tree.ts) can walk: the DomNode tree html.ts builds
 * from page text, or the browser's own live DOM, read in place by the extension (which so carries
 * no HTML parser and copies nothing). Whole portal pages (site chrome, scripts, layout tables) and
 * bare article fragments are both fine.
 */
import type { Report } from '../model/schema';
import { buildReport } from './build';
import type { Extraction, NarrativeLine } from './extraction';
import { buildGrid, gridBudget, gridBudgetDiagnostic, type GridRow, type RawRow } from './grid';
import { collapse } from './normalize';
import { readTables } from './tables';
import { DOM_NODE_READER, ELEMENT, TEXT, type DomNode, type TreeReader } from './tree';

export type { DomNode } from './tree';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select', 'option', 'button', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'tr', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'main', 'form', 'hr', 'dd', 'dt', 'dl', 'blockquote', 'pre', 'table', 'tbody', 'thead', 'tfoot', 'caption', 'center', 'title', 'td', 'th',
]);


/**
 * Limits of the walk: element levels read (deeper content is left out), and tables nested in
 * tables (a report inside thousands of nested tables is not read). Every walk below is a loop
 * with its own stack, never recursion, so no page can overflow the call stack.
 */
export const MAX_DEPTH = 1_000;
export const MAX_TABLE_NESTING = 50;

/** Push a node's children on a stack so that they pop in document order. */
function pushChildren<N>(r: TreeReader<N>, stack: N[], n: N): void {
  const kids = r.children(n);
  if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
}

/** The <table>s that hold another <table> (one pass over the page: each table marks the one it is in). */
function tablesWithTables<N>(r: TreeReader<N>, root: N): Set<N> {
  const outer = new Set<N>();
  const nodes: N[] = [root];
  const inTable: (N | null)[] = [null];
  while (nodes.length) {
    const n = nodes.pop()!;
    const table = inTable.pop()!;
    const kids = r.children(n);
    if (!kids) continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (r.kind(c) !== ELEMENT) continue;
      if (r.name(c) === 'table') {
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
function countTables<N>(r: TreeReader<N>, n: N): number {
  let count = 0;
  const stack: N[] = [];
  pushChildren(r, stack, n);
  while (stack.length) {
    const c = stack.pop()!;
    if (r.kind(c) !== ELEMENT) continue;
    if (r.name(c) === 'table') count++;
    pushChildren(r, stack, c);
  }
  return count;
}

/** Text of a cell's contents; <br> and block children become spaces so words don't run together. */
function textOf<N>(r: TreeReader<N>, n: N, out: string[]): void {
  const kids = r.children(n);
  if (kids?.length === 1 && r.kind(kids[0]) === TEXT) {
    out.push(r.text(kids[0])); // most cells: one text, no stack needed
    return;
  }
  const stack: N[] = [];
  pushChildren(r, stack, n);
  while (stack.length) {
    const c = stack.pop()!;
    const kind = r.kind(c);
    if (kind === TEXT) out.push(r.text(c));
    else if (kind === ELEMENT) {
      const name = r.name(c);
      if (SKIP.has(name)) continue;
      if (name === 'br' || BLOCK.has(name)) out.push(' ');
      pushChildren(r, stack, c);
    }
  }
}

/** The table's own rows in document order (inside thead/tbody/tfoot or not). */
function ownRows<N>(r: TreeReader<N>, table: N): N[] {
  const rows: N[] = [];
  const stack: N[] = [];
  pushChildren(r, stack, table);
  while (stack.length) {
    const c = stack.pop()!;
    if (r.kind(c) !== ELEMENT) continue;
    const name = r.name(c);
    if (name === 'table') continue;
    if (name === 'tr') rows.push(c);
    else pushChildren(r, stack, c);
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

function readRows<N>(r: TreeReader<N>, table: N, budget: CellBudget): RawRow[] {
  const rows = ownRows(r, table);
  const out: RawRow[] = [];
  for (const tr of rows) {
    const cells: N[] = [];
    const kids = r.children(tr);
    if (kids)
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i];
        if (r.kind(c) === ELEMENT && (r.name(c) === 'td' || r.name(c) === 'th')) cells.push(c);
      }
    if (cells.length > budget.left) {
      budget.cutRows += rows.length - out.length;
      budget.left = 0;
      break;
    }
    budget.left -= cells.length;
    out.push(readRow(r, cells));
  }
  return out;
}

function readRow<N>(r: TreeReader<N>, cells: N[]): RawRow {
  return {
    cells: cells
      .map((td) => {
        const parts: string[] = [];
        textOf(r, td, parts);
        return {
          raw: parts.join(''),
          rowspan: Number(r.attr(td, 'rowspan') ?? 1),
          colspan: Number(r.attr(td, 'colspan') ?? 1),
        };
      }),
  };
}

/** A <table> with no table inside it: a candidate data table. */
interface LeafTable<N> {
  /** Index among all <table>s of the page in document order (as querySelectorAll('table') counts). */
  index: number;
  node: N;
  rows: RawRow[];
}

type Item<N> = { kind: 'text'; text: string; node: N } | { kind: 'table'; table: LeafTable<N> };

interface Walk<N> {
  items: Item<N>[];
  tables: LeafTable<N>[];
  title?: string;
  metas: Record<string, string>;
  /** Parts left out by the limits, each as a diagnostic. */
  limits: Extraction['diagnostics'];
}

/** A node being walked: its next child, whether it ends a line, its depth and table nesting. */
interface Frame<N> {
  kids: ArrayLike<N> | null | undefined;
  next: number;
  block: boolean;
  depth: number;
  tables: number;
}

function walk<N>(r: TreeReader<N>, root: N, knownOuterTables?: ReadonlySet<N>): Walk<N> {
  const items: Item<N>[] = [];
  const tables: LeafTable<N>[] = [];
  const metas: Record<string, string> = {};
  let title: string | undefined;
  let tableCount = 0;
  let line: string[] = [];
  let lineNode: N = root;
  const breakLine = () => {
    if (line.length) {
      const text = collapse(line.join(''));
      if (text) items.push({ kind: 'text', text, node: lineNode });
      line = [];
    }
  };
  const outerTables = knownOuterTables ?? tablesWithTables(r, root);
  let tooDeep = 0;
  let tablesTooDeep = 0;
  const cells: CellBudget = { left: MAX_CELLS, cutRows: 0 };
  const stack: Frame<N>[] = [{ kids: r.children(root), next: 0, block: false, depth: 0, tables: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const kids = f.kids;
    if (!kids || f.next >= kids.length) {
      stack.pop();
      if (f.block) breakLine();
      continue;
    }
    const c = kids[f.next++];
    const kind = r.kind(c);
    if (kind === TEXT) {
      if (line.length === 0) lineNode = c;
      line.push(r.text(c));
      continue;
    }
    if (kind !== ELEMENT) continue;
    const name = r.name(c);
    if (name === 'title') {
      const parts: string[] = [];
      textOf(r, c, parts);
      title ??= collapse(parts.join(''));
      continue;
    }
    if (name === 'meta') {
      const key = r.attr(c, 'name') ?? r.attr(c, 'property');
      const content = r.attr(c, 'content');
      if (key && content) metas[key.toLowerCase()] = content;
      continue;
    }
    if (SKIP.has(name)) continue;
    let nesting = f.tables;
    if (name === 'table') {
      const index = tableCount++;
      if (!outerTables.has(c)) {
        breakLine();
        const table: LeafTable<N> = { index, node: c, rows: readRows(r, c, cells) };
        tables.push(table);
        items.push({ kind: 'table', table });
        continue;
      }
      if (++nesting > MAX_TABLE_NESTING) {
        tablesTooDeep += 1 + countTables(r, c);
        tableCount += countTables(r, c);
        continue;
      }
    }
    if (f.depth >= MAX_DEPTH) {
      tooDeep++;
      tableCount += countTables(r, c);
      continue;
    }
    const block = name !== 'head' && BLOCK.has(name);
    if (block) breakLine();
    stack.push({ kids: r.children(c), next: 0, block, depth: f.depth + 1, tables: nesting });
  }
  breakLine();
  const limits: Walk<N>['limits'] = [];
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

function isInside<N>(r: TreeReader<N>, n: N, container: N): boolean {
  for (let p: N | null = n; p; p = r.parent(p)) if (p === container) return true;
  return false;
}

function ancestors<N>(r: TreeReader<N>, n: N): N[] {
  const out: N[] = [];
  for (let p: N | null = n; p; p = r.parent(p)) out.push(p);
  return out;
}

/**
 * The element holding the report body: the lowest common ancestor of the data tables, widened
 * until it also holds the narrative (a section heading), so site chrome is left out.
 */
function bodyContainer<N>(r: TreeReader<N>, tables: N[], items: Item<N>[]): N | null {
  if (tables.length === 0) return null;
  let common = ancestors(r, tables[0]);
  for (const t of tables.slice(1)) {
    const chain = new Set(ancestors(r, t));
    common = common.filter((a) => chain.has(a));
  }
  const headingNodes = items.filter((i): i is Extract<Item<N>, { kind: 'text' }> => i.kind === 'text' && /^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|其他需要报告)/.test(i.text));
  for (const candidate of common) {
    const name = r.name(candidate);
    if (name === 'table' || name === 'tbody' || name === 'tr' || name === 'td') continue;
    const inside = headingNodes.filter((h) => isInside(r, h.node, candidate));
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
  return parseTree(DOM_NODE_READER, root, opts, outerTables);
}

/** Any tree the reader can walk (the browser's live DOM, read in place by the extension) → Report. */
export function parseTree<N>(r: TreeReader<N>, root: N, opts: ParseOptions = {}, outerTables?: ReadonlySet<N>): Report {
  const { items, tables, title, metas, limits } = walk(r, root, outerTables);

  // No spread of a table's rows into push(): a table of 130,000 rows would overflow the stack.
  const grids: GridRow[] = [];
  const budget = gridBudget();
  for (const t of tables) for (const row of buildGrid(t.index, t.rows, budget)) grids.push(row);
  const read = readTables(grids);
  read.diagnostics.push(...limits);
  const cut = gridBudgetDiagnostic(budget);
  if (cut) read.diagnostics.push(cut);

  const dataNodes = tables.filter((t) => read.dataTables.has(t.index)).map((t) => t.node);
  const container = bodyContainer(r, dataNodes, items);
  const inBody = (n: N) => !container || isInside(r, n, container);

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

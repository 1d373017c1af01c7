/**
 * .docx → Report, read from the document's own XML. fflate (already shipped for the XLSX export)
 * unzips word/document.xml; htmlparser2 in xmlMode (the parser the core already uses for HTML —
 * cheerio would add its DOM, selectors and a second tree for nothing, a converter such as mammoth
 * a dependency tree and a detour through HTML) streams it into the small DomNode tree dom.ts
 * reads: w:p → p, w:tbl → table, w:tr → tr, w:tc → td with w:gridSpan as colspan and w:vMerge
 * runs as rowspan. So a Word
 * table goes through exactly the grid step an HTML table does, and each cell's source (table
 * index, row, cell) points into that tree, which the report page renders. Browser-safe.
 */
import { unzipSync } from 'fflate';
import type { Report } from '../../model/schema';
import { parseDom, type DomNode } from '../dom';
import { LeanParser } from '../html';
import { WordReadError, type OtherDocument, type WordReadOptions } from './errors';
import { isZipBytes, otherDocumentEntry } from './sniff';
import { settleTable, type WordNode as Node } from './tree';
import { numberingCounter, readNumbering } from './numbering';

/** Zip entries a .docx may hold (a real one has 10–30; a zip bomb may claim millions). */
export const MAX_ZIP_ENTRIES = 2_000;
/** Uncompressed size of word/document.xml (a long report is under 2 MB). */
export const MAX_DOCUMENT_XML_BYTES = 30 * 1024 * 1024;
/** XML element levels read; anything deeper is left out (Word itself nests a few dozen). */
export const MAX_XML_DEPTH = 400;
/** Rows and cells a Word document may hold over all its tables. */
export const MAX_WORD_CELLS = 200_000;

/** Characters of document.xml parsed between two looks at the deadline. */
const XML_SLICE = 1 << 20;

const DOCUMENT = 'word/document.xml';
const CORE_PROPS = 'docProps/core.xml';
const NUMBERING = 'word/numbering.xml';

/**
 * Elements whose content is not document text: properties (a paragraph's are read for its
 * numbering, a row's for w:gridBefore and a tracked deletion), deleted and moved-away text, the properties a tracked change replaced (their
 * old w:gridSpan or w:vMerge must not count), field codes, fallbacks.
 */
const SKIP = new Set([
  'w:rpr', 'w:tabs', 'w:pprchange', 'w:tblpr', 'w:tblgrid', 'w:sectpr', 'w:del', 'w:deltext', 'w:movefrom', 'w:instrtext', 'w:delinstrtext',
  'w:tcprchange', 'w:trprchange', 'w:tblprchange', 'w:tblgridchange', 'w:tblprexchange',
  'mc:fallback', 'w:fldchar', 'w:commentreference', 'w:footnotereference', 'w:endnotereference',
]);


/** The only elements whose attributes are read (w:val): a Word document spends most of its markup on property attributes, which the parser then skips. */
const ATTRIBUTE_TAGS = new Set(['w:gridSpan', 'w:vMerge', 'w:hMerge', 'w:gridBefore', 'w:fldChar', 'w:numId', 'w:ilvl', 'w:vanish']);

/** A toggle property's w:val that turns it off (absent: on). */
const OFF = new Set(['0', 'false', 'off']);

/** The zip's document part (and core properties), each capped; a broken or hostile zip throws WordReadError. */
export function unzipDocx(bytes: Uint8Array): { document: Uint8Array; core?: Uint8Array; numbering?: Uint8Array } {
  let entries = 0;
  let other: OtherDocument | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (++entries > MAX_ZIP_ENTRIES) throw new WordReadError('too-large', 'entries');
        other ??= otherDocumentEntry(f.name);
        if (f.name !== DOCUMENT && f.name !== CORE_PROPS && f.name !== NUMBERING) return false;
        // fflate inflates into a buffer of the declared size and drops what overflows it, so the declared size bounds memory.
        if (f.originalSize > MAX_DOCUMENT_XML_BYTES) throw new WordReadError('too-large', 'xml');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof WordReadError) throw err;
    throw new WordReadError('broken');
  }
  if (!files[DOCUMENT]) throw new WordReadError(Object.keys(files).length || entries ? 'not-word' : 'broken', undefined, other);
  return { document: files[DOCUMENT], core: files[CORE_PROPS], numbering: files[NUMBERING] };
}

/** The document's body as a DomNode tree (tables as HTML tables), and how much was left out. */
export function docxTree(xml: string, title?: string, deadline = Infinity, numbering: ReturnType<typeof readNumbering> | null = null): { root: DomNode; cut: number } {
  const counter = numbering && numberingCounter(numbering);
  const root: Node = { type: 'root', children: [], parent: null };
  if (title) root.children.push({ type: 'tag', name: 'title', attribs: {}, children: [{ type: 'text', data: title, parent: null }], parent: root });
  const open: (Node | null)[] = []; // null: an element we do not keep (its text still goes to the nearest kept one)
  const names: string[] = [];
  let skipping = 0; // depth inside a skipped element
  let inBody = false;
  let cut = 0;
  let cells = 0;
  let current: Node = root;
  const tables: Node[] = [];
  /** The complex fields open at this point, each in its code or its result. */
  const fields: ('code' | 'result')[] = [];
  /** For each open content control (w:sdt): does it show its placeholder (w:showingPlcHdr)? */
  const placeholders: boolean[] = [];
  /** The open run is hidden text (w:rPr/w:vanish): Word neither shows nor prints it. */
  let hiddenRun = false;
  const add = (node: Node) => {
    node.parent = current;
    current.children.push(node);
    open.push(node);
    current = node;
  };
  const parser = new LeanParser(
    {
      onopentag(rawName, attribs) {
        const name = rawName.toLowerCase();
        if (skipping) {
          skipping++;
          return;
        }
        names.push(name);
        if (!inBody) {
          open.push(null);
          if (name === 'w:body') inBody = true;
          return;
        }
        const cell = tables.length ? current : null;
        if (name === 'w:fldchar') {
          // Complex fields: begin, code, separate, result, end — nested ones inside a code too (their cached results are code, not text).
          const type = attribs['w:fldCharType'];
          if (type === 'begin' && fields.length < MAX_XML_DEPTH) fields.push('code');
          else if (type === 'separate' && fields.length) fields[fields.length - 1] = 'result';
          else if (type === 'end') fields.pop();
        }
        if (name === 'w:numid' && current.name === 'p') current.numId = attribs['w:val'];
        else if (name === 'w:ilvl' && current.name === 'p') current.ilvl = Number(attribs['w:val']) || 0;
        if (name === 'w:sdt') placeholders.push(false);
        else if (name === 'w:showingplchdr' && placeholders.length) placeholders[placeholders.length - 1] = true;
        else if (name === 'w:sdtcontent' && placeholders[placeholders.length - 1]) {
          // A content control left unfilled shows its prompt (单击或点击此处输入文字。), which is no content.
          names.pop();
          skipping = 1;
          return;
        }
        if (name === 'w:rpr' && names[names.length - 2] === 'w:r') {
          // A run's own properties: only w:vanish matters here (the rest, and w:rPrChange's old ones, are skipped inside).
          open.push(null);
          return;
        }
        if (name === 'w:vanish' && names[names.length - 2] === 'w:rpr' && names[names.length - 3] === 'w:r') {
          hiddenRun = !OFF.has(attribs['w:val'] ?? '');
          open.push(null);
          return;
        }
        if (name === 'w:del' && current.name === 'tr') {
          // A row deleted with tracked changes on (w:trPr/w:del): still in the file, not in the document.
          current.deleted = true;
          names.pop();
          skipping = 1;
          return;
        }
        if (SKIP.has(name) || open.length > MAX_XML_DEPTH) {
          if (open.length > MAX_XML_DEPTH) cut++;
          names.pop();
          skipping = 1;
          return;
        }
        if (name === 'w:gridspan' && cell?.name === 'td') cell.span = Number(attribs['w:val']) || 1;
        else if (name === 'w:vmerge' && cell?.name === 'td') cell.vMerge = attribs['w:val'] === 'restart' ? 'restart' : 'continue';
        else if (name === 'w:hmerge' && cell?.name === 'td') cell.hMerge = attribs['w:val'] === 'restart' ? 'restart' : 'continue';
        else if (name === 'w:txbxcontent') {
          // A text box's paragraphs: read after the paragraph (or table) it is anchored in, not into its text or cell.
          let outside = current;
          while (outside.parent && outside.name !== undefined && ['p', 'td', 'tr', 'table'].includes(outside.name)) outside = outside.parent as Node;
          const box: Node = { type: 'tag', name: 'div', attribs: {}, children: [], parent: outside, resume: current };
          outside.children.push(box);
          open.push(box);
          current = box;
          return;
        } else if (name === 'w:gridbefore' && current.name === 'tr') {
          // Cells left out at the row's start (a ragged table): an empty cell keeps the columns in place.
          const span = Math.min(Number(attribs['w:val']) || 0, 64);
          if (span > 0) current.children.push({ type: 'tag', name: 'td', attribs: { colspan: String(span) }, children: [], parent: current });
        }
        let node: Node | null = null;
        if (name === 'w:p') node = { type: 'tag', name: 'p', attribs: {}, children: [] };
        else if (name === 'w:tbl') node = { type: 'tag', name: 'table', attribs: {}, children: [] };
        else if (name === 'w:tr' && current.name === 'table') node = { type: 'tag', name: 'tr', attribs: {}, children: [] };
        else if (name === 'w:tc' && current.name === 'tr') node = { type: 'tag', name: 'td', attribs: {}, children: [] };
        else if (name === 'w:br' || name === 'w:cr') current.children.push({ type: 'tag', name: 'br', attribs: {}, children: [], parent: current });
        else if (name === 'w:tab') current.children.push({ type: 'text', data: '\t', parent: current });
        // A hyphen Word keeps on one line with its neighbours (0591-…, 2024-01-20): a hyphen. (w:softHyphen shows only at a line end: nothing.)
        else if (name === 'w:nobreakhyphen') current.children.push({ type: 'text', data: '-', parent: current });
        if (node && (node.name === 'tr' || node.name === 'td') && ++cells > MAX_WORD_CELLS) {
          cut++;
          names.pop();
          skipping = 1;
          return;
        }
        if (!node) {
          open.push(null);
          return;
        }
        add(node);
        if (node.name === 'table') tables.push(node);
      },
      onclosetag() {
        if (skipping) {
          skipping--;
          return;
        }
        const closed = names.pop();
        if (closed === 'w:r') hiddenRun = false;
        else if (closed === 'w:sdt') placeholders.pop();
        // A field code left open at its paragraph's end (a broken file) stops there, not at the end of the document.
        else if (closed === 'w:p') while (fields[fields.length - 1] === 'code') fields.pop();
        const node = open.pop();
        if (!node) return;
        current = node.resume ?? (node.parent as Node | null) ?? root;
        if (node.name === 'table') {
          tables.pop();
          settleTable(node);
        } else if (node.name === 'p' && counter && node.numId && node.numId !== '0') {
          // Automatic numbering: the label Word draws before the text (一、 （一） 1.), not in the text itself.
          const label = counter.label(node.numId, node.ilvl ?? 0);
          if (label) node.children.unshift({ type: 'text', data: label, parent: node });
        } else if (node.name === 'tr' && node.deleted) {
          current.children.splice(current.children.lastIndexOf(node), 1);
        } else if (node.name === 'td') {
          const row = current.children;
          const before = row[row.lastIndexOf(node) - 1] as Node | undefined;
          if (node.hMerge === 'continue' && before?.name === 'td') {
            // An old-style horizontal merge (w:hMerge): the cell is part of the one before it.
            before.span = (before.span ?? 1) + (node.span ?? 1);
            before.attribs = { ...before.attribs, colspan: String(Math.min(before.span, 200)) };
            for (const c of node.children) (c.parent = before), before.children.push(c);
            row.splice(row.lastIndexOf(node), 1);
          } else if (node.span && node.span > 1) node.attribs = { ...node.attribs, colspan: String(Math.min(node.span, 200)) };
        }
      },
      ontext(data) {
        // Only w:t holds text in WordprocessingML (w:delText is skipped); whitespace between tags is layout.
        if (skipping || hiddenRun || names[names.length - 1] !== 'w:t' || fields.includes('code')) return;
        const kids = current.children;
        const last = kids[kids.length - 1];
        if (last?.type === 'text') last.data += data;
        else kids.push({ type: 'text', data, parent: current });
      },
    },
    { xmlMode: true, decodeEntities: true },
    ATTRIBUTE_TAGS,
    null,
  );
  // In slices, the clock read between them: the largest document part allowed takes seconds, and a caller may give a deadline.
  for (let at = 0; at < xml.length; at += XML_SLICE) {
    parser.write(xml.slice(at, at + XML_SLICE));
    if (Date.now() > deadline) throw new WordReadError('too-slow');
  }
  parser.end();
  return { root, cut };
}

const decoder = new TextDecoder('utf-8');

/** dc:title of docProps/core.xml, when the file has one. */
function coreTitle(core: Uint8Array | undefined): string | undefined {
  if (!core) return undefined;
  const m = /<dc:title>([^<]{1,300})<\/dc:title>/.exec(decoder.decode(core));
  return m?.[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim() || undefined;
}

/**
 * A .docx file → its Report and the tree it was read from (the extension's report page draws the
 * tables from that tree, so each cell's source points at what it shows). Throws WordReadError with
 * one bilingual line when the file cannot be read.
 */
export function readDocx(bytes: Uint8Array, opts: WordReadOptions = {}): { report: Report; root: DomNode } {
  if (!isZipBytes(bytes)) throw new WordReadError('not-word');
  const { document, core, numbering } = unzipDocx(bytes);
  const { root, cut } = docxTree(decoder.decode(document), coreTitle(core), opts.deadline, numbering ? readNumbering(decoder.decode(numbering)) : null);
  const report = parseDom(root, { source: opts.source ?? null });
  if (cut) {
    report.diagnostics.push({
      level: 'warning',
      code: 'word.too-large',
      message: `Word 文档嵌套过深或表格过大，${cut} 处内容未读 — the Word document nests too deep or its tables are too large: ${cut} parts not read`,
    });
  }
  return { report, root };
}

/** A .docx file → Report (throws WordReadError with one bilingual line when it cannot be read). */
export function parseDocx(bytes: Uint8Array, opts: { source?: string | null } = {}): Report {
  return readDocx(bytes, opts).report;
}

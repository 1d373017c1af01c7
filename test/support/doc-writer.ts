/**
 * Our own report pages written as Word 97–2003 .doc files the way Word writes what LibreOffice does
 * not: a fast save (fComplex; the text in many pieces, out of order in the file, 8-bit pieces for
 * ASCII runs beside UTF-16 ones, a Prc in the CLX), numbers as field results (0x13 code 0x14
 * result 0x15, one nested), tables nested in cells (sprmPItap, sprmPFInnerTableCell,
 * sprmPFInnerTtp: a deeper cell or row ends in a paragraph mark, not a cell mark), and the table
 * stream in 0Table or 1Table as fWhichTblStm says (the other stream present and useless). Only
 * the parts our reader uses are written: the FIB, the piece table, the PAPX pages and their bin
 * table ([MS-DOC] 2.5.1, 2.9.38, 2.9.175), in an OLE file by cfb-writer.ts.
 */
import { writeCfb } from './cfb-writer';
import { documentModel, gridSlots, type Block } from './office-model';

export interface DocTraits {
  /** A fast save: pieces per run of ASCII / other text, written to the file in reverse order, ASCII ones 8-bit; a Prc before the piece table. */
  fastSaved?: boolean;
  /** Numbers as field results (every other one inside a nested field). */
  fields?: boolean;
  /** The table stream: 1Table (Word's usual) or 0Table; the other stream holds nothing useful. */
  tableStream?: '0Table' | '1Table';
}

interface Para {
  text: string;
  /** 0x0D (a paragraph mark) or 0x07 (the cell or row mark of a table of depth 1). */
  end: number;
  level: number;
  innerCell?: boolean;
  ttp?: boolean;
  layout?: { edges: number[]; vMerge: number[] };
}

const COLUMN = 600; // twips per grid column

function paragraphs(blocks: Block[], level: number, t: DocTraits, out: Para[]): void {
  let field = 0;
  const text = (runs: (string | { br: true })[]) =>
    runs
      .map((r) => {
        if (typeof r !== 'string') return '\x0b';
        if (!t.fields || !/^\d+$/.test(r)) return r;
        return field++ % 2 ? `\x13 =SUM(ABOVE) \x14${r}\x15` : `\x13 IF \x13 =1 \x141\x15 = 1 "${r}" \x14${r}\x15`;
      })
      .join('');
  let afterTable = false;
  for (const b of blocks) {
    if (b.kind === 'p') {
      out.push({ text: text(b.runs), end: 0x0d, level });
      afterTable = false;
      continue;
    }
    // Two tables in a row are one table to Word: it keeps a paragraph (here empty) between them.
    if (afterTable) out.push({ text: '', end: 0x0d, level });
    afterTable = true;
    const depth = level + 1;
    for (const row of gridSlots(b.rows).slots) {
      const edges = [row[0]?.col ?? 0, ...row.map((s) => s.col + s.span)].map((c) => c * COLUMN);
      for (const slot of row) {
        const cell: Para[] = [];
        if (!slot.continues) paragraphs(slot.cell.blocks, depth, t, cell);
        // The cell's last paragraph carries its end: a cell mark at depth 1, a marked paragraph mark deeper.
        if (!cell.length || cell[cell.length - 1].level !== depth) cell.push({ text: '', end: 0x0d, level: depth });
        const last = cell[cell.length - 1];
        if (depth === 1) last.end = 0x07;
        else last.innerCell = true;
        out.push(...cell);
      }
      const vMerge = row.map((s) => (s.continues ? 1 : s.cell.rowspan > 1 ? 3 : 0));
      out.push({ text: '', end: depth === 1 ? 0x07 : 0x0d, level: depth, ttp: true, layout: { edges, vMerge } });
    }
  }
}

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

/** A paragraph's sprms (istd first): in table, its depth, cell or row end, the row's cell edges and merges. */
function grpprl(p: Para): number[] {
  if (!p.level) return [];
  const out = [0, 0, ...le16(0x2416), 1];
  if (p.level > 1) out.push(...le16(0x6649), ...le32(p.level));
  if (p.innerCell) out.push(...le16(0x244b), 1);
  if (p.ttp && p.level === 1) out.push(...le16(0x2417), 1);
  if (p.ttp && p.level > 1) out.push(...le16(0x244c), 1);
  if (p.layout) {
    const n = p.layout.edges.length - 1;
    const body = [n, ...p.layout.edges.flatMap(le16)];
    for (let i = 0; i < n; i++) body.push(...le16(p.layout.vMerge[i] << 5), ...new Array(18).fill(0));
    out.push(...le16(0xd608), ...le16(body.length + 1), ...body);
  }
  return out;
}

/** PAPX pages for the given runs (each ends after a paragraph mark); returns the pages and their first positions. */
function papxPages(runs: { end: number; sprms: number[] }[], first: number): { pages: Uint8Array[]; starts: number[]; last: number } {
  const pages: Uint8Array[] = [];
  const starts: number[] = [];
  let i = 0;
  let start = first;
  while (i < runs.length) {
    const page = new Uint8Array(512);
    const fcs = [start];
    const offsets: number[] = [];
    let dataAt = 511;
    while (i < runs.length) {
      const sprms = runs[i].sprms;
      const size = sprms.length ? 2 * Math.ceil((sprms.length + 1) / 2) : 0; // cb byte + grpprl, padded to even
      const crun = fcs.length; // after adding this run
      if ((crun + 1) * 4 + crun * 13 > dataAt - size) break;
      if (size) {
        dataAt = (dataAt - size) & ~1;
        page[dataAt] = size / 2;
        page.set(sprms, dataAt + 1);
        offsets.push(dataAt / 2);
      } else offsets.push(0);
      fcs.push(runs[i].end);
      i++;
    }
    if (!offsets.length) throw new Error('a paragraph’s properties do not fit a page');
    const crun = offsets.length;
    fcs.forEach((fc, k) => page.set(le32(fc), k * 4));
    offsets.forEach((o, k) => (page[(crun + 1) * 4 + k * 13] = o));
    page[511] = crun;
    pages.push(page);
    starts.push(start);
    start = fcs[fcs.length - 1];
  }
  return { pages, starts, last: start };
}

/** The .doc of a page (its body: paragraphs and tables, nested ones too), with the given traits. */
export function writeDoc(html: string, traits: DocTraits = {}): Uint8Array {
  const paras: Para[] = [];
  paragraphs(documentModel(html).blocks, 0, traits, paras);
  const text = paras.map((p) => p.text + String.fromCharCode(p.end)).join('');
  // Pieces: one, or (fast save) each run of ASCII or of other text its own piece.
  const cuts = traits.fastSaved ? [...text.matchAll(/[\x00-\x7f]+|[^\x00-\x7f]+/g)].map((m) => m.index!) : [0];
  const pieces = cuts.map((cp, k) => {
    const s = text.slice(cp, cuts[k + 1] ?? text.length);
    return { cp, s, compressed: !!traits.fastSaved && /^[\x00-\x7f]+$/.test(s), at: 0 };
  });
  // The text after the FIB, pieces in file order (reversed when fast-saved).
  const bytes: number[] = new Array(1024).fill(0);
  for (const p of traits.fastSaved ? [...pieces].reverse() : pieces) {
    p.at = bytes.length;
    for (const ch of p.s) {
      const c = ch.charCodeAt(0);
      if (p.compressed) bytes.push(c);
      else bytes.push(c & 0xff, c >> 8);
    }
  }
  // Each paragraph mark's file position, in file order: the PAPX runs end just after them.
  const marks: { end: number; sprms: number[] }[] = [];
  let cp = 0;
  for (const para of paras) {
    cp += para.text.length;
    const piece = pieces.filter((p) => p.cp <= cp).pop()!;
    const bpc = piece.compressed ? 1 : 2;
    marks.push({ end: piece.at + (cp - piece.cp) * bpc + bpc, sprms: grpprl(para) });
    cp++;
  }
  marks.sort((a, b) => a.end - b.end);
  while (bytes.length % 512) bytes.push(0);
  const { pages, starts, last } = papxPages(marks, 1024);
  const firstPage = bytes.length / 512;
  for (const page of pages) bytes.push(...page);
  // The table stream: the CLX (a Prc first when fast-saved), then the PlcBtePapx.
  const clx: number[] = [];
  if (traits.fastSaved) clx.push(1, ...le16(4), ...le16(0x2403), 1, 0); // a Prc: sprmPJc80 = 1 (what a fast save leaves)
  const plcPcd = [...pieces.map((p) => p.cp), text.length].flatMap(le32);
  for (const p of pieces) plcPcd.push(...le16(0), ...le32(p.compressed ? (p.at * 2) | 0x40000000 : p.at), ...le16(0));
  clx.push(2, ...le32(plcPcd.length), ...plcPcd);
  const plcBte = [...starts, last].flatMap(le32).concat(pages.flatMap((_, k) => le32(firstPage + k)));
  const table = new Uint8Array([...clx, ...plcBte]);
  // The FIB: csw 14, cslw 22 (ccpText the 4th), cbRgFcLcb 93 (Word 97).
  const fib = new DataView(new Uint8Array(bytes).buffer);
  const doc = new Uint8Array(fib.buffer);
  fib.setUint16(0, 0xa5ec, true);
  fib.setUint16(2, 0xc1, true);
  const tableStream = traits.tableStream ?? '1Table';
  fib.setUint16(0x0a, (tableStream === '1Table' ? 0x0200 : 0) | (traits.fastSaved ? 0x0004 : 0), true);
  fib.setUint16(32, 14, true);
  fib.setUint16(62, 22, true);
  fib.setUint32(64, doc.length, true); // cbMac
  fib.setUint32(76, text.length, true); // ccpText
  fib.setUint16(152, 93, true);
  const pair = (i: number, fc: number, lcb: number) => (fib.setUint32(154 + i * 8, fc, true), fib.setUint32(158 + i * 8, lcb, true));
  pair(33, 0, clx.length);
  pair(13, clx.length, plcBte.length);
  // The other table stream: what a save left behind, no piece table in it.
  const other = new Uint8Array(table.length).fill(0xff);
  return writeCfb(
    [
      { name: 'WordDocument', data: doc },
      { name: tableStream, data: table },
      { name: tableStream === '1Table' ? '0Table' : '1Table', data: other },
    ],
    { version: 4 },
  ).bytes;
}

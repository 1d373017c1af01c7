/**
 * Word 97–2003 .doc → Report, read from a Uint8Array ([MS-DOC]): the compound file (cfb.ts), the
 * FIB at the head of the WordDocument stream, the piece table (CLX) in the 0Table/1Table stream,
 * the text of each piece (8-bit cp1252 or UTF-16), deleted revisions dropped (CHPX), and each
 * paragraph's properties (PAPX): in-table paragraphs and the row-end paragraph (TTP), whose table
 * definition (sprmTDefTable) gives every cell's edges and vertical merge. Cell ends, row ends and
 * paragraph breaks inside cells are written into the text as private-use marks and
 * doc-stream.ts rebuilds the tables from them. Browser-safe: the CLI and the extension read a
 * .doc with this same code. Every count is bounded by the streams it is read from.
 */
import type { Report } from '../../model/schema';
import { readCompoundFile, type CompoundFile } from './cfb';
import type { DomNode } from '../dom';
import { CELL_END, IN_CELL_BREAK, LINE_BREAK, MAX_TABLE_DEPTH, marker, ROW_END, readDocStream, type DocRowLayout } from './doc-stream';
import { WordReadError, type WordReadOptions } from './errors';
import { isOleBytes, otherDocumentStreams } from './sniff';
import { i16, u16, u32, u8 } from './bytes';

/** Pieces a piece table may list (a saved document has one, a fast-saved one hundreds). */
export const MAX_PIECES = 200_000;


/** A run of text: its characters (UTF-16 code units, one per CP) and where they lie in the WordDocument stream. */
interface Piece {
  startFilePos: number;
  endFilePos: number;
  bpc: 1 | 2;
  chars: Uint16Array;
}

/** cp1252's 0x80–0x9F (the rest of the 8-bit range is Latin-1). */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The FIB's fields we use, found through its variable-length parts (csw, cslw, cbRgFcLcb) as [MS-DOC] 2.5.1 lays them out. */
interface Fib {
  tableStream: '0Table' | '1Table';
  ccpText: number;
  /** The (fc, lcb) pair at index `i` of FibRgFcLcb. */
  pair(i: number): { fc: number; lcb: number };
}

const FC_PLCFBTECHPX = 12;
const FC_PLCFBTEPAPX = 13;
const FC_CLX = 33;

function readFib(doc: Uint8Array): Fib {
  if (doc.length < 32 || u16(doc, 0) !== 0xa5ec) throw new WordReadError('not-word', 'fib: wIdent');
  // Word 6 and 95 files (nFib 101–105) lay the FIB out differently; Word 97 and later write 0xC1 or more.
  if (u16(doc, 2) < 0xc0) throw new WordReadError('not-word', 'fib: Word 6/95');
  const flags = u16(doc, 0x0a);
  if (flags & 0x0100) throw new WordReadError('encrypted'); // fEncrypted: the streams are ciphertext
  const csw = u16(doc, 32);
  const cslwAt = 34 + csw * 2;
  const cslw = u16(doc, cslwAt);
  const lwAt = cslwAt + 2;
  const cbAt = lwAt + cslw * 4;
  const pairs = u16(doc, cbAt);
  const pairsAt = cbAt + 2;
  if (cslw < 4 || pairs <= FC_CLX || pairsAt + pairs * 8 > doc.length) throw new WordReadError('broken', 'fib: layout');
  return {
    tableStream: flags & 0x0200 ? '1Table' : '0Table',
    ccpText: u32(doc, lwAt + 3 * 4),
    pair: (i) => ({ fc: u32(doc, pairsAt + i * 8), lcb: u32(doc, pairsAt + i * 8 + 4) }),
  };
}

/** The bytes of an (fc, lcb) structure in the table stream, or null when it lies outside. */
function structure(table: Uint8Array, { fc, lcb }: { fc: number; lcb: number }): Uint8Array | null {
  return lcb && fc + lcb <= table.length ? table.subarray(fc, fc + lcb) : null;
}

/** The piece table: the CLX's Prcs skipped, then the Pcdt's PlcPcd (CPs, then 8-byte PCDs). */
function readPieces(doc: Uint8Array, table: Uint8Array, fib: Fib): Piece[] {
  const clx = structure(table, fib.pair(FC_CLX));
  if (!clx) throw new WordReadError('broken', 'clx: missing');
  let at = 0;
  while (u8(clx, at) === 1) {
    // Prc: 0x01, cbGrpprl, grpprl (a negative size would walk back: a loop)
    const cb = i16(clx, at + 1);
    if (cb < 0) throw new WordReadError('broken', 'clx: Prc size');
    at += 3 + cb;
  }
  if (u8(clx, at) !== 2) throw new WordReadError('broken', 'clx: no Pcdt');
  const lcb = u32(clx, at + 1);
  const plc = at + 5;
  const count = (lcb - 4) / 12;
  if (count > MAX_PIECES) throw new WordReadError('too-large', 'clx: pieces');
  if (!Number.isInteger(count) || count < 1 || plc + lcb > clx.length) throw new WordReadError('broken', 'clx: PlcPcd size');
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const cpStart = u32(clx, plc + i * 4);
    const cpEnd = u32(clx, plc + (i + 1) * 4);
    const fcRaw = u32(clx, plc + (count + 1) * 4 + i * 8 + 2);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const bpc = compressed ? 1 : 2;
    const start = compressed ? Math.floor((fcRaw & ~0x40000000) / 2) : fcRaw;
    const length = cpEnd - cpStart;
    if (length < 0 || start + length * bpc > doc.length) throw new WordReadError('broken', 'clx: piece outside the text');
    const chars = new Uint16Array(length);
    for (let k = 0; k < length; k++) {
      if (compressed) {
        const b = doc[start + k];
        chars[k] = b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : b;
      } else chars[k] = doc[start + 2 * k] | (doc[start + 2 * k + 1] << 8);
    }
    pieces.push({ startFilePos: start, endFilePos: start + length * bpc, bpc, chars });
  }
  return pieces;
}

/** Finding a file position's piece quickly (a fast-saved file has many pieces and every paragraph is looked up). */
function pieceFinder(pieces: Piece[]) {
  const sorted = pieces.filter((p) => p.endFilePos > p.startFilePos).sort((a, b) => a.startFilePos - b.startFilePos);
  /** The last piece starting at or before `pos` (or, `after`, strictly before it). */
  const search = (pos: number, after: boolean) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (after ? sorted[mid].startFilePos < pos : sorted[mid].startFilePos <= pos) (found = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    return found < 0 ? undefined : sorted[found];
  };
  return {
    /** The piece holding the character at `pos`. */
    at(pos: number) {
      const p = search(pos, false);
      return p && pos < p.endFilePos ? p : undefined;
    },
    /** The file position of the character just before `pos` (a paragraph's end is given as the position after its mark). */
    before(pos: number) {
      const p = search(pos, true);
      return p && pos <= p.endFilePos ? pos - p.bpc : pos - 1;
    },
  };
}

type Finder = ReturnType<typeof pieceFinder>;

/** Put `ch` in place of the character at file position `pos`, when that character is one of `only` (null: any); where it was put, or null. */
function markAt(find: Finder, pos: number, ch: number, only: number[] | null): { piece: Piece; index: number } | null {
  const p = find.at(pos);
  if (!p) return null;
  const i = Math.floor((pos - p.startFilePos) / p.bpc);
  if (only && !only.includes(p.chars[i])) return null;
  p.chars[i] = ch;
  return { piece: p, index: i };
}

/** The FKPs (512-byte pages of the WordDocument stream) a bin table (PlcBteChpx or PlcBtePapx) lists, each page once. */
function* formattedPages(doc: Uint8Array, plc: Uint8Array | null): Generator<Uint8Array> {
  if (!plc) return;
  const count = (plc.length - 4) / 8;
  if (!Number.isInteger(count) || count < 1) return;
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const page = u32(plc, (count + 1) * 4 + i * 4) & 0x3fffff;
    if (seen.has(page) || (page + 1) * 512 > doc.length) continue;
    seen.add(page);
    yield doc.subarray(page * 512, page * 512 + 512);
  }
}

const sprmCFRMarkDel = 0x0800;
const sprmPFInTable = 0x2416;
const sprmPFTtp = 0x2417;
/** A nested table's paragraphs: their depth (itap), and the paragraph marks that end a deeper cell or row. */
const sprmPItap = 0x6649;
const sprmPFInnerTableCell = 0x244b;
const sprmPFInnerTtp = 0x244c;
const sprmTDefTable = 0xd608;
/** A paragraph whose properties do not fit its page keeps them in the Data stream (wide tables' rows do). */
const sprmPHugePapx = 0x6646;

/** A sprm's operand size by its spra (sprmTDefTable and the variable ones are handled by the caller). */
const OPERAND_SIZE = [1, 1, 2, 4, 2, 2, 0, 3];

/** Walk a grpprl from `at`, calling `each(sprm, operandAt)`; stops at the first sprm that does not fit. */
function walkSprms(grpprl: Uint8Array, at: number, each: (sprm: number, operandAt: number, size: number) => void): void {
  while (at + 2 <= grpprl.length) {
    const sprm = u16(grpprl, at);
    at += 2;
    let size: number;
    if (sprm === sprmTDefTable) size = u16(grpprl, at) + 1; // cb counts the rest plus one; the operand is cb's 2 bytes and cb − 1 more
    else if (sprm >> 13 === 6) size = u8(grpprl, at) + 1;
    else size = OPERAND_SIZE[sprm >> 13];
    if (at + size > grpprl.length) break;
    each(sprm, at, size);
    at += size;
  }
}

/** Deleted revisions (sprmCFRMarkDel set) become NULs, dropped with the other control characters. */
function dropDeletedText(doc: Uint8Array, table: Uint8Array, fib: Fib, find: Finder, chars: number): void {
  // Runs of a real file do not overlap, so each character is dropped at most once; a hostile file's overlapping runs stop here.
  let budget = 2 * chars + 1024;
  for (const fkp of formattedPages(doc, structure(table, fib.pair(FC_PLCFBTECHPX)))) {
    const crun = fkp[511];
    if ((crun + 1) * 4 + crun > 511) continue;
    for (let j = 0; j < crun; j++) {
      const offset = fkp[(crun + 1) * 4 + j] * 2;
      if (!offset) continue;
      const grpprl = fkp.subarray(offset + 1, offset + 1 + fkp[offset]);
      let deleted = false;
      walkSprms(grpprl, 0, (sprm, at) => {
        if (sprm === sprmCFRMarkDel && grpprl[at] & 1) deleted = true;
      });
      if (!deleted) continue;
      const end = u32(fkp, (j + 1) * 4);
      for (let pos = u32(fkp, j * 4); pos < end; ) {
        const p = find.at(pos);
        if (!p || --budget < 0) break;
        markAt(find, pos, 0, null);
        pos += p.bpc;
      }
    }
  }
}

/** A row's cells from sprmTDefTable: itcMac, then itcMac + 1 edges (twips), then 20-byte TC80s. */
function readTableDefinition(buf: Uint8Array, at: number, end: number): DocRowLayout | null {
  if (at + 1 > end) return null;
  const count = buf[at];
  if (count < 1 || count > 64 || at + 1 + (count + 1) * 2 > end) return null;
  const edges: number[] = [];
  for (let i = 0; i <= count; i++) edges.push(i16(buf, at + 1 + i * 2));
  const cells: DocRowLayout['cells'] = [];
  const tcAt = at + 1 + (count + 1) * 2;
  for (let i = 0; i < count; i++) {
    const flagsAt = tcAt + i * 20;
    const flags = flagsAt + 2 <= end ? u16(buf, flagsAt) : 0;
    const vertical = (flags >> 5) & 3;
    cells.push({ left: edges[i], right: edges[i + 1], vMerge: vertical === 3 ? 'restart' : vertical === 1 || vertical === 2 ? 'continue' : undefined, hMergeContinue: (flags & 3) === 2 });
  }
  return { cells };
}

interface ParagraphMarks {
  inTable: boolean;
  ttp: boolean;
  /** Table depth (1: a table in the text; 2: a table in a cell of one …). */
  depth: number;
  innerCell: boolean;
  innerTtp: boolean;
  layout: DocRowLayout | null;
}

/** One paragraph's table marks from its sprms (and, for a huge PAPX, from the grpprl it points to in the Data stream). */
function paragraphMarks(
  grpprl: Uint8Array,
  data: Uint8Array | null,
  start = 2 /* after the istd */,
  marks: ParagraphMarks = { inTable: false, ttp: false, depth: 1, innerCell: false, innerTtp: false, layout: null },
): ParagraphMarks {
  walkSprms(grpprl, start, (sprm, at, size) => {
    if (sprm === sprmTDefTable) marks.layout = readTableDefinition(grpprl, at + 2, at + size);
    else if (sprm === sprmPFInTable) marks.inTable = grpprl[at] === 1;
    else if (sprm === sprmPFTtp) marks.ttp = grpprl[at] === 1;
    else if (sprm === sprmPItap) marks.depth = Math.max(1, Math.min(u32(grpprl, at), MAX_TABLE_DEPTH));
    else if (sprm === sprmPFInnerTableCell) marks.innerCell = grpprl[at] === 1;
    else if (sprm === sprmPFInnerTtp) marks.innerTtp = grpprl[at] === 1;
    else if (sprm === sprmPHugePapx && data && start === 2) {
      const fc = u32(grpprl, at);
      if (fc + 2 <= data.length) paragraphMarks(data.subarray(fc + 2, fc + 2 + u16(data, fc)), null, 0, marks);
    }
  });
  return marks;
}

const CR = 0x0d;
const BELL = 0x07;

/**
 * Mark cell ends, row ends and paragraph breaks inside cells, each with its table depth; return
 * each row's cell layout in text order. A depth-1 cell or row ends in a cell mark (0x07); a deeper
 * one in a paragraph mark carrying sprmPFInnerTableCell or sprmPFInnerTtp. The pages list
 * paragraphs in file order, which a fast-saved file's pieces do not follow: the layouts are put in
 * the order of the pieces (the text's order) before they are returned.
 */
function markTables(doc: Uint8Array, table: Uint8Array, data: Uint8Array | null, fib: Fib, find: Finder, pieces: Piece[]): DocRowLayout[] {
  const rows: { piece: Piece; index: number; layout: DocRowLayout }[] = [];
  for (const fkp of formattedPages(doc, structure(table, fib.pair(FC_PLCFBTEPAPX)))) {
    const crun = fkp[511];
    if ((crun + 1) * 4 + crun * 13 > 511) continue;
    for (let j = 0; j < crun; j++) {
      const offset = fkp[(crun + 1) * 4 + j * 13] * 2;
      if (offset === 0) continue; // no properties: not in a table
      const cb = fkp[offset];
      const grpprl = cb !== 0 ? fkp.subarray(offset + 1, offset + 2 * cb) : fkp.subarray(offset + 2, offset + 2 + 2 * u8(fkp, offset + 1));
      const { inTable, ttp, depth, innerCell, innerTtp, layout } = paragraphMarks(grpprl, data);
      if (!inTable && !ttp) continue;
      const mark = find.before(u32(fkp, (j + 1) * 4));
      const deep = depth > 1;
      if (deep ? innerTtp : ttp) {
        const at = markAt(find, mark, marker(ROW_END, depth), deep ? [CR] : [BELL, CR]);
        if (at) rows.push({ ...at, layout: layout ?? { cells: [] } });
      } else if (deep && innerCell) markAt(find, mark, marker(CELL_END, depth), [CR]);
      else {
        markAt(find, mark, marker(IN_CELL_BREAK, depth), [CR]);
        if (!deep) markAt(find, mark, marker(CELL_END, depth), [BELL]);
      }
    }
  }
  const order = new Map(pieces.map((p, i) => [p, i]));
  return rows.sort((a, b) => order.get(a.piece)! - order.get(b.piece)! || a.index - b.index).map((r) => r.layout);
}

/** Word's control characters: paragraph and page breaks become line ends, a line break (Shift+Enter: a cell's 本年新 / 制作数量) its own mark; a cell mark outside a table a tab; the rest go. */
const CONTROL: Record<number, string> = { 0x07: '\t', 0x08: '', 0x0a: '\n', 0x0b: LINE_BREAK, 0x0c: '\n', 0x0d: '\n', 0x1e: '\u2011', 0x1f: '' };

/** The text with fields (0x13 code 0x14 result 0x15, nested) replaced by their results and control characters settled. */
function cleanText(chars: Uint16Array): string {
  const frames: { code: string; result: string | null }[] = [];
  let out = '';
  const emit = (s: string) => {
    const top = frames[frames.length - 1];
    if (!top) out += s;
    else if (top.result === null) top.code += s;
    else top.result += s;
  };
  let run = '';
  const flush = () => {
    if (run) emit(run);
    run = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === 0x13) flush(), frames.push({ code: '', result: null });
    else if (c === 0x14 && frames.length) flush(), (frames[frames.length - 1].result ??= '');
    else if (c === 0x15 && frames.length) {
      flush();
      const field = frames.pop()!;
      emit(field.result ?? '');
    } else if (c in CONTROL) run += CONTROL[c];
    else if (c > 0x07) run += String.fromCharCode(c);
    if (run.length > 4096) flush();
  }
  flush();
  // A field never closed keeps its text (as if the marks were not there).
  while (frames.length) {
    const field = frames.pop()!;
    emit(field.code + (field.result ?? ''));
  }
  return out;
}

/** An OLE file holding an encrypted OOXML package (an encrypted .docx). */
function isEncryptedPackage(cfb: CompoundFile): boolean {
  return cfb.entries.some((e) => e.name === 'EncryptedPackage' || e.name === 'EncryptionInfo');
}

/** The marked text of a .doc and its row layouts (what doc-stream.ts turns into a Report). */
export function readDocText(bytes: Uint8Array): { text: string; rows: DocRowLayout[] } {
  if (!isOleBytes(bytes)) throw new WordReadError('not-word');
  const cfb = readCompoundFile(bytes);
  if (isEncryptedPackage(cfb)) throw new WordReadError('encrypted');
  const doc = cfb.stream('WordDocument');
  if (!doc) throw new WordReadError('not-word', 'no WordDocument stream', otherDocumentStreams(cfb.entries.map((e) => e.name)));
  const fib = readFib(doc);
  const table = cfb.stream(fib.tableStream);
  if (!table) throw new WordReadError('broken', `no ${fib.tableStream} stream`);
  let data: Uint8Array | null = null;
  try {
    data = cfb.stream('Data');
  } catch {
    data = null; // only huge paragraph properties live there: the text reads without them
  }
  const pieces = readPieces(doc, table, fib);
  const find = pieceFinder(pieces);
  const total = pieces.reduce((n, p) => n + p.chars.length, 0);
  dropDeletedText(doc, table, fib, find, total);
  const rows = markTables(doc, table, data, fib, find, pieces);
  // The main document is the first ccpText characters (footnotes, headers and the rest follow).
  const body = new Uint16Array(Math.min(fib.ccpText, total));
  let at = 0;
  for (const p of pieces) {
    if (at >= body.length) break;
    const take = p.chars.subarray(0, body.length - at);
    body.set(take, at);
    at += take.length;
  }
  return { text: cleanText(body), rows };
}

/** A .doc file → Report and the tree it was read from (the extension draws it); throws WordReadError (one bilingual line) when it cannot be read. */
export function readDoc(bytes: Uint8Array, opts: WordReadOptions = {}): { report: Report; root: DomNode } {
  const { text, rows } = readDocText(bytes);
  if (Date.now() > (opts.deadline ?? Infinity)) throw new WordReadError('too-slow');
  return readDocStream(text, rows, opts);
}

/** A .doc file → Report; throws WordReadError (one bilingual line) when it cannot be read. */
export function parseDoc(bytes: Uint8Array, opts: { source?: string | null } = {}): Report {
  return readDoc(bytes, opts).report;
}

/**
 * Word 97–2003 .doc files in Node: word-extractor (124 KB, pure JS, reads the OLE container and
 * the piece table from a Buffer) gives the document text. Its stream writes a table cell's end
 * and a row's end with the same mark (\x07), so a row ending in an empty cell cannot be told from
 * the row's end, and merged cells leave no trace. We therefore read each paragraph's properties
 * ourselves (the PAPX pages it also reads): in-table paragraphs and the row-end paragraph (TTP),
 * whose table definition (sprmTDefTable) gives every cell's edges and vertical merge. The marks
 * are written into the text as private-use characters and core/parse/word/doc-stream.ts builds
 * the tables from them. Node only: word-extractor needs Node's Buffer and streams (the extension
 * reads .docx only).
 */
import { createRequire } from 'node:module';
import type { Report } from '../model/schema';
import { CELL_END, IN_CELL_BREAK, ROW_END, parseDocStream, type DocRowLayout } from '../parse/word/doc-stream';
import { WordReadError } from '../parse/word/errors';
import { isOleBytes } from '../parse/word/sniff';

const require = createRequire(import.meta.url);

interface Piece {
  startFilePos: number;
  endFilePos: number;
  bpc: number;
  text: string;
}

interface OleExtractor {
  _pieces: Piece[];
  extract(reader: unknown): Promise<{ getBody(opts?: { filterUnicode?: boolean }): string }>;
}

/**
 * Pieces of text a .doc may have for its table marks to be read (marking looks each paragraph's
 * end up among them: a real document has a few, a fast-saved one hundreds; a hostile file could
 * make that quadratic). Beyond it the text is read without tables.
 */
const MAX_MARKED_PIECES = 20_000;

const sprmPFInTable = 0x2416;
const sprmPFTtp = 0x2417;
const sprmTDefTable = 0xd608;
/** A paragraph whose properties do not fit its page keeps them in the Data stream (wide tables' rows do). */
const sprmPHugePapx = 0x6646;

/** Put `ch` in place of the character at file position `pos`, when that character is one of `only`. */
function markAt(pieces: Piece[], pos: number, ch: string, only: string): void {
  for (const p of pieces) {
    if (pos < p.startFilePos || pos >= p.endFilePos) continue;
    const i = Math.floor((pos - p.startFilePos) / p.bpc);
    if (only.includes(p.text[i])) p.text = p.text.slice(0, i) + ch + p.text.slice(i + 1);
    return;
  }
}

/** A row's cells from sprmTDefTable: itcMac, then itcMac + 1 edges (twips), then 20-byte TC80s. */
function readTableDefinition(buf: Buffer, at: number, end: number): DocRowLayout | null {
  if (at + 1 > end) return null;
  const count = buf.readUInt8(at);
  if (count < 1 || count > 64 || at + 1 + (count + 1) * 2 > end) return null;
  const edges: number[] = [];
  for (let i = 0; i <= count; i++) edges.push(buf.readInt16LE(at + 1 + i * 2));
  const cells: DocRowLayout['cells'] = [];
  const tcAt = at + 1 + (count + 1) * 2;
  for (let i = 0; i < count; i++) {
    const flagsAt = tcAt + i * 20;
    const flags = flagsAt + 2 <= end ? buf.readUInt16LE(flagsAt) : 0;
    const vertical = (flags >> 5) & 3;
    cells.push({ left: edges[i], right: edges[i + 1], vMerge: vertical === 3 ? 'restart' : vertical === 1 || vertical === 2 ? 'continue' : undefined, hMergeContinue: (flags & 3) === 2 });
  }
  return { cells };
}

/** Walk one paragraph's sprms (with the operand sizes the spec gives, sprmTDefTable's 2-byte size included). */
interface ParagraphMarks {
  inTable: boolean;
  ttp: boolean;
  layout: DocRowLayout | null;
}

function readSprms(grpprl: Buffer, data: Buffer | null, start = 2 /* after the istd */, marks: ParagraphMarks = { inTable: false, ttp: false, layout: null }): ParagraphMarks {
  let at = start;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    const spra = sprm >> 13;
    let size: number;
    if (sprm === sprmTDefTable) {
      if (at + 2 > grpprl.length) break;
      size = grpprl.readUInt16LE(at) + 1; // cb counts the rest plus one; the operand is cb's 2 bytes and cb − 1 more
      marks.layout = readTableDefinition(grpprl, at + 2, Math.min(grpprl.length, at + size));
    } else if (spra === 6) {
      if (at >= grpprl.length) break;
      size = grpprl.readUInt8(at) + 1;
    } else size = [1, 1, 2, 4, 2, 2, 0, 3][spra];
    if (at + size > grpprl.length) break;
    if (sprm === sprmPFInTable) marks.inTable = grpprl.readUInt8(at) === 1;
    else if (sprm === sprmPFTtp) marks.ttp = grpprl.readUInt8(at) === 1;
    else if (sprm === sprmPHugePapx && data && start === 2) {
      const fc = grpprl.readUInt32LE(at);
      if (fc + 2 <= data.length) readSprms(data.subarray(fc + 2, fc + 2 + data.readUInt16LE(fc)), null, 0, marks);
    }
    at += size;
  }
  return marks;
}

let Extractor: (new () => OleExtractor) | undefined;

/**
 * word-extractor's OLE extractor, its paragraph pass replaced: instead of turning row ends into
 * line breaks (its own pass loses rows whose sprms it misreads), mark cell ends, row ends and
 * paragraph breaks inside cells, and note each row's cell layout in document order.
 */
function markingExtractor(rows: DocRowLayout[]): OleExtractor {
  Extractor ??= require('word-extractor/lib/word-ole-extractor.js') as new () => OleExtractor;
  const extractor = new Extractor();
  const self = extractor as unknown as { extractWordDocument(doc: unknown, buffer: Buffer): Promise<unknown> };
  const extractWordDocument = self.extractWordDocument.bind(extractor);
  // The FIB's fEncrypted flag: the text and table streams are ciphertext, nothing after this can be read.
  let data: Buffer | null = null;
  self.extractWordDocument = async (doc, buffer) => {
    if (buffer.length > 12 && buffer.readUInt16LE(0) === 0xa5ec && buffer.readUInt16LE(0x0a) & 0x0100) throw new WordReadError('encrypted');
    const ole = doc as { _rootStorage?: { _dirEntry?: { streams?: Record<string, unknown> } }; stream(name: string): unknown };
    if (ole._rootStorage?._dirEntry?.streams?.Data) {
      const x = extractor as unknown as { streamBuffer(stream: unknown): Promise<Buffer> };
      data = await x.streamBuffer(ole.stream('Data')).catch(() => null);
    }
    return extractWordDocument(doc, buffer);
  };
  (extractor as unknown as { writeParagraphProperties(buffer: Buffer, table: Buffer): void }).writeParagraphProperties = (buffer, table) => {
    const pieces = extractor._pieces;
    if (pieces.length > MAX_MARKED_PIECES) return;
    const fc = buffer.readUInt32LE(0x0102);
    const lcb = buffer.readUInt32LE(0x0106);
    const count = (lcb - 4) / 8;
    if (!Number.isInteger(count) || count < 0 || fc + lcb > table.length) return;
    const plc = table.subarray(fc, fc + lcb);
    for (let i = 0; i < count; i++) {
      const page = plc.readUInt32LE((count + 1) * 4 + i * 4) & 0x3fffff;
      const fkp = buffer.subarray(page * 512, page * 512 + 512);
      if (fkp.length < 512) continue;
      const crun = fkp.readUInt8(511);
      for (let j = 0; j < crun; j++) {
        const paragraphEnd = fkp.readUInt32LE((j + 1) * 4);
        const offset = fkp.readUInt8((crun + 1) * 4 + j * 13) * 2;
        if (offset === 0) continue; // no properties: not in a table
        const cb = fkp.readUInt8(offset);
        const grpprl = cb !== 0 ? fkp.subarray(offset + 1, offset + 2 * cb) : fkp.subarray(offset + 2, offset + 2 + 2 * fkp.readUInt8(offset + 1));
        const { inTable, ttp, layout } = readSprms(grpprl, data);
        if (!inTable && !ttp) continue;
        const last = (p: number) => {
          const piece = pieces.find((q) => p > q.startFilePos && p <= q.endFilePos);
          return piece ? p - piece.bpc : p - 1;
        };
        if (ttp) {
          markAt(pieces, last(paragraphEnd), ROW_END, '\x07\r');
          rows.push(layout ?? { cells: [] });
        } else {
          markAt(pieces, last(paragraphEnd), IN_CELL_BREAK, '\r');
          markAt(pieces, last(paragraphEnd), CELL_END, '\x07');
        }
      }
    }
  };
  return extractor;
}

/** An OLE file holding an encrypted OOXML package (its stream named EncryptedPackage, UTF-16). */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name);
}

/** A .doc file → Report; throws WordReadError (one bilingual line) when it cannot be read. */
export async function parseDocFile(bytes: Uint8Array, source: string): Promise<Report> {
  if (!isOleBytes(bytes)) throw new WordReadError('not-word');
  if (isEncryptedOoxml(bytes)) throw new WordReadError('encrypted');
  const rows: DocRowLayout[] = [];
  const BufferReader = require('word-extractor/lib/buffer-reader.js') as new (b: Buffer) => unknown;
  let text: string;
  try {
    const doc = await markingExtractor(rows).extract(new BufferReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    text = doc.getBody({ filterUnicode: false });
  } catch (err) {
    if (err instanceof WordReadError) throw err;
    const message = String((err as Error)?.message ?? err);
    if (/magic number|WordDocument|Unable to read/i.test(message)) throw new WordReadError('not-word');
    throw new WordReadError('broken', message);
  }
  return parseDocStream(text, rows, { source });
}

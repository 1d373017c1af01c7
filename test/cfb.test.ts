/**
 * The browser-safe .doc reader from the bottom up: the OLE compound file (core/parse/word/cfb.ts)
 * read back exactly as test/support/cfb-writer.ts wrote it, and every way a hostile or damaged
 * file can lie — truncated, a chain looping or leaving the file, a size beyond its chain, a
 * directory tree pointing at itself, too many bytes — ending in one WordReadError line, never an
 * exception of ours or a hang. Then the Word layer (core/parse/word/doc.ts) on our own .doc
 * fixture rewritten with one field changed: the FIB, the piece table, a file with no Word stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CFB_BYTES, readCompoundFile } from '../core/parse/word/cfb';
import { MAX_PIECES, readDocText } from '../core/parse/word/doc';
import { WordReadError } from '../core/parse/word/errors';
import { WORD_FIXTURES } from '../scripts/gen-word-fixtures';
import { writeCfb, type CfbEntry } from './support/cfb-writer';

const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const BIG = bytesOf(5000, 1);
const SMALL = bytesOf(200, 2);
const sample = () => writeCfb([{ name: 'Big', data: BIG }, { name: 'Small', data: SMALL }, { name: 'Store', children: [{ name: 'Inner', data: bytesOf(10, 3) }] }]);

const setU32 = (bytes: Uint8Array, at: number, value: number) => new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);

/** The WordReadError `f` throws (its code and detail), failing when it throws anything else or nothing. */
function problem(f: () => unknown): { code: string; detail: string } {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(WordReadError);
    expect((err as Error).message).toMatch(/^[^\n]+ — [^\n]+$/);
    return { code: (err as WordReadError).code, detail: (err as WordReadError).detail ?? '' };
  }
  throw new Error('expected a WordReadError');
}

describe('the compound file', () => {
  it("reads back big and mini streams exactly; a storage's own streams are not the root's", () => {
    const cfb = readCompoundFile(sample().bytes);
    expect(cfb.stream('Big')).toEqual(BIG);
    expect(cfb.stream('Small')).toEqual(SMALL);
    expect(cfb.stream('Inner')).toBeNull();
    expect(cfb.stream('Store')).toBeNull();
    expect(cfb.stream('Missing')).toBeNull();
    expect(cfb.entries.filter((e) => e.type).map((e) => e.name)).toEqual(['Root Entry', 'Big', 'Small', 'Store', 'Inner']);
  });

  it('version 4 (4096-byte sectors) reads back the same', () => {
    const cfb = readCompoundFile(writeCfb([{ name: 'Big', data: BIG }, { name: 'Small', data: SMALL }], { version: 4 }).bytes);
    expect(cfb.stream('Big')).toEqual(BIG);
    expect(cfb.stream('Small')).toEqual(SMALL);
  });

  it('a truncated file is broken (or still reads, when only unused sectors are cut), never a crash', () => {
    const { bytes } = sample();
    expect(problem(() => readCompoundFile(bytes.subarray(0, 300))).code).toBe('broken');
    for (let cut = 512; cut < bytes.length; cut += 256) {
      try {
        const cfb = readCompoundFile(bytes.subarray(0, cut));
        cfb.stream('Big');
        cfb.stream('Small');
      } catch (err) {
        expect(err, `cut at ${cut}`).toBeInstanceOf(WordReadError);
        expect((err as WordReadError).code).toBe('broken');
      }
    }
    expect(problem(() => readCompoundFile(bytes.subarray(0, 2048)).stream('Big')).code).toBe('broken');
  });

  it('a FAT chain that loops back, or leaves the file, is broken', () => {
    const looped = sample();
    const big = looped.sectors.get('Big')!.list;
    setU32(looped.bytes, looped.fatEntryAt(big[3]), big[1]);
    expect(problem(() => readCompoundFile(looped.bytes).stream('Big')).detail).toMatch(/Big loop/);
    const away = sample();
    setU32(away.bytes, away.fatEntryAt(away.sectors.get('Big')!.list[0]), 0x7fff);
    expect(problem(() => readCompoundFile(away.bytes).stream('Big')).detail).toMatch(/Big chain/);
  });

  it('a mini FAT chain that loops is broken', () => {
    const cfb = sample();
    const small = cfb.sectors.get('Small')!.list;
    expect(small.length).toBeGreaterThan(2);
    setU32(cfb.bytes, cfb.miniFatEntryAt(small[2]), small[0]);
    expect(problem(() => readCompoundFile(cfb.bytes).stream('Small')).detail).toMatch(/Small loop/);
  });

  it('a DIFAT chain that points at itself is broken', () => {
    const { bytes: base } = sample();
    // Enough sectors for the header to claim 240 FAT sectors (more than its 109 plus one DIFAT sector's 127).
    const bytes = new Uint8Array(base.length + 240 * 512);
    bytes.set(base);
    const difat = bytes.length / 512 - 2; // the last sector
    setU32(bytes, 0x2c, 240);
    setU32(bytes, 0x44, difat);
    setU32(bytes, (difat + 1) * 512 + 508, difat);
    expect(problem(() => readCompoundFile(bytes)).detail).toMatch(/DIFAT loop/);
  });

  it('a directory tree pointing at itself is broken', () => {
    const cfb = sample();
    setU32(cfb.bytes, cfb.entryAt(1) + 0x48, 1); // Big's right sibling: Big
    expect(problem(() => readCompoundFile(cfb.bytes)).detail).toMatch(/directory tree/);
  });

  it('sizes beyond the chain or the file, and files beyond the byte limit, are refused', () => {
    const longer = sample();
    setU32(longer.bytes, longer.entryAt(1) + 0x78, BIG.length + 1024);
    expect(problem(() => readCompoundFile(longer.bytes).stream('Big')).detail).toMatch(/Big size/);
    const huge = sample();
    setU32(huge.bytes, huge.entryAt(1) + 0x78, 0x7fffffff);
    expect(problem(() => readCompoundFile(huge.bytes).stream('Big')).code).toBe('broken');
    const fatCount = sample();
    setU32(fatCount.bytes, 0x2c, 0xffffffff);
    expect(problem(() => readCompoundFile(fatCount.bytes)).detail).toMatch(/FAT sector count/);
    const big = new Uint8Array(MAX_CFB_BYTES + 1);
    big.set(sample().bytes.subarray(0, 512));
    expect(problem(() => readCompoundFile(big)).code).toBe('too-large');
    const shift = sample();
    shift.bytes[0x1e] = 10;
    expect(problem(() => readCompoundFile(shift.bytes)).detail).toMatch(/header/);
  });
});

describe('the Word streams inside', () => {
  const original = new Uint8Array(readFileSync(join(WORD_FIXTURES, 'report-2024.doc')));
  const streams = () => {
    const cfb = readCompoundFile(original);
    return Object.fromEntries(['WordDocument', '1Table', 'Data'].map((n) => [n, cfb.stream(n)!.slice()]));
  };
  const rewrite = (edit: (s: Record<string, Uint8Array>) => void, names = ['WordDocument', '1Table', 'Data']) => {
    const s = streams();
    edit(s);
    return writeCfb(names.map((name): CfbEntry => ({ name, data: s[name] }))).bytes;
  };
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  /** FibRgFcLcb97 pair `i` in the WordDocument stream (csw 14, cslw 22: it starts at 0x9A). */
  const pairAt = (i: number) => 0x9a + i * 8;

  it('our fixture rewritten by the test writer reads to the same text and rows', () => {
    const expected = readDocText(original);
    expect(expected.text).toContain('本报告根据《中华人民共和国政府信息公开条例》编制');
    expect(expected.rows.length).toBeGreaterThan(20);
    expect(readDocText(rewrite(() => {}))).toEqual(expected);
    const s = streams();
    expect(readDocText(writeCfb(['WordDocument', '1Table', 'Data'].map((name) => ({ name, data: s[name] })), { version: 4 }).bytes)).toEqual(expected);
  });

  it('a Word 6/95 FIB, or an OLE file without a WordDocument stream, is no Word 97–2003 file', () => {
    expect(problem(() => readDocText(rewrite((s) => view(s.WordDocument).setUint16(2, 0x68, true)))).code).toBe('not-word');
    expect(problem(() => readDocText(writeCfb([{ name: 'Workbook', data: bytesOf(5000, 4) }]).bytes)).code).toBe('not-word');
  });

  it('a table stream that is missing, a piece table outside it or pieces outside the text are broken', () => {
    expect(problem(() => readDocText(rewrite(() => {}, ['WordDocument', 'Data']))).detail).toMatch(/1Table/);
    expect(problem(() => readDocText(rewrite((s) => view(s.WordDocument).setUint32(pairAt(33) + 4, 0x7fffffff, true)))).detail).toMatch(/clx/);
    const clxAt = (s: Record<string, Uint8Array>) => view(s.WordDocument).getUint32(pairAt(33), true);
    const firstPieceFc = (s: Record<string, Uint8Array>) => {
      const clx = clxAt(s);
      expect(s['1Table'][clx]).toBe(2); // LibreOffice writes no Prc: the Pcdt comes first
      const count = (view(s['1Table']).getUint32(clx + 1, true) - 4) / 12;
      return clx + 5 + (count + 1) * 4 + 2;
    };
    expect(problem(() => readDocText(rewrite((s) => view(s['1Table']).setUint32(firstPieceFc(s), 0x3fffff00, true)))).detail).toMatch(/piece outside/);
    expect(problem(() => readDocText(rewrite((s) => view(s['1Table']).setUint32(clxAt(s) + 1, (MAX_PIECES + 1) * 12 + 4, true)))).code).toBe('too-large');
    // A Prc whose size is negative would step back onto itself.
    expect(problem(() => readDocText(rewrite((s) => s['1Table'].set([1, 0xfd, 0xff], clxAt(s))))).detail).toMatch(/Prc size/);
  });

  it('a fast-saved layout — a Prc before the piece table, an 8-bit cp1252 piece with a field, the UTF-16 piece split — reads the same rows, the new text in front', () => {
    const expected = readDocText(original);
    const bytes = rewrite((s) => {
      const fib = view(s.WordDocument);
      const table = view(s['1Table']);
      const clx = fib.getUint32(pairAt(33), true);
      expect(table.getUint32(clx + 1, true)).toBe(16); // one piece: two CPs and one PCD
      const [cpEnd, fc] = [table.getUint32(clx + 9, true), table.getUint32(clx + 15, true)];
      expect(fc & 0x40000000).toBe(0);
      // The 8-bit text — a PAGE field whose result is 7, é and cp1252's € (0x80) — appended to WordDocument.
      const ascii = Uint8Array.from('\x13 PAGE \x147\x15 Caf\xe9 \x80 ', (c) => c.charCodeAt(0));
      const doc = new Uint8Array(s.WordDocument.length + ascii.length);
      doc.set(s.WordDocument);
      doc.set(ascii, s.WordDocument.length);
      const k = ascii.length;
      const half = Math.floor(cpEnd / 2);
      // CPs: 0, k, k + half, k + cpEnd; PCDs: the 8-bit piece, then the UTF-16 piece in two.
      const plc = [0, k, k + half, k + cpEnd];
      const pcds = [(s.WordDocument.length * 2) | 0x40000000, fc, fc + half * 2];
      const clxBytes = new Uint8Array(3 + 4 + 5 + plc.length * 4 + pcds.length * 8);
      const v = new DataView(clxBytes.buffer);
      clxBytes.set([1, 4, 0, 0x03, 0x08, 0x01, 0x00]); // a Prc: cbGrpprl 4, one two-byte sprm with its operand
      clxBytes[7] = 2;
      v.setUint32(8, plc.length * 4 + pcds.length * 8, true);
      plc.forEach((cp, i) => v.setUint32(12 + i * 4, cp, true));
      pcds.forEach((f, i) => v.setUint32(12 + plc.length * 4 + i * 8 + 2, f, true));
      const t = new Uint8Array(s['1Table'].length + clxBytes.length);
      t.set(s['1Table']);
      t.set(clxBytes, s['1Table'].length);
      const newFib = view(doc);
      newFib.setUint32(pairAt(33), s['1Table'].length, true);
      newFib.setUint32(pairAt(33) + 4, clxBytes.length, true);
      newFib.setUint32(0x4c, newFib.getUint32(0x4c, true) + k, true); // ccpText
      s.WordDocument = doc;
      s['1Table'] = t;
    });
    const read = readDocText(bytes);
    expect(read.text).toBe(`7 Café € ${expected.text}`);
    expect(read.rows).toEqual(expected.rows);
  });

  it('text marked deleted (sprmCFRMarkDel in a CHPX page) is dropped, the rest kept', () => {
    const expected = readDocText(original);
    const gone = '本报告根据';
    expect(expected.text).toContain(`${gone}《中华人民共和国政府信息公开条例》编制`);
    const bytes = rewrite((s) => {
      const utf16 = Uint8Array.from([...gone].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
      const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
      const fc = hex(s.WordDocument).indexOf(hex(utf16)) / 2;
      expect(Number.isInteger(fc) && fc > 0).toBe(true);
      // One CHPX page at the end of WordDocument: one run [fc, fc + 10) whose grpprl is sprmCFRMarkDel = 1.
      const page = Math.ceil(s.WordDocument.length / 512);
      const doc = new Uint8Array((page + 1) * 512);
      doc.set(s.WordDocument);
      const fkp = view(doc.subarray(page * 512));
      fkp.setUint32(0, fc, true);
      fkp.setUint32(4, fc + utf16.length, true);
      doc[page * 512 + 8] = 100; // the run's properties at byte 200 of the page
      doc.set([3, 0x00, 0x08, 0x01], page * 512 + 200);
      doc[page * 512 + 511] = 1;
      // The bin table: the run's two FCs and the page number.
      const plc = new Uint8Array(12);
      view(plc).setUint32(0, fc, true);
      view(plc).setUint32(4, fc + utf16.length, true);
      view(plc).setUint32(8, page, true);
      const t = new Uint8Array(s['1Table'].length + plc.length);
      t.set(s['1Table']);
      t.set(plc, s['1Table'].length);
      view(doc).setUint32(pairAt(12), s['1Table'].length, true);
      view(doc).setUint32(pairAt(12) + 4, plc.length, true);
      s.WordDocument = doc;
      s['1Table'] = t;
    });
    const read = readDocText(bytes);
    expect(read.text).toBe(expected.text.replace(gone, ''));
    expect(read.rows).toEqual(expected.rows);
  });

  it('paragraph and character property pages pointing anywhere still give text or one line', () => {
    for (const pair of [12, 13]) {
      for (const value of [0, 0x7fffffff, 1]) {
        const bytes = rewrite((s) => {
          const fc = view(s.WordDocument).getUint32(pairAt(pair), true);
          const lcb = view(s.WordDocument).getUint32(pairAt(pair) + 4, true);
          // Every page number the bin table lists replaced by `value`.
          for (let at = fc + (lcb + 4) / 2; at < fc + lcb; at += 4) view(s['1Table']).setUint32(at, value, true);
        });
        const { text } = readDocText(bytes);
        expect(text, `pair ${pair} → ${value}`).toContain('本报告根据');
      }
    }
  });
});

describe('damaged .doc bytes', () => {
  it('a few hundred random changes to our fixture: text or one WordReadError line, every time', () => {
    const original = new Uint8Array(readFileSync(join(WORD_FIXTURES, 'report-2020-old-format.doc')));
    let seed = 1917;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const outcomes = new Set<string>();
    for (let round = 0; round < 300; round++) {
      const bytes = original.slice();
      for (let k = 1 + Math.floor(random() * 6); k > 0; k--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        readDocText(bytes);
        outcomes.add('text');
      } catch (err) {
        expect(err, `round ${round}`).toBeInstanceOf(WordReadError);
        outcomes.add((err as WordReadError).code);
      }
    }
    expect(outcomes.has('text')).toBe(true);
    expect(outcomes.has('broken')).toBe(true);
  });
});

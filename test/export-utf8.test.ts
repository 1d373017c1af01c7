/** utf8Bytes (core/export/utf8.ts) writes what TextEncoder writes, for every kind of character. */
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../core/export/utf8';

const encoder = new TextEncoder();
const same = (s: string) => expect(Buffer.from(utf8Bytes(s)).equals(Buffer.from(encoder.encode(s))), JSON.stringify(s.slice(0, 40))).toBe(true);

describe('utf8Bytes', () => {
  it('ASCII, Latin, CJK, full-width, emoji and the BOM as TextEncoder writes them', () => {
    for (const s of ['', 'a', '<row r="1"><v>805</v></row>', 'é ß ¥', '政府信息公开工作年度报告', '（一）１２３', '😀 𠮷 报告', '\ufeff表,行,列', '\u0000\u007f\u0080\u07ff\u0800\uffff'])
      same(s);
  });

  it('a lone surrogate becomes U+FFFD, as TextEncoder makes it', () => {
    for (const s of ['a\ud800', '\udc00b', 'x\ud800\ud800y', '\udbff\udfff', '\ud83d']) same(s);
  });

  it('random strings over the whole UTF-16 range', () => {
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8);
    for (let k = 0; k < 200; k++) {
      const units: number[] = [];
      for (let i = next() % 300; i > 0; i--) {
        const pick = next() % 4;
        units.push(pick === 0 ? next() % 0x80 : pick === 1 ? 0x4e00 + (next() % 0x5000) : pick === 2 ? 0xd800 + (next() % 0x800) : next() % 0x10000);
      }
      same(String.fromCharCode(...units));
    }
  });
});

/**
 * Property tests of the CLI's edges: the terminal cleaner leaves no control or bidi-override
 * character whatever it is given; any bytes as an input give a report or an InputError with one
 * bilingual line — never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanForTerminal } from '../core/cli/io';
import { decodeBytes, InputError, reportFromBytes } from '../core/node/read';

const FORBIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const hostileChar = fc.constantFrom('\x1b', '[', ']', '\x07', '\\', '\u202e', '\u2066', '\u2069', '\x9b', '\x9d', '\r', '\n', '\t', '0', ';', 'm', '示');
const hostileText = fc.oneof(fc.string({ unit: hostileChar, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));

describe('cleanForTerminal', () => {
  it('leaves no control, escape or bidi-override character; keeps newlines, tabs and Chinese; is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const clean = cleanForTerminal(text);
        expect(clean).not.toMatch(FORBIDDEN);
        expect(cleanForTerminal(clean)).toBe(clean);
        expect(clean.split('\n').length).toBe(text.split('\n').length);
        expect([...clean].filter((c) => c === '示').length).toBeLessThanOrEqual([...text].filter((c) => c === '示').length);
      }),
      { numRuns: 500 },
    );
    expect(cleanForTerminal('甲市人民政府\t2023\n')).toBe('甲市人民政府\t2023\n');
  });
});

describe('any bytes as an input', () => {
  const names = fc.constantFrom('x.html', 'x.txt', 'x.md', 'x', 'x.bin');
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`<html><table><tr><td>${s}</td></tr></table></html>`)),
    fc.uint8Array({ maxLength: 200 }).map((b) => Uint8Array.from([0xff, 0xfe, ...b])),
  );
  it('a report or an InputError with one line — nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, names, async (b, name) => {
        try {
          await reportFromBytes(b, name, { name });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).reason).not.toContain('\n');
          expect((err as InputError).reason).toContain(' — ');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decodeBytes never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.constantFrom('gbk', 'utf-8', 'utf-16le', 'utf-16be', 'bogus')), (b, charset) => {
        expect(typeof decodeBytes(b, charset)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

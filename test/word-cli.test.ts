/**
 * The CLI on Word files, as a user runs it: `check` and `export` read .docx and .doc named on the
 * command line or found in a directory walk; a zip bomb, a broken .docx, a .doc that is no Word
 * file and an encrypted .docx each end with exit 2 and their one bilingual line, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { WORD_FIXTURES } from '../scripts/gen-word-fixtures';

const BIN = join(import.meta.dirname, '..', 'bin', 'nianbao.mjs');
const nianbao = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const dir = mkdtempSync(join(tmpdir(), 'nianbao-word-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nianbao on Word files', () => {
  it('check: the .docx with its planted errors exits 1 and names them; the consistent .doc exits 0', () => {
    const docx = nianbao('check', join(WORD_FIXTURES, 'report-2024.docx'));
    expect(docx.status).toBe(1);
    expect(docx.stdout).toContain('t3.outcome-total');
    const doc = nianbao('check', join(WORD_FIXTURES, 'report-2020-old-format.doc'));
    expect(doc.stderr).toBe('');
    expect(doc.status).toBe(0);
  });

  it('export of a directory reads the .docx and the .doc and lists what it passed over', () => {
    const walk = join(dir, 'walk');
    rmSync(walk, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', walk]);
    copyFileSync(join(WORD_FIXTURES, 'report-2024.docx'), join(walk, 'a.docx'));
    copyFileSync(join(WORD_FIXTURES, 'report-2020-old-format.doc'), join(walk, 'b.doc'));
    writeFileSync(join(walk, 'c.xlsx'), zipSync({ 'xl/workbook.xml': new Uint8Array(10) }));
    const res = nianbao('export', walk, '--format', 'csv');
    expect(res.status).toBe(0);
    const rows = Papa.parse<string[]>(res.stdout, { skipEmptyLines: true }).data.slice(1);
    const sources = new Set(rows.map((r) => r[0].split('/').pop()));
    expect([...sources].sort()).toEqual(['a.docx', 'b.doc']);
    expect(rows.find((r) => r[0].endsWith('a.docx') && r[4] === 't2' && r[5] === 'regulations' && r[6] === 'issued')?.[7]).toBe('185');
    expect(res.stderr).toMatch(/c\.xlsx: 不是网页、文本、PDF 或 Word 文件/);
  });

  it('a zip bomb, a broken .docx, a .doc that is no Word file and an encrypted .docx: exit 2, one line each', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(1 << 20) });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at + 4 <= bomb.length; at++) {
      if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 40 << 20, true);
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 40 << 20, true);
    }
    writeFileSync(join(dir, 'bomb.docx'), bomb);
    writeFileSync(join(dir, 'broken.docx'), readFileSync(join(WORD_FIXTURES, 'report-2024.docx')).subarray(0, 4000));
    writeFileSync(join(dir, 'fake.doc'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x42]));
    const lines: Record<string, RegExp> = {
      'bomb.docx': /bomb\.docx: Word 文档超出上限（压缩包条目过多或解压后过大，可能是压缩炸弹），未读取 — the Word document exceeds the limits/,
      'broken.docx': /broken\.docx: Word 文档已损坏或不完整，无法读取 — the Word document is broken or incomplete/,
      'fake.doc': /fake\.doc: 不是 Word 文档.* — not a Word document/,
      'encrypted.docx': /encrypted\.docx: Word 文档已加密（需要密码），无法读取 — the Word document is encrypted/,
    };
    const paths = Object.keys(lines).map((name) => (name === 'encrypted.docx' ? join(WORD_FIXTURES, name) : join(dir, name)));
    const res = nianbao('check', ...paths);
    expect(res.status).toBe(2);
    const errLines = res.stderr.split('\n');
    for (const [name, line] of Object.entries(lines)) expect(errLines.filter((l) => line.test(l)), name).toHaveLength(1);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

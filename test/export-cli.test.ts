/**
 * nianbao export, run for real (bin/nianbao.mjs in a child process) on files written here into a
 * temp dir: good pages (UTF-8 and GBK, nested), a page that is not a report, a malformed file and
 * a missing one. The batch goes on; what the directory walk found that is no report is skipped and
 * listed (exit 0), a missing file named on the command line is an error (exit 2).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, exportBatch, fileSink, type Input, type Sink } from '../core/cli/export';
import { consistentValues, writeReportPage } from './support/page-writer';

const BIN = resolve(import.meta.dirname, '../bin/nianbao.mjs');

interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function nianbao(args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'buffer', maxBuffer: 64 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      done({ code: typeof code === 'number' ? code : 1, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

const csvRows = (text: string) => Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at\s/m);

let dir: string;
let input: string;
const good = ['good-2021.html', 'good-2019.htm', join('sub', 'good-gbk.html')];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-export-'));
  input = join(dir, 'in');
  mkdirSync(join(input, 'sub'), { recursive: true });
  writeFileSync(join(input, good[0]), writeReportPage({ format: '2021', agency: '甲市人民政府', year: 2023, values: consistentValues('2021', 11) }));
  writeFileSync(join(input, good[1]), writeReportPage({ format: '2019', agency: '乙县人民政府', year: 2019, values: consistentValues('2019', 12) }, { portal: true }));
  const gbk = writeReportPage({ format: '2021', agency: '丙区人民政府', year: 2024, values: consistentValues('2021', 13), charset: 'gb2312' });
  writeFileSync(join(input, good[2]), iconv.encode(gbk, 'gbk'));
  writeFileSync(join(input, 'notice.html'), '<!doctype html><html><head><meta charset="utf-8"><title>关于做好节日值班工作的通知</title></head><body><h1>关于做好节日值班工作的通知</h1><p>各单位：请做好值班安排。</p></body></html>');
  writeFileSync(join(input, 'broken.html'), Buffer.from([0x3c, 0x68, 0x74, 0x00, 0xff, 0xfe, 0x01, 0x80, 0x81, 0x00, 0x3c, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x3e, 0xc0, 0xc1]));
  writeFileSync(join(input, 'notes.md'), '# not a report: read, skipped and listed\n');
  writeFileSync(join(input, '.hidden.html'), 'ignored');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const missing = () => join(dir, 'missing.html');

describe('nianbao export on a directory of mixed files', () => {
  it('csv: exports the good reports, lists the rest with reasons; the missing named file makes exit 2', async () => {
    const out = join(dir, 'out.csv');
    const r = await nianbao(['export', input, missing(), '--format', 'csv', '--out', out], dir);
    expect(r.code).toBe(2);
    noStackTrace(r.stderr);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = csvRows(text);
    expect(rows[0]).toEqual(['source', 'agency', 'year', 'format', 'table', 'row', 'column', 'value', 'raw']);
    const sources = [...new Set(rows.slice(1).map((l) => l[0]))];
    expect(sources).toEqual(good.map((g) => join(input, g)).sort());
    expect(new Set(rows.slice(1).map((l) => l[1]))).toEqual(new Set(['甲市人民政府', '乙县人民政府', '丙区人民政府']));
    expect(rows.length - 1).toBe(200 + 198 + 200);
    // Failures at the end, with reasons; progress shown (more than a few inputs).
    expect(r.stderr).toContain('3 skipped (no report)');
    expect(r.stderr).toMatch(/notice\.html: .*not an annual report/);
    expect(r.stderr).toMatch(/broken\.html: .*not an annual report/);
    expect(r.stderr).toMatch(/notes\.md: .*not an annual report/);
    expect(r.stderr).toContain('1 input could not be exported');
    expect(r.stderr).toMatch(/missing\.html: .*no such file/);
    expect(r.stderr).toContain('[7/7]');
    expect(r.stderr).not.toContain('.hidden');
  });

  it('json to stdout, --quiet: the document with its failures; no progress, failures still listed', async () => {
    const r = await nianbao(['export', input, missing(), '--format', 'json', '--quiet'], dir);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout.toString('utf8'));
    expect(doc.reports.map((x: { report: { meta: { agency: string } } }) => x.report.meta.agency)).toEqual(['乙县人民政府', '甲市人民政府', '丙区人民政府']); // walked in name order
    // Every input not exported: the failure first, then what the walk skipped.
    expect(doc.failures.map((f: { source: string }) => f.source.replace(dir, ''))).toEqual(['/missing.html', join('/in', 'broken.html'), join('/in', 'notes.md'), join('/in', 'notice.html')]);
    expect(r.stderr).not.toContain('[');
    expect(r.stderr).toContain('missing.html');
    noStackTrace(r.stderr);
  });

  it('csv-wide: one line per report', async () => {
    const r = await nianbao(['export', input, '--format', 'csv-wide', '-q'], dir);
    expect(r.code).toBe(0); // the directory's non-reports are skipped and listed, not errors
    expect(r.stderr).toContain('3 skipped');
    const rows = csvRows(r.stdout.toString('utf8'));
    expect(rows).toHaveLength(4);
    const format = rows[0].indexOf('format');
    expect(rows.slice(1).map((l) => l[format])).toEqual(['2019', '2021', '2021']);
  });

  it('issues-csv: the header, and a line per issue found (if the rules exist)', async () => {
    const r = await nianbao(['export', join(input, good[0]), '--format', 'issues-csv'], dir);
    expect(r.code).toBe(0);
    expect(csvRows(r.stdout.toString('utf8'))[0]).toEqual(['source', 'agency', 'year', 'rule', 'severity', 'cell', 'expected', 'expected_from', 'actual', 'figures', 'message', 'suspects', 'candidates']);
  });

  it('xlsx: --out writes a workbook; to a pipe it goes to stdout', async () => {
    const out = join(dir, 'book.xlsx');
    const r = await nianbao(['export', input, '--format', 'xlsx', '--out', out, '--quiet'], dir);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('报告 reports')!.rowCount).toBe(4);
    expect(wb.getWorksheet('未读取 failures')!.rowCount).toBe(4);
    const piped = await nianbao(['export', join(input, good[0]), '--format', 'xlsx'], dir);
    expect(piped.code).toBe(0);
    expect(piped.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('walks linked files but not linked directories (no loops)', async () => {
    const links = join(dir, 'links');
    mkdirSync(links);
    symlinkSync(join(input, good[0]), join(links, 'linked.html'));
    symlinkSync(input, join(links, 'loop'));
    symlinkSync(join(dir, 'nowhere.html'), join(links, 'dangling.html'));
    const { inputs, failures, skipped } = await expandInputs([links]);
    expect(inputs).toEqual([{ kind: 'file', name: join(links, 'linked.html'), explicit: false }]);
    expect(failures).toEqual([]);
    expect(skipped.map((s) => [s.source, s.reason.split(' — ')[1]])).toEqual([
      [join(links, 'dangling.html'), 'broken link'],
      [join(links, 'loop'), 'linked directory, not followed'],
    ]);
  });

  it('all inputs good: exit 0', async () => {
    const r = await nianbao(['export', ...good.map((g) => join(input, g)), '--format', 'csv', '--out', join(dir, 'ok.csv')], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('skipped');
  });

  it('usage errors and an unwritable --out: one line, no stack trace', async () => {
    // Four independent runs, side by side.
    const [noFormat, bad, noInput, unwritable] = await Promise.all([
      nianbao(['export', input], dir),
      nianbao(['export', input, '--format', 'pdf'], dir),
      nianbao(['export', '--format', 'csv'], dir),
      nianbao(['export', input, '--format', 'csv', '--out', join(dir, 'no', 'such', 'dir', 'x.csv')], dir),
    ]);
    expect(noFormat.code).toBe(64);
    expect(noFormat.stderr).toContain('--format is required');
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('unknown format "pdf"');
    expect(noInput.code).toBe(64);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unwritable.stderr).toContain('cannot write');
    noStackTrace(unwritable.stderr);
  });
});

describe('nianbao export of URLs', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const page = iconv.encode(writeReportPage({ format: '2021', agency: '丁镇人民政府', year: 2022, values: consistentValues('2021', 21), charset: 'GBK' }), 'gbk');
    server = createServer((req, res) => {
      if (req.url === '/report.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><body>404</body></html>');
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('fetches and decodes a GBK page; a 404 is listed and skipped', async () => {
    const r = await nianbao(['export', `${base}/report.html`, `${base}/gone.html`, '--format', 'csv'], dir);
    expect(r.code).toBe(2);
    const rows = csvRows(r.stdout.toString('utf8'));
    expect(rows.length - 1).toBe(200);
    expect(rows[1].slice(0, 4)).toEqual([`${base}/report.html`, '丁镇人民政府', '2022', '2021']);
    expect(r.stderr).toMatch(/gone\.html: .*HTTP 404/);
    noStackTrace(r.stderr);
  });
});

describe('the batch streams', () => {
  it('writes each report before the next is taken, and holds none', async () => {
    const file = join(input, good[0]);
    const inputs: Input[] = Array.from({ length: 12 }, () => ({ kind: 'file', name: file }));
    const events: string[] = [];
    const sink: Sink = {
      write: async (t) => void events.push(`write:${t.length > 0}`),
      writeBytes: async () => void events.push('bytes'),
      close: async () => {},
    };
    const result = await exportBatch(inputs, { format: 'csv', sink, jobs: 0, onProgress: (p) => events.push(`done:${p.done}`) });
    expect(result).toEqual({ exported: 12, failures: [], skipped: [], warnings: [] });
    // begin, then (write, progress) per report, then end.
    expect(events[0]).toBe('write:true');
    for (let i = 0; i < 12; i++) expect(events.slice(1 + 2 * i, 3 + 2 * i)).toEqual(['write:true', `done:${i + 1}`]);
  });

  it('keeps memory flat: the heap after 300 reports is the heap after 50', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const file = join(input, good[0]);
    const inputs: Input[] = Array.from({ length: 300 }, () => ({ kind: 'file', name: file }));
    let written = 0;
    const sink: Sink = { write: async (t) => void (written += t.length), writeBytes: async () => {}, close: async () => {} };
    const heap: Record<number, number> = {};
    await exportBatch(inputs, {
      format: 'csv',
      sink,
      jobs: 0,
      onProgress: (p) => {
        if (p.done === 50 || p.done === 300) {
          gc();
          heap[p.done] = process.memoryUsage().heapUsed;
        }
      },
    });
    expect(written).toBeGreaterThan(300 * 200 * 40); // 300 reports × 200 lines were written…
    expect((heap[300] - heap[50]) / 1024 / 1024).toBeLessThan(8); // …and not kept
  });

  it('on worker threads: the same output, in the same order, failures included', async () => {
    const names = [...good.map((g) => join(input, g)), join(input, 'notice.html'), missing()];
    const inputs: Input[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'file', name: names[i % names.length] }));
    const collect = async (jobs: number) => {
      let text = '';
      const sink: Sink = { write: async (t) => void (text += t), writeBytes: async () => {}, close: async () => {} };
      const result = await exportBatch(inputs, { format: 'json', sink, jobs });
      return { text, result };
    };
    const one = await collect(0);
    const two = await collect(2);
    expect(two.text).toBe(one.text);
    expect(two.result).toEqual(one.result);
    expect(one.result.exported).toBe(18);
    expect(one.result.failures).toHaveLength(12);
  });

  it('to a file on worker threads (each report handed over as UTF-8 bytes, written in large pieces): the file one thread writes, byte for byte', async () => {
    const names = [...good.map((g) => join(input, g)), join(input, 'notice.html'), missing()];
    const inputs: Input[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'file', name: names[i % names.length] }));
    // csv: bytes from the workers; json: text, spooled to pair the years.
    for (const format of ['csv', 'json'] as const) {
      const written = async (jobs: number) => {
        const out = join(dir, `bytes-${format}-${jobs}.out`);
        const sink = await fileSink(out);
        const result = await exportBatch(inputs, { format, sink, jobs });
        await sink.close();
        return { bytes: readFileSync(out), result };
      };
      const one = await written(0);
      const two = await written(2);
      expect(two.result).toEqual(one.result);
      expect(one.bytes.length).toBeGreaterThan(18 * 1000);
      expect(two.bytes.equals(one.bytes)).toBe(true);
      // Valid UTF-8 throughout: the Chinese of every report came over intact.
      expect(Buffer.from(two.bytes.toString('utf8'), 'utf8').equals(two.bytes)).toBe(true);
    }
  });
});

describe('nianbao export --jobs', () => {
  it('runs the real CLI on worker threads', async () => {
    const r = await nianbao(['export', input, input, input, '--format', 'csv-wide', '--jobs', '2', '--quiet'], dir);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout.toString('utf8'));
    expect(rows.slice(1).map((l) => l[1])).toEqual(Array(3).fill(['乙县人民政府', '甲市人民政府', '丙区人民政府']).flat());
    expect(r.stderr.match(/not an annual report/g)).toHaveLength(9);
    noStackTrace(r.stderr);
    expect((await nianbao(['export', input, '--format', 'csv', '--jobs', 'many'], dir)).code).toBe(64);
  });
});

/**
 * No input exhausts the machine: each hostile input is given to the real CLI in a child process,
 * its peak memory measured (/usr/bin/time -v when present, else the child's own report), and it
 * must end within 10 s under 1 GB with one clear line and the right exit code. Servers listen on
 * 127.0.0.1 only and stop with the test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../core/cli/io';
import { main } from '../core/cli/main';
import { consistentValues, writeReportPage } from './support/page-writer';

/** The CLI in this process, for the cases where memory and time are not the point. */
async function inProcess(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), outBytes: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

const BIN = resolve(import.meta.dirname, '../bin/nianbao.mjs');
const TIME = '/usr/bin/time';
/** NIANBAO_NO_TIME=1 tries the fallback (the child reports its own peak) where /usr/bin/time exists. */
const hasTime = existsSync(TIME) && !process.env.NIANBAO_NO_TIME;
const LIMIT_MB = 1024;
/** A run still going after this long is stopped (a hang guard: its exit code then fails the test; speed is `npm run bench`'s). */
const HANG_KILL_MS = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the CLI process, MB (null when it could not be measured). */
  peakMb: number | null;
}

/**
 * Without /usr/bin/time the child reports its own peak (process.resourceUsage().maxRSS, in KB) as
 * it exits, through a preloaded module.
 */
const SELF_REPORT = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(process.env.NIANBAO_PEAK_FILE, 'Maximum resident set size (kbytes): ' + process.resourceUsage().maxRSS));
`;

/** Run nianbao in a child process; the child is killed after 20 s (the assertion says 10). */
function nianbao(args: string[], opts: { cwd?: string; stdin?: Uint8Array } = {}): Promise<Run> {
  const stats = join(tmpdir(), `nianbao-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  let cmd: string;
  let argv: string[];
  if (hasTime) [cmd, argv] = [TIME, ['-v', '-o', stats, process.execPath, BIN, ...args]];
  else {
    const preload = join(dir, 'peak.mjs');
    if (!existsSync(preload)) writeFileSync(preload, SELF_REPORT);
    [cmd, argv] = [process.execPath, ['--import', pathToFileURL(preload).href, BIN, ...args]];
  }
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(cmd, argv, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NIANBAO_PEAK_FILE: stats } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), HANG_KILL_MS);
    child.on('close', (code) => {
      clearTimeout(kill);
      let peakMb: number | null = null;
      if (existsSync(stats)) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(stats, 'utf8'));
        if (m) peakMb = Number(m[1]) / 1024;
        rmSync(stats, { force: true });
      }
      done({ code: code ?? -1, stdout, stderr, ms: Date.now() - started, peakMb });
    });
    child.stdin.on('error', () => {}); // the CLI may stop reading (input too large)
    child.stdin.end(opts.stdin ? Buffer.from(opts.stdin) : undefined);
  });
}

/** Within bounds, one line on stderr (no stack trace), the expected exit code. */
function bounded(r: Run, code: number, message: RegExp) {
  if (process.env.NIANBAO_LIMITS_LOG) console.log(`${r.ms} ms, ${r.peakMb?.toFixed(0)} MB: ${r.stderr.trim()}`);
  expect(r.code, r.stderr).toBe(code);
  expect(r.peakMb, 'peak memory measured').not.toBeNull();
  expect(r.peakMb!).toBeLessThan(LIMIT_MB);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at\s/m);
}

let dir: string;
let server: Server;
let base: string;
let bomb: Buffer;
const open = new Set<ServerResponse>();

/** A gzip stream of `mb` megabytes of zeros (about 1/1000 of it on the wire). */
async function gzipBomb(mb: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (d: Buffer) => parts.push(d));
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < mb; i++) if (!gz.write(zeros)) await new Promise((ok) => gz.once('drain', ok));
  await new Promise((ok) => gz.end(ok));
  return Buffer.concat(parts);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-limits-'));
  bomb = await gzipBomb(256); // 256 MB of zeros, about 250 KB gzipped: five times the cap
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    if (req.url === '/endless') {
      // An endless page: as fast as the client reads, until it goes away.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1 << 20, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    } else if (req.url === '/bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});

describe('downloads are capped', () => {
  it('an endless response stops at 50 MB: "could not download", exit 2', async () => {
    const r = await nianbao(['parse', `${base}/endless`]);
    bounded(r, 2, /^nianbao: http:\/\/127\.0\.0\.1:\d+\/endless: 无法下载 — could not download \(larger than 50 MB\)$/);
  }, 30_000);

  it('a gzip bomb (256 MB of zeros, 250 KB on the wire) stops at 50 MB after decompression, exit 2', async () => {
    expect(bomb.length).toBeLessThan(1 << 20);
    const r = await nianbao(['check', `${base}/bomb`]);
    bounded(r, 2, /could not download \(larger than 50 MB\)$/);
  }, 30_000);
});

describe('odd files', () => {
  it.skipIf(process.platform === 'win32')('/dev/zero, a FIFO and a huge file (2 GB, sparse) are refused before they are read: a line each, exit 2', async () => {
    const fifoDir = join(dir, 'fifo');
    mkdirSync(fifoDir);
    const fifo = join(fifoDir, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    const huge = join(dir, 'huge.html');
    writeFileSync(huge, '<html>');
    truncateSync(huge, 2 * 1024 ** 3);
    const r = await nianbao(['parse', '/dev/zero', fifo, huge]);
    if (process.env.NIANBAO_LIMITS_LOG) console.log(`${r.ms} ms, ${r.peakMb?.toFixed(0)} MB: ${r.stderr.trim()}`);
    expect(r.code).toBe(2);
      if (r.peakMb !== null) expect(r.peakMb).toBeLessThan(LIMIT_MB);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^nianbao: \/dev\/zero: .*not a regular file/);
    expect(lines[1]).toMatch(/pipe\.html: .*not a regular file/);
    expect(lines[2]).toMatch(/huge\.html: 文件太大.* — file too large \(2048 MB, limit 50 MB\)$/);
    expect(r.stderr).not.toMatch(/^\s+at\s/m);
    // In a directory walk the FIFO is listed, the report beside it read.
    writeFileSync(join(fifoDir, 'a.html'), writeReportPage({ format: '2021', agency: '甲市人民政府', year: 2023, values: consistentValues('2021', 3) }));
    const walked = await inProcess('export', fifoDir, '--format', 'csv', '--quiet');
    expect(walked.code).toBe(0);
    expect(walked.err).toMatch(/pipe\.html: .*not a regular file/);
  }, 30_000);

  it('a huge standard input stops at 50 MB, exit 2', async () => {
    const r = await nianbao(['parse', '-'], { stdin: Buffer.alloc(60 << 20, 0x61) });
    bounded(r, 2, /^nianbao: -: .*input too large/);
  }, 30_000);
  // UTF-16 with a BOM: test/cli-inputs.test.ts.

  it('a page that is one big table (issue 20, B; the audit used 19 MB): one line naming the cell budget, exit 2', async () => {
    // In this process: the memory and time of the parse are measured in test/parse-limits.test.ts.
    const file = join(dir, 'one-table.html');
    writeFileSync(file, `<html><body><table>${'<tr><td>1</td><td>2</td></tr>'.repeat(120_000)}</table></body></html>`);
    const r = await inProcess('check', file);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^nianbao: .*one-table\.html: 页面表格超过 \d+ 个单元格.*— the page's tables hold more than \d+ cells/);
  }, 30_000);
});

describe('--out never empties an input', () => {
  it('--out naming an input (by another path, or a hard link) is refused, the input unchanged, exit 64', async () => {
    const sub = join(dir, 'out');
    mkdirSync(sub);
    const input = join(sub, 'a.html');
    const page = writeReportPage({ format: '2021', agency: '甲市人民政府', year: 2023, values: consistentValues('2021', 7) });
    writeFileSync(input, page);
    linkSync(input, join(sub, 'hard.html'));
    const r = await nianbao(['export', input, '--format', 'csv', '--out', input]);
    bounded(r, 64, /--out is one of the inputs/);
    expect(readFileSync(input, 'utf8')).toBe(page);
    for (const out of [join(sub, '..', 'out', 'a.html'), join(sub, 'hard.html')]) {
      const again = await inProcess('export', input, '--format', 'csv', '--out', out);
      expect(again.code).toBe(64);
      expect(again.err).toContain('--out is one of the inputs');
      expect(readFileSync(input, 'utf8')).toBe(page);
    }
    // The input found in a walked directory counts too.
    const walked = await inProcess('export', sub, '--format', 'json', '--out', input);
    expect(walked.code).toBe(64);
    expect(readFileSync(input, 'utf8')).toBe(page);
    // A new file beside it is fine, and no temporary file is left.
    const ok = await inProcess('export', input, '--format', 'csv', '--out', join(sub, 'data.csv'), '--quiet');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(sub, 'data.csv'), 'utf8')).toContain('甲市人民政府');
    expect(execFileSync('ls', ['-A', sub], { encoding: 'utf8' }).split('\n').filter((f) => f.includes('.tmp'))).toEqual([]);
  }, 60_000);
});

describe('terminal escapes', () => {
  it('an agency name with ESC ] … BEL, ESC [31m and a bidi override reaches no terminal raw', async () => {
    const agency = '示例\u001b]0;owned\u0007市\u001b[31m人民\u202e政府\u001b[0m';
    const file = join(dir, 'escape.html');
    writeFileSync(file, writeReportPage({ format: '2021', agency, year: 2023, values: consistentValues('2021', 9) }));
    const r = await nianbao(['check', file]);
    expect(r.code).toBeLessThan(2);
    expect(r.stdout).toContain('示例市人民政府');
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    // A file name with an escape, in an error line on stderr.
    const named = join(dir, 'bad\u001b[2Jname.html');
    writeFileSync(named, '<html><body><p>nothing</p></body></html>');
    const e = await nianbao(['check', named]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('bad[2Jname.html'.replace('[2J', ''));
    expect(e.stderr).not.toMatch(/[\u001b]/);
  }, 30_000);
});

describe('numbers', () => {
  it('a 400-digit number: no Infinity in any output, one report, bounded', async () => {
    const values = consistentValues('2021', 4);
    values['t3.granted.natural_person'] = '9'.repeat(400);
    const file = join(dir, 'digits.html');
    writeFileSync(file, writeReportPage({ format: '2021', agency: '丙区人民政府', year: 2023, values }));
    const check = await nianbao(['check', file]);
    expect(check.code).toBeLessThan(2);
    expect(check.stdout).not.toContain('Infinity');
    const parse = await inProcess('parse', file);
    expect(parse.code).toBe(0);
    const cell = JSON.parse(parse.out).t3.granted.natural_person;
    expect(cell.raw).toBe('9'.repeat(400));
    expect(cell.value === null || Number.isSafeInteger(cell.value)).toBe(true);
    const json = await inProcess('check', file, '--format', 'json');
    expect(json.out).not.toContain('Infinity');
    expect(() => JSON.parse(json.out)).not.toThrow();
  }, 30_000);
});

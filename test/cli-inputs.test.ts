/**
 * One reader for every command: parse, check and export take the same inputs — files, directories
 * (walked), http(s) URLs, `-` for standard input; pages, texts and PDFs (by name, content type or
 * the %PDF- signature). In a directory walk what is no report is skipped and listed (exit 0); a
 * file named on the command line that is no report is an error (exit 2). A pre-2019 report is
 * named as such; markdown headings read like any other; UTF-16 with a BOM is decoded.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../core/cli/io';
import { main } from '../core/cli/main';
import { expandInputs, readInput } from '../core/node/input';
import { parseText } from '../core/parse/text';
import { CORPUS_DIR, hasCorpus } from './support/corpus';
import { consistentValues, writeReportPage } from './support/page-writer';

const BIN = resolve(import.meta.dirname, '../bin/nianbao.mjs');
const OLDER = resolve(import.meta.dirname, 'fixtures/older/older-2017.html');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), outBytes: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

/** The real binary, with bytes on standard input. */
function withStdin(args: string[], stdin: Uint8Array): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(Buffer.from(stdin));
  });
}

const NEWS = '<!doctype html><html><head><meta charset="utf-8"><title>关于做好节日值班工作的通知</title></head><body><h1>关于做好节日值班工作的通知</h1><p>各单位：请做好值班安排。</p></body></html>';

let dir: string;
let reports: string;
let page: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-inputs-'));
  reports = join(dir, 'reports');
  mkdirSync(reports);
  page = writeReportPage({ format: '2021', agency: '甲市人民政府', year: 2023, values: consistentValues('2021', 11) });
  writeFileSync(join(reports, 'a-2023.html'), page);
  writeFileSync(join(reports, 'news.html'), NEWS); // a news item beside the reports
  writeFileSync(join(reports, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
  server = createServer((req, res) => {
    if (req.url === '/report') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (req.url === '/news') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(NEWS);
    } else if (req.url === '/moved') {
      res.writeHead(301, { location: '/report' });
      res.end();
    } else if (req.url === '/file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (req.url === '/attachment' && hasCorpus) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }); // a PDF known by its signature only
      res.end(readFileSync(join(CORPUS_DIR, 'pdf', '02-huaian-city-2024.pdf')));
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>404</body></html>');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});

describe('every command takes the same inputs', () => {
  it.each(['parse', 'check', 'export'])('%s: a file, a directory and a URL', async (command) => {
    const extra = command === 'export' ? ['--format', 'json', '--quiet'] : command === 'check' ? ['--format', 'json'] : [];
    for (const input of [join(reports, 'a-2023.html'), reports, `${base}/report`, `${base}/moved`]) {
      const r = await cli(command, input, ...extra);
      expect(r.code, `${command} ${input}: ${r.err}`).toBe(0);
      if (command === 'parse') expect(r.out).toContain('甲市人民政府');
      if (command === 'export') expect(JSON.parse(r.out).reports).toHaveLength(1);
    }
  });

  it.each(['parse', 'check', 'export'])('%s: - reads standard input', async (command) => {
    const extra = command === 'export' ? ['--format', 'csv', '--quiet'] : [];
    const r = await withStdin([command, '-', ...extra], Buffer.from(page));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('甲市人民政府');
  });

  it('standard input that is no report: exit 2, one line', async () => {
    const r = await withStdin(['check', '-'], Buffer.from(NEWS));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^nianbao: -: .*not an annual report/);
  });

  it('network errors say "could not download"; a redirect to file: is refused', async () => {
    for (const url of [`${base}/gone`, `${base}/file`, 'http://127.0.0.1:1/report']) {
      const r = await cli('check', url);
      expect(r.code).toBe(2);
      expect(r.err).toContain('无法下载 — could not download');
      expect(r.err).not.toContain('could not be parsed');
      expect(r.err.trim().split('\n')[0]).toMatch(new RegExp(`^nianbao: ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    }
  });
});

describe('skipped and listed', () => {
  it.each(['parse', 'check', 'export'])('%s on a directory: the news item is skipped and listed with its reason, exit 0', async (command) => {
    const extra = command === 'export' ? ['--format', 'csv', '--quiet'] : [];
    const r = await cli(command, reports, ...extra);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('2 skipped');
    expect(r.err).toMatch(/news\.html: .*not an annual report/);
    expect(r.err).toMatch(/photo\.jpg: .*not a page, text, PDF or Word file/);
    expect(r.out).toContain('甲市人民政府');
  });

  it.each(['parse', 'check', 'export'])('%s on the news item named explicitly: exit 2', async (command) => {
    const extra = command === 'export' ? ['--format', 'csv', '--quiet'] : [];
    const r = await cli(command, join(reports, 'news.html'), ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/news\.html: .*not an annual report/);
    expect(r.err).not.toContain('skipped (no report)');
  });

  it('a URL that is no report is an error, as named', async () => {
    const r = await cli('check', `${base}/news`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not an annual report');
  });

  it('an empty directory says so: exit 2', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = await cli('check', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no page, text, PDF or Word file in this directory');
  });
});

describe.skipIf(!hasCorpus)('PDFs are read, not skipped', () => {
  it('export of the corpus PDF directory: every PDF exported, the other files listed', async () => {
    const r = await cli('export', join(CORPUS_DIR, 'pdf'), '--format', 'csv', '--quiet');
    expect(r.code, r.err).toBe(0);
    const sources = new Set(r.out.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]));
    expect([...sources].map((s) => s.replace(/^.*\//, '')).sort()).toEqual(['02-huaian-city-2024.pdf', '03-hongze-district-2023.pdf', '04-hongze-district-2024.pdf']);
    expect(r.err).toMatch(/gold\.csv: .*not a page, text, PDF or Word file/);
    expect(r.err).not.toMatch(/\.pdf: /);
  }, 60_000);

  it('a PDF known only by its signature: a file without .pdf, and a URL served as octet-stream', async () => {
    const renamed = join(dir, 'attachment.bin');
    copyFileSync(join(CORPUS_DIR, 'pdf', '02-huaian-city-2024.pdf'), renamed);
    const file = await cli('parse', renamed);
    expect(file.code, file.err).toBe(0);
    expect(JSON.parse(file.out).meta.agency).toBe('淮安市人民政府');
    const url = await cli('parse', `${base}/attachment`);
    expect(url.code, url.err).toBe(0);
    expect(JSON.parse(url.out).meta.agency).toBe('淮安市人民政府');
    // In a directory walk too (an entry whose name says nothing, its first bytes say PDF).
    const walked = join(dir, 'walked');
    mkdirSync(walked);
    copyFileSync(renamed, join(walked, 'download'));
    const { inputs } = await expandInputs([walked]);
    expect(inputs.map((i) => i.name)).toEqual([join(walked, 'download')]);
  }, 60_000);
});

describe('a report in the layout before 2019', () => {
  it('check names it with its metadata instead of "not an annual report", exit 0', async () => {
    const r = await cli('check', OLDER);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('示例县人民政府 · 2017 年度 · 2019 年以前的旧格式，未核对表格 — older format, tables not checked · 发布 2018-03-30');
    expect(r.out).not.toContain('not an annual report');
    expect(r.out).not.toContain('no issues'); // nothing was checked, so nothing is claimed
  });

  it('parse gives its metadata and format "older"; export lists it as a report', async () => {
    const p = await cli('parse', OLDER);
    expect(p.code).toBe(0);
    const report = JSON.parse(p.out);
    expect(report.meta).toMatchObject({ agency: '示例县人民政府', year: 2017, format: 'older', title: '示例县人民政府2017年政府信息公开工作年度报告', published: '2018-03-30' });
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['format.older']);
    const e = await cli('export', OLDER, '--format', 'csv-wide', '--quiet');
    expect(e.code).toBe(0);
    expect(e.out).toContain('older');
  });

  it('the same report as text (a PDF\'s text, numbered headings in brackets) is named alike', async () => {
    const html = readFileSync(OLDER, 'utf8');
    const text = html
      .replace(/<!--[\s\S]*?-->|<title>[\s\S]*?<\/title>/g, '')
      .replace(/<\/(?:p|h1|tr)>/g, '\n')
      .replace(/<\/td>/g, '  ')
      .replace(/<[^>]+>/g, '')
      .replace(/^([一二三四五六七])、/gm, '（$1）');
    writeFileSync(join(dir, 'older.txt'), text);
    const r = await cli('check', join(dir, 'older.txt'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('示例县人民政府 · 2017 年度 · 2019 年以前的旧格式，未核对表格');
  });

  it('a new-format report is never taken for an older one', async () => {
    const r = await cli('parse', join(reports, 'a-2023.html'));
    expect(JSON.parse(r.out).meta.format).toBe('2021');
  });
});

describe('text encodings and converters', () => {
  it('UTF-16 LE and BE with a BOM are decoded', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.html', le], ['be.html', be], ['le-no-extension', le]] as const) {
      writeFileSync(join(dir, name), bytes);
      const r = await cli('parse', join(dir, name));
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      expect(JSON.parse(r.out).meta.agency).toBe('甲市人民政府');
    }
  });

  it.skipIf(!hasCorpus)('markdown headings (# and **) read like any other: headings found, agency without #', async () => {
    const text = readFileSync(join(CORPUS_DIR, '03-hongze-district-2023.txt'), 'utf8');
    const plain = parseText(text);
    const lines = text.split('\n');
    const title = lines.findIndex((l) => /年度报告/.test(l));
    lines[title] = `# ${lines[title].trim()}`;
    const marked = lines.map((l, i) => (i !== title && /^[一二三四五六七]、/.test(l.trim()) ? (i % 2 ? `## ${l.trim()}` : `**${l.trim()}**`) : l)).join('\n');
    const md = parseText(marked);
    expect(md.meta.agency).toBe(plain.meta.agency);
    expect(md.meta.agency).not.toContain('#');
    expect(md.meta.title).toBe(plain.meta.title);
    expect(md.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other']);
    expect(md.sections.every((s) => !s.heading.includes('#') && !s.heading.includes('**'))).toBe(true);
    expect(md.t3).toEqual(plain.t3);
    // The same through the CLI, from a .md file.
    writeFileSync(join(dir, 'report.md'), marked);
    const r = await cli('check', join(dir, 'report.md'));
    expect(r.out).toContain(`${plain.meta.agency} · 2023 年度`);
  });

  it('readInput of a file names its source', async () => {
    const r = await readInput({ kind: 'file', name: join(reports, 'a-2023.html') });
    expect(r.meta.source).toBe(join(reports, 'a-2023.html'));
  });
});

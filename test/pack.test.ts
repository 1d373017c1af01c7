/**
 * The package as others get it: the project is built and packed (`npm pack`), the tarball is
 * installed into a fresh project, and there a plain Node script imports the core
 * (`import { parseHtml, checkReport, toLongCsv } from 'nianbao-lens'`) and the Node part, a
 * TypeScript file type-checks against the shipped .d.ts, and the installed `nianbao` binary runs.
 *
 * The build goes into a staging copy (never into the repository's dist/, which other tests run);
 * the staging copy holds exactly what package.json `files` names. Installing asks npm's cache
 * first (--offline), then the registry (--prefer-offline); with neither, the tarball is unpacked
 * by hand beside links to the repository's own dependencies — the exports map, the .d.ts and the
 * binary are still the packed ones.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples/demo-2024.html');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[]; dependencies: Record<string, string> };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp = '';
let app = '';
let tarball = '';

function run(cmd: string, args: string[], cwd: string, timeout = 60_000) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
}

/** Newest modification time of the files under `dir` (0 when there are none). */
function newestIn(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** dist/ holds every entry tsup writes and is newer than core/, package.json and tsup's config. */
function distIsFresh(): boolean {
  const entries = ['index.js', 'index.d.ts', 'node.js', 'node.d.ts', 'cli.js', 'pdf-worker.js'].map((f) => join(ROOT, 'dist', f));
  if (!entries.every((f) => existsSync(f))) return false;
  const built = Math.min(...entries.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(newestIn(join(ROOT, 'core')), ...['package.json', 'tsup.config.ts'].map((f) => statSync(join(ROOT, f)).mtimeMs));
  return built > sources;
}

/** Install the tarball into `app`; returns how it was done. */
function install(): string {
  for (const mode of ['--offline', '--prefer-offline']) {
    const r = run(NPM, ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', tarball], app, 60_000);
    if (r.status === 0) return mode;
  }
  // No registry and no cached metadata: unpack by hand, dependencies linked from the repository.
  const modules = join(app, 'node_modules');
  const target = join(modules, 'nianbao-lens');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  for (const dep of Object.keys(pkg.dependencies)) {
    const link = join(modules, dep);
    mkdirSync(resolve(link, '..'), { recursive: true });
    if (!existsSync(link)) symlinkSync(join(ROOT, 'node_modules', dep), link, 'dir');
  }
  mkdirSync(join(modules, '.bin'), { recursive: true });
  symlinkSync(join(target, 'bin/nianbao.mjs'), join(modules, '.bin/nianbao'));
  return 'unpacked';
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-pack-'));
  const staging = join(tmp, 'pkg');
  mkdirSync(staging);
  for (const f of ['package.json', 'README.md', ...pkg.files.filter((f) => f !== 'dist')]) {
    if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(staging, f), { recursive: true });
  }
  // (Time-outs here and below are hang guards, wide enough for a busy machine.)
  // `npm install` / `npm ci` of the repository has just built dist/ (prepare runs tsup): a dist/ newer
  // than every core source is what tsup makes, and is copied; otherwise it is built afresh.
  if (distIsFresh()) cpSync(join(ROOT, 'dist'), join(staging, 'dist'), { recursive: true });
  else execFileSync(join(ROOT, 'node_modules/.bin/tsup'), ['--out-dir', join(staging, 'dist')], { cwd: ROOT, stdio: 'pipe', timeout: 240_000 });
  const packed = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], staging);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(tmp, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);

  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true, type: 'module' }));
  console.info(`[pack] installed ${tarball} (${install()})`);
}, 400_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the compiled library, its types and the binary — no TypeScript sources', () => {
    const listed = run('tar', ['-tzf', tarball], tmp).stdout.split('\n');
    expect(listed).toContain('package/dist/index.js');
    expect(listed).toContain('package/dist/index.d.ts');
    expect(listed).toContain('package/dist/node.js');
    expect(listed).toContain('package/dist/cli.js');
    expect(listed).toContain('package/bin/nianbao.mjs');
    expect(listed.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
  });

  it('is imported by a plain Node script: parse, check, export, score, and the Node reader', () => {
    writeFileSync(
      join(app, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { parseHtml, checkReport, toLongCsv, toXlsx, Report, scoreBatch, shippedPack, DEFAULT_PACK } from 'nianbao-lens';
import { readReportFile } from 'nianbao-lens/node';
const report = parseHtml(readFileSync(process.argv[2], 'utf8'), { source: 'demo-2024.html' });
const issues = checkReport(report);
const csv = toLongCsv([{ report, issues }]);
const fromFile = await readReportFile(process.argv[2]);
const xlsx = await toXlsx([{ report, issues }]);
console.log(JSON.stringify({
  agency: report.meta.agency, year: report.meta.year, valid: Report.safeParse(report).success,
  rules: issues.map((i) => i.rule), csvHead: csv.split('\\r\\n')[0], same: fromFile.meta.agency === report.meta.agency,
  zip: xlsx[0] === 0x50 && xlsx[1] === 0x4b,
  score: scoreBatch([{ source: 'demo-2024.html', report, issues }], shippedPack(DEFAULT_PACK)).map((s) => [s.pack, s.score < s.max]),
}));
`,
    );
    const r = run(process.execPath, ['use.mjs', SAMPLE], app);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { agency: string; year: number; valid: boolean; rules: string[]; csvHead: string; same: boolean; zip: boolean; score: unknown };
    expect(out).toMatchObject({ agency: '示例市示例局', year: 2024, valid: true, same: true, zip: true, score: [['national', true]] });
    expect(out.rules).toContain('t3.row-total');
    expect(out.csvHead).toBe('\ufeffsource,agency,year,format,table,row,column,value,raw');
  });

  it('ships .d.ts types a TypeScript project compiles against', () => {
    writeFileSync(
      join(app, 'use.ts'),
      `import { parseHtml, checkReport, toWideCsv, type Report, type Issue } from 'nianbao-lens';
import { readReportFile } from 'nianbao-lens/node';
const report: Report = parseHtml('<table></table>', { source: 'x' });
const issues: Issue[] = checkReport(report);
const wide: string = toWideCsv([{ report, issues }]);
export const all: Promise<Report> = readReportFile('a.html').then((r) => r);
export { wide };
`,
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    // skipLibCheck: the shipped .d.ts are used for every type below, not re-checked line by line (faster).
    const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), 'use.ts'];
    const r = run(process.execPath, args, app);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('installs a working nianbao binary (compiled JavaScript, no tsx)', () => {
    const check = run(join(app, 'node_modules/.bin/nianbao'), ['check', SAMPLE], app);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1); // the sample has planted errors
    expect(check.stdout).toContain('t3.row-total');
    const out = join(tmp, 'demo.xlsx');
    const exp = run(join(app, 'node_modules/.bin/nianbao'), ['export', SAMPLE, '--format', 'xlsx', '--out', out, '--quiet'], app);
    expect(exp.stderr).toBe('');
    expect(exp.status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
  });

  it('reads a PDF with the installed pdf.js (an external dependency, its CMaps from node_modules)', () => {
    const pdf = join(ROOT, 'test/fixtures/pdf/a4-portal-2024.pdf');
    const r = run(join(app, 'node_modules/.bin/nianbao'), ['parse', pdf], app);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { meta: { year: number | null }; t3: Record<string, unknown> };
    expect(report.meta.year).toBe(2024);
    expect(Object.keys(report.t3).length).toBeGreaterThan(5);
  });
});

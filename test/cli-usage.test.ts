/**
 * One CLI: --version, `<command> --help`, did-you-mean for commands, formats and rules, --disable
 * as comma lists that repeat, XLSX refused on a terminal, exit code 64 for every usage error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../core/cli/io';
import { cleanForTerminal, closest } from '../core/cli/io';
import { main } from '../core/cli/main';
import { RULES } from '../core/rules/index';

const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', 'demo-2024.html');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

async function cli(argv: string[], extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), ...extra };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('nianbao --version and --help', () => {
  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`nianbao ${VERSION}\n`);
    }
  });

  it('nianbao --help lists every command and the exit codes; no argument at all is a usage error', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['parse', 'check', 'export', 'rules']) expect(r.out).toContain(`nianbao ${c}`);
    expect(r.out).toContain('64 usage');
    const none = await cli([]);
    expect(none.code).toBe(64);
    expect(none.err).toContain('usage:');
  });

  it.each(['parse', 'check', 'export', 'rules'])('nianbao %s --help, -h and `help <command>` print that command\'s usage, exit 0', async (command) => {
    for (const argv of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(new RegExp(`usage: nianbao ${command}`));
    }
  });

  it('check --help says what --disable takes', async () => {
    expect((await cli(['check', '--help'])).out).toContain('--disable <rule,…>');
  });
});

describe('did you mean', () => {
  it('a misspelled command names the closest one and the accepted ones, exit 64', async () => {
    for (const [typed, meant] of [['chekc', 'check'], ['exprot', 'export'], ['pars', 'parse'], ['rule', 'rules']]) {
      const r = await cli([typed, SAMPLE]);
      expect(r.code).toBe(64);
      expect(r.err).toContain(`did you mean ${meant}?`);
      expect(r.err).toContain('parse, check, export, rules');
      expect(r.err.trim().split('\n')).toHaveLength(2);
    }
    const far = await cli(['frobnicate']);
    expect(far.code).toBe(64);
    expect(far.err).not.toContain('did you mean');
    expect(far.err).toContain('unknown command "frobnicate"');
  });

  it('an unknown --format names what is accepted, for every command', async () => {
    const exp = await cli(['export', SAMPLE, '--format', 'cvs']);
    expect(exp.code).toBe(64);
    expect(exp.err).toContain('unknown format "cvs" — did you mean csv?');
    for (const f of ['json', 'csv', 'csv-wide', 'issues-csv', 'xlsx']) expect(exp.err).toContain(f);
    const chk = await cli(['check', SAMPLE, '--format', 'jsn']);
    expect(chk.code).toBe(64);
    expect(chk.err).toContain('did you mean json?');
    expect(chk.err).toContain('(accepted: text, json)');
    const prs = await cli(['parse', SAMPLE, '--format', 'csv']);
    expect(prs.code).toBe(64);
    expect(prs.err).toContain('(accepted: json)');
    const rules = await cli(['rules', '--format', 'yaml']);
    expect(rules.code).toBe(64);
    expect(rules.err).toContain('(accepted: text, json)');
  });

  it('an unknown option is a usage error naming the command help', async () => {
    const r = await cli(['check', SAMPLE, '--frobnicate']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('nianbao check --help');
  });

  it('closest() only suggests near slips', () => {
    expect(closest('chek', ['parse', 'check'])).toBe('check');
    expect(closest('x', ['parse', 'check'])).toBe(null);
    expect(closest('csv-wid', ['csv', 'csv-wide'])).toBe('csv-wide');
  });
});

describe('check --disable', () => {
  const ids = RULES.map((r) => r.id);
  const firing = async (argv: string[]) => {
    const r = await cli(['check', SAMPLE, '--format', 'json', ...argv]);
    return { code: r.code, rules: new Set((JSON.parse(r.out) as { rule: string }[]).map((i) => i.rule)), err: r.err };
  };

  it('takes a comma list, and may repeat', async () => {
    const all = await firing([]);
    const found = [...all.rules];
    expect(found.length).toBeGreaterThanOrEqual(3); // the sample report has planted defects
    const [a, b, c] = found;
    const listed = await firing(['--disable', `${a},${b}`]);
    expect(listed.rules.has(a) || listed.rules.has(b)).toBe(false);
    expect(listed.rules.has(c)).toBe(true);
    const repeated = await firing(['--disable', `${a}, ${b}`, '--disable', c]);
    for (const x of [a, b, c]) expect(repeated.rules.has(x)).toBe(false);
    expect(ids).toEqual(expect.arrayContaining([a, b, c]));
  });

  it('an unknown rule is named with the closest id, exit 64', async () => {
    const r = await cli(['check', SAMPLE, '--disable', `t3.row-totl,${ids[0]}`]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('unknown rule: t3.row-totl (did you mean t3.row-total?)');
  });
});

describe('XLSX and the terminal', () => {
  it('XLSX to a terminal is refused with a hint to use --out, exit 64', async () => {
    let wrote = 0;
    const r = await cli(['export', SAMPLE, '--format', 'xlsx'], { outBytes: (b) => void (wrote += b.length), outIsTty: true });
    expect(r.code).toBe(64);
    expect(r.err).toContain('--out');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(wrote).toBe(0);
  });

  it('XLSX to a pipe (not a terminal) is written', async () => {
    let bytes: Uint8Array | null = null;
    const r = await cli(['export', SAMPLE, '--format', 'xlsx'], { outBytes: (b) => void (bytes = b), outIsTty: false });
    expect(r.code).toBe(0);
    expect(Buffer.from(bytes!).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('text for a terminal', () => {
  it('cleanForTerminal removes escape sequences, controls and bidi overrides, keeps newlines, tabs and Chinese', () => {
    const hostile = '示例\x1b]0;owned\x07局\x1b[31m红\x1b[0m\u202e文\u2066件\u2069\r\x00\x07\x9b2J\x85\t表\n';
    expect(cleanForTerminal(hostile)).toBe('示例局红文件\t表\n');
    expect(cleanForTerminal('a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b')).toBe('alinkb');
  });
});

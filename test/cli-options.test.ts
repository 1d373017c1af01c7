/**
 * Options from one source: an unknown option is named with the closest one (never Node's raw
 * parseArgs text), every command's --help lists every option with an example, and docs/cli.md
 * is made from the same specs (its generated part equals cliMarkdown()).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../core/cli/io';
import { main } from '../core/cli/main';
import { COMMAND_SPECS, EXPORT_FORMAT_NAMES } from '../core/cli/commands';
import { cliMarkdown, helpText, usageLine } from '../core/cli/options';
import { EXPORT_FORMATS } from '../core/export/index';

const ROOT = join(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', 'demo-2024.html');

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), outIsTty: false, outBytes: () => {} };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('unknown options', () => {
  it.each([
    ['check', '--fromat', '--format'],
    ['check', '--prevous', '--previous'],
    ['check', '--disabel=t4.total', '--disable'],
    ['export', '--lables', '--labels'],
    ['export', '--qiuet', '--quiet'],
    ['parse', '--formt', '--format'],
    ['rules', '--fromat', '--format'],
    ['collect', '--ignore-robot', '--ignore-robots'],
  ])('nianbao %s %s names the option and suggests %s, exit 64', async (command, typed, meant) => {
    const r = await cli([command, SAMPLE, typed, 'json']);
    expect(r.code).toBe(64);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`unknown option ${typed.split('=')[0]}`);
    expect(lines[0]).toContain(`did you mean ${meant}?`);
    expect(lines[0]).toContain(`nianbao ${command} --help`);
    expect(r.err).not.toMatch(/Unknown option '|To specify a positional argument|ERR_PARSE_ARGS/);
  });

  it('an option far from every one is named without a guess; a value left out is named with an example', async () => {
    const far = await cli(['check', SAMPLE, '--zzzzzzzz']);
    expect(far.code).toBe(64);
    expect(far.err).toContain('unknown option --zzzzzzzz');
    expect(far.err).not.toContain('did you mean');
    const missing = await cli(['check', SAMPLE, '--previous']);
    expect(missing.code).toBe(64);
    expect(missing.err).toMatch(/--previous needs a value \(<input>\), e\.g\. nianbao check .*--previous/);
    expect(missing.err).not.toMatch(/argument missing/);
  });

  it('everything after -- is an input, never an option', async () => {
    const r = await cli(['check', '--', '--fromat']);
    expect(r.err).not.toContain('unknown option');
    expect(r.code).toBe(2);
  });
});

describe('--help from the specs', () => {
  it.each(COMMAND_SPECS.map((c) => [c.name, c] as const))('nianbao %s --help lists every option with an example', async (name, spec) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(helpText(spec));
    expect(r.out.startsWith(`usage: ${usageLine(spec)}\n`)).toBe(true);
    for (const o of spec.options) {
      expect(r.out).toContain(`--${o.name}`);
      expect(r.out).toContain(`e.g. ${o.example}`);
      expect(o.example).toMatch(new RegExp(`^nianbao ${name} .*--${o.name}\\b`));
    }
  });

  it('nianbao --help shows every command\'s usage line', async () => {
    const r = await cli(['--help']);
    for (const c of COMMAND_SPECS) expect(r.out).toContain(usageLine(c));
  });

  it('export names the formats core/export has', () => {
    expect([...EXPORT_FORMAT_NAMES]).toEqual([...EXPORT_FORMATS, 'parquet']);
  });

  it('docs/cli.md holds exactly what the specs generate (npm run gen:docs)', () => {
    const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const part = doc.slice(doc.indexOf('<!-- cli:start -->\n') + '<!-- cli:start -->\n'.length, doc.indexOf('<!-- cli:end -->'));
    expect(part).toBe(cliMarkdown());
    for (const c of COMMAND_SPECS) for (const o of c.options) expect(part).toContain(o.example);
  });
});

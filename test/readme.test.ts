/**
 * The README's first examples show what they promise: each `$ npx nianbao …` block is run and every
 * line it shows (… stands for lines left out) appears in the output, in that order. The check
 * example must show a pinpointed suspect and a cross-year finding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../core/cli/io';
import { main } from '../core/cli/main';
import { COMMAND_SPECS } from '../core/cli/commands';
import { usageLine } from '../core/cli/options';

const ROOT = join(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every ```text block that starts with `$ npx nianbao …`: the command and the lines shown. */
function examples(): Array<{ argv: string[]; shown: string[] }> {
  return [...README.matchAll(/```text\n\$ npx nianbao ([^\n]*)\n([\s\S]*?)```/g)].map((m) => ({ argv: m[1].split(/\s+/), shown: m[2].split('\n').filter((l) => l.trim() !== '') }));
}

async function run(argv: string[]): Promise<string> {
  let out = '';
  const io: CliIo = { out: (t) => void (out += t), err: () => {} };
  const cwd = process.cwd();
  process.chdir(ROOT); // the README's paths are relative to the project
  try {
    await main(argv, io);
  } finally {
    process.chdir(cwd);
  }
  return out;
}

describe('README examples', () => {
  const all = examples();
  it('has the check example', () => {
    expect(all.some((e) => e.argv[0] === 'check' && e.argv.includes('--previous'))).toBe(true);
  });

  it.each(all.map((e) => [e.argv.join(' '), e] as const))('nianbao %s prints the lines shown, in order', async (_, e) => {
    const lines = (await run(e.argv)).split('\n');
    let at = 0;
    for (const line of e.shown) {
      if (line.trim() === '…') continue;
      const k = lines.findIndex((l, i) => i >= at && l.trimEnd() === line.trimEnd());
      expect(k, `not printed (or out of order): ${line}`).toBeGreaterThanOrEqual(0);
      at = k + 1;
    }
  });

  it('the CLI synopsis is every command\'s usage line, as --help prints it', () => {
    for (const c of COMMAND_SPECS) expect(README).toContain(`\n${usageLine(c)}\n`);
  });

  it('the check example shows a pinpointed suspect and a cross-year finding', () => {
    const check = all.find((e) => e.argv[0] === 'check')!;
    const text = check.shown.join('\n');
    expect(text).toMatch(/cross-year\.[a-z-]+/);
    expect(text).toMatch(/可能出错的数字 likely wrong: .* 印 \d+，应为 \d+/);
    expect(text).not.toContain('没有少数几个数字');
  });
});

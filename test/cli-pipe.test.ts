/** Output piped into a reader that stops early (`| head -1`): no stack trace, for every command. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'nianbao.mjs');
const SAMPLE = join(ROOT, 'samples', 'demo-2024.html');

function firstLineThenClose(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stderr: string; first: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d) => {
      first = String(d).split('\n')[0];
      child.stdout.destroy(); // the reader goes away
    });
    child.on('close', () => resolve({ stderr, first }));
  });
}

describe('nianbao | head', () => {
  for (const args of [['check', SAMPLE, SAMPLE, SAMPLE], ['parse', SAMPLE, SAMPLE], ['export', SAMPLE, SAMPLE, '--format', 'json', '--quiet']]) {
    it(`nianbao ${args[0]}`, async () => {
      const { stderr, first } = await firstLineThenClose(args);
      expect(first).not.toBe('');
      expect(stderr).not.toMatch(/\n\s+at |EPIPE|Error:/);
    });
  }

  it('a paired export cut short by its reader leaves no spool file behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nianbao-pipe-'));
    try {
      const { first } = await firstLineThenClose(['export', SAMPLE, SAMPLE, SAMPLE, '--format', 'json', '--quiet'], { ...process.env, TMPDIR: tmp });
      expect(first).not.toBe('');
      // (run from the sources, tsx keeps its own cache there: not ours)
      expect(readdirSync(tmp).filter((name) => name.startsWith('nianbao-'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

/**
 * Once for every real-browser test file: build the extension (Chrome MV3, and the Firefox build
 * when firefox-esr is there), the two builds side by side. The files then only launch browsers;
 * buildExtension() in a test process sees NIANBAO_EXTENSION_BUILT and builds nothing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FIREFOX_PATH } from './browser';
import { ROOT } from './server';

const run = promisify(execFile);

export default async function setup(): Promise<void> {
  const builds = [['wxt', 'build'], ...(FIREFOX_PATH() ? [['wxt', 'build', '-b', 'firefox']] : [])];
  await Promise.all(builds.map((args) => run('npx', args, { cwd: ROOT, timeout: 240_000 })));
  process.env.NIANBAO_EXTENSION_BUILT = '1';
}

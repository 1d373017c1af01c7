#!/usr/bin/env node
// The nianbao CLI: runs the compiled JavaScript in dist/ (built by `npm run build:lib`, which
// `npm install` of the repository runs as `prepare`). Only inside a checkout whose core/ sources
// are newer than dist/ (or with no dist/ at all) does it run the sources through tsx, a dev
// dependency — so a change to core/ is never hidden behind a stale build while developing.
import { existsSync, readdirSync, statSync } from 'node:fs';

// Output piped into `head` and closed early: stop quietly, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const dist = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../core/', import.meta.url);

/** Newest modification time of the .ts files under a directory (0 when there is none). */
function newest(dir) {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const url = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) latest = Math.max(latest, newest(url));
    else if (e.name.endsWith('.ts')) latest = Math.max(latest, statSync(url).mtimeMs);
  }
  return latest;
}

const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
const stale = existsSync(new URL('main.ts', new URL('cli/', sources))) && (!built || newest(sources) > built);

let main;
if (stale) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../core/cli/main.ts'));
} else {
  ({ main } = await import('../dist/cli.js'));
}
process.exitCode = await main(process.argv.slice(2));

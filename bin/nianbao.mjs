#!/usr/bin/env node
// The nianbao CLI. The project ships TypeScript sources; tsx (a dependency) runs them.
import { register } from 'tsx/esm/api';

// Output piped into `head` and closed early: stop quietly, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

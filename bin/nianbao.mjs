#!/usr/bin/env node
// The nianbao CLI. The project ships TypeScript sources; tsx (a dependency) runs them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

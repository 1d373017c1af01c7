/**
 * V8 flags for the time the export's worker threads run. Each worker is a fresh isolate that
 * compiles the parser again with TurboFan; in a 1,000-page batch those compiles (on V8's
 * background threads) were about 40 % of the CPU, much of it inlining callees into the large
 * table readers, which then deoptimise on the next kind of page and compile again. A smaller
 * inlining budget, no loop peeling and no escape analysis make each compile cheaper; a warm page
 * costs a few per cent more, so the flags pay for batches up to some ten thousand pages.
 *
 * V8's flags belong to the whole process: they are set while a pool runs and put back to V8's
 * defaults after the last one ends. A flag given to node by the user is left as given.
 */
import { setFlagsFromString } from 'node:v8';

/** [flag while the workers run, V8's default] */
const FLAGS: readonly [string, string][] = [
  ['--max-inlined-bytecode-size-cumulative=200', '--max-inlined-bytecode-size-cumulative=920'],
  ['--no-turbo-loop-peeling', '--turbo-loop-peeling'],
  ['--no-turbo-escape', '--turbo-escape'],
];

let pools = 0;

/** The user's own node options (command line and NODE_OPTIONS), where a flag of ours may already stand. */
function givenByUser(flag: string): boolean {
  const name = flag.replace(/^--(no-)?/, '').replace(/=.*$/, '').replace(/_/g, '-');
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return given.some((a) => a.replace(/^--(no-)?/, '').replace(/=.*$/, '').replace(/_/g, '-') === name);
}

/** Set the workers' compile flags (before the workers start); call the returned function when they are gone. */
export function leanCompiles(): () => void {
  const ours = FLAGS.filter(([flag]) => !givenByUser(flag));
  if (pools++ === 0) for (const [flag] of ours) setFlagsFromString(flag);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--pools === 0) for (const [, back] of ours) setFlagsFromString(back);
  };
}

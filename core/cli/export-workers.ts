/**
 * The export's worker threads: long batches are read, parsed and checked on them in parallel, the
 * results taken in input order. A worker thread loads this very module.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Report } from '../model/schema';
import type { Input } from '../node/input';
import { loadChecker, loadInput, type Checker, type Loaded, type PassFormat } from './export-load';
import { leanCompiles } from './export-v8';

const WORKER_ROLE = 'nianbao-export-worker';
/** Batches at least this long use worker threads by default (starting one costs ~0.5 s). */
export const WORKERS_FROM = 24;
/** Inputs handed to one worker at a time, and in flight over all workers per worker. */
const PER_WORKER = 3;
const WINDOW_PER_WORKER = 12;

/** Worker threads a batch uses by default: one per core, at most 4; none for short batches or one core. */
export function defaultJobs(inputs: number): number {
  const cores = availableParallelism();
  return inputs >= WORKERS_FROM && cores > 1 ? Math.min(4, cores) : 0;
}

/** `utf8`: answer with the rendered text as UTF-8 bytes (moved to the main thread without a copy, written as they are). */
type ToWorker = { id: number; input: Input; format: PassFormat; previous?: Report | null; keep?: boolean; utf8?: boolean };
type FromWorker = { type: 'hello'; warning?: string } | { type: 'result'; id: number; result: Loaded };

/**
 * How a worker thread starts: the compiled CLI (dist/*.js) loads this very module directly; run
 * from the TypeScript sources (tests, bench), a small CommonJS bootstrap registers tsx first.
 */
const FROM_SOURCE = /\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.module); })
  .catch((err) => { throw err; });
`;

function tsxApiUrl(): string {
  const req = createRequire(import.meta.url);
  const pkgPath = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api'].import.default)).href;
}

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE } });
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { role: WORKER_ROLE, tsxApi: tsxApiUrl(), module: import.meta.url } });
}

/** The worker side: load the rules once, then answer each input with its Loaded result. */
async function serveAsWorker(): Promise<void> {
  const port = parentPort!;
  // The rules are loaded on the first input that needs them: the long CSV runs none, and loading
  // them was most of a worker's start.
  let checker: Promise<Checker> | null = null;
  const checkerOnce = () =>
    (checker ??= loadChecker().then(({ check, warning }) => {
      port.postMessage({ type: 'hello', warning } satisfies FromWorker);
      return check;
    }));
  port.on('message', async (msg: ToWorker) => {
    const check = msg.format === 'csv' ? NO_RULES : await checkerOnce();
    const result = await loadInput(msg.input, check, msg.format, msg.previous ?? null, msg.keep ?? false);
    if (msg.utf8 && result.ok && result.text !== undefined) {
      // Encoded here, on the thread that rendered it: a string crossing threads is copied twice
      // and then encoded again by the main thread's write; bytes move over as they are.
      const bytes = UTF8.encode(result.text);
      delete result.text;
      result.bytes = bytes;
      port.postMessage({ type: 'result', id: msg.id, result } satisfies FromWorker, [bytes.buffer]);
    } else port.postMessage({ type: 'result', id: msg.id, result } satisfies FromWorker);
  });
}

const NO_RULES: Checker = () => [];
const UTF8 = new TextEncoder();

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) void serveAsWorker();

/**
 * Load inputs on `jobs` worker threads, yielding results in input order with a bounded number in
 * flight. Inputs of a worker that dies are done here instead; if no worker is left, so is the rest.
 */
export async function* pooled(inputs: readonly Input[], format: PassFormat, jobs: number, onWarning: (w: string) => void, previous: ReadonlyArray<Report | null> = [], keep = false, utf8 = false): AsyncGenerator<[Input, Loaded]> {
  const results = new Map<number, Loaded>();
  const orphans = new Set<number>();
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  interface Slot {
    worker: Worker;
    pending: Set<number>;
    alive: boolean;
  }
  const slots: Slot[] = [];
  let next = 0;
  let emitted = 0;
  const window = jobs * WINDOW_PER_WORKER;
  const fill = () => {
    for (const s of slots) {
      while (s.alive && s.pending.size < PER_WORKER && next < inputs.length && next - emitted < window) {
        s.pending.add(next);
        s.worker.postMessage({ id: next, input: inputs[next], format, previous: previous[next] ?? null, keep, utf8 } satisfies ToWorker);
        next++;
      }
    }
  };
  const bury = (slot: Slot) => {
    if (!slot.alive) return;
    slot.alive = false;
    for (const id of slot.pending) orphans.add(id);
    slot.pending.clear();
    fill();
    notify();
  };
  const restoreFlags = leanCompiles();
  for (let j = 0; j < jobs; j++) {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (err) {
      restoreFlags();
      throw err;
    }
    const slot: Slot = { worker, pending: new Set(), alive: true };
    slot.worker.on('message', (m: FromWorker) => {
      if (m.type === 'hello') {
        if (m.warning) onWarning(m.warning);
        return;
      }
      slot.pending.delete(m.id);
      results.set(m.id, m.result);
      fill();
      notify();
    });
    slot.worker.on('error', () => bury(slot));
    slot.worker.on('exit', () => bury(slot));
    slots.push(slot);
  }
  fill();
  let local: Checker | null = null;
  const here = async (i: number) => {
    local ??= (await loadChecker()).check;
    return loadInput(inputs[i], local, format, previous[i] ?? null, keep);
  };
  try {
    for (let i = 0; i < inputs.length; i++) {
      while (!results.has(i)) {
        if (orphans.has(i) || (i >= next && !slots.some((s) => s.alive))) {
          orphans.delete(i);
          results.set(i, await here(i));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      const result = results.get(i)!;
      results.delete(i);
      emitted++;
      fill();
      yield [inputs[i], result];
    }
  } finally {
    for (const s of slots) s.alive = false;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    restoreFlags();
  }
}

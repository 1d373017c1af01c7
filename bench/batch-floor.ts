/**
 * The batch's floor: the same inputs read and loaded by cheerio/slim on the same number of worker
 * threads, results taken back to the main thread — what any HTML tool pays for reading the pages
 * at all. Timed in the same run as the export, so a busy machine slows both alike.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHEERIO_SLIM = createRequire(import.meta.url).resolve('cheerio/slim');

const FLOOR_WORKER = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { load } = require(${JSON.stringify(CHEERIO_SLIM)});
const utf8 = new TextDecoder('utf-8');
parentPort.on('message', (files) => {
  let n = 0;
  for (const f of files) {
    const $ = load(utf8.decode(readFileSync(f)));
    n += $('td').length;
  }
  parentPort.postMessage(n);
});
`;

/** Seconds (wall and CPU over all threads) to read and cheerio-load every file on `jobs` threads (one thread when jobs is 0). */
export async function batchFloor(files: readonly string[], jobs: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const threads = Math.max(1, jobs);
  const workers = Array.from({ length: threads }, () => new Worker(FLOOR_WORKER, { eval: true }));
  try {
    // Started and warm before the clock runs, as the export's workers are (they load their code first).
    await Promise.all(workers.map((w) => new Promise((r) => (w.once('message', r), w.postMessage(files.slice(0, 2))))));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // Small chunks, handed out as threads come free, as the export's pool does.
    const CHUNK = 3;
    let next = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((done) => {
            const more = () => {
              if (next >= files.length) return done();
              const chunk = files.slice(next, next + CHUNK);
              next += CHUNK;
              w.once('message', more);
              w.postMessage(chunk);
            };
            more();
          }),
      ),
    );
    const cpu = process.cpuUsage(cpu0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

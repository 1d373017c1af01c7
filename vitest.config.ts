import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { WxtVitest } from 'wxt/testing';

/**
 * Slow files' estimated seconds (relative weights from a measured run on a busy 2-core machine;
 * only their order matters). Vitest knows each file's duration from its last run
 * (node_modules/.vite); on a fresh clone it has none and would go by file size.
 */
const ESTIMATE: Record<string, number> = {
  'test/office-fixtures.test.ts': 300,
  'test/ocr.test.ts': 220,
  'test/portal-collect.test.ts': 150,
  'test/cli-inputs.test.ts': 140,
  'test/export-cli.test.ts': 120,
  'test/pdf-cli.test.ts': 120,
  'test/cli-check.test.ts': 115,
  'test/pdf-printed-corpus.test.ts': 115,
  'test/pdf-corpus.test.ts': 90,
  'test/cli-limits.test.ts': 80,
  'test/pdf-robustness.test.ts': 60,
  'test/e2e/pdf.test.ts': 250,
  'test/e2e/extension.test.ts': 110,
  'test/e2e/panel-layout.test.ts': 100,
  'test/e2e/collection-portal.test.ts': 50,
};

/**
 * Longest files first within each group (node and extension together; then e2e), so the two
 * cores stay busy to the end instead of one waiting on a slow file started last.
 */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const cost = (f: TestSpecification): number => {
      const file = relative(root, f.moduleId);
      return this.ctx.cache.getFileTestResults(`${f.project.name}:${file}`)?.duration ?? (ESTIMATE[file] ?? 0) * 1000;
    };
    const group = (f: TestSpecification) => f.project.config.sequence.groupOrder;
    return (await super.sort(files))
      .map((f, at) => ({ f, at, cost: cost(f) }))
      .sort((a, b) => group(a.f) - group(b.f) || b.cost - a.cost || a.at - b.at)
      .map(({ f }) => f);
  }
}

/**
 * Node files that mock modules or change process.env, or measure their process's memory (a peak
 * RSS in a process other files have used says nothing of their own): each in a process of its own.
 */
const OWN_PROCESS = [
  'test/ocr.test.ts',
  'test/ocr-pictures.test.ts',
  'test/office-corpus.test.ts',
  'test/pdf-printed-corpus.test.ts',
  'test/pdf-bombs.test.ts',
  'test/parse-limits.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time (Vitest's default is one less than the cores: one on a 2-core machine).
    // The real-browser files mostly wait on their browsers; the rest mostly on I/O and child processes.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['**/node_modules/**', 'test/extension/**', 'test/e2e/**', ...OWN_PROCESS],
          // The core is imported once per worker, not once per file: most files are pure functions of
          // their inputs. Files that mock modules or set the environment keep a process of their own.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'node-own', include: OWN_PROCESS },
      },
      {
        // Extension unit tests: WXT's fake browser (wxt/browser, chrome, browser) and a DOM.
        extends: true,
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['test/extension/**/*.test.ts', 'test/extension/**/*.test.tsx'],
          environment: 'happy-dom',
          // One module graph and one DOM per worker, as for the node files; each file resets the fake
          // browser and the collection database itself, and puts back the globals it stubs
          // (test/extension/support.ts).
          isolate: false,
        },
      },
      {
        // Real browsers, after the rest: the extension is built once for every file (globalSetup),
        // each file starts one browser of its own and shares it between its tests.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // playwright-core and the core are imported once per worker, not once per file: each file
          // keeps its browser and server in its own module and closes them in afterAll.
          isolate: false,
          globalSetup: ['test/e2e/support/global-setup.ts'],
          // expect.poll returns as soon as the browser shows the state; its default 1 s guard failed
          // on a machine under load before the panel had docked, and 10 s once under heavy load (two
          // office conversions beside the suite): a wide hang guard, not a wait.
          expect: { poll: { timeout: 30_000 } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

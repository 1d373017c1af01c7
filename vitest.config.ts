import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time (Vitest's default is one less than the cores: one on a 2-core machine).
    // The real-browser files mostly wait on their browsers; the rest mostly on I/O and child processes.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['**/node_modules/**', 'test/extension/**', 'test/e2e/**'],
        },
      },
      {
        // Extension unit tests: WXT's fake browser (wxt/browser, chrome, browser) and a DOM.
        extends: true,
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['test/extension/**/*.test.ts', 'test/extension/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
      {
        // Real browsers, after the rest: the extension is built once for every file (globalSetup),
        // each file starts one browser of its own and shares it between its tests.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

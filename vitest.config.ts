import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
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
        // Real browsers: one file at a time, after the rest — each file builds the extension into
        // the same output folder and starts its own browser, which two cores cannot run side by side.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

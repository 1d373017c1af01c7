import { defineConfig } from 'tsup';

/**
 * The published library and CLI: compiled ESM with .d.ts in dist/.
 * - `nianbao-lens` (dist/index.js): the browser-safe core — parse, check, export, schema, keys.
 * - `nianbao-lens/node` (dist/node.js): reading files and URLs in Node.
 * - dist/cli.js: the `nianbao` command (bin/nianbao.mjs runs it).
 * - dist/pdf-worker.js: the worker thread PDFs are read in (core/node/pdf.ts starts it).
 * Internal modules are bundled (so extensionless imports need no loader at run time); the
 * dependencies stay external — pdfjs-dist above all, whose legacy build and cmaps are loaded from
 * node_modules at run time. The command modules and the rules are split into chunks, loaded on demand.
 */
export default defineConfig({
  entry: { index: 'core/index.ts', node: 'core/node/index.ts', cli: 'core/cli/main.ts', 'pdf-worker': 'core/node/pdf-worker.ts' },
  outDir: 'dist',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  treeshake: false,
  sourcemap: false,
  clean: true,
  dts: { entry: { index: 'core/index.ts', node: 'core/node/index.ts' } },
  // Dependencies (package.json) are external by default; dev-only packages must never be bundled.
  external: ['tsx', 'exceljs'],
});

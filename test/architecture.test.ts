/**
 * The core's imports run one way: each layer (a folder of core/) imports only from the layers
 * below it and from itself, and no files import each other in a circle. No source file in core/ or
 * extension/ is longer than 450 lines. The order is documented in docs/architecture.md.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, filesUnder, importEdges, lineCount, SOURCE_EXT, upwardImports, type ImportEdge } from './support/imports';

const ROOT = join(__dirname, '..');

/** Bottom first. A new folder of core/ must be placed here, where it imports only from below. */
export const LAYERS = [
  'model', //    the report's keys and zod schema, the report year
  'parse', //    page, text, PDF, Word → table grid → report
  'compare', //  reports against each other: agency names, year pairing, sentences, copied text
  'rules', //    the consistency rules and their registry
  'suspects', // which printed number is wrong: the equations and the smallest correction
  'ocr', //      reading scanned tables, proof-read by the equations
  'check', //    the whole check: rules, then suspects, then OCR's unsure readings, then the order
  'portal', //   a whole portal: list-page links, robots.txt, batch pairing, coverage
  'export', //   JSON, CSV, XLSX, Parquet, coverage
  'score', //    evaluation packs and scores
  'node', //     files, URLs, PDFs and Word in Node
  'cli', //      the nianbao command
  'index', //    core/index.ts, the browser-safe public entry
] as const;

const MAX_LINES = 450;

describe('architecture', () => {
  const coreFiles = filesUnder(join(ROOT, 'core'));
  const edges = importEdges(ROOT, coreFiles);

  it('reads the imports of core/, static and dynamic', () => {
    expect(coreFiles.length).toBeGreaterThan(100);
    // A dynamic import (node/read.ts loads the PDF reader only for a PDF) is an edge like any other.
    expect(edges).toContainEqual({ from: 'core/node/read.ts', to: 'core/node/pdf.ts' });
    expect(edges.filter((e) => e.to.startsWith('?')), 'imports that resolve to no file').toEqual([]);
  });

  it('has no import circle in core/', () => {
    const found = circles(edges).map((c) => c.join(' → '));
    expect(found, `import circles:\n${found.join('\n')}`).toEqual([]);
  });

  it('imports only from the layers below (model → parse → compare → rules → suspects → ocr → check → portal → export → score → node → cli)', () => {
    const found = upwardImports(edges, LAYERS);
    expect(found, `upward imports:\n${found.join('\n')}`).toEqual([]);
  });

  it('keeps every source file of core/ and extension/ within 450 lines', () => {
    const files = [...filesUnder(join(ROOT, 'core'), SOURCE_EXT), ...filesUnder(join(ROOT, 'extension'), SOURCE_EXT)];
    expect(files.length).toBeGreaterThan(150);
    const long = files
      .map((f) => ({ file: relative(ROOT, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long, `files over ${MAX_LINES} lines — split them by job:\n${long.join('\n')}`).toEqual([]);
  });
});

describe('the architecture checks themselves', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to });

  it('finds a circle and names its files', () => {
    expect(circles([edge('core/a/x.ts', 'core/a/y.ts'), edge('core/a/y.ts', 'core/a/z.ts'), edge('core/a/z.ts', 'core/a/x.ts'), edge('core/a/z.ts', 'core/b/w.ts')])).toEqual([
      ['core/a/x.ts', 'core/a/y.ts', 'core/a/z.ts'],
    ]);
    expect(circles([edge('core/a/x.ts', 'core/a/y.ts')])).toEqual([]);
  });

  it('finds an upward import and a folder in no layer, naming the files', () => {
    const found = upwardImports([edge('core/rules/index.ts', 'core/suspects/index.ts'), edge('core/suspects/index.ts', 'core/rules/util.ts'), edge('core/extra/x.ts', 'core/model/keys.ts'), edge('core/index.ts', 'core/cli/main.ts')], LAYERS);
    expect(found).toEqual([
      'core/rules/index.ts → core/suspects/index.ts: rules imports from suspects, which is above it',
      'core/extra/x.ts: core/extra is in no layer — place it in LAYERS',
    ]);
  });

  it('reads static, type-only, re-exported and dynamic imports, not those in comments', async () => {
    const { specifiersOf } = await import('./support/imports');
    const source = [
      "import a from './a';",
      "import type { B } from './b';",
      "export * from './c';",
      "const d = await import('./d');",
      "// import e from './e';",
      "const s = \"import f from './f'\";",
    ].join('\n');
    expect(specifiersOf(source).sort()).toEqual(['./a', './b', './c', './d']);
  });

  it('counts lines as wc -l does, plus a last line without newline', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });
});

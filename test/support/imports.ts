/**
 * The import graph of a source tree, for the architecture test: every relative import of every
 * file (static `import`/`export … from`, `import type`, and dynamic `import()`), resolved to the
 * file it names. Read with TypeScript's own pre-processor, so imports in comments and strings are
 * not counted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const SOURCE_EXT = /\.(?:ts|tsx|mts|js|mjs|css|html)$/;
const CODE_EXT = /\.(?:ts|tsx|mts|js|mjs)$/;

/** Every file under `dir` whose name matches `ext` (node_modules and dot-folders left out). */
export function filesUnder(dir: string, ext: RegExp = CODE_EXT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, ext));
    else if (ext.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** The module specifiers a file imports, static and dynamic. */
export function specifiersOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export interface ImportEdge {
  from: string;
  to: string;
}

/** The relative imports among `files`, as paths relative to `root` (unresolvable ones point at `?spec`). */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(file, spec);
      edges.push({ from: relative(root, file), to: target ? relative(root, target) : `?${spec}` });
    }
  }
  return edges;
}

/** The circles among the files (strongly connected components of more than one file, or a file importing itself). */
export function circles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!graph.has(from)) graph.set(from, []);
    if (!graph.has(to)) graph.set(to, []);
    graph.get(from)!.push(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/**
 * The layer of a file under core/: its first folder (core/rules/t4.total.ts → rules), or `index`
 * for core/index.ts, the public entry on top of everything.
 */
export function layerOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.[^.]+$/, '');
}

/** Imports that run upward (or into a folder that is no layer), each as one line naming both files. */
export function upwardImports(edges: readonly ImportEdge[], layers: readonly string[]): string[] {
  const rank = new Map(layers.map((l, i) => [l, i]));
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = layerOf(from);
    const b = layerOf(to);
    if (!rank.has(a)) out.push(`${from}: core/${a} is in no layer — place it in LAYERS`);
    else if (!rank.has(b)) out.push(`${from} → ${to}: core/${b} is in no layer — place it in LAYERS`);
    else if (rank.get(b)! > rank.get(a)!) out.push(`${from} → ${to}: ${a} imports from ${b}, which is above it`);
  }
  return [...new Set(out)];
}

/** Lines of a text file, as `wc -l` counts them plus a last line without its newline. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

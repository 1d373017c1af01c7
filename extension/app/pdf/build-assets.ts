/**
 * Build time (Node, wxt.config.ts): the pdf.js files the report page needs at run time, copied from
 * node_modules into the extension as its own files — the worker, the CMaps (Chinese text needs
 * them) and the standard fonts. Nothing is fetched from elsewhere and nothing here is
 * web-accessible: only the extension's report page loads them.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where they land in the extension (see PDFJS_ASSETS in ./pdfjs.ts). */
export const PDFJS_DIR = 'pdfjs';

export function pdfjsAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const out = [{ absoluteSrc: join(root, 'build', 'pdf.worker.min.mjs'), relativeDest: `${PDFJS_DIR}/pdf.worker.min.mjs` }];
  for (const dir of ['cmaps', 'standard_fonts']) {
    for (const f of readdirSync(join(root, dir))) out.push({ absoluteSrc: join(root, dir, f), relativeDest: `${PDFJS_DIR}/${dir}/${f}` });
  }
  return out;
}

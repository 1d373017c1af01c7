/** Where pdf.js finds its CMaps and standard fonts: the installed pdfjs-dist, resolved from this module. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let assets: { cMapUrl: string; standardFontDataUrl: string } | null | undefined;

/** Where the installed pdfjs-dist keeps its CMaps and standard fonts (paths ending in '/'), or null. */
export function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string } | null {
  if (assets !== undefined) return assets;
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    assets = { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  } catch {
    assets = null;
  }
  return assets;
}

/**
 * A .docx with its tables fitted to the page width, as an office's Word document has them (Word's
 * "AutoFit to window"): every outermost table wider than the text area between the margins has its
 * grid columns and cell widths scaled down to fit it, nothing else changed. LibreOffice keeps a
 * table as wide as the page it came from and cuts what runs past the paper; the fitted document is
 * what the office prints. Used by test/support/office-convert.ts and scripts/gen-office-fixtures.ts.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const DOCUMENT = 'word/document.xml';

/** The narrowest text area (page width less margins, twips) of the document's sections. */
function textWidth(xml: string): number | null {
  let best: number | null = null;
  for (const m of xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)) {
    const page = /<w:pgSz\b[^>]*\bw:w="(\d+)"/.exec(m[0]);
    if (!page) continue;
    const margin = (side: string) => Number(new RegExp(`<w:pgMar\\b[^>]*\\bw:${side}="(-?\\d+)"`).exec(m[0])?.[1] ?? 0);
    const width = Number(page[1]) - margin('left') - margin('right');
    if (width > 0 && (best === null || width < best)) best = width;
  }
  return best;
}

/** [start, end) of each outermost <w:tbl> element. */
function outerTables(xml: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(/<w:tbl>|<w:tbl\s[^>]*>|<\/w:tbl>/g)) {
    if (m[0] === '</w:tbl>') {
      depth--;
      if (depth === 0) out.push([start, m.index + m[0].length]);
    } else if (depth++ === 0) start = m.index;
  }
  return out;
}

/** One table's XML fitted to `width` twips (unchanged when it fits already). */
function fitTable(table: string, width: number): string {
  const grid = /<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(table);
  const own = grid ? [...grid[1].matchAll(/<w:gridCol\b[^>]*\bw:w="(\d+)"/g)].reduce((n, g) => n + Number(g[1]), 0) : 0;
  if (own <= width) return table;
  const scale = width / own;
  return table
    .replace(/(<w:(?:gridCol|tcW)\b[^>]*\bw:w=")(\d+)"/g, (_, head: string, w: string) => `${head}${Math.floor(Number(w) * scale)}"`)
    .replace(/<w:tblW\b[^>]*\/>/, `<w:tblW w:w="${width}" w:type="dxa"/>`)
    .replace(/<w:tblInd\b[^>]*\/>/, '<w:tblInd w:w="0" w:type="dxa"/>');
}

/** The .docx bytes with every table too wide for its page fitted to the text width. */
export function fitDocxTables(docx: Uint8Array): Uint8Array {
  const files = unzipSync(docx);
  const xml = files[DOCUMENT] ? strFromU8(files[DOCUMENT]) : null;
  const width = xml ? textWidth(xml) : null;
  if (!xml || !width) return docx;
  let out = '';
  let at = 0;
  for (const [start, end] of outerTables(xml)) {
    out += xml.slice(at, start) + fitTable(xml.slice(start, end), width);
    at = end;
  }
  files[DOCUMENT] = strToU8(out + xml.slice(at));
  return zipSync(files);
}

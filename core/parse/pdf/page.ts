/**
 * What the reader takes from one pdf.js page: its text items as boxes and its ruling lines as
 * segments, both in viewport units at scale 1 (origin top-left, y downward, page rotation applied)
 * — the coordinates a `pdf` cell source uses.
 */

export type Matrix = [number, number, number, number, number, number];

/** A text item of the page: its string and its box (left, top, right, bottom), viewport units. */
export interface PdfText {
  str: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Glyph height (the font size as drawn). */
  size: number;
}

/** A horizontal (y0 === y1) or vertical (x0 === x1) ruling segment, viewport units. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  texts: PdfText[];
  segments: Segment[];
  images: number;
}

/**
 * Radicals for ideographs: Chromium (Skia) and some other generators map CJK glyphs to the Kangxi
 * radicals (U+2F00–U+2FD5: ⼀ for 一, ⼯ for 工) or the radicals supplement (U+2E80–U+2EF3: ⺠ for 民)
 * in their ToUnicode maps. NFKC folds the Kangxi block; the supplement needs this table.
 */
const SUPPLEMENT: Record<string, string> = Object.fromEntries(
  [
    '⺁厂', '⺇几', '⺊卜', '⺌小', '⺍小', '⺎兀', '⺐尢', '⺒巳', '⺓幺', '⺔彐', '⺗心', '⺜日', '⺝月', '⺟母', '⺠民', '⺤爫', '⺥爫', '⺧牛',
    '⺩王', '⺪疋', '⺬示', '⺮竹', '⺯糸', '⺶羊', '⺷羊', '⺸羊', '⺺聿', '⺻聿', '⺼月', '⺽臼', '⻁虎', '⻃覀', '⻄西', '⻅见', '⻆角',
    '⻇角', '⻉贝', '⻊足', '⻋车', '⻑長', '⻓长', '⻔门', '⻗雨', '⻘青', '⻙韦', '⻚页', '⻛风', '⻜飞', '⻝食', '⻞食', '⻟食', '⻢马',
    '⻣骨', '⻤鬼', '⻥鱼', '⻦鸟', '⻧卤', '⻨麦', '⻩黄', '⻪黾', '⻫齐', '⻬齐', '⻭齿', '⻮齿', '⻯龙', '⻰龙', '⻱龜', '⻲亀', '⻳龟',
  ].map((p) => [p[0], p[1]]),
);
const RADICAL = /[\u2e80-\u2fdf]/g;

/** The text as meant: radicals standing for ideographs folded back (see SUPPLEMENT). */
export function foldRadicals(str: string): string {
  if (!/[\u2e80-\u2fdf]/.test(str)) return str;
  return str.replace(RADICAL, (ch) => SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
}

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The text item's box in viewport units; null for text drawn at an angle (not part of a table). */
export function textBox(viewport: Matrix, transform: number[], width: number, str: string): PdfText | null {
  const m = multiply(viewport, transform as Matrix);
  // Horizontal text in the viewport: the x axis of the text runs along +x (m[1] ≈ 0, m[2] ≈ 0).
  const size = Math.hypot(m[2], m[3]);
  const scaleX = Math.hypot(m[0], m[1]);
  if (!(size > 0) || !Number.isFinite(size) || Math.abs(m[1]) > 0.01 * scaleX || Math.abs(m[2]) > 0.01 * size || m[0] <= 0) return null;
  // width is in the page's user space along the text direction; scale it like the text matrix's x axis.
  const userScale = Math.hypot(transform[0], transform[1]) || 1;
  const w = (width / userScale) * scaleX;
  const x0 = m[4];
  const base = m[5];
  // Upright text: the glyphs' up vector points up the screen (toward smaller viewport y).
  if (m[3] >= 0) return null;
  return { str: foldRadicals(str), x0, y0: base - size * 0.88, x1: x0 + Math.max(w, 0), y1: base + size * 0.12, size };
}

/** pdf.js operator codes the segment collector needs (from pdfjs.OPS, passed in so this stays import-free). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  images: number[];
}

/** Thinner than this (viewport units) a filled rectangle is a rule, not a shaded area. */
const RULE_THICKNESS = 3;
const MAX_SEGMENTS = 20000;

/**
 * Ruling lines from an operator list: stroked straight segments (lines and rectangle edges) and thin
 * filled rectangles, mapped through the current transformation matrix and the viewport. Curves and
 * clipping paths are ignored.
 */
export function collectSegments(fnArray: number[], argsArray: unknown[], viewport: Matrix, ops: OpCodes): { segments: Segment[]; images: number } {
  const segments: Segment[] = [];
  let images = 0;
  let ctm: Matrix = viewport;
  const stack: Matrix[] = [];
  const imageOps = new Set(ops.images);
  const add = (ax: number, ay: number, bx: number, by: number) => {
    if (segments.length >= MAX_SEGMENTS) return;
    const [x0, y0] = apply(ctm, ax, ay);
    const [x1, y1] = apply(ctm, bx, by);
    if (![x0, y0, x1, y1].every(Number.isFinite)) return;
    if (Math.abs(y0 - y1) < 0.5 && Math.abs(x0 - x1) >= 0.5) segments.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (Math.abs(x0 - x1) < 0.5 && Math.abs(y0 - y1) >= 0.5) segments.push({ y0: Math.min(y0, y1), y1: Math.max(y0, y1), x0: (x0 + x1) / 2, x1: (x0 + x1) / 2 });
  };
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? viewport;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as Matrix | null | undefined;
      if (m && m.length === 6) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? viewport;
    else if (imageOps.has(fn)) images++;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const stroke = strokes.has(paint);
      const fill = fills.has(paint);
      if (!stroke && !fill) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || typeof (data as ArrayLike<number>).length !== 'number') continue;
      walkPath(data, stroke, add, ctm);
    }
  }
  return { segments, images };
}

/** Walk pdf.js path data (DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath). */
function walkPath(data: ArrayLike<number>, stroke: boolean, add: (ax: number, ay: number, bx: number, by: number) => void, ctm: Matrix) {
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  const points: [number, number][] = [];
  const flushFill = () => {
    // A filled thin rectangle (4 points, axis-aligned) is a rule along its long side.
    if (points.length >= 4 && points.length <= 5) {
      const mapped = points.map(([px, py]) => apply(ctm, px, py));
      const xs = mapped.map((p) => p[0]);
      const ys = mapped.map((p) => p[1]);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      const axisAligned = mapped.every(([px, py]) => xs.some((v) => Math.abs(v - px) < 0.5) && ys.some((v) => Math.abs(v - py) < 0.5));
      if (axisAligned && Math.min(w, h) <= RULE_THICKNESS && Math.max(w, h) >= 2) {
        const inv = invert(ctm);
        if (inv) {
          if (w >= h) {
            const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
            const a = apply(inv, Math.min(...xs), cy);
            const b = apply(inv, Math.max(...xs), cy);
            add(a[0], a[1], b[0], b[1]);
          } else {
            const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
            const a = apply(inv, cx, Math.min(...ys));
            const b = apply(inv, cx, Math.max(...ys));
            add(a[0], a[1], b[0], b[1]);
          }
        }
      }
    }
    points.length = 0;
  };
  let i = 0;
  const n = data.length;
  while (i < n) {
    const op = data[i++];
    if (op === 0) {
      if (!stroke) flushFill();
      x = sx = data[i++];
      y = sy = data[i++];
      if (!stroke) points.push([x, y]);
    } else if (op === 1) {
      const nx = data[i++];
      const ny = data[i++];
      if (stroke) add(x, y, nx, ny);
      else points.push([nx, ny]);
      x = nx;
      y = ny;
    } else if (op === 2) {
      x = data[i + 4];
      y = data[i + 5];
      i += 6;
      if (!stroke) points.length = 99; // a curve: not a rectangle
    } else if (op === 3) {
      x = data[i + 2];
      y = data[i + 3];
      i += 4;
      if (!stroke) points.length = 99;
    } else if (op === 4) {
      if (stroke) add(x, y, sx, sy);
      x = sx;
      y = sy;
    } else break;
  }
  if (!stroke) flushFill();
}

function invert(m: Matrix): Matrix | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!det || !Number.isFinite(det)) return null;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

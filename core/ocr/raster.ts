/**
 * A page picture as grey levels, and what OCR needs from it before reading anything: the paper's
 * own grey (a threshold from it, so light-grey rules of a screenshot scan count as rules), the
 * skew of a scan (straightened), the ruling lines as segments in page units, and each cell's ink.
 * Browser-safe: plain arrays, no canvas.
 */
import type { Segment } from '../parse/pdf/page';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  data: Uint8Array;
}

/** RGBA (canvas ImageData) → grey. */
export function toGray(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    // transparent pixels are paper
    const a = rgba[j + 3] / 255;
    data[i] = Math.round((0.299 * rgba[j] + 0.587 * rgba[j + 1] + 0.114 * rgba[j + 2]) * a + 255 * (1 - a));
  }
  return { width, height, data };
}

export interface Levels {
  /** The paper's grey (the commonest light level). */
  paper: number;
  /** Darker than this is a rule (light-grey rules included). */
  rule: number;
  /** Darker than this is ink of a character. */
  ink: number;
}

/** The paper's grey and the thresholds taken from it and from its noise. */
export function levels(img: GrayImage): Levels {
  const hist = new Uint32Array(256);
  const step = Math.max(1, Math.floor(img.data.length / 400000));
  for (let i = 0; i < img.data.length; i += step) hist[img.data[i]]++;
  let paper = 255;
  for (let v = 128; v < 256; v++) if (hist[v] > hist[paper]) paper = v;
  // spread of the paper's grey: the noise of a scan
  let n = 0;
  let sq = 0;
  for (let v = Math.max(0, paper - 25); v <= Math.min(255, paper + 25); v++) {
    n += hist[v];
    sq += hist[v] * (v - paper) ** 2;
  }
  const sd = Math.sqrt(sq / Math.max(1, n));
  const rule = Math.max(40, paper - Math.max(10, 3 * sd));
  return { paper, rule, ink: Math.max(40, Math.min(rule, paper - Math.max(60, 4 * sd))) };
}

/** Skew angle (radians) of a scan's rules and lines, from −2° to 2°: the shear whose row profile is sharpest. */
export function skewOf(img: GrayImage, lv: Levels): number {
  const { width, height, data } = img;
  const xs: number[] = [];
  const ys: number[] = [];
  // every row (a sampled row would favour the unsheared profile), every fourth column
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x += 4) if (data[y * width + x] < lv.ink) xs.push(x), ys.push(y);
  if (xs.length < 100) return 0;
  const bins = new Float64Array(height + 2 * width);
  let best = 0;
  let bestScore = -1;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] - xs[i] * t) + width]++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  for (let deg = -2; deg <= 2.0001; deg += 0.1) {
    const s = score(deg);
    if (s > bestScore) (bestScore = s), (best = deg);
  }
  const coarse = best;
  for (let deg = coarse - 0.09; deg <= coarse + 0.09; deg += 0.02) {
    const s = score(deg);
    if (s > bestScore) (bestScore = s), (best = deg);
  }
  return Math.abs(best) < 0.03 ? 0 : (best * Math.PI) / 180;
}

/** The picture turned by −angle about its centre (nearest pixel; paper where nothing falls). */
export function straighten(img: GrayImage, angle: number, paper: number): GrayImage {
  if (angle === 0) return img;
  const { width, height, data } = img;
  const out = new Uint8Array(width * height).fill(paper);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // where the straightened pixel (x, y) was in the skewed picture
      const sx = Math.round(cx + dx * cos - dy * sin);
      const sy = Math.round(cy + dx * sin + dy * cos);
      if (sx >= 0 && sy >= 0 && sx < width && sy < height) out[y * width + x] = data[sy * width + sx];
    }
  }
  return { width, height, data: out };
}

/**
 * Horizontal and vertical ruling segments, in page units (pixels / scale). A rule is a run of
 * rule-dark pixels at least minRun long (gaps of up to 2 pixels bridged); characters' strokes are
 * shorter than that.
 */
export function rulingSegments(img: GrayImage, lv: Levels, scale: number): Segment[] {
  const { width, height, data } = img;
  const minRun = Math.round(16 * scale);
  const out: Segment[] = [];
  const runs = (count: number, len: number, at: (i: number, j: number) => number, emit: (i: number, from: number, to: number) => void) => {
    for (let i = 0; i < count; i++) {
      let start = -1;
      let last = -1;
      for (let j = 0; j <= len; j++) {
        const dark = j < len && at(i, j) < lv.rule;
        if (dark) {
          if (start < 0) start = j;
          last = j;
        } else if (start >= 0 && (j === len || j - last > 2)) {
          if (last - start + 1 >= minRun) emit(i, start, last + 1);
          start = -1;
        }
      }
    }
  };
  runs(height, width, (y, x) => data[y * width + x], (y, x0, x1) => out.push({ x0: x0 / scale, x1: x1 / scale, y0: (y + 0.5) / scale, y1: (y + 0.5) / scale }));
  runs(width, height, (x, y) => data[y * width + x], (x, y0, y1) => out.push({ x0: (x + 0.5) / scale, x1: (x + 0.5) / scale, y0: y0 / scale, y1: y1 / scale }));
  return out.length > 20000 ? out.slice(0, 20000) : out;
}

/** A box of pixels. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The ink of a cell (box in pixels): the smallest box around its character pixels, ruling lines
 * left out (an inset, and full rows or columns of rule darkness skipped); null when the cell is blank.
 */
export function inkBox(img: GrayImage, lv: Levels, cell: PixelBox, scale: number): PixelBox | null {
  const inset = Math.max(2, Math.round(1.2 * scale));
  const x0 = Math.max(0, Math.round(cell.x0) + inset);
  const y0 = Math.max(0, Math.round(cell.y0) + inset);
  const x1 = Math.min(img.width, Math.round(cell.x1) - inset);
  const y1 = Math.min(img.height, Math.round(cell.y1) - inset);
  if (x1 - x0 < 3 || y1 - y0 < 3) return null;
  const w = x1 - x0;
  const h = y1 - y0;
  const colInk = new Uint32Array(w);
  const rowInk = new Uint32Array(h);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (img.data[y * img.width + x] < lv.ink) {
        colInk[x - x0]++;
        rowInk[y - y0]++;
      }
    }
  }
  // a row or column dark nearly all along is a rule that the inset did not clear
  const keepRow = (i: number) => rowInk[i] > 0 && rowInk[i] < 0.9 * w;
  const keepCol = (i: number) => colInk[i] > 0 && colInk[i] < 0.9 * h;
  let top = 0;
  while (top < h && !keepRow(top)) top++;
  let bottom = h - 1;
  while (bottom > top && !keepRow(bottom)) bottom--;
  let left = 0;
  while (left < w && !keepCol(left)) left++;
  let right = w - 1;
  while (right > left && !keepCol(right)) right--;
  if (top >= h || left >= w) return null;
  // a sliver of a rule at an edge (a rule not quite straight after straightening): a thin band apart from the rest
  const thin = Math.max(2, Math.round(1.2 * scale));
  const sliver = (keep: (i: number) => boolean, from: number, to: number, step: 1 | -1): number => {
    let end = from;
    while (end !== to && keep(end)) end += step;
    if (Math.abs(end - from) > thin || end === to) return from;
    let next = end;
    while (next !== to && !keep(next)) next += step;
    return next === to ? from : next;
  };
  top = sliver(keepRow, top, bottom, 1);
  bottom = sliver(keepRow, bottom, top, -1);
  left = sliver(keepCol, left, right, 1);
  right = sliver(keepCol, right, left, -1);
  let ink = 0;
  for (let i = top; i <= bottom; i++) if (keepRow(i)) ink += rowInk[i];
  // specks of noise are no character: a full stop at the smallest type has about this much ink
  if (ink < Math.max(6, 0.8 * scale * scale) || bottom - top < 0.03 * scale * 72 * 0.05) return null;
  return { x0: x0 + left, y0: y0 + top, x1: x0 + right + 1, y1: y0 + bottom + 1 };
}

/** A piece of the picture with a margin of paper around it (what one cell is read from). */
export function crop(img: GrayImage, box: PixelBox, margin: number, paper: number): GrayImage {
  const width = box.x1 - box.x0 + 2 * margin;
  const height = box.y1 - box.y0 + 2 * margin;
  const data = new Uint8Array(width * height).fill(paper);
  for (let y = box.y0; y < box.y1; y++) {
    const row = (y - box.y0 + margin) * width + margin;
    data.set(img.data.subarray(y * img.width + box.x0, y * img.width + box.x1), row);
  }
  return { width, height, data };
}

/** The grey between ink and paper that separates them best (Otsu's threshold). */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]]++;
  const n = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumBelow = 0;
  let below = 0;
  let best = -1;
  let threshold = 128;
  for (let i = 0; i < 256; i++) {
    below += hist[i];
    if (!below) continue;
    const above = n - below;
    if (!above) break;
    sumBelow += i * hist[i];
    const between = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2;
    if (between > best) (best = between), (threshold = i);
  }
  return threshold;
}

/** Black and white at the picture's own Otsu threshold (JPEG ringing and scan noise gone). */
export function binarize(img: GrayImage): GrayImage {
  const t = otsuThreshold(img);
  return { ...img, data: img.data.map((v) => (v <= t ? 0 : 255)) };
}

/** The picture resized by `factor` (bilinear). */
export function resize(img: GrayImage, factor: number): GrayImage {
  const width = Math.max(1, Math.round(img.width * factor));
  const height = Math.max(1, Math.round(img.height * factor));
  const data = new Uint8Array(width * height);
  const at = (x: number, y: number) => img.data[Math.min(img.height - 1, y) * img.width + Math.min(img.width - 1, x)];
  for (let y = 0; y < height; y++) {
    const sy = Math.max(0, (y + 0.5) / factor - 0.5);
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.max(0, (x + 0.5) / factor - 0.5);
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data };
}

/**
 * One line of print scaled so its ink is `height` pixels tall, on white with a margin of 0.4 of
 * that: the LSTM reads digits best at about 24–30 pixels; at 45 (12-pt print at 300 dpi) it
 * takes a 3 for an 8 and drops a lone 1.
 */
export function normalizeHeight(img: GrayImage, height: number): GrayImage {
  const t = otsuThreshold(img);
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++)
      if (img.data[y * img.width + x] <= t) (x0 = Math.min(x0, x)), (x1 = Math.max(x1, x)), (y0 = Math.min(y0, y)), (y1 = Math.max(y1, y));
  if (x1 < 0) return img;
  const ink = resize(crop(img, { x0, y0, x1: x1 + 1, y1: y1 + 1 }, 0, 255), height / (y1 - y0 + 1));
  return crop(ink, { x0: 0, y0: 0, x1: ink.width, y1: ink.height }, Math.round(height * 0.4), 255);
}

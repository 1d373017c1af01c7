/**
 * Where a report page's pictures are: the <img> addresses of a page, in page order, each once,
 * resolved against the page's address — what the CLI reads beside a saved page, and what an
 * extension page would fetch for a page whose tables are pictures. Browser-safe; data: pictures
 * and other schemes than the page's own are left out (a picture of a table is a file).
 */
import { Parser } from 'htmlparser2';

export const MAX_PICTURES = 20;

/** The page's picture addresses resolved against `base` (a file: or http(s): URL), at most MAX_PICTURES. */
export function pictureAddresses(html: string, base: string): string[] {
  const baseUrl = new URL(base);
  const out: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name !== 'img' || out.length >= MAX_PICTURES) return;
      const src = (attribs.src ?? '').trim();
      if (!src) return;
      let url: URL;
      try {
        url = new URL(src, baseUrl);
      } catch {
        return;
      }
      // only the page's own kind of address: no data:, no network address for a file on disk
      if (url.protocol !== baseUrl.protocol || (url.protocol === 'file:' && url.host)) return;
      url.hash = '';
      if (url.protocol === 'file:') url.search = '';
      if (!out.includes(url.href)) out.push(url.href);
    },
  });
  parser.end(html.slice(0, 5_000_000));
  return out;
}

/** A picture smaller than this on either side (an icon, a logo, a stamp) holds no table. */
export const MIN_TABLE_PICTURE_SIDE = 200;
/** Pixels a picture may have at most to be read (a bound on what is decoded and OCR'd). */
export const MAX_PICTURE_PIXELS = 40_000_000;

/** Whether a decoded picture of this size is read for tables. */
export const readablePicture = (width: number, height: number) => Math.min(width, height) >= MIN_TABLE_PICTURE_SIDE && width * height <= MAX_PICTURE_PIXELS;

/** A picture of a table is about a page wide (595 pt): its pixels per page unit, from its width. */
export const pictureScale = (width: number) => Math.max(1, Math.min(6, width / 595));

import { readablePicture } from './pictures';

/**
 * A PNG's or JPEG's size in pixels, read from its header before anything is decoded — and only when
 * the header is whole up to the start of the image data. A small file may declare a picture of
 * billions of pixels (a decompression bomb), and the decoder (@napi-rs/canvas, Skia) crashed the
 * whole process on a file cut inside its header (a 12-byte JPEG or a PNG cut before its first IDAT:
 * a segmentation fault, not an exception). Data cut after that start decodes, partly blank.
 * Browser-safe.
 */
export function pictureSize(bytes: Uint8Array): { width: number; height: number } | null {
  const n = bytes.length;
  const at = (i: number) => bytes[i] ?? 0;
  const u16 = (i: number) => (at(i) << 8) | at(i + 1);
  const u32 = (i: number) => ((at(i) << 24) >>> 0) + ((at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3));
  const type = (i: number) => String.fromCharCode(at(i), at(i + 1), at(i + 2), at(i + 3));
  // PNG: the signature, IHDR first, then chunks up to the first IDAT, each whole
  if (n >= 8 && at(0) === 0x89 && type(0) === '\x89PNG' && at(4) === 0x0d && at(5) === 0x0a && at(6) === 0x1a && at(7) === 0x0a) {
    if (type(12) !== 'IHDR' || u32(8) !== 13) return null;
    const size = { width: u32(16), height: u32(20) };
    for (let i = 8, guard = 0; guard < 10_000; guard++) {
      if (i + 8 > n) return null;
      const length = u32(i);
      if (type(i + 4) === 'IDAT') return length > 0 && i + 8 < n ? size : null;
      if (type(i + 4) === 'IEND') return null;
      i += 12 + length; // length, type, data, CRC
    }
    return null;
  }
  // JPEG: markers up to the first start of scan, after a start of frame (SOF0–SOF15 but DHT, JPG, DAC)
  if (n >= 4 && at(0) === 0xff && at(1) === 0xd8) {
    let size: { width: number; height: number } | null = null;
    for (let i = 2, guard = 0; guard < 10_000; guard++) {
      if (i + 4 > n || at(i) !== 0xff) return null;
      const marker = at(i + 1);
      if (marker === 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      if (marker === 0xd8 || marker === 0xd9) return null;
      const length = u16(i + 2);
      if (length < 2 || i + 2 + length > n) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        if (length < 8) return null;
        size = { width: u16(i + 7), height: u16(i + 5) };
      }
      if (marker === 0xda) return size && i + 2 + length < n ? size : null;
      i += 2 + length;
    }
  }
  return null;
}

/** The picture format the bytes start with (JPEG, PNG, GIF, BMP, TIFF, WebP), or null. */
export function pictureKind(bytes: Uint8Array): string | null {
  // Byte by byte: a 'latin1' TextDecoder is windows-1252 in browsers (0x89 becomes ‰), ISO-8859-1 in Node.
  const head = String.fromCharCode(...bytes.subarray(0, 12));
  if (head.startsWith('\xff\xd8\xff')) return 'JPEG';
  if (head.startsWith('\x89PNG')) return 'PNG';
  if (head.startsWith('GIF8')) return 'GIF';
  if (head.startsWith('BM') && bytes.length > 26 && bytes[14] >= 12 && bytes[15] === 0) return 'BMP';
  if (head.startsWith('II*\x00') || head.startsWith('MM\x00*')) return 'TIFF';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'WebP';
  return null;
}

/** The picture formats OCR reads as a one-page scan (what scanners, phones and screenshots save); others are named. */
export const OCR_PICTURE_KINDS: ReadonlySet<string> = new Set(['PNG', 'JPEG']);

/** Said of a picture that does not decode whole (its header cut, or its data not a picture). */
export const PICTURE_UNDECODABLE = '图片不完整或无法解码 — the picture is cut short or cannot be decoded';

/**
 * Why a PNG or JPEG is not given to a decoder, in one bilingual line, or null: its header must be
 * whole and its size within the bounds of a picture of tables (readablePicture).
 */
export function pictureProblem(bytes: Uint8Array): { code: 'broken' | 'too-large'; message: string } | null {
  const size = pictureSize(bytes);
  if (!size) return { code: 'broken', message: PICTURE_UNDECODABLE };
  if (!readablePicture(size.width, size.height)) {
    return { code: 'too-large', message: `图片 ${size.width}×${size.height} 像素，过小或过大，未识读 — a ${size.width}×${size.height} picture: too small or too large to read` };
  }
  return null;
}

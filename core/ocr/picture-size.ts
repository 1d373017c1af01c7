/**
 * A PNG's or JPEG's size in pixels, read from its header before anything is decoded: a file of a
 * few kilobytes may declare a picture of billions of pixels (a decompression bomb), and decoding
 * it first would allocate them. Browser-safe.
 */
export function pictureSize(bytes: Uint8Array): { width: number; height: number } | null {
  const at = (i: number) => bytes[i] ?? 0;
  const u16 = (i: number) => (at(i) << 8) | at(i + 1);
  const u32 = (i: number) => ((at(i) << 24) >>> 0) + ((at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3));
  // PNG: the signature, then the IHDR chunk's width and height
  if (bytes.length >= 24 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47 && String.fromCharCode(at(12), at(13), at(14), at(15)) === 'IHDR')
    return { width: u32(16), height: u32(20) };
  // JPEG: walk the markers to the first start of frame (SOF0–SOF15, except DHT, JPG and DAC)
  if (at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    for (let guard = 0; i + 9 < bytes.length && guard < 10_000; guard++) {
      if (at(i) !== 0xff) return null;
      const marker = at(i + 1);
      if (marker === 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: u16(i + 7), height: u16(i + 5) };
      if (marker === 0xd9 || marker === 0xda) return null; // end of image, or the scan before any frame
      i += 2 + u16(i + 2);
    }
  }
  return null;
}

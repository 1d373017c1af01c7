/** Telling Word files by their first bytes (cheap, no parser loaded). */

/** A zip: PK\x03\x04 (or an empty zip's PK\x05\x06) — a .docx, or another zip. */
export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): a .doc, an encrypted .docx, or .xls/.ppt. */
export function isOleBytes(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

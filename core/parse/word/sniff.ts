/** Telling Word files by their first bytes (cheap, no parser loaded), and the documents that only look like them. */
import type { OtherDocument } from './errors';

/** A zip: PK\x03\x04 (or an empty zip's PK\x05\x06) — a .docx, or another zip. */
export function isZipBytes(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file (D0 CF 11 E0 A1 B1 1A E1): a .doc, an encrypted .docx, or .xls/.ppt. */
export function isOleBytes(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

/** A zip entry that tells what else the zip is: an OFD, an OpenDocument text, a workbook, a presentation. */
export function otherDocumentEntry(name: string): OtherDocument | undefined {
  if (/^(?:[^/]+\/)?OFD\.xml$/i.test(name)) return 'ofd';
  if (name === 'xl/workbook.xml') return 'spreadsheet';
  if (name === 'ppt/presentation.xml') return 'presentation';
  if (name === 'content.xml') return 'odt';
  return undefined;
}

/** An OLE file's streams that tell it is an Excel workbook or a PowerPoint presentation (not a .doc). */
export function otherDocumentStreams(names: readonly string[]): OtherDocument | undefined {
  if (names.some((n) => n === 'Workbook' || n === 'Book')) return 'spreadsheet';
  if (names.includes('PowerPoint Document')) return 'presentation';
  return undefined;
}

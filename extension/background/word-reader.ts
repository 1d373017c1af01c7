/**
 * Word reports for the collector: a .docx or .doc that a list links, or that a report page attaches,
 * read in the service worker itself by the core's Word readers (core/parse/word/read.ts, the code the
 * CLI and the report page use). They are browser-safe and need neither a document nor a worker, so
 * no offscreen document is opened for them and Firefox's collector reads them too. The bytes come
 * through the collector's own fetch (its byte cap, timeout, no redirect, no cookies); the readers
 * bound the rest (zip entries, inflated size, pieces, cells, nesting) and stop at WORD_READ_MS.
 */
import type { Report } from '../../core/model/schema';
import { readWordDocument } from '../../core/parse/word/read';
import { WordReadError } from '../../core/parse/word/errors';
import { isOleBytes, isZipBytes } from '../../core/parse/word/sniff';

/**
 * The longest a Word file is read in the service worker (the download has the collector's own
 * timeout). The largest document part the reader takes (30 MB of XML) read in 8.7 s on this
 * project's shared machine under load; a report reads in well under a second.
 */
export const WORD_READ_MS = 30_000;

/** Media types servers give Word files. */
const WORD_TYPE = /msword|wordprocessingml|ms-word/;
/** A Word file by its address: .docx or .doc at the end of the path. */
export const endsInWord = (url: string): boolean => /\.docx?$/i.test(new URL(url).pathname);

/**
 * Is this response a Word file? Its first bytes (a zip or an OLE file), or what the server or the
 * address says it is — then a file that is no Word document gets its own line, not "not a page".
 * A `.doc` that is a page saved as HTML is a page: read as one.
 */
export function isWordResponse(bytes: Uint8Array, type: string, url: string): boolean {
  if (isZipBytes(bytes) || isOleBytes(bytes)) return true;
  if (type.includes('html') || type.startsWith('text/')) return false;
  // Many portals send any download as octet-stream (or nothing): then the address decides.
  return WORD_TYPE.test(type) || ((!type || type.includes('octet-stream')) && endsInWord(url));
}

/** The report in a .docx or .doc, or an Error whose message is one bilingual line naming the file. */
export function readWordBytes(bytes: Uint8Array, src: string): Report {
  try {
    return readWordDocument(bytes, { source: src, deadline: Date.now() + WORD_READ_MS }).report;
  } catch (err) {
    const line = err instanceof WordReadError ? err.message : new WordReadError('broken').message;
    throw new Error(`${line}: ${src.slice(0, 300)}`);
  }
}

/**
 * A Word file by its first bytes: a zip is read as a .docx, an OLE compound file as a .doc (or
 * named encrypted, when it holds an encrypted .docx). The one entry the CLI (core/node/word.ts)
 * and the extension's report page (extension/app/word/view.ts) share. Browser-safe.
 */
import type { Report } from '../../model/schema';
import type { DomNode } from '../dom';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { WordReadError, type WordReadOptions } from './errors';
import { isOleBytes, isZipBytes } from './sniff';

/** A .docx or .doc → Report and the tree it was read from; throws WordReadError (one bilingual line). */
export function readWordDocument(bytes: Uint8Array, opts: WordReadOptions = {}): { report: Report; root: DomNode } {
  if (isZipBytes(bytes)) return readDocx(bytes, opts);
  if (isOleBytes(bytes)) return readDoc(bytes, opts);
  throw new WordReadError('not-word');
}

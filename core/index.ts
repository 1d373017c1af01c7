/**
 * Nianbao Lens core — browser-safe: nothing here touches the file system or the network.
 * Node-only helpers (reading files, GBK decoding, the CLI) live in core/node and core/cli.
 */
export * from './model/keys';
export * from './model/schema';
export { parseHtml, parseDom, type DomNode } from './parse/html';
export { parseText } from './parse/text';
export { buildReport, detectFormat } from './parse/build';
export { parseValue, compact, collapse } from './parse/normalize';
export { parsePdf, isPdfBytes, PdfReadError, type PdfParseOptions, type PdfProblem } from './parse/pdf/index';
export { parseDocx } from './parse/word/docx';
export { parseDocStream } from './parse/word/doc-stream';
export { WordReadError, type WordProblem } from './parse/word/errors';
export { isZipBytes, isOleBytes } from './parse/word/sniff';
export { RULES, ruleById, type Rule, type CheckOptions } from './rules/index';
export { checkReport } from './check/index';
export * from './export/index';

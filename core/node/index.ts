/**
 * Nianbao Lens for Node (`nianbao-lens/node`): reading reports from files, directories, URLs and
 * standard input — decoding (GBK included), choosing the reader by content, PDFs through pdf.js
 * (loaded only for a PDF), Word files (.docx read from its XML, .doc from its OLE streams, both browser-safe).
 * The browser-safe core is `nianbao-lens` (core/index.ts).
 */
export { readReportFile, reportFromBytes, readRegularFile, decodeBytes, parseDecoded, looksLikeHtml, isPdfBytes, InputError, MAX_FILE_BYTES, type InputErrorKind, type BytesHints } from './read';
export { expandInputs, readInput, readArgument, readStdin, isSkip, STDIN_NAME, WALK_EXT, type Input, type Expanded, type Skipped, type ExpandOptions, type ReadOptions } from './input';
export { fetchCapped, DownloadError, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type FetchCappedOptions, type Fetched } from './fetch';
export { parsePdfFile, pdfjsAssets } from './pdf';
export { parseWordFile } from './word';

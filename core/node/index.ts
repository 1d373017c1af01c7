/**
 * Nianbao Lens for Node (`nianbao-lens/node`): reading report files and pages — decoding (GBK
 * included), choosing the parser by content, PDFs through pdf.js. The browser-safe core is
 * `nianbao-lens` (core/index.ts).
 */
export { readReportFile, decodeBytes, parseDecoded, looksLikeHtml, InputError } from './read';
export { parsePdfFile } from './pdf';

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
export { parseDoc } from './parse/word/doc';
export { parseDocStream } from './parse/word/doc-stream';
export { WordReadError, type WordProblem } from './parse/word/errors';
export { isZipBytes, isOleBytes } from './parse/word/sniff';
export { RULES, ruleById, type Rule, type CheckOptions } from './rules/index';
export { checkReport } from './check/index';
export * from './export/index';
// The reviewer's desk: score reports against an indicator sheet (a rule pack), ratios, evidence.
export { Pack, parsePack, packMax, packJsonSchemaText, type PackInput, type PackResult } from './score/pack';
export { shippedPacks, shippedPack, DEFAULT_PACK } from './score/packs/index';
export { scoreBatch, type ReportScore, type ScoreItem, type Deduction } from './score/score';
export { ratiosOf, pooledRatios, ratioText, RATIO_KEYS, RATIO_TITLES, MIN_SAMPLE, type Ratio, type Ratios, type RatioKey } from './score/ratios';
export { scoreCsv, scoreXlsx, scoreRows, SCORE_COLUMNS } from './score/table';
export { evidencePack, type EvidenceFile } from './score/html';

/** Why a Word file could not be read: one line each, Chinese first. */
export type WordProblem = 'encrypted' | 'broken' | 'too-large' | 'too-slow' | 'not-word';

export const WORD_MESSAGES: Record<WordProblem, string> = {
  encrypted: 'Word 文档已加密（需要密码），无法读取 — the Word document is encrypted (password protected): cannot be read',
  broken: 'Word 文档已损坏或不完整，无法读取 — the Word document is broken or incomplete: cannot be read',
  'too-large': 'Word 文档超出上限（压缩包条目过多或解压后过大，可能是压缩炸弹；或 .doc 文件过大、文本片段过多），未读取 — the Word document exceeds the limits (too many zip entries or too large uncompressed, a zip bomb?; or a .doc too large or in too many pieces): not read',
  'too-slow': 'Word 文档读取超过时限，已停止（文件过大或过于复杂） — reading the Word document took too long: stopped (too large or too complex)',
  'not-word': '不是 Word 文档（.docx 中没有 word/document.xml，或 .doc 不是 Word 97–2003 文件） — not a Word document (no word/document.xml in the .docx, or the .doc is no Word 97–2003 file)',
};

/**
 * Documents that come in a zip or an OLE file like Word's but are something else: what each is,
 * said in one line (code 'not-word'), instead of "not a Word document". An OFD (China's
 * fixed-layout format, in which some offices publish) or an OpenDocument text may well be a report
 * (read: exit as unreadable); a spreadsheet or a presentation is no report.
 */
export type OtherDocument = 'ofd' | 'odt' | 'spreadsheet' | 'presentation';

export const OTHER_DOCUMENT_MESSAGES: Record<OtherDocument, string> = {
  ofd: 'OFD 版式文件（GB/T 33190），暂不能读取：请用 OFD 阅读器另存为 PDF 后再读 — an OFD document (China\'s fixed-layout format, GB/T 33190): not read; save it as PDF with an OFD reader',
  odt: 'OpenDocument 文档（.odt 等），暂不能读取：请另存为 .docx 或 PDF 后再读 — an OpenDocument file (.odt or the like): not read; save it as .docx or PDF',
  spreadsheet: 'Excel 等电子表格，不是年度报告文档 — a spreadsheet (Excel or the like), not a report document',
  presentation: 'PowerPoint 等演示文稿，不是年度报告文档 — a presentation (PowerPoint or the like), not a report document',
};

/** The other documents that may hold a report (not read: unreadable), unlike a spreadsheet or a presentation (no report). */
export const MAY_HOLD_REPORT: ReadonlySet<OtherDocument> = new Set<OtherDocument>(['ofd', 'odt']);

export class WordReadError extends Error {
  constructor(
    readonly code: WordProblem,
    /** What exactly hit the limit or broke, for tests and logs (not shown to users). */
    readonly detail?: string,
    /** For 'not-word': what the file is instead, when it can be told. */
    readonly other?: OtherDocument,
  ) {
    super(other ? OTHER_DOCUMENT_MESSAGES[other] : WORD_MESSAGES[code]);
    this.name = 'WordReadError';
  }
}

export interface WordReadOptions {
  source?: string | null;
  /** Date.now() after which reading stops with 'too-slow' (the extension's collector reads in its service worker). */
  deadline?: number;
}

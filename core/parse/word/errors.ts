/** Why a Word file could not be read: one line each, Chinese first. */
export type WordProblem = 'encrypted' | 'broken' | 'too-large' | 'too-slow' | 'not-word';

export const WORD_MESSAGES: Record<WordProblem, string> = {
  encrypted: 'Word 文档已加密（需要密码），无法读取 — the Word document is encrypted (password protected): cannot be read',
  broken: 'Word 文档已损坏或不完整，无法读取 — the Word document is broken or incomplete: cannot be read',
  'too-large': 'Word 文档超出上限（压缩包条目过多或解压后过大，可能是压缩炸弹；或 .doc 文件过大、文本片段过多），未读取 — the Word document exceeds the limits (too many zip entries or too large uncompressed, a zip bomb?; or a .doc too large or in too many pieces): not read',
  'too-slow': 'Word 文档读取超过时限，已停止（文件过大或过于复杂） — reading the Word document took too long: stopped (too large or too complex)',
  'not-word': '不是 Word 文档（.docx 中没有 word/document.xml，或 .doc 不是 Word 97–2003 文件） — not a Word document (no word/document.xml in the .docx, or the .doc is no Word 97–2003 file)',
};

export class WordReadError extends Error {
  constructor(
    readonly code: WordProblem,
    /** What exactly hit the limit or broke, for tests and logs (not shown to users). */
    readonly detail?: string,
  ) {
    super(WORD_MESSAGES[code]);
    this.name = 'WordReadError';
  }
}

export interface WordReadOptions {
  source?: string | null;
  /** Date.now() after which reading stops with 'too-slow' (the extension's collector reads in its service worker). */
  deadline?: number;
}

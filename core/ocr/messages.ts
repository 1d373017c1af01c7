/** OCR's own lines, where a light module needs them (the CLI's entry loads no OCR code before it reads). Browser-safe. */

/** Said when OCR read no table: not what the PDF reader says of a text layer (扫描件… / 文字层…), which OCR has replaced. */
export const OCR_NO_TABLE = 'OCR 未能读出数据表 — OCR found no data table';

/**
 * The report model. These zod schemas are the one source of the TypeScript types and of the
 * published JSON Schema (schema/report.schema.json).
 */
import { z } from 'zod';
import { KEY_LISTS, REPORT_FORMATS, SECTION_KEYS } from './keys';

/** Where a value came from, so that a view can point at that very cell. */
export const HtmlCellSource = z
  .object({
    kind: z.literal('html'),
    table: z.number().int().describe('index of the <table> element among all tables of the page, in document order'),
    row: z.number().int().describe("index of the <tr> among the table's own rows, in document order"),
    cell: z.number().int().describe('index of the <td>/<th> within that <tr>'),
    gridRow: z.number().int().describe('row in the table grid with rowspan/colspan expanded'),
    gridCol: z.number().int().describe('start column in the expanded grid'),
  })
  .describe('a cell of an HTML table');
export const TextCellSource = z
  .object({
    kind: z.literal('text'),
    line: z.number().int().describe('1-based line of the text file'),
    index: z.number().int().describe('0-based position of the value among the numbers of that line'),
  })
  .describe('a number on a line of text extracted from a PDF');
export const PdfCellSource = z
  .object({
    kind: z.literal('pdf'),
    page: z.number().int().describe('1-based page number'),
    x: z.number().describe("left edge of the cell's box, PDF units at scale 1, from the page's left edge"),
    y: z.number().describe("top edge of the cell's box, PDF units at scale 1, from the page's top edge (y grows downward)"),
    width: z.number().describe('width of the box, PDF units'),
    height: z.number().describe('height of the box, PDF units'),
  })
  .describe(
    'a cell of a table in a PDF: its box on the page as pdf.js shows it at scale 1 (page rotation applied, origin top-left, y downward) — the ruled cell where the table has rules, else the printed number',
  );
export const CellSource = z.discriminatedUnion('kind', [HtmlCellSource, TextCellSource, PdfCellSource]);

export const UnsureWhy = z
  .enum(['placed', 'wrapped-digits', 'cut'])
  .describe(
    'placed: PDF text printing only some cells of a row, its values placed by column position; wrapped-digits: full-width digits broken inside a narrow cell, the text not saying which number each piece ends; cut: the last cell read before a table is cut at its right side, or a cell at the page\'s side where the table runs off the page',
  );
export type UnsureWhy = z.infer<typeof UnsureWhy>;

export const Cell = z
  .object({
    value: z.number().nullable().describe('the number, money in 万元; null when blank or not a number (/, 无)'),
    raw: z.string().describe('the text as printed, whitespace collapsed; empty for a blank cell'),
    blank: z.boolean().describe('true when nothing at all is printed in the cell'),
    note: z.string().optional().describe('text printed beside the number, e.g. （其中修订 16 件）'),
    source: CellSource.optional(),
    confidence: z.number().min(0).max(1).optional().describe('OCR only: how sure the reading of this cell is, 0 … 1'),
    unsure: z
      .boolean()
      .optional()
      .describe(
        "读不准 — the reading, not the office, may be wrong: OCR read it without confidence and the report's sums do not close, or a reader was not sure of it (unsureWhy)",
      ),
    unsureWhy: UnsureWhy.optional().describe('why a reader (not OCR) was unsure of the cell; absent for OCR, whose confidence says it'),
  })
  .describe('one cell of a data table');

const rowsOf = <R extends [string, ...string[]], C extends [string, ...string[]]>(rows: R, cols: C) =>
  z.partialRecord(z.enum(rows), z.partialRecord(z.enum(cols), Cell));

export const Table2 = rowsOf(KEY_LISTS.t2Rows, KEY_LISTS.t2Columns).describe('主动公开政府信息情况');
export const Table3 = rowsOf(KEY_LISTS.t3Rows, KEY_LISTS.t3Columns).describe('收到和处理政府信息公开申请情况');
export const Table4 = rowsOf(KEY_LISTS.t4Groups, KEY_LISTS.t4Columns).describe('政府信息公开行政复议、行政诉讼情况');

export const Format = z.enum(REPORT_FORMATS);
export const SectionKeySchema = z.enum(SECTION_KEYS);

export const Section = z.object({
  key: SectionKeySchema,
  heading: z.string().describe('the heading as printed'),
  text: z.string().describe('the narrative text of the section, tables left out'),
});

export const Diagnostic = z.object({
  level: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string().describe('what could not be read, in Chinese and English'),
});

export const Meta = z.object({
  agency: z.string().nullable().describe('the reporting body as printed'),
  year: z.number().int().nullable().describe('the report year'),
  format: Format.nullable().describe('2019, 2021, or hybrid (2021 table 2 with the 2019 table 3); older: the layout before 2019, tables not read'),
  published: z.string().nullable().describe('publication date YYYY-MM-DD, as printed or in the page metadata'),
  title: z.string().nullable(),
  source: z.string().nullable().describe('source URL or file name'),
  period: z
    .object({ from: z.string(), to: z.string() })
    .nullable()
    .describe('统计期限 as stated, YYYY-MM-DD'),
  signedBy: z.string().nullable().describe('the closing signature'),
  signedOn: z.string().nullable().describe('the closing date, YYYY-MM-DD'),
  indexNo: z.string().nullable().describe('索引号'),
  publisher: z.string().nullable().describe('发布机构'),
  titleYear: z.number().int().nullable().describe('the year the title names'),
});

export const Report = z.object({
  meta: Meta,
  t2: Table2,
  t3: Table3,
  t4: Table4,
  sections: z.array(Section),
  /** The whole narrative (tables left out), kept for the narrative rules. */
  text: z.string(),
  diagnostics: z.array(Diagnostic),
});

export type CellSource = z.infer<typeof CellSource>;
export type Cell = z.infer<typeof Cell>;
export type Report = z.infer<typeof Report>;
export type ReportMeta = z.infer<typeof Meta>;
export type Section = z.infer<typeof Section>;
export type Diagnostic = z.infer<typeof Diagnostic>;
export type TableData = Record<string, Record<string, Cell> | undefined>;

export const Severity = z.enum(['error', 'warning', 'info']);
export const Suspect = z
  .object({
    table: z.enum(['t2', 't3', 't4']),
    row: z.string(),
    column: z.string(),
    printed: z.number().nullable().describe('the value as printed; null for a blank cell'),
    suggested: z.number().describe('the value that makes every equation of the report hold'),
    kind: z
      .enum(['value', 'split'])
      .describe('value: one wrong number; split: 拆格, a number split over two neighbouring cells (1 and 2 printed where 12 and 0 are meant)'),
    note: z.string().optional().describe('what kind of slip it looks like, in Chinese and English'),
  })
  .describe('a printed number that the smallest correction of the report changes');
export const ExpectedFrom = z.enum(['sum', 'last-year', 'carried', 'narrative', 'rule']);
export const Candidate = z
  .object({
    table: z.enum(['t2', 't3', 't4']),
    row: z.string(),
    column: z.string(),
    printed: z.number().nullable().describe('the value as printed; null for a blank cell or one with no number'),
  })
  .describe('a cell that may be the wrong one — one of several equally likely');
export const Issue = z.object({
  rule: z.string(),
  severity: Severity,
  table: z.enum(['t2', 't3', 't4']).nullable(),
  row: z.string().nullable(),
  column: z.string().nullable(),
  cells: z.array(z.object({ table: z.enum(['t2', 't3', 't4']), row: z.string(), column: z.string() })),
  expected: z
    .number()
    .nullable()
    .describe('what the located cell (table, row, column) should print according to expectedFrom — a claim of that source, not a verdict (see suspects); null when the issue has no located cell or no single such value'),
  actual: z
    .number()
    .nullable()
    .describe('what the located cell (table, row, column) prints, always read from the cell itself; null when the issue has no located cell or the cell prints no number (blank, "/", text)'),
  expectedFrom: ExpectedFrom.nullable()
    .default(null)
    .describe('where expected comes from: sum = the other printed cells of the table add up to it; last-year = last year\'s report; carried = last year\'s figure carried forward by this year\'s own changes; narrative = the report\'s own text states it; rule = the rule\'s own arithmetic; null when expected is null'),
  message: z.string().describe('Chinese'),
  messageEn: z.string(),
  suspects: z
    .array(Suspect)
    .default([])
    .describe('the cells whose correction explains this issue — the one smallest correction of every equation; [] when there is none or several'),
  suspectsNote: z
    .string()
    .optional()
    .describe('why no suspect is named although the issue is arithmetic: several equally small corrections, none small enough, or values the reader placed by column position'),
  share: z.number().min(0).max(1).optional().describe('narrative.copied: the share of the narrative repeated from last year\'s report, 0–1 (not a printed value)'),
  candidates: z
    .array(Candidate)
    .default([])
    .describe('when several equally small corrections exist (suspects is []): the cells of this issue that one of them changes — any may be the wrong one; no value is named'),
});
export type Severity = z.infer<typeof Severity>;
export type Issue = z.infer<typeof Issue>;
export type CellRef = Issue['cells'][number];
export type Suspect = z.infer<typeof Suspect>;
export type ExpectedFrom = z.infer<typeof ExpectedFrom>;
export type Candidate = z.infer<typeof Candidate>;

/**
 * A small XLSX (Office Open XML spreadsheet) writer: cells holding text or numbers, bold / centred /
 * wrapped / bordered cells, merged ranges, column widths and frozen panes — what our workbooks use,
 * nothing more. The parts are written as XML strings and zipped with fflate. Browser-safe, no Node
 * imports; about 10 KB where exceljs was a megabyte.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

export type XlsxValue = string | number | null;

export interface XlsxStyle {
  bold?: boolean;
  /** Centred across the cell (and vertically in the middle). */
  center?: boolean;
  /** Wrapped text (vertically in the middle). */
  wrap?: boolean;
  /** A thin border on all four sides. */
  border?: boolean;
}

interface XlsxCell {
  value: XlsxValue;
  style: XlsxStyle;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text as XML character data: escaped, and without the characters XML 1.0 cannot hold. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 1 → A, 27 → AA. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Column names made once each: every cell of a sheet names its column. */
const COLUMN_NAMES: string[] = [];
const columnOf = (col: number) => (COLUMN_NAMES[col] ??= columnName(col));
const ref = (row: number, col: number) => `${columnOf(col)}${row}`;

export class XlsxSheet {
  readonly rows = new Map<number, Map<number, XlsxCell>>();
  readonly merges: string[] = [];
  readonly widths = new Map<number, number>();
  frozen: { columns: number; rows: number } | null = null;
  private lastRow = 0;
  /** Rows up to this one have been written out (a streamed sheet, ./xlsx-stream) and are no longer held. */
  private writtenThrough = 0;

  constructor(readonly name: string) {}

  private cell(row: number, col: number): XlsxCell {
    if (row <= this.writtenThrough) throw new Error(`row ${row} of ${this.name} is written already`);
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = new Map()));
    let c = r.get(col);
    if (!c) r.set(col, (c = { value: null, style: {} }));
    this.lastRow = Math.max(this.lastRow, row);
    return c;
  }

  /** Put a value (and its style) in a cell, 1-based. */
  set(row: number, col: number, value: XlsxValue, style: XlsxStyle = {}): void {
    const c = this.cell(row, col);
    c.value = value;
    c.style = style;
  }

  /** Style a cell without changing its value (the border of a merged range's hidden cells). */
  style(row: number, col: number, style: XlsxStyle): void {
    const c = this.cell(row, col);
    c.style = { ...c.style, ...style };
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push(`${ref(top, left)}:${ref(bottom, right)}`);
  }

  /** A row after the last one written, values from column 1. */
  addRow(values: readonly XlsxValue[], style: XlsxStyle = {}): number {
    const row = this.lastRow + 1;
    values.forEach((v, i) => {
      if (v !== null && v !== '') this.set(row, i + 1, v, style);
    });
    this.lastRow = row;
    return row;
  }

  /** Let go of the rows held, once written out (./xlsx-stream): they may not be set again. */
  release(): void {
    this.writtenThrough = this.lastRow;
    this.rows.clear();
  }

  width(col: number, width: number): void {
    this.widths.set(col, width);
  }

  /** Keep the first `columns` columns and `rows` rows in view when scrolling. */
  freeze(columns: number, rows: number): void {
    this.frozen = { columns, rows };
  }
}

/** The workbook's styles: each distinct combination of flags gets a cell format (xf). */
export class Styles {
  /** The xf of each combination of the four flags (as bits), in the order first used. */
  private readonly keys: number[] = [0];
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];

  index(s: XlsxStyle): number {
    const key = (s.bold ? 1 : 0) | (s.center ? 2 : 0) | (s.wrap ? 4 : 0) | (s.border ? 8 : 0);
    let i = this.keys[key];
    if (i !== undefined) return i;
    const align = s.center || s.wrap ? `<alignment vertical="center"${s.center ? ' horizontal="center"' : ''}${s.wrap ? ' wrapText="1"' : ''}/>` : '';
    const attrs = `numFmtId="0" fontId="${s.bold ? 1 : 0}" fillId="0" borderId="${s.border ? 1 : 0}" xfId="0"${s.bold ? ' applyFont="1"' : ''}${s.border ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    this.xfs.push(align ? `<xf ${attrs}>${align}</xf>` : `<xf ${attrs}/>`);
    i = this.xfs.length - 1;
    this.keys[key] = i;
    return i;
  }

  xml(): string {
    const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
    const thin = '<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom>';
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Shared strings: each distinct text once. */
export class Strings {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(text: string): number {
    this.count++;
    let i = this.ids.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.ids.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((t) => `<si><t${/^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : ''}>${xmlText(t)}</t></si>`).join('');
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

/** A sheet's XML up to its rows: views (frozen panes) and column widths, which must be known by then. */
export function sheetHead(sheet: XlsxSheet): string {
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  const f = sheet.frozen;
  if (f && (f.columns > 0 || f.rows > 0)) {
    const pane = f.columns && f.rows ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight';
    const split = `${f.columns ? ` xSplit="${f.columns}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''}`;
    parts.push(`<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${ref(f.rows + 1, f.columns + 1)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`);
  } else {
    parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths.size) {
    const cols = [...sheet.widths].sort((a, b) => a[0] - b[0]).map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`);
    parts.push(`<cols>${cols.join('')}</cols>`);
  }
  parts.push('<sheetData>');
  return parts.join('');
}

/**
 * The XML of the rows the sheet holds, in order. Gathered in an array and joined: a string grown
 * by `+=` is a rope of a piece per cell, which the encoder must first flatten (issue 22: that cost
 * more than encoding it).
 */
export function rowsXml(sheet: XlsxSheet, styles: Styles, strings: Strings): string {
  const xml: string[] = [];
  const byOrder = (a: number, b: number) => a - b;
  for (const r of [...sheet.rows.keys()].sort(byOrder)) {
    const cells = sheet.rows.get(r)!;
    xml.push(`<row r="${r}">`);
    for (const c of [...cells.keys()].sort(byOrder)) {
      const { value, style } = cells.get(c)!;
      const s = styles.index(style);
      const sAttr = s ? ` s="${s}"` : '';
      if (typeof value === 'number' && Number.isFinite(value)) xml.push(`<c r="${ref(r, c)}"${sAttr}><v>${value}</v></c>`);
      else if (typeof value === 'string' && value !== '') xml.push(`<c r="${ref(r, c)}"${sAttr} t="s"><v>${strings.id(value)}</v></c>`);
      else if (s) xml.push(`<c r="${ref(r, c)}"${sAttr}/>`);
    }
    xml.push('</row>');
  }
  return xml.join('');
}

/** A sheet's XML after its rows: the merged ranges. */
export function sheetTail(sheet: XlsxSheet): string {
  const merges = sheet.merges.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  return `</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** The package's other parts (content types, relationships, properties, workbook, styles, strings), once every sheet is written. */
export function packageParts(sheetNames: readonly string[], creator: string, styles: Styles, strings: Strings): [path: string, xml: string][] {
  const n = sheetNames.length;
  const sheetIds = sheetNames.map((_, i) => i + 1);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetIds.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '</Relationships>',
    ],
    [
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    ],
    ['docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Nianbao Lens</Application></Properties>`],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
        sheetNames.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        sheetIds.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', styles.xml()],
    ['xl/sharedStrings.xml', strings.xml()],
  ];
}

export class XlsxWorkbook {
  readonly sheets: XlsxSheet[] = [];
  creator = '';

  addWorksheet(name: string): XlsxSheet {
    const sheet = new XlsxSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  getWorksheet(name: string): XlsxSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** The workbook as the bytes of an .xlsx file (at once; ./xlsx-stream writes one as it goes). */
  toBytes(): Uint8Array {
    const styles = new Styles();
    const strings = new Strings();
    const files: Zippable = {};
    this.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetHead(s) + rowsXml(s, styles, strings) + sheetTail(s))));
    for (const [path, xml] of packageParts(this.sheets.map((s) => s.name), this.creator, styles, strings)) files[path] = strToU8(xml);
    return zipSync(files, { level: 6 });
  }
}

/**
 * Our own report pages saved as .docx the way Microsoft Word and WPS write them, trait by trait —
 * what LibreOffice (which made test/fixtures/word) rarely writes: runs in hyperlinks, smart tags
 * and content controls (also around whole tables, rows and cells), tracked changes (a deleted old
 * value beside the inserted new one, a deleted row), simple and complex fields, a table grid with
 * gridBefore/wBefore, vMerge continuations without a value, old-style hMerge, tcW widths,
 * non-breaking hyphens, tabs, line breaks in cells, symbols, unfilled content controls showing their prompt, text boxes in mc:AlternateContent
 * (the Fallback repeating the Choice), and page breaks between table parts. Built with fflate, the
 * zip we ship; the tests compare what the reader finds with the HTML of the same page.
 */
import { strToU8, zipSync } from 'fflate';
import { documentModel, gridSlots, type Block, type Cell, type Run } from './office-model';

export interface WordTraits {
  hyperlink?: boolean;
  smartTag?: boolean;
  /** Content controls around runs, cells, rows and whole tables. */
  sdt?: boolean;
  /** Each number typed over a deleted old value; one whole row deleted; merged cells' old properties in w:tcPrChange (all tracked). */
  trackedChanges?: boolean;
  /** Numbers as field results: w:fldSimple, or complex fields (fldChar/instrText) with a field nested in the code. */
  fields?: boolean;
  /** An extra narrow first grid column: every row but the first starts after it (gridBefore, wBefore); the first row's first cell spans it. */
  gridBefore?: boolean;
  /** Merged columns written as hMerge restart/continue cells instead of gridSpan. */
  hMerge?: boolean;
  /** tcW on every cell, tblW and tblLayout on every table. */
  widths?: boolean;
  /** '-' written as w:noBreakHyphen. */
  noBreakHyphen?: boolean;
  /** Spaces in paragraphs written as w:tab. */
  tabs?: boolean;
  /** A Wingdings check mark (w:sym) at the start of each narrative paragraph. */
  sym?: boolean;
  /** A text box (mc:AlternateContent: wps in the Choice, VML in the Fallback with the same text) in the first paragraph. */
  textBox?: string;
  /** Headings and labels numbered automatically (一、 （一） 1.): the number in word/numbering.xml, not in the text. */
  numbering?: boolean;
  /** Empty cells as unfilled content controls showing their prompt (w:showingPlcHdr). */
  placeholders?: boolean;
  /** A page break (its own paragraph) before every table after the first. */
  pageBreaks?: boolean;
  /** Hidden text (w:vanish): an old value hidden before each number, a hidden note after each paragraph's text; Word neither shows nor prints it. */
  hidden?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const NUMBER = /^\d+(\.\d+)?$/;

const NS =
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="w14"';

class Writer {
  private id = 1;
  private deletedRow = false;
  constructor(private t: WordTraits) {}

  private rpr = '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="28"/></w:rPr>';

  /** The runs of one piece of text, with the run-level traits. */
  private text(s: string, inTable: boolean): string {
    const t = this.t;
    const plain = (x: string) => {
      let body = esc(x);
      if (t.tabs && !inTable) body = body.replace(/ /g, '\u0001');
      if (t.noBreakHyphen) body = body.replace(/-/g, '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">');
      body = body.replace(/\u0001/g, '</w:t><w:tab/><w:t xml:space="preserve">');
      return `<w:r>${this.rpr}<w:t xml:space="preserve">${body}</w:t></w:r>`.replace(/<w:t xml:space="preserve"><\/w:t>/g, '');
    };
    const hiddenRun = (x: string) => `<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312"/><w:vanish/><w:sz w:val="28"/></w:rPr><w:t>${esc(x)}</w:t></w:r>`;
    if (!NUMBER.test(s)) {
      const r = plain(s) + (t.hidden && !inTable ? hiddenRun('（内部备注：待核 88 件）') : '');
      return t.smartTag && /\d/.test(s) ? `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"><w:smartTagPr><w:attr w:name="UnitName" w:val="年"/></w:smartTagPr>${r}</w:smartTag>` : r;
    }
    let r = (t.hidden ? hiddenRun(String(Number(s) + 40)) : '') + plain(s);
    if (t.fields) {
      const id = this.id++;
      r =
        id % 2
          ? `<w:fldSimple w:instr=" =SUM(LEFT) \\# &quot;0&quot; ">${r}</w:fldSimple>`
          : // A complex field, a field nested in its code with its own cached result (code, not text): { IF { =SUM(ABOVE) } > 0 … }
            `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${Number(s) + 900}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> &gt; 0 "${id}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    }
    if (t.trackedChanges) {
      const id = this.id++;
      r = `<w:del w:id="${id}" w:author="张三" w:date="2025-01-10T09:00:00Z"><w:r><w:delText>${Number(s) + 7}</w:delText></w:r></w:del><w:ins w:id="${id + 1}" w:author="张三" w:date="2025-01-10T09:00:00Z">${r}</w:ins>`;
      this.id++;
    }
    if (t.smartTag) r = `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"><w:smartTagPr><w:attr w:name="NumberType" w:val="1"/></w:smartTagPr>${r}</w:smartTag>`;
    if (t.sdt) r = this.sdt(r, 'sdtContent run');
    return r;
  }

  private sdt(inner: string, tag: string): string {
    const id = this.id++;
    return `<w:sdt><w:sdtPr><w:alias w:val="${tag}"/><w:tag w:val="${tag}"/><w:id w:val="${id}"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:text/></w:sdtPr><w:sdtEndPr/><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
  }

  private runs(runs: Run[], inTable: boolean): string {
    return runs.map((r) => (typeof r === 'string' ? this.text(r, inTable) : '<w:r><w:br/></w:r>')).join('');
  }

  /** Lists written so far: numId → abstract list and the start it restarts at. */
  readonly nums: { abstract: number; start: number }[] = [];
  private lists = new Map<number, { numId: number; next: number }>();

  /** The w:numPr for a paragraph opening with 一、 （一） or 1. (taken off its text), or ''. */
  private numbered(runs: Run[]): string {
    const first = runs[0];
    if (!this.t.numbering || typeof first !== 'string') return '';
    const m = /^([一二三四五六七八九十]+)、|^（([一二三四五六七八九十]+)）|^(\d+)\./.exec(first);
    if (!m) return '';
    const abstract = m[1] ? 0 : m[2] ? 1 : 2;
    const value = m[3] ? Number(m[3]) : chineseValue(m[1] ?? m[2]);
    let list = this.lists.get(abstract);
    if (!list || list.next !== value) {
      // A new list instance restarting at this number (as Word writes "restart numbering").
      this.nums.push({ abstract, start: value });
      this.lists.set(abstract, (list = { numId: this.nums.length, next: value }));
    }
    list.next++;
    runs[0] = first.slice(m[0].length);
    return `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${list.numId}"/></w:numPr>`;
  }

  paragraph(runs: Run[], inTable: boolean, first = false): string {
    runs = [...runs];
    const numPr = this.numbered(runs);
    let body = this.runs(runs, inTable);
    if (this.t.hyperlink && !inTable) body = `<w:hyperlink r:id="rId9" w:history="1">${body}</w:hyperlink>`;
    if (this.t.hyperlink && inTable) body = `<w:hyperlink w:anchor="_Toc1" w:history="1">${body}</w:hyperlink>`;
    if (this.t.sym && !inTable) body = `<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>${body}`;
    if (this.t.textBox && first) body = textBox(this.t.textBox) + body;
    const tabs = numPr ? '<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>' : '';
    return `<w:p><w:pPr><w:pStyle w:val="a5"/>${numPr}${tabs}<w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/>${this.rpr}</w:pPr>${body}</w:p>`;
  }

  blocks(blocks: Block[], inTable: boolean): string {
    let tables = 0;
    let first = !inTable;
    return blocks
      .map((b) => {
        if (b.kind === 'p') {
          const p = this.paragraph(b.runs, inTable, first);
          first = false;
          return p;
        }
        const pageBreak = this.t.pageBreaks && tables++ > 0 && !inTable ? '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' : '';
        return pageBreak + this.table(b.rows);
      })
      .join('');
  }

  private cellBody(cell: Cell): string {
    // An empty cell filled in through a content control nobody filled: it shows the control's prompt.
    if (this.t.placeholders && !cell.blocks.length)
      return `<w:sdt><w:sdtPr><w:id w:val="${this.id++}"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="a4"/></w:rPr><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>`;
    // A cell holds at least one paragraph (Word requires it, and ends a cell holding a table with one).
    const body = this.blocks(cell.blocks, true);
    return cell.blocks[cell.blocks.length - 1]?.kind === 'p' ? body : `${body}<w:p/>`;
  }

  table(rows: Cell[][]): string {
    const t = this.t;
    const { slots, width } = gridSlots(rows);
    const extra = t.gridBefore ? 1 : 0;
    const grid = `<w:tblGrid>${Array.from({ length: width + extra }, (_, i) => `<w:gridCol w:w="${i < extra ? 113 : 1100}"/>`).join('')}</w:tblGrid>`;
    const tblPr = `<w:tblPr><w:tblStyle w:val="a3"/>${t.widths ? '<w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>' : '<w:tblW w:w="0" w:type="auto"/>'}<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr>`;
    const out: string[] = [];
    slots.forEach((row, r) => {
      const trPr: string[] = ['<w:jc w:val="center"/>'];
      const before = extra && r > 0;
      if (before) trPr.unshift(`<w:gridBefore w:val="1"/><w:wBefore w:w="113" w:type="dxa"/>`);
      const cells = row.map((slot, i) => {
        const span = slot.span + (extra && r === 0 && i === 0 ? 1 : 0);
        const width = t.widths ? `<w:tcW w:w="${1100 * span}" w:type="dxa"/>` : '';
        const vMerge = slot.continues ? '<w:vMerge/>' : slot.cell.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : '';
        const body = slot.continues ? '<w:p/>' : this.cellBody(slot.cell);
        if (t.hMerge && span > 1) {
          // Old-style horizontal merge: the first cell restarts it, one continuing cell per further column.
          const first = `<w:tc><w:tcPr>${width}<w:hMerge w:val="restart"/>${vMerge}</w:tcPr>${body}</w:tc>`;
          const rest = Array.from({ length: span - 1 }, () => `<w:tc><w:tcPr>${width}<w:hMerge/>${vMerge}</w:tcPr><w:p/></w:tc>`).join('');
          return first + rest;
        }
        const gridSpan = span > 1 ? `<w:gridSpan w:val="${span}"/>` : '';
        // Tracked formatting: the cell's properties before the change (one column, no merge) kept beside the new ones.
        const changed = t.trackedChanges && (span > 1 || vMerge) ? `<w:tcPrChange w:id="${this.id++}" w:author="张三"><w:tcPr><w:tcW w:w="1100" w:type="dxa"/><w:gridSpan w:val="1"/><w:vMerge w:val="restart"/></w:tcPr></w:tcPrChange>` : '';
        const tc = `<w:tc><w:tcPr>${width}${gridSpan}${vMerge}<w:vAlign w:val="center"/>${changed}</w:tcPr>${body}</w:tc>`;
        return t.sdt && i === 0 ? this.sdt(tc, 'cell') : tc;
      });
      let tr = `<w:tr><w:trPr>${trPr.join('')}</w:trPr>${cells.join('')}</w:tr>`;
      if (t.sdt && r === 1) tr = this.sdt(tr, 'row');
      out.push(tr);
      if (t.trackedChanges && !this.deletedRow && r === 1) {
        // A row deleted with tracked changes on: still in the file, gone from the document.
        this.deletedRow = true;
        const del = (s: string) => `<w:tc><w:p><w:del w:id="${this.id++}" w:author="张三"><w:r><w:delText>${s}</w:delText></w:r></w:del></w:p></w:tc>`;
        out.push(`<w:tr><w:trPr><w:del w:id="${this.id++}" w:author="张三" w:date="2025-01-10T09:00:00Z"/></w:trPr>${row.map((s, i) => del(i === 0 ? '删除的行' : '9')).join('')}</w:tr>`);
      }
    });
    const table = `<w:tbl>${tblPr}${grid}${out.join('')}</w:tbl>`;
    return t.sdt ? this.sdt(table, 'table') : table;
  }
}

const chineseValue = (s: string) => {
  const d = (c: string) => '一二三四五六七八九'.indexOf(c) + 1;
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + d(s[1]);
  return s.includes('十') ? d(s[0]) * 10 + (s[2] ? d(s[2]) : 0) : d(s);
};

/** word/numbering.xml for the lists written: 一、 （一） 1. (Word's default suffix, a tab). */
function numberingXml(nums: { abstract: number; start: number }[]): string {
  const lvl = (fmt: string, text: string) => `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>`;
  const abstracts = [lvl('chineseCounting', '%1、'), lvl('chineseCounting', '（%1）'), lvl('decimal', '%1.')].map((l, i) => `<w:abstractNum w:abstractNumId="${i}"><w:multiLevelType w:val="hybridMultilevel"/>${l}</w:abstractNum>`);
  const instances = nums.map((n, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${n.abstract}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="${n.start}"/></w:lvlOverride></w:num>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${NS}>${abstracts.join('')}${instances.join('')}</w:numbering>`;
}

/** A text box as Word writes one: DrawingML in mc:Choice, the same text in VML in mc:Fallback. */
function textBox(text: string): string {
  const content = `<w:txbxContent><w:p><w:r><w:t>${esc(text)}</w:t></w:r></w:p></w:txbxContent>`;
  return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>${content}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:144pt;height:36pt"><v:textbox>${content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
}

/** word/document.xml of a page, with the given traits. */
export function documentXml(html: string, traits: WordTraits = {}): string {
  return documentParts(html, traits).document;
}

function documentParts(html: string, traits: WordTraits): { document: string; numbering: string | null } {
  const { blocks } = documentModel(html);
  const writer = new Writer(traits);
  const body = writer.blocks(blocks, false);
  const numbering = traits.numbering ? numberingXml(writer.nums) : null;
  return { numbering, document: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>` };
}

/** A page saved as .docx with the given traits (its title in docProps/core.xml, as Word writes it). */
export function writeDocx(html: string, traits: WordTraits = {}): Uint8Array {
  const { title } = documentModel(html);
  const { document, numbering } = documentParts(html, traits);
  return zipSync({
    ...(numbering ? { 'word/numbering.xml': strToU8(numbering) } : {}),
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://www.example.gov.cn/" TargetMode="External"/></Relationships>',
    ),
    'word/document.xml': strToU8(document),
    'docProps/core.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(title)}</dc:title><dc:creator>Administrator</dc:creator></cp:coreProperties>`,
    ),
  });
}

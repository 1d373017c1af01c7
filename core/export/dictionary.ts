/**
 * The data dictionary (docs/data-dictionary.md), generated from the model keys: every key with its
 * Chinese label, the formats that have it, and its unit. scripts/gen-docs.ts writes it; a test
 * fails when the file is stale. Browser-safe.
 */
import {
  FORMATS,
  SECTION_KEYS,
  SECTION_TITLES,
  T3_COLUMNS,
  T4_COLUMNS,
  T4_GROUPS,
  T2_ROWS_2019,
  T2_ROWS_2021,
  t2Rows,
  t3Rows,
  type FormatId,
  type Unit,
} from '../model/keys';
import { LONG_COLUMNS, WIDE_META_COLUMNS, ISSUE_COLUMNS } from './csv';
import { mergeOrdered, unionCellKeys } from './cells';

export const UNITS: Record<Unit, { zh: string; en: string }> = {
  count: { zh: '件（数量）', en: 'a count: a non-negative integer' },
  items: { zh: '项/个（数量）', en: 'a number of items or projects: a non-negative integer' },
  yuan_10k: { zh: '万元', en: 'money in 10,000 yuan (万元); may be a decimal; cells printed in 元 are converted' },
  change: { zh: '增/减', en: 'a change on last year: an integer, negative for a decrease (减4 is -4)' },
};

const FORMAT_NOTES: Record<FormatId, string> = {
  '2019': '国办公开办函〔2019〕60号 (试行), report years 2019–2020',
  '2021': '国办公开办函〔2021〕30号, report years 2021 onward',
  hybrid: 'table 2 of format 2021 with table 3 of format 2019 (a single （六）其他处理 row) — a defect seen in real reports',
  older: 'the layout before 2019 (2008 ordinance): named as such, no cell keys, tables not checked',
};

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/** Formats whose table `t` has the row, in FORMATS order. */
function formatsWithRow(t: 't2' | 't3', row: string): FormatId[] {
  return FORMATS.filter((f) => (t === 't2' ? t2Rows(f) : t3Rows(f)).some((r) => r.key === row));
}

/** A label that differs between formats is shown per format: "2019: 规范性文件 · 2021: 行政规范性文件". */
function labelsByFormat(labels: { format: FormatId; zh: string }[]): string {
  const distinct = [...new Set(labels.map((l) => l.zh))];
  if (distinct.length <= 1) return distinct[0] ?? '';
  return distinct.map((zh) => `${labels.filter((l) => l.zh === zh).map((l) => l.format).join('/')}: ${zh}`).join(' · ');
}

function table2Section(): string {
  const rows = unionCellKeys()
    .filter((k) => k.table === 't2')
    .map((k) => {
      const defs = k.formats.map((format) => ({ format, row: t2Rows(format).find((r) => r.key === k.row)! }));
      const column = (format: FormatId) => t2Rows(format).find((r) => r.key === k.row)!.columns.find((c) => c.key === k.column)!;
      return [
        code(k.id),
        [...new Set(defs.map((d) => d.row.article))].join(' / '),
        labelsByFormat(defs.map((d) => ({ format: d.format, zh: d.row.zh }))),
        labelsByFormat(k.formats.map((format) => ({ format, zh: column(format).zh }))),
        `${k.zhRow} · ${k.zhColumn}`,
        k.formats.join(', '),
        UNITS[k.unit].zh,
        column(k.formats[0]).en === defs[0].row.en ? defs[0].row.en : `${defs[0].row.en}: ${column(k.formats[0]).en}`,
      ];
    });
  return [
    '## Table 2 — 主动公开政府信息情况 (`t2`)',
    '',
    'Each row of table 2 has its own columns, so every cell is listed. Formats `2021` and `hybrid` share table 2.',
    'Where the formats word a label differently, every export (CSV `--labels zh`, XLSX, the panel) uses the newest',
    "format's wording, the `label` column: one label per key.",
    '',
    table(['key', '项', '行 row', '列 column', 'label 导出标签', 'formats', 'unit', 'English'], rows),
  ].join('\n');
}

function table3Section(): string {
  const rowKeys = mergeOrdered(FORMATS.map((f) => t3Rows(f).map((r) => r.key)));
  const rows = rowKeys.map((key) => {
    const formats = formatsWithRow('t3', key);
    const def = t3Rows(formats[0]).find((r) => r.key === key)!;
    return [code(key), def.group, def.zh, formats.join(', '), def.outcome ? 'yes' : '', def.en];
  });
  const cols = T3_COLUMNS.map((c) => [code(c.key), c.key === 'natural_person' || c.key === 'total' ? '' : '法人或其他组织', c.zh, UNITS[c.unit].zh, c.en]);
  return [
    '## Table 3 — 收到和处理政府信息公开申请情况 (`t3`)',
    '',
    'Every row has all seven columns. A cell key is `t3.<row>.<column>`, e.g. `t3.denied.state_secret.natural_person`; every cell is a count (件).',
    '',
    '### Rows',
    '',
    table(['row', 'group 分组', '行 row', 'formats', 'outcome (adds up to （七）总计)', 'English'], rows),
    '',
    '### Columns (申请人情况)',
    '',
    table(['column', 'group 分组', '列 column', 'unit', 'English'], cols),
  ].join('\n');
}

function table4Section(): string {
  const groups = T4_GROUPS.map((g) => [code(g.key), g.zh, FORMATS.join(', '), g.en]);
  const cols = T4_COLUMNS.map((c) => [code(c.key), c.zh, UNITS[c.unit].zh, c.en]);
  return [
    '## Table 4 — 政府信息公开行政复议、行政诉讼情况 (`t4`)',
    '',
    'The same in every format. The long data and the cell keys use the group as the row: `t4.<group>.<column>`, e.g. `t4.review.total`.',
    '',
    '### Groups (rows)',
    '',
    table(['group', '分组', 'formats', 'English'], groups),
    '',
    '### Columns',
    '',
    table(['column', '列 column', 'unit', 'English'], cols),
  ].join('\n');
}

function cellCounts(): string {
  return FORMATS.map((f) => {
    const keys = unionCellKeys().filter((k) => k.formats.includes(f));
    const per = (t: string) => keys.filter((k) => k.table === t).length;
    return `- \`${f}\` — ${FORMAT_NOTES[f]}: ${keys.length} cells (table 2: ${per('t2')}, table 3: ${per('t3')}, table 4: ${per('t4')})`;
  }).join('\n');
}

/** The data dictionary's Markdown text. */
export function dataDictionaryMarkdown(): string {
  const t2Only2019 = T2_ROWS_2019.filter((r) => !T2_ROWS_2021.some((x) => x.key === r.key)).map((r) => code(r.key));
  return [
    '<!-- Generated by scripts/gen-docs.ts from core/model/keys.ts — do not edit by hand; run `npm run gen:docs`. -->',
    '',
    '# Data dictionary — 数据字典',
    '',
    'Every key of the three data tables of a 政府信息公开工作年度报告, with its official Chinese label, the',
    'formats that have it and its unit. The keys are the same everywhere: in the JSON export',
    '(`report.t2.licensing.decisions`), in the long CSV (`table`, `row`, `column`) and as the column',
    'names of the wide CSV (`t2.licensing.decisions`). See [exports](exports.md) for the export formats.',
    '',
    '## Formats',
    '',
    cellCounts(),
    '',
    `All formats together have ${unionCellKeys().length} distinct cells; the wide CSV has one column for each, in the order of this dictionary. Rows only format 2019 has in table 2: ${t2Only2019.join(', ')}.`,
    '',
    '## Units',
    '',
    table(
      ['unit', '单位', 'meaning'],
      (Object.keys(UNITS) as Unit[]).map((u) => [code(u), UNITS[u].zh, UNITS[u].en]),
    ),
    '',
    'A cell printed blank, or holding `/`, `无` or `—`, has no value (`null` in JSON, an empty field in CSV); its printed text is kept as `raw`.',
    '',
    table2Section(),
    '',
    table3Section(),
    '',
    table4Section(),
    '',
    '## Narrative sections',
    '',
    table(
      ['key', '标题 heading'],
      SECTION_KEYS.map((k) => [code(k), SECTION_TITLES[k].zh]),
    ),
    '',
    '## Export columns',
    '',
    `- Long CSV: ${LONG_COLUMNS.map(code).join(', ')}.`,
    `- Wide CSV: ${WIDE_META_COLUMNS.map(code).join(', ')}, then one column per cell key above.`,
    `- Issues CSV: ${ISSUE_COLUMNS.map(code).join(', ')}.`,
    '',
  ].join('\n');
}

/**
 * The public data dictionary: every row and column key of the three tables, exactly as
 * ../shared/spec/report-format.md defines them, with the official Chinese labels and units.
 * Everything else (schemas, parsers, rules, exports, docs) is derived from these lists.
 */

/** The official table formats: the cells a report has (cellKeys) follow from these. */
export const FORMATS = ['2019', '2021', 'hybrid'] as const;
export type TableFormatId = (typeof FORMATS)[number];
/**
 * What meta.format may say: one of the table formats, or `older` — a report in the layout before
 * the 2019 format, named as such, its tables not read (it has no cell keys: cellKeys('older') is []).
 */
export const REPORT_FORMATS = [...FORMATS, 'older'] as const;
export type FormatId = (typeof REPORT_FORMATS)[number];

export type Unit = 'count' | 'items' | 'yuan_10k' | 'change';

export interface ColumnDef {
  key: string;
  zh: string;
  en: string;
  unit: Unit;
}

export interface Table2RowDef {
  key: string;
  zh: string;
  en: string;
  /** 第二十条第（N）项 — the sub-table the row belongs to. */
  article: string;
  columns: readonly ColumnDef[];
}

const C2021 = {
  issued: { key: 'issued', zh: '本年制发件数', en: 'issued this year', unit: 'count' },
  repealed: { key: 'repealed', zh: '本年废止件数', en: 'repealed this year', unit: 'count' },
  in_force: { key: 'in_force', zh: '现行有效件数', en: 'in force', unit: 'count' },
  decisions: { key: 'decisions', zh: '本年处理决定数量', en: 'decisions this year', unit: 'count' },
  amount: { key: 'amount_10k_yuan', zh: '本年收费金额（单位：万元）', en: 'fees collected (10k yuan)', unit: 'yuan_10k' },
} as const satisfies Record<string, ColumnDef>;

const C2019 = {
  made: { key: 'made', zh: '本年新制作数量', en: 'made this year', unit: 'count' },
  published: { key: 'published', zh: '本年新公开数量', en: 'published this year', unit: 'count' },
  total_public: { key: 'total_public', zh: '对外公开总数量', en: 'total public', unit: 'count' },
  previous_items: { key: 'previous_items', zh: '上一年项目数量', en: 'items last year', unit: 'items' },
  change: { key: 'change', zh: '本年增/减', en: 'change this year', unit: 'change' },
  decisions: { key: 'decisions', zh: '处理决定数量', en: 'decisions', unit: 'count' },
  projects: { key: 'projects', zh: '采购项目数量', en: 'procurement projects', unit: 'items' },
  amount: { key: 'amount_10k_yuan', zh: '采购总金额（单位：万元）', en: 'procurement total (10k yuan)', unit: 'yuan_10k' },
} as const satisfies Record<string, ColumnDef>;

export const T2_ROWS_2021: readonly Table2RowDef[] = [
  { key: 'regulations', zh: '规章', en: 'regulations', article: '第二十条第（一）项', columns: [C2021.issued, C2021.repealed, C2021.in_force] },
  { key: 'normative_documents', zh: '行政规范性文件', en: 'normative documents', article: '第二十条第（一）项', columns: [C2021.issued, C2021.repealed, C2021.in_force] },
  { key: 'licensing', zh: '行政许可', en: 'administrative licensing', article: '第二十条第（五）项', columns: [C2021.decisions] },
  { key: 'penalty', zh: '行政处罚', en: 'administrative penalties', article: '第二十条第（六）项', columns: [C2021.decisions] },
  { key: 'coercion', zh: '行政强制', en: 'administrative coercion', article: '第二十条第（六）项', columns: [C2021.decisions] },
  { key: 'fees', zh: '行政事业性收费', en: 'administrative fees', article: '第二十条第（八）项', columns: [C2021.amount] },
];

const MANAGED_2019 = [C2019.previous_items, C2019.change, C2019.decisions];
export const T2_ROWS_2019: readonly Table2RowDef[] = [
  { key: 'regulations', zh: '规章', en: 'regulations', article: '第二十条第（一）项', columns: [C2019.made, C2019.published, C2019.total_public] },
  { key: 'normative_documents', zh: '规范性文件', en: 'normative documents', article: '第二十条第（一）项', columns: [C2019.made, C2019.published, C2019.total_public] },
  { key: 'licensing', zh: '行政许可', en: 'administrative licensing', article: '第二十条第（五）项', columns: MANAGED_2019 },
  { key: 'other_services', zh: '其他对外管理服务事项', en: 'other public services', article: '第二十条第（五）项', columns: MANAGED_2019 },
  { key: 'penalty', zh: '行政处罚', en: 'administrative penalties', article: '第二十条第（六）项', columns: MANAGED_2019 },
  { key: 'coercion', zh: '行政强制', en: 'administrative coercion', article: '第二十条第（六）项', columns: MANAGED_2019 },
  { key: 'fees', zh: '行政事业性收费', en: 'administrative fees', article: '第二十条第（八）项', columns: [C2019.previous_items, C2019.change] },
  { key: 'procurement', zh: '政府集中采购', en: 'government procurement', article: '第二十条第（九）项', columns: [C2019.projects, C2019.amount] },
];

export const T3_COLUMNS: readonly ColumnDef[] = [
  { key: 'natural_person', zh: '自然人', en: 'natural persons', unit: 'count' },
  { key: 'commercial', zh: '商业企业', en: 'commercial enterprises', unit: 'count' },
  { key: 'research', zh: '科研机构', en: 'research institutions', unit: 'count' },
  { key: 'public_interest', zh: '社会公益组织', en: 'public-interest organisations', unit: 'count' },
  { key: 'legal_services', zh: '法律服务机构', en: 'legal service providers', unit: 'count' },
  { key: 'other_org', zh: '其他', en: 'other organisations', unit: 'count' },
  { key: 'total', zh: '总计', en: 'total', unit: 'count' },
];
export const T3_APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

export interface Table3RowDef {
  key: string;
  zh: string;
  en: string;
  /** Group label for outcome sub-rows (（三）不予公开 …), empty for top-level rows. */
  group: string;
  /** True for the outcome rows that add up to （七）总计. */
  outcome: boolean;
}

const row3 = (key: string, zh: string, en: string, group = '', outcome = false): Table3RowDef => ({ key, zh, en, group, outcome });

const T3_HEAD: Table3RowDef[] = [
  row3('new_received', '一、本年新收政府信息公开申请数量', 'new requests received this year'),
  row3('carried_over', '二、上年结转政府信息公开申请数量', 'carried over from last year'),
  row3('granted', '（一）予以公开', 'granted', '三、本年度办理结果', true),
  row3('partially_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'partially granted', '三、本年度办理结果', true),
  row3('denied.state_secret', '1.属于国家秘密', 'state secret', '（三）不予公开', true),
  row3('denied.prohibited_by_law', '2.其他法律行政法规禁止公开', 'prohibited by other laws', '（三）不予公开', true),
  row3('denied.security_stability', '3.危及“三安全一稳定”', 'endangers security or stability', '（三）不予公开', true),
  row3('denied.third_party_rights', '4.保护第三方合法权益', "third parties' rights", '（三）不予公开', true),
  row3('denied.internal_affairs', '5.属于三类内部事务信息', 'internal affairs', '（三）不予公开', true),
  row3('denied.process_information', '6.属于四类过程性信息', 'process information', '（三）不予公开', true),
  row3('denied.enforcement_files', '7.属于行政执法案卷', 'enforcement files', '（三）不予公开', true),
  row3('denied.administrative_query', '8.属于行政查询事项', 'administrative query', '（三）不予公开', true),
  row3('unavailable.not_held', '1.本机关不掌握相关政府信息', 'not held', '（四）无法提供', true),
  row3('unavailable.needs_creation', '2.没有现成信息需要另行制作', 'would need to be created', '（四）无法提供', true),
  row3('unavailable.unclear_after_correction', '3.补正后申请内容仍不明确', 'still unclear after correction', '（四）无法提供', true),
  row3('not_processed.petition_complaint', '1.信访举报投诉类申请', 'petition or complaint', '（五）不予处理', true),
  row3('not_processed.duplicate', '2.重复申请', 'duplicate request', '（五）不予处理', true),
  row3('not_processed.publication', '3.要求提供公开出版物', 'asks for a publication', '（五）不予处理', true),
  row3('not_processed.excessive', '4.无正当理由大量反复申请', 'excessive repeated requests', '（五）不予处理', true),
  row3('not_processed.confirm_or_reissue', '5.要求行政机关确认或重新出具已获取信息', 'confirm or reissue held information', '（五）不予处理', true),
];
const T3_TAIL: Table3RowDef[] = [
  row3('total_processed', '（七）总计', 'total processed', '三、本年度办理结果'),
  row3('carried_forward', '四、结转下年度继续办理', 'carried forward to next year'),
];

export const T3_ROWS_2019: readonly Table3RowDef[] = [
  ...T3_HEAD,
  row3('other', '（六）其他处理', 'otherwise handled', '三、本年度办理结果', true),
  ...T3_TAIL,
];
export const T3_ROWS_2021: readonly Table3RowDef[] = [
  ...T3_HEAD,
  row3('other.no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'no correction in time', '（六）其他处理', true),
  row3('other.fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'fee not paid in time', '（六）其他处理', true),
  row3('other.other', '3.其他', 'other', '（六）其他处理', true),
  ...T3_TAIL,
];

export const T4_GROUPS: readonly ColumnDef[] = [
  { key: 'review', zh: '行政复议', en: 'administrative review', unit: 'count' },
  { key: 'litigation_direct', zh: '行政诉讼（未经复议直接起诉）', en: 'litigation without review', unit: 'count' },
  { key: 'litigation_after_review', zh: '行政诉讼（复议后起诉）', en: 'litigation after review', unit: 'count' },
];
export const T4_COLUMNS: readonly ColumnDef[] = [
  { key: 'upheld', zh: '结果维持', en: 'upheld', unit: 'count' },
  { key: 'corrected', zh: '结果纠正', en: 'corrected', unit: 'count' },
  { key: 'other', zh: '其他结果', en: 'other result', unit: 'count' },
  { key: 'pending', zh: '尚未审结', en: 'pending', unit: 'count' },
  { key: 'total', zh: '总计', en: 'total', unit: 'count' },
];

export const SECTION_KEYS = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_TITLES: Record<SectionKey, { zh: string; en: string }> = {
  overview: { zh: '一、总体情况', en: 'I. Overview' },
  proactive: { zh: '二、主动公开政府信息情况', en: 'II. Proactive disclosure' },
  requests: { zh: '三、收到和处理政府信息公开申请情况', en: 'III. Requests received and handled' },
  review_litigation: { zh: '四、政府信息公开行政复议、行政诉讼情况', en: 'IV. Reviews and lawsuits' },
  problems: { zh: '五、存在的主要问题及改进情况', en: 'V. Problems and improvements' },
  other: { zh: '六、其他需要报告的事项', en: 'VI. Other matters' },
};

export type TableId = 't2' | 't3' | 't4';

/** The tables' short Chinese names, as labels and messages put them (表三·不予公开·属于国家秘密). */
export const TABLE_SHORT_ZH: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

export function t2Rows(format: FormatId): readonly Table2RowDef[] {
  return format === 'older' ? [] : format === '2019' ? T2_ROWS_2019 : T2_ROWS_2021;
}
/** Hybrid reports use the 2021 table 2 and the 2019 table 3 (a single （六）其他处理 row). */
export function t3Rows(format: FormatId): readonly Table3RowDef[] {
  return format === 'older' ? [] : format === '2021' ? T3_ROWS_2021 : T3_ROWS_2019;
}

export interface CellKeyDef {
  table: TableId;
  row: string;
  column: string;
  zhRow: string;
  zhColumn: string;
  unit: Unit;
}

const CELL_KEYS = new Map<FormatId, readonly CellKeyDef[]>();

/** Every cell a report of the given format has, in the official reading order. */
export function cellKeys(format: FormatId): readonly CellKeyDef[] {
  let keys = CELL_KEYS.get(format);
  if (!keys) CELL_KEYS.set(format, (keys = Object.freeze(buildCellKeys(format))));
  return keys;
}

function buildCellKeys(format: FormatId): CellKeyDef[] {
  const out: CellKeyDef[] = [];
  if (format === 'older') return out;
  for (const r of t2Rows(format)) {
    for (const c of r.columns) out.push({ table: 't2', row: r.key, column: c.key, zhRow: r.zh, zhColumn: c.zh, unit: c.unit });
  }
  for (const r of t3Rows(format)) {
    for (const c of T3_COLUMNS) out.push({ table: 't3', row: r.key, column: c.key, zhRow: r.zh, zhColumn: c.zh, unit: c.unit });
  }
  for (const g of T4_GROUPS) {
    for (const c of T4_COLUMNS) out.push({ table: 't4', row: g.key, column: c.key, zhRow: g.zh, zhColumn: c.zh, unit: c.unit });
  }
  return out;
}

const ALL_T2_ROWS = [...new Set([...T2_ROWS_2021, ...T2_ROWS_2019].map((r) => r.key))];
const ALL_T2_COLUMNS = [...new Set([...T2_ROWS_2021, ...T2_ROWS_2019].flatMap((r) => r.columns.map((c) => c.key)))];
const ALL_T3_ROWS = [...new Set([...T3_ROWS_2019, ...T3_ROWS_2021].map((r) => r.key))];
export const KEY_LISTS = {
  t2Rows: ALL_T2_ROWS as [string, ...string[]],
  t2Columns: ALL_T2_COLUMNS as [string, ...string[]],
  t3Rows: ALL_T3_ROWS as [string, ...string[]],
  t3Columns: T3_COLUMNS.map((c) => c.key) as [string, ...string[]],
  t4Groups: T4_GROUPS.map((c) => c.key) as [string, ...string[]],
  t4Columns: T4_COLUMNS.map((c) => c.key) as [string, ...string[]],
};

/** Chinese label of any cell key, for messages and spreadsheets. */
export function labelOf(table: TableId, row: string | null, column: string | null): string {
  const parts: string[] = [];
  if (table === 't2') {
    // A cell's labels are its own row's (规范性文件 · 本年新制作数量 is 2019's, 行政规范性文件 · 本年制发件数
    // 2021's; 政府集中采购's amount is 采购总金额, not 行政事业性收费's 本年收费金额): the data dictionary's.
    const rows = [...T2_ROWS_2021, ...T2_ROWS_2019];
    const r = rows.find((x) => x.key === row && (!column || x.columns.some((c) => c.key === column))) ?? rows.find((x) => x.key === row);
    if (r) parts.push(r.zh);
    const c = (r?.columns ?? []).find((x) => x.key === column) ?? rows.flatMap((x) => x.columns).find((x) => x.key === column);
    if (c) parts.push(c.zh);
  } else if (table === 't3') {
    const r = [...T3_ROWS_2021, ...T3_ROWS_2019].find((x) => x.key === row);
    if (r) parts.push(shortT3Label(r));
    const c = T3_COLUMNS.find((x) => x.key === column);
    if (c) parts.push(c.zh);
  } else {
    const g = T4_GROUPS.find((x) => x.key === row);
    if (g) parts.push(g.zh);
    const c = T4_COLUMNS.find((x) => x.key === column);
    if (c) parts.push(c.zh);
  }
  return parts.join(' · ');
}

/** A readable short label: sub-rows get their group, long labels are cut at the first bracket. */
export function shortT3Label(r: Table3RowDef): string {
  const own = r.zh.replace(/（区分处理的.*$/, '').replace(/、行政机关不再处理.*$/, '');
  return r.group && /^\d/.test(own) ? `${r.group.replace(/^（.）/, '')}${own.replace(/^\d\./, '·')}` : own;
}

/**
 * Row and column labels matched by meaning, not by exact string: labels arrive split across
 * tags and lines, padded, numbered （一）/(一)/1./1、, with known typos (其他法律行政止公开,
 * 行政法复议) and variants (规范性文件 for 行政规范性文件). Every matcher works on `compact()` text.
 */
import { compact } from './normalize';

/** A label that opens with its own numbering: 四、 （二） (二) 3. 3、 */
export const NUMBERED = /^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])/;

/** Drop list numbering and brackets so that （一）予以公开, (一)予以公开 and 一、予以公开 look alike. */
export function stripNumbering(label: string): string {
  return compact(label)
    .replace(/^[(（]?[一二三四五六七八九十]+[)）、.．]?/, '')
    .replace(/^[(（]?\d+[)）、.．]?/, '')
    .replace(/[“”"'‘’「」]/g, '');
}

/**
 * A matcher remembering its answers: the same official labels recur in every row group, every
 * table and every report of a batch. Bounded: a page of endless distinct labels empties it.
 */
function memo(match: (label: string) => string | null): (label: string) => string | null {
  const known = new Map<string, string | null>();
  return (label) => {
    let key = known.get(label);
    if (key === undefined) {
      if (known.size >= 4096) known.clear();
      key = match(label);
      known.set(label, key);
    }
    return key;
  };
}

interface Matcher {
  key: string;
  test: RegExp;
}

/** Table 3 leaf rows, most specific first. Tested against the row's own (innermost) label. */
const T3_LEAF: Matcher[] = [
  { key: 'new_received', test: /新收|本年.{0,3}收到|新受理/ },
  { key: 'carried_over', test: /上年.{0,2}结转|上年度结转/ },
  { key: 'carried_forward', test: /结转下|下年度继续|继续办理/ },
  { key: 'partially_granted', test: /部分公开|区分处理/ },
  { key: 'granted', test: /予以公开|同意公开/ },
  { key: 'denied.state_secret', test: /国家秘密|国家机密/ },
  { key: 'denied.prohibited_by_law', test: /法律行政|行政法规|禁止公开|其他法律|行政止公开/ },
  { key: 'denied.security_stability', test: /三安全|一稳定|危及/ },
  { key: 'denied.third_party_rights', test: /第三方/ },
  { key: 'denied.internal_affairs', test: /内部事务/ },
  { key: 'denied.process_information', test: /过程性/ },
  { key: 'denied.enforcement_files', test: /执法案卷|案卷/ },
  { key: 'denied.administrative_query', test: /查询事项|行政查询/ },
  { key: 'unavailable.not_held', test: /不掌握/ },
  { key: 'unavailable.needs_creation', test: /另行制作|没有现成|现成信息/ },
  { key: 'unavailable.unclear_after_correction', test: /补正后|仍不明确|内容不明确/ },
  { key: 'not_processed.petition_complaint', test: /信访|举报|投诉/ },
  { key: 'not_processed.duplicate', test: /重复申请/ },
  { key: 'not_processed.publication', test: /出版物/ },
  { key: 'not_processed.excessive', test: /大量反复|无正当理由大量|反复申请/ },
  { key: 'not_processed.confirm_or_reissue', test: /确认或|重新出具|已获取/ },
  { key: 'other.no_correction', test: /不补正|逾期不补|未补正/ },
  { key: 'other.fee_unpaid', test: /缴纳费用|收费通知|缴费/ },
  { key: 'total_processed', test: /^总计$|^合计$|^[(（]?七[)）]?总计|^小计$/ },
];

/**
 * The Table 3 key of one row, from its labels outermost first (e.g. ["三、本年度办理结果",
 * "（六）其他处理", "3.其他"]). Returns 'other' for a single （六）其他处理 row (format 2019) and
 * 'other.other' for its 3.其他 sub-row (format 2021).
 */
export function matchT3Row(labels: string[]): string | null {
  return labels.length === 0 ? null : matchT3RowMemo(labels.length === 1 ? labels[0] : labels.join('\u0001'));
}
const matchT3RowMemo = memo((joined) => matchT3RowOf(joined.split('\u0001')));

/** A note under a table (注：… 本年度收到申请中…结转的申请另计): prose about the rows, not one of them. */
const NOTE = /^(?:注|备注|附注|说明)\d*[:：]/;

function matchT3RowOf(labels: string[]): string | null {
  const parts = labels.map(compact).filter((l) => l !== '');
  if (parts.length === 0 || NOTE.test(parts[parts.length - 1])) return null;
  // Innermost label first; an outer one only decides when the inner says nothing.
  for (let i = parts.length - 1; i >= 0; i--) {
    const own = stripNumbering(parts[i]);
    if (own === '') continue;
    const outer = parts.slice(0, i).join('');
    if (/其他处理/.test(own)) return 'other';
    // （六）其他 with the rest of its label (处理) wrapped away: the group's own row (2019)
    if (/^其他$|^其它$/.test(own) && /^[(（]六[)）]/.test(parts[i])) return 'other';
    if (/^其他$|^其它$|^其他情形$/.test(own)) {
      if (/其他处理|其它处理/.test(outer) || i === 0) return 'other.other';
      continue;
    }
    if (/^总计$|^合计$/.test(own) && /^[(（]?七/.test(parts[i])) return 'total_processed';
    for (const m of T3_LEAF) if (m.test.test(own)) return m.key;
    // an outer group label alone (三、本年度办理结果 / （三）不予公开) does not name a row
  }
  return null;
}

const T3_COLUMN_MATCHERS: Matcher[] = [
  // 自然 / 自 / 总: a header cell a page break cut after its first line or two (the rest is below
  // the table's last rule on that page, or on the next), as Chromium prints a narrow 自然人 or 总计
  { key: 'natural_person', test: /自然人|^自然?$/ },
  { key: 'commercial', test: /商业企业|企业/ },
  { key: 'research', test: /科研/ },
  { key: 'public_interest', test: /公益/ },
  { key: 'legal_services', test: /法律服务/ },
  { key: 'total', test: /^总计$|^合计$|^总$/ },
  { key: 'other_org', test: /^其他$|^其它$/ },
];

export const matchT3Column = memo(function matchT3Column(label: string): string | null {
  const own = stripNumbering(label);
  if (!own) return null;
  for (const m of T3_COLUMN_MATCHERS) if (m.test.test(own)) return m.key;
  return null;
});

const T2_ROW_MATCHERS: Matcher[] = [
  { key: 'regulations', test: /^规章$|^政府规章$|^规章\(|^规章（/ },
  { key: 'normative_documents', test: /规范性文件/ },
  { key: 'licensing', test: /行政许可/ },
  { key: 'other_services', test: /其他对外管理|对外管理服务/ },
  { key: 'penalty', test: /行政处罚/ },
  { key: 'coercion', test: /行政强制/ },
  { key: 'fees', test: /事业性收|行政收费/ }, // 事业性收: the label cut before its last character (行政事业性收 / 费 over a page break)
  { key: 'procurement', test: /集中采购|政府采购/ },
];

export const matchT2Row = memo(function matchT2Row(label: string): string | null {
  if (NOTE.test(compact(label))) return null;
  const own = stripNumbering(label);
  for (const m of T2_ROW_MATCHERS) if (m.test.test(own)) return m.key;
  return null;
});

const T2_COLUMN_MATCHERS: Matcher[] = [
  { key: 'issued', test: /制发/ },
  { key: 'repealed', test: /废止/ },
  { key: 'in_force', test: /现行有效|有效件数/ },
  // Offices also write 本年新 / 制作数量 over two paragraphs, and 本年公开数量 without 新.
  { key: 'made', test: /新制作|本年制作数量|^制作数量$/ },
  { key: 'published', test: /新公开|本年公开数量|^公开数量$/ },
  { key: 'total_public', test: /公开总数/ },
  { key: 'previous_items', test: /上一年|上年项目/ },
  { key: 'change', test: /增\/?减|增减/ },
  { key: 'projects', test: /采购项目/ },
  { key: 'amount_10k_yuan', test: /金额/ },
  { key: 'decisions', test: /处理决定|决定数量/ },
];

export const matchT2Column = memo(function matchT2Column(label: string): string | null {
  const own = stripNumbering(label);
  if (/^信息内容$/.test(own)) return null;
  for (const m of T2_COLUMN_MATCHERS) if (m.test.test(own)) return m.key;
  return null;
});

const T4_COLUMN_MATCHERS: Matcher[] = [
  { key: 'upheld', test: /维持/ },
  { key: 'corrected', test: /纠正/ },
  { key: 'pending', test: /未审结|审结/ },
  { key: 'other', test: /其他|其它|他结果/ },
  { key: 'total', test: /总计|合计|^计$/ },
];

export const matchT4Column = memo(function matchT4Column(label: string): string | null {
  const own = stripNumbering(label);
  for (const m of T4_COLUMN_MATCHERS) if (m.test.test(own)) return m.key;
  return null;
});

export const matchT4Group = memo(function matchT4Group(label: string): string | null {
  const own = stripNumbering(label);
  if (/直接起诉|未经复议/.test(own)) return 'litigation_direct';
  if (/复议后起诉|复议后/.test(own)) return 'litigation_after_review';
  if (/行政.?复议|复议/.test(own) && !/诉讼/.test(own)) return 'review';
  return null;
});

/** Signatures that tell which official table a header or label belongs to. */
export const TABLE_SIGNS = {
  t2: /第二十条|信息内容|本年制发件数|本年新制作数量|上一年项目数量|处理决定数量/,
  t3: /申请人情况|自然人|勾稽关系|本年新收|法人或其他组织/,
  t4: /行政复议|行政诉讼|结果维持|复议后起诉|直接起诉/,
};

/**
 * Cheap detection: is this page an annual disclosure report? Runs in the content-script entry on
 * every gov.cn page, so it must not import the core and must cost well under a millisecond on an
 * ordinary page. It only reads the title, the first headings and — when the page has tables —
 * looks for the labels that only the official tables print.
 */

/** Title or heading words of a report: 政府信息公开工作年度报告, 信息公开年报, 政务公开年报 … */
export const REPORT_TITLE = /(政府信息公开|信息公开|政务公开)(工作)?(年度)?(工作)?(年度报告|年报)/;

/**
 * A title that names one year's report — "平潭综合实验区2021年度政府信息公开工作年度报告" — is
 * decisive enough to start loading the engine while the page is still arriving (list pages say
 * 政府信息公开年报 without a year). The engine still shows nothing if no report tables follow.
 */
export const STRONG_TITLE = /(19|20)\d{2}\s*年.{0,12}(政府信息公开|政务公开)(工作)?(年度)?(工作)?(年度报告|年报)/;

/** Labels printed in the official tables 二/三/四 and almost nowhere else, as one pattern: one scan of the text. */
const SIGNATURE = /本年新收|上年结转|结转下年度|申请人情况|第二十条第[（(]|予以公开|不予公开|行政复议|结果维持|尚未审结/g;
/** How many distinct signature labels make a report table. */
const SIGNATURE_MIN = 3;

export type Verdict = 'report' | 'maybe' | 'no';

/** Report words in the title or the first headings (h1, h2). */
export function titleLooksLikeReport(doc: Document): boolean {
  if (REPORT_TITLE.test(doc.title)) return true;
  for (const tag of ['h1', 'h2']) {
    const heads = doc.getElementsByTagName(tag);
    for (let i = 0; i < heads.length && i < 3; i++) if (REPORT_TITLE.test(heads[i].textContent ?? '')) return true;
  }
  return false;
}

/** Rows read at the head of each table: the official tables print their labels there. */
const HEAD_ROWS = 6;
const MAX_TABLES = 300;

/**
 * The official table labels at the head of the page's tables: the first rows of each table only
 * (its own rows, not a nested table's), so that a 600-row list or a page-wide layout table costs
 * no more than a small one. Nothing at all on a page without tables.
 */
export function hasSignatureTables(doc: Document): boolean {
  const tables = doc.getElementsByTagName('table');
  const seen = new Set<string>();
  for (let i = 0; i < tables.length && i < MAX_TABLES; i++) {
    const rows = tables[i].rows;
    for (let r = 0; r < rows.length && r < HEAD_ROWS; r++) {
      const text = rows[r].textContent ?? '';
      SIGNATURE.lastIndex = 0;
      for (let m = SIGNATURE.exec(text); m; m = SIGNATURE.exec(text)) {
        seen.add(m[0].slice(0, 4));
        if (seen.size >= SIGNATURE_MIN) return true;
      }
    }
  }
  return false;
}

/**
 * 'report': the tables are there — load the engine now. 'maybe': the title says report but the
 * tables are not (yet) in the page — watch for them. 'no': leave the page alone (but a page that
 * builds its content later is still watched, cheaply, for tables).
 */
export function detect(doc: Document): Verdict {
  if (hasSignatureTables(doc)) return 'report';
  return titleLooksLikeReport(doc) ? 'maybe' : 'no';
}

/**
 * May the extension run by itself on this address? *.gov.cn unless the user switched it off; a
 * site the user added by its match pattern ("*://*.example.org/*"); nowhere else.
 */
export function allowedAutomatically(url: string, govcn: boolean, sites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  if (host === 'gov.cn' || host.endsWith('.gov.cn')) return govcn;
  return sites.some((pattern) => {
    const m = /^\*:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
    if (!m) return false;
    return m[1] ? host === m[2] || host.endsWith(`.${m[2]}`) : host === m[2];
  });
}

/** What the crawl makes of a fetched file: its kind (page, PDF, Word, other), its tables, its file name; and which hosts it may visit. */
import { createHash } from 'node:crypto';
import { load } from 'cheerio/slim';
import type { Fetched } from '../node/fetch';
import type { DomNode } from '../parse/html';
import { parseDom } from '../parse/html';
import { isOleBytes, isZipBytes } from '../parse/word/sniff';
import type { ReportLink } from '../portal/links';

/** A file name from the title and year: readable, safe on every system, unique by the URL's hash. */
export function fileNameFor(link: Pick<ReportLink, 'url' | 'title' | 'year'>, ext: string): string {
  const hash = createHash('sha1').update(link.url).digest('hex').slice(0, 8);
  const title = link.title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '')
    .replace(/^\.+/, '')
    .slice(0, 40);
  return `${link.year}-${title || 'report'}-${hash}.${ext}`;
}

export function treeOf(html: string): DomNode {
  return load(html).root()[0] as unknown as DomNode;
}

/** The agency part of a title, for progress lines: 某某局2024年… → 某某局. */
export function shortName(title: string): string {
  const m = /^(.*?)(?:（)?(?:19|20)\d{2}/.exec(title);
  const name = (m?.[1] || title).replace(/[（(]$/, '');
  return name.length > 24 ? `${name.slice(0, 24)}…` : name || title.slice(0, 24);
}

export const isPdf = (f: Fetched, url: string) => f.contentType.includes('pdf') || /\.pdf(?:[?#]|$)/i.test(url) || (f.bytes[0] === 0x25 && f.bytes[1] === 0x50 && f.bytes[2] === 0x44 && f.bytes[3] === 0x46);

/**
 * A Word file the readers read (core/node/word.ts): named or typed as Word (or an attachment the
 * page names as Word) and starting as one (a zip or an OLE file). Its extension, else null.
 */
export function wordDocument(f: Fetched, url: string, namedWord = false): 'docx' | 'doc' | null {
  if (!namedWord && !/wordprocessingml|msword/i.test(f.contentType) && !/\.docx?(?:[?#]|$)/i.test(url)) return null;
  return isZipBytes(f.bytes) ? 'docx' : isOleBytes(f.bytes) ? 'doc' : null;
}

const OTHER_TYPES: Array<[RegExp, string]> = [
  // Named as Word but not starting as one (wordDocument said no): kept, not read.
  [/wordprocessingml|\.docx(?:[?#]|$)/i, 'docx'],
  [/msword|\.doc(?:[?#]|$)/i, 'doc'],
  [/\.wps(?:[?#]|$)|kingsoft/i, 'wps'],
  [/spreadsheetml|\.xlsx(?:[?#]|$)/i, 'xlsx'],
  [/ms-excel|\.xls(?:[?#]|$)/i, 'xls'],
  [/\.(?:zip|rar|7z)(?:[?#]|$)|application\/(?:zip|x-rar)/i, 'zip'],
];

/** The extension of a document that is neither a page nor a PDF (Word, WPS, spreadsheet, archive), else null. */
export function otherDocument(f: Fetched, url: string): string | null {
  if (f.contentType.includes('html') || f.contentType.startsWith('text/') || isPdf(f, url)) return null;
  for (const [re, ext] of OTHER_TYPES) if (re.test(f.contentType) || re.test(url)) return ext;
  return null;
}

/** Whether a report page holds the data tables (else its report is an attachment or pictures). */
export function hasTables(tree: DomNode, url: string): boolean {
  try {
    const r = parseDom(tree, { source: url });
    return Object.keys(r.t2).length + Object.keys(r.t3).length + Object.keys(r.t4).length > 0;
  } catch {
    return false;
  }
}

/** Hosts a crawl may visit: those of the given list pages (and their www-less / file sub-hosts). */
export function allowedHost(hosts: Set<string>, url: string): boolean {
  let h: string;
  try {
    h = new URL(url).host;
  } catch {
    return false;
  }
  if (hosts.has(h)) return true;
  // An attachment on a sibling host of the same site (www.x.gov.cn → file.x.gov.cn).
  for (const given of hosts) {
    const site = given.replace(/^www\./, '');
    if (site.split('.').length >= 3 && (h === site || h.endsWith(`.${site}`))) return true;
  }
  return false;
}

/**
 * A report page whose report is an attachment: many portals publish the annual report as a PDF
 * (or the Word file, .docx/.doc) linked from an otherwise empty page. This finds that file — a
 * link to a `.pdf`/`.docx`/`.doc` whose text or file name says 年度报告/年报 with a year, or the only
 * such file on a page titled as a report; a PDF wins a tie with a Word file (the published form).
 * Browser-safe: the extension runs it on the page's own links, the CLI on a page's HTML.
 */
import { load } from 'cheerio/slim';
import type { DomNode } from './html';
import { collapse } from './normalize';

export interface ReportAttachment {
  /** Absolute address of the file. */
  url: string;
  /** What the file is, by its name: a PDF or a Word document (.docx/.doc). */
  kind: AttachmentKind;
  /** The link's text (or the file name when the link has no text), collapsed. */
  text: string;
}

export type AttachmentKind = 'pdf' | 'word';
const DOCUMENT_FILE = /\.(pdf|docx?)$/i;
const kindOf = (file: string): AttachmentKind => (/\.pdf$/i.test(file) ? 'pdf' : 'word');

/** Report words: 年度报告 / 年报 (政府信息公开工作年度报告, 信息公开年报 …). */
const REPORT_WORDS = /年度报告|年报/;
/** Words of the report this project reads (not a financial 年度报告). */
const DISCLOSURE_WORDS = /(政府|政务)?信息公开|政务公开/;
const YEAR = /(?:19|20)\d{2}/;
/** A page title that names an annual disclosure report (as extension/lib/detect.ts REPORT_TITLE). */
const REPORT_TITLE = /(政府信息公开|信息公开|政务公开)(工作)?(年度)?(工作)?(年度报告|年报)/;

/** Elements that point at a file, and the attribute that holds the address. */
const LINK_ATTR: Record<string, string> = { a: 'href', area: 'href', iframe: 'src', embed: 'src', object: 'data' };

/** How many nodes are visited at most (a portal page has a few thousand; bounded input). */
const MAX_NODES = 200_000;
const MAX_LINKS = 5_000;

interface Link {
  url: URL;
  text: string;
  /** The file's name, percent-decoded. */
  file: string;
  kind: AttachmentKind;
  /** The link's title attribute (CMS pages often put the full name there and "附件1" in the text). */
  title: string;
}

function textOf(n: DomNode, out: string[]): void {
  for (const c of n.children ?? []) {
    if (c.type === 'text') out.push(c.data ?? '');
    else if (c.type === 'tag') textOf(c, out);
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The base every relative address is resolved against: the page address (a URL, or an absolute file path). */
function baseOf(pageUrl: string): URL | null {
  try {
    return new URL(pageUrl);
  } catch {
    if (pageUrl.startsWith('/')) return new URL(`file://${encodeURI(pageUrl)}`);
    return null;
  }
}

/** The PDF or Word file name an address points at: the path's, or a query value's (download.jsp?file=a.pdf, viewer.html?file=…). */
function documentFileOf(url: URL): string | null {
  const last = decode(url.pathname.split('/').pop() ?? '');
  if (DOCUMENT_FILE.test(last)) return last;
  for (const v of url.searchParams.values()) {
    const name = v.split(/[\\/]/).pop() ?? '';
    if (DOCUMENT_FILE.test(name)) return name;
  }
  return null;
}

/** A PDF shown through a viewer page (pdfjs/web/viewer.html?file=…): the file itself. */
function viewedFile(url: URL): URL | null {
  const file = url.searchParams.get('file');
  if (!file || !/viewer\.html?$/i.test(url.pathname) || !/\.pdf$/i.test(file)) return null;
  try {
    return new URL(file, url);
  } catch {
    return null;
  }
}

/** The page's links to PDFs (and Word files, when `kinds` has them), in document order, and its <title>. */
function collect(root: DomNode, base: URL | null, kinds: readonly AttachmentKind[]): { links: Link[]; title?: string } {
  const links: Link[] = [];
  let title: string | undefined;
  let seen = 0;
  const stack: DomNode[] = [root];
  while (stack.length && seen < MAX_NODES && links.length < MAX_LINKS) {
    const n = stack.pop()!;
    seen++;
    if (n.type === 'tag' && n.name) {
      if (n.name === 'title' && title === undefined) {
        const parts: string[] = [];
        textOf(n, parts);
        title = collapse(parts.join(''));
      }
      const attr = LINK_ATTR[n.name];
      const raw = attr ? n.attribs?.[attr]?.trim() : undefined;
      if (raw && !/^(javascript|data|mailto|blob):/i.test(raw)) {
        let url: URL | null = null;
        try {
          url = base ? new URL(raw, base) : new URL(raw);
        } catch {
          url = null;
        }
        if (url && /^(https?|file):$/.test(url.protocol)) {
          const parts: string[] = [];
          textOf(n, parts);
          const title = collapse(n.attribs?.title ?? '');
          const text = collapse(parts.join('')) || title;
          const file = documentFileOf(url) ?? (DOCUMENT_FILE.test(text) ? text : null);
          if (file && (kinds.includes(kindOf(file)))) links.push({ url: viewedFile(url) ?? url, text, file, title, kind: kindOf(file) });
        }
      }
    }
    const kids = n.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { links, title };
}

/** How strongly a link names the annual report: 0 when it does not. */
function score(link: Link, pageYear: string | undefined): number {
  const words = `${link.text} ${link.title} ${link.file}`;
  if (!REPORT_WORDS.test(words) || !YEAR.test(words)) return 0;
  let s = 1;
  if (DISCLOSURE_WORDS.test(words)) s += 2;
  if (pageYear && words.includes(pageYear)) s += 1;
  if (REPORT_WORDS.test(link.text)) s += 1;
  return s;
}

/**
 * The report's PDF or Word file on a page: `root` is the page as the core's DomNode tree (parseDom's
 * input) or its HTML; `pageUrl` resolves relative links (a URL, or an absolute file path for a
 * saved page); `title` is the page's title when the caller knows it (else the tree's <title>);
 * `kinds`: the files the caller can read. Null when the page links no such report file.
 */
export function findReportAttachment(root: DomNode | string, pageUrl: string, title?: string, kinds: readonly AttachmentKind[] = ['pdf', 'word']): ReportAttachment | null {
  return findReportAttachmentInTree(typeof root === 'string' ? (load(root).root()[0] as unknown as DomNode) : root, pageUrl, title, kinds);
}

/** The same, for a tree only: what the extension's engine imports (no HTML parser comes with it). */
export function findReportAttachmentInTree(tree: DomNode, pageUrl: string, title?: string, kinds: readonly AttachmentKind[] = ['pdf', 'word']): ReportAttachment | null {
  const { links, title: ownTitle } = collect(tree, baseOf(pageUrl), kinds);
  if (!links.length) return null;
  const pageTitle = title ?? ownTitle ?? '';
  const pageYear = YEAR.exec(pageTitle)?.[0];
  let best: Link | null = null;
  let bestScore = 0;
  for (const l of links) {
    const s = score(l, pageYear);
    if (s > bestScore || (s > 0 && s === bestScore && best?.kind === 'word' && l.kind === 'pdf')) {
      best = l;
      bestScore = s;
    }
  }
  if (!best) {
    // The only PDF (else the only Word file) on a page titled as a report (its link says just 附件1.pdf or 下载).
    for (const kind of ['pdf', 'word'] as const) {
      const distinct = new Set(links.filter((l) => l.kind === kind).map((l) => l.url.href));
      if (distinct.size === 1 && REPORT_TITLE.test(pageTitle)) {
        best = links.find((l) => l.kind === kind)!;
        break;
      }
      if (distinct.size > 1) break; // several PDFs, none named: no guess
    }
  }
  if (!best) return null;
  return { url: best.url.href, kind: best.kind, text: best.text || best.file };
}

/** The report page's and the attachment offer's own words, Chinese first, English second. */
import { OCR_NO_TABLE } from '../../../core/ocr/messages';
import { fillMessage, type Lang } from '../../lib/i18n';

const zh = {
  pageTitle: 'PDF / Word 年报',
  choose: '打开本地 PDF、Word 或图片',
  chooseHint: '选择或拖入一份年度报告 PDF 或 Word 文档（.docx、.doc），或表格的图片（PNG、JPEG：扫描页、照片、截图，用本机 OCR 识读）；也可在年报页面、浏览器中打开的 PDF 上点击“核对附件 / 在年报透镜中打开”。',
  dropHere: '将 PDF、Word 文件或表格图片拖到此处',
  source: '来源',
  loading: '正在下载 PDF…',
  reading: '正在读取 PDF…',
  readingPicture: '正在读取图片…',
  checking: '正在核对表格…',
  allow: '允许读取 {host}',
  allowHint: '年报透镜默认只读取 *.gov.cn 的网页和文件。这份 PDF 在 {host}：允许后才能下载它（只此一个网站，可在扩展设置中撤销）。',
  denied: '未获允许，无法下载这份 PDF — permission not granted: the PDF cannot be downloaded',
  broken: 'PDF 文件已损坏，无法打开 — the PDF is damaged and cannot be opened',
  encrypted: 'PDF 文件已加密，无法打开 — the PDF is encrypted and cannot be opened',
  failed: '无法读取这份 PDF 的表格 — the tables of this PDF could not be read',
  noTables: '这份 PDF 中没有找到年度报告的数据表 — no annual report data tables were found in this PDF',
  noTablesWord: '这份 Word 文档中没有找到年度报告的数据表 — no annual report data tables were found in this Word document',
  wordFailed: '无法读取这份 Word 文档的表格 — the tables of this Word document could not be read',
  pages: '{n} 页',
  attachmentTitle: '本页的年度报告是附件 PDF',
  attachmentText: '页面中没有可读的数据表，报告在附件里：',
  attachmentCheck: '核对附件 PDF',
  attachmentTitleWord: '本页的年度报告是附件 Word 文档',
  attachmentCheckWord: '核对附件 Word 文档',
  openInLens: '在年报透镜中打开',
  openInLensHint: '这是一份 PDF：在年报透镜中读取、核对它的表格。',
  ownPage: '这是年报透镜的 PDF 页面：核对结果和导出在页面右侧的面板中。',
  zoom: '缩放',
  zoomIn: '放大',
  zoomOut: '缩小',
  zoomFit: '适合宽度',
  ocrOffer: '用本机 OCR 识读表格',
  ocrHint: '在本机识读，不联网、不上传；每页约需数十秒。读不准的数字标为“读不准”，不算作报告的错误。',
  ocrFailed: 'OCR 识读失败，未能读出表格 — OCR failed: the tables could not be read',
  // the CLI's line for the same finding, word for word
  ocrNoTables: OCR_NO_TABLE,
};
type Key = keyof typeof zh;

const en: Record<Key, string> = {
  pageTitle: 'PDF / Word report',
  choose: 'Open a local PDF, Word file or picture',
  chooseHint: 'Choose or drop an annual report PDF or Word document (.docx, .doc), or a picture of its tables (PNG, JPEG: a scanned page, a photo, a screenshot; read by offline OCR); or use “check the attachment” / “open in Nianbao Lens” on a report page or a PDF in the browser.',
  dropHere: 'Drop a PDF, a Word file or a picture of the tables here',
  source: 'Source',
  loading: 'Downloading the PDF…',
  reading: 'Reading the PDF…',
  readingPicture: 'Reading the picture…',
  checking: 'Checking the tables…',
  allow: 'Allow reading {host}',
  allowHint: 'Nianbao Lens reads pages and files on *.gov.cn only. This PDF is on {host}: allow that one site to download it (you can revoke it in the extension settings).',
  denied: zh.denied,
  broken: zh.broken,
  encrypted: zh.encrypted,
  failed: zh.failed,
  noTables: zh.noTables,
  noTablesWord: zh.noTablesWord,
  wordFailed: zh.wordFailed,
  pages: '{n} pages',
  attachmentTitle: "This page's annual report is an attached PDF",
  attachmentText: 'The page has no readable data tables; the report is in the attachment:',
  attachmentCheck: 'Check the attached PDF',
  attachmentTitleWord: "This page's annual report is an attached Word document",
  attachmentCheckWord: 'Check the attached Word document',
  openInLens: 'Open in Nianbao Lens',
  openInLensHint: 'This is a PDF: read and check its tables in Nianbao Lens.',
  ownPage: "This is Nianbao Lens's PDF page: the check and the exports are in the panel on the right.",
  zoom: 'Zoom',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomFit: 'Fit width',
  ocrOffer: 'Read the tables by offline OCR',
  ocrHint: 'Read on this machine: no network, nothing uploaded; some tens of seconds a page. A number read without confidence is marked “unsure”, never counted as an error of the report.',
  ocrFailed: zh.ocrFailed,
  ocrNoTables: zh.ocrNoTables,
};

export type PdfTranslate = (key: Key, vars?: Record<string, string | number>) => string;

export function pdfStrings(lang: Lang): PdfTranslate {
  const dict = lang === 'zh' ? zh : en;
  return (key, vars) => fillMessage(dict[key], vars, '');
}

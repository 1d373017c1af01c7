/**
 * Is a PDF's text layer Chinese at all? Fonts embedded without a usable ToUnicode map (a print
 * driver's PDF: PostScript and back; some old Word exports) keep their glyphs, so the page looks
 * right, but their text decodes to glyph numbers: control characters, private-use characters, or
 * ASCII punctuation soup. Such a report is not "not a report": it is one whose text cannot be read
 * (OCR can read it), and the line says which of the causes was seen.
 */
import type { PdfPage } from './page';

/** Why a text layer does not decode to Chinese. */
export type TextLayerCause = 'private-use' | 'control-characters' | 'no-chinese';

export const TEXT_LAYER_MESSAGES: Record<TextLayerCause, string> = {
  'private-use':
    'PDF 的文字层无法识读：字体缺少 Unicode 映射，文字解码为私用区或替换字符，无法核对（可用文字识别） — the PDF text layer is unreadable: its fonts have no usable Unicode map and the text decodes to private-use or replacement characters; cannot be checked (OCR can read it)',
  'control-characters':
    'PDF 的文字层无法识读：字体缺少 ToUnicode 映射（打印驱动生成的 PDF 常见），文字解码为控制字符，无法核对（可用文字识别） — the PDF text layer is unreadable: its fonts have no ToUnicode map (as print drivers make them) and the text decodes to control characters; cannot be checked (OCR can read it)',
  'no-chinese':
    'PDF 的文字层无法识读：页面画有表格，但文字解码后没有中文、找不到任何已知标签（字体缺少 Unicode 映射），无法核对（可用文字识别） — the PDF text layer is unreadable: tables are drawn, but the text decodes to no Chinese and no known label (fonts without a Unicode map); cannot be checked (OCR can read it)',
};

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/** Share of the text's characters (whitespace left out) in each class that tells. */
export function textLayerShares(pages: PdfPage[]) {
  let chars = 0;
  let privateUse = 0;
  let control = 0;
  let chinese = 0;
  let letters = 0;
  let digits = 0;
  for (const p of pages) {
    for (const t of p.texts) {
      const s = t.str.replace(/\s/g, '');
      chars += s.length;
      privateUse += count(s, /[\ufffd\ue000-\uf8ff]/g);
      control += count(s, /[\u0000-\u001f\u007f-\u009f]/g);
      chinese += count(s, /[\u3400-\u9fff]/g);
      letters += count(s, /[A-Za-z]/g);
      digits += count(s, /[0-9]/g);
    }
  }
  const of = (n: number) => (chars ? n / chars : 0);
  return { chars, privateUse: of(privateUse), control: of(control), chinese: of(chinese), letters: of(letters), digits: of(digits) };
}

/**
 * The cause, when the text layer as a whole does not decode: a tenth of private-use or control
 * characters; or, where no table was read though rules are drawn, text with no Chinese in it that
 * is neither words nor numbers (letters under half of it, digits under half: the punctuation soup
 * glyph numbers decode to).
 */
export function unreadableTextLayer(pages: PdfPage[], opts: { tablesRead: boolean }): TextLayerCause | null {
  const s = textLayerShares(pages);
  if (s.chars === 0) return null;
  if (s.privateUse > 0.1) return 'private-use';
  if (s.control > 0.1) return 'control-characters';
  const drawn = pages.reduce((n, p) => n + p.segments.length, 0);
  if (!opts.tablesRead && drawn >= 20 && s.chars >= 100 && s.chinese < 0.01 && s.letters < 0.5 && s.digits < 0.5) return 'no-chinese';
  return null;
}

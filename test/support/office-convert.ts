/**
 * A report page turned into every format an office makes of it, the way the programs do it:
 * Chromium's page.pdf, LibreOffice Writer (PDF, .docx, .doc, and the .docx printed on to PDF, as
 * it comes and with its tables fitted to the page width as an office's Word document has them),
 * wkhtmltopdf, a print driver (the LibreOffice PDF through pdf2ps and ps2pdf) and pdftotext -layout.
 * Used by scripts/measure-office-corpus.ts and test/office-corpus.test.ts on the corpus pages; the
 * outputs go to a cache directory outside the repository (they are copies of pages we did not
 * write) and are made once per page and program.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { decodeBytes } from '../../core/node/read';
import { fitDocxTables } from './docx-fit';

export const OFFICE_CACHE = join(tmpdir(), 'nianbao-office-corpus');

/** Every format, by the ending of `<name>.<ext>` in the cache; `page` is the page itself. */
export const OFFICE_FORMATS = [
  { ext: 'html', what: 'the page', expect: 'read' },
  { ext: 'chromium.pdf', what: "Chromium's page.pdf", expect: 'read' },
  { ext: 'lo.pdf', what: 'LibreOffice Writer → PDF', expect: 'read' },
  { ext: 'docx', what: 'LibreOffice Writer → .docx', expect: 'read' },
  { ext: 'doc', what: 'LibreOffice Writer → .doc', expect: 'read' },
  { ext: 'docx.pdf', what: 'the .docx → PDF (LibreOffice)', expect: 'read' },
  { ext: 'fit.pdf', what: 'the .docx, tables fitted to the page width → PDF (LibreOffice)', expect: 'read' },
  { ext: 'wk.pdf', what: 'wkhtmltopdf', expect: 'read' },
  { ext: 'txt', what: 'pdftotext -layout of the Chromium PDF', expect: 'read' },
  { ext: 'printer.pdf', what: 'print driver (pdf2ps + ps2pdf of the LibreOffice PDF)', expect: 'unreadable' },
] as const;
export type OfficeExt = (typeof OFFICE_FORMATS)[number]['ext'];

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
/** The converters this machine lacks (empty: every format can be made). */
export const missingConverters = (): string[] => ['soffice', 'wkhtmltopdf', 'pdf2ps', 'ps2pdf', 'pdftotext', '/usr/bin/chromium'].filter((c) => (c.startsWith('/') ? !existsSync(c) : !has(c)));

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'], timeout: 240_000 });

/**
 * The page at `htmlPath` in every format (cached by name in OFFICE_CACHE): ext → file path. A
 * program that fails leaves its format out. LibreOffice runs with a profile of its own, so another
 * soffice on the machine neither takes the job nor blocks it.
 */
export async function convertPage(htmlPath: string, browser: Browser): Promise<Map<OfficeExt, string>> {
  const name = basename(htmlPath).replace(/\.html?$/, '');
  const dir = join(OFFICE_CACHE, name);
  mkdirSync(dir, { recursive: true });
  const out = (ext: string) => join(dir, `${name}.${ext}`);
  const html = decodeBytes(new Uint8Array(readFileSync(htmlPath)));
  // The page as UTF-8, offline: converters fetch nothing (no network here, and none wanted).
  const src = out('html');
  if (!existsSync(src)) writeFileSync(src, html.replace(/<meta[^>]+charset[^>]*>/gi, '').replace(/<head[^>]*>/i, (h) => `${h}<meta charset="utf-8">`));
  const profile = `-env:UserInstallation=file://${join(OFFICE_CACHE, '.soffice-profile')}`;
  const soffice = (to: string, input: string, filter: string[] = []) => run('soffice', [profile, '--headless', ...filter, '--convert-to', to, '--outdir', join(dir, 'tmp'), input], dir);
  const make = async (ext: string, build: () => void | Promise<void>) => {
    if (existsSync(out(ext))) return;
    try {
      await build();
    } catch (e) {
      console.warn(`[office] ${name}.${ext}: ${(e as Error).message.split('\n')[0]}`);
    }
  };
  const fromTmp = (file: string, ext: string) => renameSync(join(dir, 'tmp', file), out(ext));
  const writer = ['--infilter=HTML (StarWriter)'];
  await make('chromium.pdf', async () => {
    const page = await browser.newPage();
    try {
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      writeFileSync(out('chromium.pdf'), await page.pdf({ format: 'A4', printBackground: true }));
    } finally {
      await page.close();
    }
  });
  await make('lo.pdf', () => (soffice('pdf:writer_pdf_Export', src, writer), fromTmp(`${name}.pdf`, 'lo.pdf')));
  await make('docx', () => (soffice('docx:MS Word 2007 XML', src, writer), fromTmp(`${name}.docx`, 'docx')));
  await make('doc', () => (soffice('doc:MS Word 97', src, writer), fromTmp(`${name}.doc`, 'doc')));
  await make('docx.pdf', () => {
    if (!existsSync(out('docx'))) throw new Error('no .docx');
    soffice('pdf:writer_pdf_Export', out('docx'));
    fromTmp(`${name}.pdf`, 'docx.pdf');
  });
  // What the office prints: its Word document, whose tables fit the page (LibreOffice cuts a wider one).
  await make('fit.pdf', () => {
    if (!existsSync(out('docx'))) throw new Error('no .docx');
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    const fitted = join(dir, 'tmp', `${name}.fit.docx`);
    writeFileSync(fitted, fitDocxTables(new Uint8Array(readFileSync(out('docx')))));
    soffice('pdf:writer_pdf_Export', fitted);
    fromTmp(`${name}.fit.pdf`, 'fit.pdf');
  });
  await make('wk.pdf', () => {
    try {
      run('wkhtmltopdf', ['--quiet', '--encoding', 'utf-8', '-s', 'A4', '--disable-javascript', '--load-error-handling', 'ignore', '--load-media-error-handling', 'ignore', src, out('wk.pdf')], dir);
    } catch (e) {
      // It exits 1 when a resource the page names cannot load (there is no network), PDF written.
      if ((e as { status?: number }).status !== 1 || !existsSync(out('wk.pdf'))) throw e;
    }
  });
  await make('txt', () => void run('pdftotext', ['-layout', out('chromium.pdf'), out('txt')], dir));
  await make('printer.pdf', () => {
    run('pdf2ps', [out('lo.pdf'), join(dir, 'tmp.ps')], dir);
    run('ps2pdf', [join(dir, 'tmp.ps'), out('printer.pdf')], dir);
  });
  const made = new Map<OfficeExt, string>();
  for (const f of OFFICE_FORMATS) if (existsSync(out(f.ext))) made.set(f.ext, out(f.ext));
  return made;
}

/**
 * report.html?src=<url> — a PDF report: downloaded (*.gov.cn, or a site the user allows), drawn
 * with pdf.js, read by the core's parsePdf, checked by the core's rules, and shown with the very
 * marks, tooltips and panel of a report page. Or a local PDF the user chooses or drops. A Word
 * .docx or .doc (downloaded from an attachment, chosen or dropped) is read by the core's Word
 * readers and its document drawn from the tree it was read into (app/word/view.ts, loaded only then).
 * A PDF without readable text (a scan, a print driver's) is read by OCR on the user's click
 * (app/ocr/pdf-ocr.ts), and a PNG or JPEG chosen or dropped as a one-page scan (app/ocr/picture-file.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { parsePdf, PdfReadError, type PdfParseOptions } from '../../../core/parse/pdf/index';
import { WordReadError } from '../../../core/parse/word/errors';
import { isOleBytes, isZipBytes } from '../../../core/parse/word/sniff';
import { OCR_PICTURE_KINDS, pictureKind } from '../../../core/ocr/picture-size';
import { figures } from '../../app/figures';
import { askFor, fetchPdf, PdfFetchError, readLocalPdf } from '../../app/pdf/fetch';
import { documentOptions, openPdf, pdfjsLib, type PDFDocumentProxy } from '../../app/pdf/pdfjs';
import { startSession, type CellView, type PdfSession } from '../../app/pdf/session';
import type { Report } from '../../../core/model/schema';
import { pdfStrings } from '../../app/pdf/strings';
import { PdfView } from '../../app/pdf/viewer';
import { resolveLang } from '../../lib/i18n';
import { getSettings } from '../../lib/storage';

type Phase =
  | { kind: 'choose' }
  | { kind: 'ask'; src: string; host: string }
  | { kind: 'busy'; step: 'loading' | 'reading' | 'checking' }
  | { kind: 'shown'; problem?: string; ocr?: boolean }
  | { kind: 'ocr'; line: string }
  | { kind: 'error'; message: string };

declare global {
  /** The page's state, for the real-browser tests and the bench. */
  var __nianbaoPdf: { view: PdfView; session: PdfSession | null; report: unknown; timing: Record<string, number> } | undefined;
  /** The same for a Word document shown on the page. */
  var __nianbaoWord: { session: PdfSession | null; report: unknown } | undefined;
}

/** CSS pixels per PDF unit: the first page as wide as the room beside the panel allows, within bounds. */
function fitScale(pdfWidth: number): number {
  const room = (window.innerWidth > 900 ? window.innerWidth - 412 : window.innerWidth) - 48;
  return Math.min(1.75, Math.max(0.75, room / pdfWidth));
}

/**
 * Room for the panel beside the pages: ours (a right padding) unless the panel docks itself (it
 * then gives the document a right margin of its own).
 */
function keepClearOfPanel(): void {
  const docked = () => parseFloat(getComputedStyle(document.documentElement).marginRight) > 0;
  document.body.classList.add('has-panel');
  const check = () => docked() && document.body.classList.remove('has-panel');
  new MutationObserver(check).observe(document.head, { childList: true, subtree: true, characterData: true });
  check();
}

/** One line for any way opening or reading a PDF fails (never a stack trace). */
function problemOf(err: unknown, t: ReturnType<typeof pdfStrings>): string {
  if (err instanceof PdfReadError || err instanceof PdfFetchError || err instanceof WordReadError) return err.message;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException') return t('encrypted');
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') return t('broken');
  return t('failed');
}

export function ReportPage({ pages }: { pages: HTMLElement }) {
  const src = new URLSearchParams(location.search).get('src');
  const [lang, setLang] = useState<'zh' | 'en'>(resolveLang('auto'));
  const t = pdfStrings(lang);
  /**
   * What OCR's failure says: its own lines as they are (the engine would not start, the picture is
   * refused, no table read — OCR_NO_TABLE, as the CLI says it — or its time ran out); anything
   * else is ours to look into (logged) and the generic line.
   */
  const ocrProblem = (err: unknown): string => {
    if (err instanceof Error && ['OcrStartError', 'PictureFileError', 'PdfReadError'].includes(err.name)) return err.message;
    console.error('[nianbao] OCR', err);
    return t('ocrFailed');
  };
  const [phase, setPhase] = useState<Phase>(src ? { kind: 'busy', step: 'loading' } : { kind: 'choose' });
  const [name, setName] = useState<string | null>(src);
  const [pageCount, setPageCount] = useState(0);
  const [scale, setScale] = useState(0);
  const [over, setOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const current = useRef<{ dispose(): void } | null>(null);
  /** Which show() is the latest: an earlier one still running (a second file chosen meanwhile) gives up. */
  const generation = useRef(0);
  /** A PDF shown whose text cannot be read (a scan, an unreadable text layer): what OCR is offered for. */
  const noText = useRef<{ pdf: PDFDocumentProxy; view: PdfView; source: string; gen: number } | null>(null);

  /** Draw, read and check one PDF; `source` is its address or file name. */
  const show = async (bytes: Uint8Array, source: string) => {
    const timing: Record<string, number> = { start: performance.now() };
    const gen = ++generation.current;
    const stale = () => gen !== generation.current;
    current.current?.dispose();
    current.current = null;
    noText.current = null;
    document.querySelectorAll('nianbao-lens').forEach((el) => el.remove());
    document.body.classList.remove('has-panel');
    setName(source);
    setPhase({ kind: 'busy', step: 'reading' });
    setPageCount(0);
    setScale(0);
    if (isZipBytes(bytes) || isOleBytes(bytes)) return showWord(bytes, source, stale);
    const picture = pictureKind(bytes);
    if (picture && OCR_PICTURE_KINDS.has(picture)) return showPicture(bytes, source, picture, stale);
    let pdf: PDFDocumentProxy;
    let view: PdfView;
    try {
      pdf = await openPdf(bytes);
      if (stale()) return void pdf.destroy();
      const first = await pdf.getPage(1);
      view = new PdfView(pages, pdf, fitScale(first.getViewport({ scale: 1 }).width));
      if (stale()) return void pdf.destroy();
      current.current = view;
      await view.layout();
    } catch (err) {
      if (stale()) return;
      setPhase({ kind: 'error', message: problemOf(err, t) });
      return;
    }
    if (stale()) return;
    timing.laidOut = performance.now();
    setPageCount(pdf.numPages);
    setScale(view.scale);
    globalThis.__nianbaoPdf = { view, session: null, report: null, timing };
    setPhase({ kind: 'busy', step: 'checking' });
    let report;
    try {
      // The page's own pdf.js (its worker, CMaps and fonts) and the document already open: no second copy.
      const opts = { source, ...documentOptions(), pdfjs: pdfjsLib(), document: pdf } as unknown as PdfParseOptions;
      report = await parsePdf(bytes, opts);
      if (stale()) return;
    } catch (err) {
      if (stale()) return;
      if (!(err instanceof PdfReadError)) console.error('[nianbao] parsePdf', err);
      // No text to read the tables from: OCR is offered (on a click, never on its own).
      const ocr = err instanceof PdfReadError && (err.code === 'scanned' || err.code === 'unreadable');
      if (ocr) noText.current = { pdf, view, source, gen };
      setPhase({ kind: 'shown', problem: problemOf(err, t), ocr });
      return;
    }
    timing.parsed = performance.now();
    const state = globalThis.__nianbaoPdf;
    state.report = report;
    await present(report, view, source, timing.parsed - timing.laidOut, stale, { noTables: t('noTables'), label: 'PDF' }, (session) => {
      timing.checked = performance.now();
      state.session = session;
    });
  };

  /**
   * A report read into its view: checked and marked (`keep` gets its session), the tab titled
   * "agency year · 年报透镜 label" (or `name`); or the line saying it has no data tables.
   */
  const present = async (report: Report, view: CellView, source: string, readMs: number, stale: () => boolean, how: { noTables: string; label: string; name?: string }, keep: (session: PdfSession) => void) => {
    if (!figures(report).hasTables) {
      setPhase({ kind: 'shown', problem: how.noTables });
      return;
    }
    keepClearOfPanel();
    const session = await startSession(report, view, source, readMs);
    if (stale()) return;
    keep(session);
    const { agency, year } = report.meta;
    document.title = `${how.name ?? [agency, year].filter(Boolean).join(' ')} · 年报透镜 ${how.label}`;
    setPhase({ kind: 'shown' });
  };

  /** The shown PDF's tables read by OCR (the user's click), then checked as any PDF is. */
  const readByOcr = async (e: MouseEvent) => {
    const shown = noText.current;
    if (!e.isTrusted || !shown) return;
    noText.current = null;
    const stale = () => shown.gen !== generation.current;
    const start = performance.now();
    setPhase({ kind: 'ocr', line: t('ocrOffer') });
    let report;
    try {
      const { ocrPdfDocument } = await import('../../app/ocr/pdf-ocr');
      report = await ocrPdfDocument(shown.pdf, shown.source, (line) => stale() || setPhase({ kind: 'ocr', line }));
    } catch (err) {
      if (stale()) return;
      setPhase({ kind: 'shown', problem: ocrProblem(err) });
      return;
    }
    if (stale()) return;
    const state = globalThis.__nianbaoPdf;
    if (state) state.report = report;
    await present(report, shown.view, shown.source, performance.now() - start, stale, { noTables: t('ocrNoTables'), label: 'OCR' }, (session) => state && (state.session = session));
  };

  /** A picture file (PNG, JPEG) chosen or dropped: shown, read by OCR as a one-page scan, checked. */
  const showPicture = async (bytes: Uint8Array, source: string, kind: string, stale: () => boolean) => {
    const start = performance.now();
    setPhase({ kind: 'ocr', line: t('readingPicture') });
    let read;
    try {
      const { readPictureFile } = await import('../../app/ocr/picture-file');
      if (stale()) return;
      read = await readPictureFile(bytes, source, kind, pages, (line) => stale() || setPhase({ kind: 'ocr', line }));
    } catch (err) {
      if (stale()) return;
      setPhase({ kind: 'error', message: ocrProblem(err) });
      return;
    }
    const { report, view } = read;
    if (stale()) return view.dispose();
    current.current = view;
    const state = (globalThis.__nianbaoPicturesPage = { report, session: null as PdfSession | null });
    await present(report, view, source, performance.now() - start, stale, { noTables: t('ocrNoTables'), label: 'OCR', name: source }, (session) => (state.session = session));
  };

  /** Read and draw a Word document, then check it as a PDF is checked. */
  const showWord = async (bytes: Uint8Array, source: string, stale: () => boolean) => {
    const start = performance.now();
    let shown;
    try {
      const { WordView } = await import('../../app/word/view');
      if (stale()) return;
      shown = WordView.open(pages, bytes, source);
    } catch (err) {
      if (stale()) return;
      if (!(err instanceof WordReadError)) console.error('[nianbao] readWordDocument', err);
      setPhase({ kind: 'error', message: err instanceof WordReadError ? err.message : t('wordFailed') });
      return;
    }
    const { report, view } = shown;
    current.current = view;
    const state = (globalThis.__nianbaoWord = { session: null as PdfSession | null, report });
    if (figures(report).hasTables) setPhase({ kind: 'busy', step: 'checking' });
    await present(report, view, source, performance.now() - start, stale, { noTables: t('noTablesWord'), label: 'Word' }, (session) => (state.session = session));
  };

  const load = async (url: string) => {
    setPhase({ kind: 'busy', step: 'loading' });
    let bytes: Uint8Array;
    try {
      bytes = await fetchPdf(url);
    } catch (err) {
      if (err instanceof PdfFetchError && err.code === 'permission') {
        setPhase({ kind: 'ask', src: url, host: new URL(url).hostname });
        return;
      }
      setPhase({ kind: 'error', message: problemOf(err, t) });
      return;
    }
    await show(bytes, url);
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await show(await readLocalPdf(file), file.name);
    } catch (err) {
      setPhase({ kind: 'error', message: problemOf(err, t) });
    }
  };

  useEffect(() => {
    void getSettings().then((s) => setLang(resolveLang(s.language)));
    if (src) void load(src);
    // A PDF dropped anywhere on the page.
    const drag = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(e.type === 'dragover');
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      if (e.isTrusted) void openFile(e.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', drag);
    window.addEventListener('dragleave', drag);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', drag);
      window.removeEventListener('dragleave', drag);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const allow = async (e: MouseEvent) => {
    if (!e.isTrusted || phase.kind !== 'ask') return;
    const url = phase.src;
    // Asked right in the click: permissions.request needs the user's gesture.
    if (await askFor(url)) await load(url);
    else setPhase({ kind: 'error', message: t('denied') });
  };

  const zoom = (e: MouseEvent, to: number | 'fit') => {
    const view = current.current;
    if (!e.isTrusted || !(view instanceof PdfView) || !view.pages.length) return;
    view.setScale(to === 'fit' ? fitScale(view.pages[0].width) : to);
    setScale(view.scale);
  };

  const isUrl = !!name && /^https?:/i.test(name);
  return (
    <>
      <header class="bar">
        <h1>年报透镜 · {t('pageTitle')}</h1>
        <span class="src" title={name ?? ''}>
          {name && (isUrl ? <a href={name} target="_blank" rel="noreferrer noopener">{name}</a> : name)}
          {pageCount > 0 && ` · ${t('pages', { n: pageCount })}`}
        </span>
        {scale > 0 && (
          <span class="zoom" role="group" aria-label={t('zoom')}>
            <button type="button" data-action="zoom-out" title={t('zoomOut')} aria-label={t('zoomOut')} onClick={(e) => zoom(e as unknown as MouseEvent, scale / 1.25)}>
              −
            </button>
            <button type="button" data-action="zoom-fit" title={t('zoomFit')} onClick={(e) => zoom(e as unknown as MouseEvent, 'fit')}>
              {Math.round(scale * 100)}%
            </button>
            <button type="button" data-action="zoom-in" title={t('zoomIn')} aria-label={t('zoomIn')} onClick={(e) => zoom(e as unknown as MouseEvent, scale * 1.25)}>
              +
            </button>
          </span>
        )}
        <button type="button" class="primary" data-action="choose" onClick={(e) => e.isTrusted && fileInput.current?.click()}>
          {t('choose')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/pdf,.pdf,.docx,.doc,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,image/png,image/jpeg,.png,.jpg,.jpeg"
          hidden
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            void openFile(input.files?.[0]);
            input.value = '';
          }}
        />
      </header>
      {phase.kind === 'choose' && (
        <div class={`choose${over ? ' over' : ''}`} data-phase="choose">
          <p>
            <strong>{t('dropHere')}</strong>
          </p>
          <p>{t('chooseHint')}</p>
        </div>
      )}
      {phase.kind === 'busy' && (
        <p class="message" data-kind="busy" data-phase="busy" role="status">
          {t(phase.step)}
        </p>
      )}
      {phase.kind === 'ask' && (
        <div class="message" data-phase="ask" role="status">
          <p class="hint">{t('allowHint', { host: phase.host })}</p>
          <button type="button" class="primary" data-action="allow" onClick={(e) => void allow(e as unknown as MouseEvent)}>
            {t('allow', { host: phase.host })}
          </button>
        </div>
      )}
      {phase.kind === 'error' && (
        <p class="message" data-kind="error" data-phase="error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.kind === 'shown' && phase.problem && (
        <p class="message" data-kind="error" data-phase="problem" role="alert">
          {phase.problem}
        </p>
      )}
      {phase.kind === 'shown' && phase.ocr && (
        <div class="message" data-phase="ocr-offer">
          <button type="button" class="primary" data-action="ocr" onClick={(e) => void readByOcr(e as unknown as MouseEvent)}>
            {t('ocrOffer')}
          </button>
          <p class="hint">{t('ocrHint')}</p>
        </div>
      )}
      {phase.kind === 'ocr' && (
        <p class="message" data-kind="busy" data-phase="ocr" role="status">
          {phase.line}
        </p>
      )}
      {phase.kind === 'shown' && !phase.problem && <span hidden data-phase="ready" />}
    </>
  );
}

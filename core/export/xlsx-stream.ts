/**
 * An XLSX file written as it goes: each sheet's rows are turned into XML, encoded and deflated a
 * few hundred at a time and then let go, so that a workbook of a thousand reports never holds its
 * cells, its XML or its uncompressed bytes all at once (issue 22: the collection's export of 1,000
 * reports). Sheets may be written side by side; the zip (fflate's streaming Zip) keeps each
 * sheet's compressed bytes until the sheets before it are done, so the entries stay in order.
 * Deflate is the platform's own (CompressionStream 'deflate-raw': native zlib in Chromium,
 * Firefox and Node) when there is one, else fflate's. Browser-safe.
 */
import { Zip, ZipDeflate, ZipPassThrough, type FlateError, type ZipInputFile } from 'fflate';
import { utf8Bytes } from './utf8';
import { packageParts, rowsXml, sheetHead, sheetTail, Strings, Styles, type XlsxSheet } from './xlsx-writer';

/** XML is encoded and handed to deflate in pieces of about this many characters. */
const PIECE = 1 << 18;

/** A zip entry deflated by the platform's CompressionStream; fflate computes its CRC and size. */
class NativeZipDeflate extends ZipPassThrough {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  /** Resolves once every compressed byte has been handed on (or the stream failed). */
  readonly done: Promise<void>;

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
    const stream = new CompressionStream('deflate-raw');
    this.writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.ondata(null, value, false);
        }
        this.ondata(null, new Uint8Array(0), true);
      } catch (e) {
        this.ondata(Object.assign(e instanceof Error ? e : new Error(String(e)), { code: 0 }) as FlateError, new Uint8Array(0), true);
      }
    })();
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length) void this.writer.write(chunk).catch(() => undefined);
    if (final) void this.writer.close().catch(() => undefined);
  }

  /** Until deflate has taken what it was given (backpressure: XML is not piled up in memory). */
  ready(): Promise<void> {
    return this.writer.ready;
  }
}

let native: boolean | undefined;
/** Whether CompressionStream knows raw deflate (Chromium 103+, Firefox 113+, Node 20.12+). */
function hasNativeDeflate(): boolean {
  if (native === undefined) {
    try {
      native = typeof CompressionStream === 'function' && !!new CompressionStream('deflate-raw');
    } catch {
      native = false;
    }
  }
  return native;
}

interface Entry {
  file: ZipInputFile & { push(chunk: Uint8Array, final?: boolean): void };
  pending: string;
  started: boolean;
  closed: boolean;
}

/** Writes sheets into one zip as their rows come, then the package's other parts; `finish()` gives the file. */
export class XlsxStream {
  private readonly zip: Zip;
  private readonly out: Uint8Array[] = [];
  private readonly finished: Promise<void>;
  private readonly entries = new Map<XlsxSheet, Entry>();
  private readonly sheets: XlsxSheet[] = [];
  private readonly styles = new Styles();
  private readonly strings = new Strings();
  private readonly nativeFiles: NativeZipDeflate[] = [];

  constructor(private readonly opts: { creator?: string; nativeDeflate?: boolean } = {}) {
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    this.finished = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    this.zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      this.out.push(chunk);
      if (final) resolve();
    });
  }

  private file(path: string): Entry['file'] {
    if (this.opts.nativeDeflate ?? hasNativeDeflate()) {
      const f = new NativeZipDeflate(path);
      this.nativeFiles.push(f);
      return f;
    }
    return new ZipDeflate(path, { level: 6 });
  }

  /** Add a sheet (sheets are numbered in the order added); its widths and frozen panes must be set before its first rows are written. */
  add(sheet: XlsxSheet): XlsxSheet {
    const file = this.file(`xl/worksheets/sheet${this.sheets.length + 1}.xml`);
    this.zip.add(file);
    this.sheets.push(sheet);
    this.entries.set(sheet, { file, pending: '', started: false, closed: false });
    return sheet;
  }

  private push(entry: Entry, xml: string, final = false): void {
    entry.pending += xml;
    if (entry.pending.length >= PIECE || final) {
      entry.file.push(utf8Bytes(entry.pending), final);
      entry.pending = '';
    }
  }

  /** Write out the rows the sheet holds and let them go. */
  flush(sheet: XlsxSheet): void {
    const entry = this.entries.get(sheet)!;
    if (!entry.started) {
      entry.started = true;
      this.push(entry, sheetHead(sheet));
    }
    this.push(entry, rowsXml(sheet, this.styles, this.strings));
    sheet.release();
  }

  /** The sheet is complete: its last rows, then its merged ranges. */
  close(sheet: XlsxSheet): void {
    const entry = this.entries.get(sheet)!;
    if (entry.closed) return;
    this.flush(sheet);
    entry.closed = true;
    this.push(entry, sheetTail(sheet), true);
  }

  /** Until deflate has caught up with what was written (call between batches of rows). */
  async drain(): Promise<void> {
    await Promise.all(this.nativeFiles.map((f) => f.ready()));
  }

  /** Close the sheets still open, add the other parts, and give the file's bytes (in pieces, to join or to put in a Blob). */
  async finish(): Promise<Uint8Array[]> {
    for (const sheet of this.sheets) this.close(sheet);
    for (const [path, xml] of packageParts(
      this.sheets.map((s) => s.name),
      this.opts.creator ?? '',
      this.styles,
      this.strings,
    )) {
      const f = this.file(path);
      this.zip.add(f);
      f.push(utf8Bytes(xml), true);
    }
    this.zip.end();
    await this.finished;
    return this.out;
  }
}

/** Pieces of bytes as one array. */
export function joinBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

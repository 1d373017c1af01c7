/**
 * How each format's outputs become the file: the text formats (JSON, CSVs) are written as each
 * report comes, coverage gathers its small records to name the missing years at the end, and
 * XLSX is written as it goes by the streaming workbook writer (core/export/xlsx-stream.ts).
 */
import { coverageCsvOfRecords } from '../export/coverage';
import type { ExportFailure, ExportItem } from '../export/cells';
import { textExporter } from '../export/formats';
import { xlsxExporter } from '../export/xlsx';
import { joinBytes } from '../export/xlsx-stream';
import type { BatchOptions } from './export-options';
import type { Sink } from './export-sinks';

export interface FormatWriter {
  /** The text formats' head (nothing for coverage and XLSX). */
  begin(): Promise<void>;
  /** One report's rendered text (text formats, coverage). */
  text(text: string): Promise<void>;
  /** One report's rendered text as UTF-8 bytes (text formats, when the sink takes them: see Sink.takesUtf8). */
  bytes(bytes: Uint8Array): Promise<void>;
  /** One report with its issues (XLSX). */
  item(item: ExportItem): Promise<void>;
  /** The end: every input not exported is listed in the document. */
  end(notExported: ExportFailure[]): Promise<void>;
}

/** A sink that takes UTF-8 gets it in writes of about this many bytes (one write per report cost more than the encoding). */
const WRITE_BYTES = 1 << 20;
/** The streamed workbook lets deflate catch up after this many reports. */
const DRAIN_EVERY = 50;

const UTF8 = new TextDecoder();

/** Text and bytes to the sink in order; gathered into large writes when the sink takes UTF-8. */
function gathered(sink: Sink) {
  const pieces: Uint8Array[] = [];
  let held = 0;
  const flush = async () => {
    if (!held) return;
    const joined = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, held);
    pieces.length = 0;
    held = 0;
    await sink.writeBytes(joined);
  };
  const put = async (piece: string | Uint8Array) => {
    if (!sink.takesUtf8) return sink.write(typeof piece === 'string' ? piece : UTF8.decode(piece));
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (!bytes.length) return;
    pieces.push(bytes);
    held += bytes.length;
    if (held >= WRITE_BYTES) await flush();
  };
  return { put, flush };
}

export function formatWriter(opts: Pick<BatchOptions, 'format' | 'sink' | 'since' | 'labels'>): FormatWriter {
  const { sink } = opts;
  const coverage = opts.format === 'coverage-csv';
  const exporter = opts.format === 'xlsx' || coverage ? null : textExporter(opts.format, { labels: opts.labels });
  const workbook = opts.format === 'xlsx' ? xlsxExporter() : null;
  const out = gathered(sink);
  const records: string[] = [];
  let written = 0;
  let items = 0;
  const separated = async (piece: string | Uint8Array) => {
    if (written++ && exporter!.separator) await out.put(exporter!.separator);
    await out.put(piece);
  };
  return {
    begin: async () => {
      if (exporter) await out.put(exporter.begin());
    },
    text: async (text) => {
      if (coverage) records.push(text);
      else if (exporter) await separated(text);
    },
    bytes: async (bytes) => {
      if (coverage) records.push(UTF8.decode(bytes));
      else if (exporter) await separated(bytes);
    },
    item: async (item) => {
      workbook?.item(item);
      if (++items % DRAIN_EVERY === 0) await workbook?.drain();
    },
    end: async (notExported) => {
      if (coverage) await out.put(coverageCsvOfRecords(records, { since: opts.since }));
      else if (exporter) await out.put(exporter.end(notExported));
      await out.flush();
      if (!workbook) return;
      const pieces = await workbook.end(notExported);
      // A file takes the pieces one by one; the command's output takes the file in one write.
      if (sink.takesUtf8) for (const piece of pieces) await sink.writeBytes(piece);
      else await sink.writeBytes(joinBytes(pieces));
    },
  };
}

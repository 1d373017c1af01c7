/**
 * The offscreen document (Chrome): where the background's collector has its PDFs read, since
 * pdf.js needs a document to start its worker. It answers only the background (no tab sends
 * this), one PDF per message, and is closed when the collection ends.
 */
import { onMessage } from '../../lib/protocol';
import { readPdfReport } from '../../app/pdf/read-report';

onMessage('offscreen:read-pdf', ({ data, sender }) => {
  if (sender.tab || typeof data !== 'string') return { ok: false as const, reason: 'refused' };
  return readPdfReport(data);
});

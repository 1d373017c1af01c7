/**
 * PDF bombs built from small byte strings (issue 20, D): nothing large is committed, and the
 * largest file here is about 2 MB on disk.
 */
import { deflateRawSync, deflateSync, constants } from 'node:zlib';

/** A one-page PDF whose page draws `content` (and may name one image XObject). Offsets in the xref are exact. */
export function onePagePdf(content: { dict: string; data: Uint8Array }, image?: { dict: string; data: Uint8Array }): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  add(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  const obj = (n: number, body: Buffer[]) => {
    offsets[n] = length;
    add(Buffer.from(`${n} 0 obj\n`));
    for (const b of body) add(b);
    add(Buffer.from('\nendobj\n'));
  };
  obj(1, [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>')]);
  obj(2, [Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>')]);
  obj(3, [Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >>${image ? ' /XObject << /Im1 5 0 R >>' : ''} >> >>`)]);
  const stream = (n: number, s: { dict: string; data: Uint8Array }) => obj(n, [Buffer.from(`<< ${s.dict} /Length ${s.data.length} >>\nstream\n`), Buffer.from(s.data), Buffer.from('\nendstream')]);
  stream(4, content);
  if (image) stream(5, image);
  obj(6, [Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')]);
  const xref = length;
  const count = 7;
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let i = 1; i < count; i++) table += offsets[i] === undefined ? '0000000000 65535 f \n' : `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  add(Buffer.from(`${table}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

const plain = (text: string) => ({ dict: '', data: new Uint8Array(Buffer.from(text, 'latin1')) });
const flate = (text: string) => ({ dict: '/Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.from(text, 'latin1'))) });

/**
 * A zlib stream of `mib` MiB of zeros, built by repeating one sync-flushed deflate block (each
 * starts with a literal zero, so it depends on nothing before it) — 2 GiB in about 2 MB.
 */
export function zerosZlib(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  const total = mib * (1 << 20);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) >>> 0) + 1);
  return new Uint8Array(Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array.from({ length: mib }, () => block), end, adler]));
}

/** A Flate content stream that inflates to 2 GiB. */
export const flateBomb = () => onePagePdf({ dict: '/Filter /FlateDecode', data: zerosZlib(2048) });

/** A 20000×20000 RGB image (its stream a few bytes: the size is in the dictionary). */
export const imageBomb = () =>
  onePagePdf(plain('q 595 0 0 842 0 0 cm /Im1 Do Q'), { dict: '/Type /XObject /Subtype /Image /Width 20000 /Height 20000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode', data: new Uint8Array(deflateSync(Buffer.alloc(1024))) });

/** 100,000 nested q … Q. */
export const nestingBomb = () => onePagePdf(flate(`${'q '.repeat(100_000)}${'Q '.repeat(100_000)}`));

/** A million text runs. */
export const textRunBomb = () => onePagePdf(flate(`BT /F1 1 Tf 10 10 Td ${'(a) Tj '.repeat(1_000_000)}ET`));

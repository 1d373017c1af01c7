/**
 * Writes our own Word fixtures (test/fixtures/word/*.docx, *.doc) the way an office makes them:
 * the body of our sample reports (what an office writes: title, narrative, the three tables,
 * signature — no portal around it) opened in LibreOffice Writer and saved as .docx and as Word
 * 97–2003 .doc, plus one whole portal page saved as .docx (layout tables around the report). The
 * tests compare every cell with what the HTML parser reads from the same HTML (wordFixtureHtml),
 * so they need neither LibreOffice nor these pages on disk.
 *
 * Run: npx tsx scripts/gen-word-fixtures.ts [NAME.doc …]   (needs soffice: Debian libreoffice-writer-nogui)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORD_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'word');
const SAMPLES = join(import.meta.dirname, '..', 'samples');

/** The report body of a sample page, as a document of its own (an office's draft). */
function bodyOnly(page: string): string {
  const title = /<h1[^>]*>(.*?)<\/h1>/.exec(page)?.[1] ?? '';
  const start = page.indexOf('<div class="article-body">');
  const end = page.indexOf('</div>', page.lastIndexOf('<p style="text-align:right">'));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${page.slice(start, end + 6)}</body></html>`;
}

/** Fixture name → the HTML it is made from; the .docx/.doc files are these pages saved by Writer. */
export function wordFixtureHtml(): Record<string, { html: string; formats: ('docx' | 'doc')[] }> {
  const sample = (name: string) => readFileSync(join(SAMPLES, `${name}.html`), 'utf8');
  return {
    'report-2024': { html: bodyOnly(sample('demo-2024')), formats: ['docx', 'doc'] },
    'report-2020-old-format': { html: bodyOnly(sample('demo-2020-old-format')), formats: ['docx', 'doc'] },
    // The whole portal page: the report tables nested in its layout table (in the .doc, table depth 2).
    'portal-page-2024': { html: sample('demo-2024'), formats: ['docx', 'doc'] },
  };
}

/**
 * An encrypted .docx as Office writes one: not a zip but an OLE compound file (CFB v3) holding
 * the streams EncryptionInfo (agile encryption, version 4.4) and EncryptedPackage (the size, then
 * ciphertext — here random bytes, as no reader may get past the password anyway). Neither
 * LibreOffice 7.4 nor Debian's msoffcrypto-tool 5.0 encrypts, so the container is written here;
 * `msoffcrypto-tool -t` recognises it as encrypted.
 */
export function encryptedDocx(): Uint8Array {
  const SECTOR = 512;
  const info = new Uint8Array(4096);
  const infoHead = new TextEncoder().encode([
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">',
      `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${'A'.repeat(22)}=="/>`,
      `<dataIntegrity encryptedHmacKey="${'A'.repeat(86)}==" encryptedHmacValue="${'A'.repeat(86)}=="/>`,
      '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">',
      `<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${'A'.repeat(22)}==" encryptedVerifierHashInput="${'A'.repeat(22)}==" encryptedVerifierHashValue="${'A'.repeat(86)}==" encryptedKeyValue="${'A'.repeat(43)}="/>`,
      '</keyEncryptor></keyEncryptors></encryption>',
    ].join(''));
  new DataView(info.buffer).setUint32(0, 0x00040004, true); // version 4.4 (agile)
  new DataView(info.buffer).setUint32(4, 0x40, true);
  info.fill(0x20, 8); // the XML, padded with spaces to the stream size
  info.set(infoHead, 8);
  const pkg = new Uint8Array(8192);
  new DataView(pkg.buffer).setUint32(0, 9339, true);
  for (let i = 8; i < pkg.length; i++) pkg[i] = (i * 2654435761) >>> 24;
  const infoSectors = info.length / SECTOR;
  const pkgSectors = pkg.length / SECTOR;
  const total = 2 + infoSectors + pkgSectors; // FAT, directory, the two streams
  const out = new Uint8Array(SECTOR * (1 + total));
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory at sector 1
  dv.setUint32(0x38, 0x1000, true);
  dv.setUint32(0x3c, 0xfffffffe, true);
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const sector = (n: number) => SECTOR * (1 + n);
  // FAT: sector 0 is the FAT, 1 the directory, then each stream a chain.
  const fat = (n: number, v: number) => dv.setUint32(sector(0) + n * 4, v, true);
  for (let n = 0; n < SECTOR / 4; n++) fat(n, 0xffffffff);
  fat(0, 0xfffffffd);
  fat(1, 0xfffffffe);
  const chain = (first: number, count: number) => {
    for (let k = 0; k < count; k++) fat(first + k, k === count - 1 ? 0xfffffffe : first + k + 1);
  };
  chain(2, infoSectors);
  chain(2 + infoSectors, pkgSectors);
  const entry = (i: number, name: string, type: number, right: number, child: number, start: number, size: number) => {
    const at = sector(1) + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(at + k * 2, name.charCodeAt(k), true);
    dv.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1; // black
    dv.setUint32(at + 0x44, 0xffffffff, true);
    dv.setUint32(at + 0x48, right, true);
    dv.setUint32(at + 0x4c, child, true);
    dv.setUint32(at + 0x74, start, true);
    dv.setUint32(at + 0x78, size, true);
  };
  entry(0, 'Root Entry', 5, 0xffffffff, 1, 0xfffffffe, 0);
  entry(1, 'EncryptionInfo', 2, 2, 0xffffffff, 2, info.length);
  entry(2, 'EncryptedPackage', 2, 0xffffffff, 0xffffffff, 2 + infoSectors, pkg.length);
  for (const i of [3]) {
    const at = sector(1) + i * 128;
    dv.setUint32(at + 0x44, 0xffffffff, true);
    dv.setUint32(at + 0x48, 0xffffffff, true);
    dv.setUint32(at + 0x4c, 0xffffffff, true);
  }
  out.set(info, sector(2));
  out.set(pkg, sector(2 + infoSectors));
  return out;
}

const FILTERS = { docx: 'docx:MS Word 2007 XML', doc: 'doc:MS Word 97' } as const;

if (process.argv[1] === import.meta.filename) {
  mkdirSync(WORD_FIXTURES, { recursive: true });
  // File names given (portal-page-2024.doc …): only those are written again.
  const only = process.argv.slice(2);
  const work = mkdtempSync(join(tmpdir(), 'nianbao-word-'));
  try {
    for (const [name, { html, formats }] of Object.entries(wordFixtureHtml())) {
      const src = join(work, `${name}.html`);
      writeFileSync(src, html);
      for (const format of formats) {
        if (only.length && !only.includes(`${name}.${format}`)) continue;
        // Writer's own HTML import (not Writer/Web), a private profile so a running soffice is not disturbed.
        execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', FILTERS[format], '--outdir', work, src], { stdio: 'ignore' });
        copyFileSync(join(work, `${name}.${format}`), join(WORD_FIXTURES, `${name}.${format}`));
        console.log(`${name}.${format}`);
      }
    }
    if (!only.length || only.includes('encrypted.docx')) {
      writeFileSync(join(WORD_FIXTURES, 'encrypted.docx'), encryptedDocx());
      console.log('encrypted.docx');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

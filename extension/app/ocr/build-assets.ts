/**
 * Build time (Node, wxt.config.ts): what OCR needs at run time on the pictures page, copied from
 * the npm packages into the extension as its own files — tesseract.js's worker script, one wasm
 * core (SIMD + LSTM: every browser the extension supports has SIMD) and the eng and chi_sim
 * best_int models. tesseract.js would fetch them from a CDN without these: it never does here.
 * Nothing is web-accessible: only the extension's pictures page loads them.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where they land in the extension (see ./engine.ts). */
export const OCR_DIR = 'ocr';
export const OCR_CORE = 'tesseract-core-simd-lstm.wasm.js';

export function ocrAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const require = createRequire(import.meta.url);
  const dir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
  return [
    { absoluteSrc: join(dir('tesseract.js'), 'dist', 'worker.min.js'), relativeDest: `${OCR_DIR}/worker.min.js` },
    { absoluteSrc: join(dir('tesseract.js-core'), OCR_CORE), relativeDest: `${OCR_DIR}/${OCR_CORE}` },
    { absoluteSrc: join(dir('@tesseract.js-data/eng'), '4.0.0_best_int', 'eng.traineddata.gz'), relativeDest: `${OCR_DIR}/eng.traineddata.gz` },
    { absoluteSrc: join(dir('@tesseract.js-data/chi_sim'), '4.0.0_best_int', 'chi_sim.traineddata.gz'), relativeDest: `${OCR_DIR}/chi_sim.traineddata.gz` },
  ];
}

/**
 * Run as a child process (test/ocr-pictures.test.ts): a PNG and a JPEG of our own, cut at every
 * length through their headers, at the first 16 lengths past them and at some lengths after, each
 * given to pagePicture. The decoder crashed the process on a cut header (a segmentation fault):
 * this process must end with 0.
 * Prints how many cuts were decoded and how many refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { pagePicture } from '../../core/node/ocr';
import { pictureSize } from '../../core/ocr/picture-size';

const png = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'pictures', 'table-1.png'));
const img = await loadImage(png);
const canvas = createCanvas(img.width, img.height);
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, img.width, img.height);
ctx.drawImage(img, 0, 0);
const jpeg = await canvas.encode('jpeg', 80);

let decoded = 0;
let refused = 0;
for (const whole of [png, jpeg]) {
  let header = 0;
  while (header < whole.length && !pictureSize(whole.subarray(0, header))) header++;
  const cuts = [...Array.from({ length: header + 16 }, (_, i) => i), ...[0.5, 0.999].map((f) => Math.floor(whole.length * f)), whole.length];
  for (const cut of cuts) {
    await pagePicture(new Uint8Array(whole.subarray(0, cut)), 1).then(
      () => decoded++,
      () => refused++,
    );
  }
}
process.stdout.write(JSON.stringify({ decoded, refused }));

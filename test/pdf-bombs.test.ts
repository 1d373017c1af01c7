/**
 * Issue 20, D: PDF bombs in the CLI's reader. Each ends in one line naming what was too large
 * (an InputError, as `check` prints it), read in a worker thread with a hard time limit and a
 * memory ceiling. Memory is measured (the process's peak RSS, worker included); no time is asserted.
 */
import { describe, expect, it } from 'vitest';
import { parsePdfFile } from '../core/node/pdf';
import { InputError } from '../core/node/read';
import { flateBomb, imageBomb, nestingBomb, textRunBomb } from './support/pdf-bombs';
import { miniPdf } from './fixtures/pdf/mini-pdf';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await parsePdfFile(bytes, 'bomb.pdf');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).reason;
  }
  throw new Error('read as a report');
}

describe('PDF bombs end in one line each, within 1 GB', () => {
  const cases: Array<[string, () => Uint8Array, RegExp]> = [
    ['a Flate stream inflating to 2 GiB', flateBomb, /数据流解压后超过 64 MB.* — a stream in the PDF inflates to more than 64 MB: not read$/],
    ['a 20000×20000 image', imageBomb, /图片过大（20,000×20,000 像素.* — an image in the PDF is too large \(20,000×20,000 pixels, over [\d,]+\): not read$/],
    ['100,000 nested q/Q', nestingBomb, /嵌套超过 500 层.* — the PDF nests its graphics state \(q\/Q\) more than 500 deep: not read$/],
    ['a million text runs', textRunBomb, /文字片段超过 300,000 个.* — the PDF has more than 300,000 text runs: not read$/],
  ];
  for (const [name, build, line] of cases) {
    it(name, async () => {
      const bytes = build();
      expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
      const reason = await refusal(bytes);
      expect(reason.split('\n')).toHaveLength(1);
      expect(reason).toMatch(line);
      expect(peakMb()).toBeLessThan(1024);
    }, 60_000);
  }

  it('a small report still reads in the worker', async () => {
    const pdf = miniPdf([{ texts: [{ x: 40, y: 60, str: '示例局2024年政府信息公开工作年度报告' }, { x: 40, y: 100, str: '一、总体情况 本机关全年主动公开政府信息。' }] }]);
    await expect(parsePdfFile(pdf, 'small.pdf')).rejects.toThrow(/not an annual report|no data table/);
  }, 60_000);

  it('the worker is stopped from outside when out of time: one line', async () => {
    const pdf = miniPdf([{ texts: [{ x: 40, y: 60, str: '示例局2024年政府信息公开工作年度报告' }] }]);
    await expect(parsePdfFile(pdf, 'slow.pdf', { timeoutMs: 1 })).rejects.toThrow(/took (?:too long|more than)/);
  }, 60_000);
});

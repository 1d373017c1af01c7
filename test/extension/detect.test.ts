import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, hasSignatureTables, titleLooksLikeReport } from '../../extension/lib/detect';

const SAMPLES = join(import.meta.dirname, '../../samples');
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('cheap detection (content-script entry, no core)', () => {
  it('a sample report page is a report: the official table labels are there', () => {
    const d = doc(readFileSync(join(SAMPLES, 'demo-2024.html'), 'utf8'));
    expect(hasSignatureTables(d)).toBe(true);
    expect(detect(d)).toBe('report');
  });

  it('a news page of the same portal is not', () => {
    expect(detect(doc(readFileSync(join(SAMPLES, 'not-a-report.html'), 'utf8')))).toBe('no');
  });

  it('report words in the title without tables: maybe (watched for tables)', () => {
    const d = doc('<title>某某局2024年政府信息公开工作年度报告</title><body><p>加载中</p></body>');
    expect(titleLooksLikeReport(d)).toBe(true);
    expect(detect(d)).toBe('maybe');
  });

  it('a list page of reports with a layout table is not taken for a report', () => {
    const d = doc('<title>政府信息公开年报</title><body><table><tr><td><a>2023年政府信息公开工作年度报告</a></td></tr><tr><td><a>2022年政府信息公开工作年度报告</a></td></tr></table></body>');
    expect(hasSignatureTables(d)).toBe(false);
    expect(detect(d)).toBe('maybe');
  });

  it('reads headings too: 政务公开工作年度报告 in an h1', () => {
    expect(titleLooksLikeReport(doc('<title>首页</title><body><h1>某县2023年政务公开工作年度报告</h1></body>'))).toBe(true);
  });

  it('report tables nested in a page-wide layout table are found; a long list table is not a report', () => {
    const sample = doc(readFileSync(join(SAMPLES, 'demo-2024.html'), 'utf8'));
    const wrapped = doc(`<title>x</title><body><table><tr><td>导航</td></tr><tr><td>${sample.body.innerHTML}</td></tr></table></body>`);
    expect(hasSignatureTables(wrapped)).toBe(true);
    const rows = Array.from({ length: 600 }, (_, i) => `<tr><td>第${i}次政务公开工作会议，予以公开相关信息</td><td>2025-01-01</td></tr>`).join('');
    expect(hasSignatureTables(doc(`<title>政务公开</title><body><table>${rows}</table></body>`))).toBe(false);
  });
});

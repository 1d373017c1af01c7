/**
 * No rule crashes on odd input: random cells (blank, negative, fractional, text), rows and whole
 * tables missing, meta unknown, random narrative. A crash would show as a "运行出错" issue.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKeys, FORMATS } from '../core/model/keys';
import { Issue as IssueSchema, type Cell, type Report } from '../core/model/schema';
import { checkReport } from '../core/check/index';
import { makeReport } from './support/report-builder';

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -20, max: 5000 }).map((v) => ({ value: v, raw: String(v), blank: false })),
  fc.double({ min: -10, max: 10, noNaN: true }).map((v) => ({ value: v, raw: String(v), blank: false })),
  fc.constant({ value: null, raw: '', blank: true }),
  fc.constantFrom('/', '无', '—', '见附件', '12 3', '？').map((raw) => ({ value: null, raw, blank: false })),
);

const textArb = fc
  .array(fc.constantFrom('受理', '政府信息公开申请', '件', '条', '，', '。', '；', '其中', '其他', '（', '）', '行政复议', '行政诉讼', '均获维持', '结转', '下年度', '规范性文件', '制发', '茌平', '荏平', '公安', '\n', '2023年', '12', '7', '0', '100%', '、', '所有申请均已办结'), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('robustness', () => {
  it('no rule crashes and every issue fits the schema', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMATS),
        fc.array(fc.tuple(fc.nat(), cellArb), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        textArb,
        fc.boolean(),
        fc.boolean(),
        (format, changes, deletions, text, dropMeta, withPrevious) => {
          const r: Report = makeReport(format);
          const keys = cellKeys(format);
          for (const [k, c] of changes) {
            const key = keys[k % keys.length];
            ((r[key.table] as Record<string, Record<string, Cell>>)[key.row] ??= {})[key.column] = c;
          }
          for (const d of deletions) {
            const key = keys[d % keys.length];
            delete (r[key.table] as Record<string, Record<string, Cell> | undefined>)[key.row];
          }
          r.text = text;
          if (dropMeta) r.meta = { ...r.meta, agency: null, year: null, format: null, published: null, title: null, period: null, titleYear: null };
          const previous = withPrevious ? makeReport(format, { year: (r.meta.year ?? 2023) - 1 }) : null;
          const issues = checkReport(r, { previous });
          for (const i of issues) {
            expect(i.message).not.toContain('运行出错');
            IssueSchema.parse(i);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an empty report yields report-level issues only', () => {
    const r = makeReport('2021');
    const empty: Report = { ...r, t2: {}, t3: {}, t4: {}, sections: [], text: '' };
    const issues = checkReport(empty);
    expect(issues.every((i) => i.severity !== 'error')).toBe(true);
  });
});

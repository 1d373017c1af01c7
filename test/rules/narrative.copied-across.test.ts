/** narrative.copied-across: run over a batch (the rule tester runs one report alone, so the batch is passed here). */
import { describe, expect, it } from 'vitest';
import { Issue as IssueSchema, type Report } from '../../core/model/schema';
import { checkReport } from '../../core/check/index';
import { RULES } from '../../core/rules/index';
import { scoreBatchFixture } from '../support/score-batch';

const ID = 'narrative.copied-across';
const only = (report: Report, batch: readonly Report[]) => checkReport(report, { batch, disabled: RULES.filter((r) => r.id !== ID).map((r) => r.id) });

describe(ID, () => {
  const batch = scoreBatchFixture().map((b) => b.report);
  it('valid: own text (a boilerplate sentence all write is shared), alone, or another year', () => {
    expect(only(batch[2], batch)).toEqual([]);
    expect(only(batch[3], batch)).toEqual([]);
    expect(only(batch[0], [batch[0]])).toEqual([]);
    expect(only(batch[0], [])).toEqual([]);
    const otherYear = structuredClone(batch[1]);
    otherYear.meta.year = otherYear.meta.titleYear = 2022;
    otherYear.meta.period = { from: '2022-01-01', to: '2022-12-31' };
    expect(only(batch[0], [batch[0], otherYear])).toEqual([]);
    // The same agency's two copies (page and PDF) are not 雷同 across agencies.
    const sameAgency = structuredClone(batch[1]);
    sameAgency.meta.agency = batch[0].meta.agency;
    sameAgency.meta.signedBy = batch[0].meta.signedBy;
    expect(only(batch[0], [batch[0], sameAgency])).toEqual([]);
  });
  it('invalid: the pasted narrative and its source are both named, each naming the other', () => {
    const [a, b] = [only(batch[0], batch), only(batch[1], batch)];
    for (const [issues, other] of [[a, '示例市交通运输局'], [b, '示例市生态环境局']] as const) {
      expect(issues).toHaveLength(1);
      expect(() => IssueSchema.parse(issues[0])).not.toThrow();
      expect(issues[0]).toMatchObject({ rule: ID, severity: 'warning', table: null });
      expect(issues[0].message).toMatch(new RegExp(`^正文与${other}同年度报告雷同：本报告 \\d+% 的文字见于对方`));
      expect(issues[0].share).toBeGreaterThanOrEqual(0.5);
      expect(issues[0].messageEn.length).toBeGreaterThan(0);
    }
  });
});

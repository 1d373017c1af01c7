/**
 * RuleTester in the ESLint manner: `testRule(id, { valid, invalid })` runs one rule alone over
 * each case; a valid case must yield no issue, an invalid one exactly the issues listed (each a
 * partial Issue; `message` may be a RegExp). Also checks that every issue fits the Issue schema.
 */
import { describe, expect, it } from 'vitest';
import { Issue as IssueSchema, type Issue, type Report } from '../../core/model/schema';
import { checkReport } from '../../core/check/index';
import { RULES } from '../../core/rules/index';

export function runRule(id: string, report: Report, previous: Report | null = null): Issue[] {
  if (!RULES.some((r) => r.id === id)) throw new Error(`no rule ${id}`);
  return checkReport(report, { previous, disabled: RULES.filter((r) => r.id !== id).map((r) => r.id) });
}

export interface ValidCase {
  name: string;
  report: Report;
  previous?: Report | null;
}

export type ExpectedIssue = Partial<Omit<Issue, 'message' | 'messageEn'>> & { message?: string | RegExp; messageEn?: string | RegExp };

export interface InvalidCase extends ValidCase {
  issues: ExpectedIssue[];
}

function expectIssue(actual: Issue, want: ExpectedIssue) {
  const { message, messageEn, cells, ...fields } = want;
  expect(actual).toMatchObject(fields);
  if (cells) expect(actual.cells).toEqual(expect.arrayContaining(cells));
  if (message instanceof RegExp) expect(actual.message).toMatch(message);
  else if (message !== undefined) expect(actual.message).toBe(message);
  if (messageEn instanceof RegExp) expect(actual.messageEn).toMatch(messageEn);
  else if (messageEn !== undefined) expect(actual.messageEn).toBe(messageEn);
}

export function testRule(id: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }) {
  describe(id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const issues = runRule(id, c.report, c.previous ?? null);
          expect(issues.map((i) => `${i.table}/${i.row}/${i.column}: ${i.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const issues = runRule(id, c.report, c.previous ?? null);
          expect(issues.length, issues.map((i) => `${i.table}/${i.row}/${i.column}: ${i.message}`).join('\n')).toBe(c.issues.length);
          issues.forEach((issue, k) => {
            expect(() => IssueSchema.parse(issue)).not.toThrow();
            expect(issue.rule).toBe(id);
            expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
            expect(issue.messageEn.length).toBeGreaterThan(0);
            expectIssue(issue, c.issues[k]);
          });
        });
      }
    });
  });
}

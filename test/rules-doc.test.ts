/** docs/rules.md is generated from the rule modules and must not go stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../core/rules/index';
import { RULES_DOC, rulesMarkdown } from '../scripts/gen-rules-doc';

describe('docs/rules.md', () => {
  it('is what scripts/gen-rules-doc.ts generates (run `npx tsx scripts/gen-rules-doc.ts` after changing a rule)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(rulesMarkdown());
  });
  it('documents every rule, each citing the official format or the regulation', () => {
    const doc = rulesMarkdown();
    for (const r of RULES) {
      expect(doc).toContain(`## ${r.id}\n`);
      expect(`${r.explanation.zh}${r.explanation.en}`).toMatch(/国办公开办函〔20(19|21)〕(60|30)号|《政府信息公开条例》/);
    }
  });
  it('rule ids are unique and each module file is named after its id', async () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      const mod = await import(`../core/rules/${r.id}.ts`);
      expect(mod.rule).toBe(r);
    }
  });
});

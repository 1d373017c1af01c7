/**
 * A rule pack: an evaluation sheet as data. What each indicator is worth, what decides it (our
 * rule ids, or a built-in measure: similarity, publication deadline, 总体情况 length and counts)
 * and where it comes from. zod is the one source of the type and of schema/pack.schema.json.
 * Browser-safe.
 */
import { z } from 'zod';

export const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const Citation = z
  .object({
    document: z.string().min(1).describe('the document, e.g. 《中华人民共和国政府信息公开条例》'),
    issuer: z.string().min(1).describe('the issuing body'),
    year: z.number().int().min(1990).max(2100).describe('year of issue'),
    article: z.string().optional().describe('article, item or passage relied on'),
    url: z.string().optional().describe('where the text was read'),
    verified: z.boolean().describe('false when the passage relied on could not be read (from memory) — say so to the user'),
    note: z.string().optional(),
  })
  .describe('where a pack or an indicator comes from');

const Severity = z.enum(['error', 'warning', 'info']);

export const RulesDecider = z
  .object({
    kind: z.literal('rules'),
    rules: z.array(z.string().min(1)).min(1).describe('rule ids (nianbao rules); a prefix ending in * matches several'),
    severity: Severity.default('warning').describe('the least severity an issue must have to count'),
  })
  .describe('each issue of these rules is one finding');

export const SimilarityDecider = z
  .object({
    kind: z.literal('similarity'),
    threshold: z.number().min(0.05).max(1).default(0.5).describe('share of the own narrative (template left out) repeated, 0–1'),
    against: z.array(z.enum(['previous', 'batch'])).min(1).default(['previous', 'batch']).describe("previous: the agency's last-year report; batch: other agencies' same-year reports"),
  })
  .describe('内容雷同: one finding per report the narrative repeats');

export const LocalDeadline = z.object({
  level: z.enum(['department', 'government', 'any']).describe('department (部门, 乡镇) or a government’s own report'),
  date: z.string().regex(/^\d{2}-\d{2}$/, 'MM-DD').describe('month and day, in the year after the report year'),
  years: z.tuple([z.number().int(), z.number().int()]).optional().describe('report years [from, to] it applies to'),
  note: z.string().optional(),
});

export const DeadlineDecider = z
  .object({
    kind: z.literal('deadline'),
    local: z.array(LocalDeadline).default([]).describe('local deadlines before the statutory ones (first match wins)'),
  })
  .describe('published after the deadline (条例 art. 49: departments 01-31, governments 03-31): one finding; no date known = unknown');

export const OverviewDecider = z
  .object({
    kind: z.literal('overview'),
    maxChars: z.number().int().positive().optional().describe('most characters of 总体情况 (spaces left out)'),
    requiredCounts: z
      .array(z.object({ label: z.string().min(1), keywords: z.array(z.string().min(1)).min(1) }))
      .default([])
      .describe('counts 总体情况 must give: a number within 30 characters of one of the keywords'),
  })
  .describe('总体情况 too long, or a required count missing: one finding each');

export const Decider = z.discriminatedUnion('kind', [RulesDecider, SimilarityDecider, DeadlineDecider, OverviewDecider]);

export const Indicator = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id: a-z 0-9 . _ -'),
  title: Bilingual,
  points: z.number().positive().describe("the indicator's weight: the most it can lose"),
  perFinding: z.number().positive().max(1).default(1).describe('share of points each finding takes (1: the first finding takes them all)'),
  decide: Decider,
  citation: Citation,
});

export const Pack = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id: a-z 0-9 . _ -'),
    title: Bilingual,
    source: Citation,
    max: z.number().positive().optional().describe('the sheet item’s points when deductions share one pool (score = max − deductions, floored at 0); default: the sum of the indicators’ points'),
    unverified: z.string().optional().describe('what of the sheet could not be verified or checked automatically'),
    indicators: z.array(Indicator).min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.indicators.forEach((ind, i) => {
      if (seen.has(ind.id)) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'id'], message: `duplicate indicator id ${ind.id}` });
      seen.add(ind.id);
    });
  })
  .describe('a rule pack: an evaluation sheet for 政府信息公开工作年度报告 as data');

export type Pack = z.infer<typeof Pack>;
export type PackInput = z.input<typeof Pack>;
export type Indicator = z.infer<typeof Indicator>;
export type Citation = z.infer<typeof Citation>;
export type Decider = z.infer<typeof Decider>;

/** A pack's maximum: its `max`, else the sum of its indicators' points. */
export function packMax(pack: Pack): number {
  return pack.max ?? pack.indicators.reduce((s, i) => s + i.points, 0);
}

/** One line naming the first failing field: `indicators[2].points: expected number`. */
export function packProblem(error: z.ZodError): string {
  const first = error.issues[0];
  const path = first.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
  return `${path || '(pack)'}: ${first.message}`;
}

export type PackResult = { ok: true; pack: Pack } | { ok: false; problem: string };

/** Validate a parsed JSON value as a pack. */
export function parsePack(value: unknown): PackResult {
  const r = Pack.safeParse(value);
  return r.success ? { ok: true, pack: r.data } : { ok: false, problem: packProblem(r.error) };
}

export function packJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(Pack, { io: 'input' }), null, 2)}\n`;
}

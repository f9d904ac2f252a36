// zod/mini: the content script checks every verdict it receives, and the classic API would
// double its size.
import { z } from 'zod/mini';
import { BASES, NATURES, STAGES } from './pack/vocabulary';

const iso = z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/));

export const CLOCK_STATES = ['running', 'due-soon', 'overdue', 'met', 'late'] as const;

export const ClockResultSchema = z.object({
  code: z.string(),
  label: z.string(),
  startAt: iso,
  dueAt: iso,
  basis: z.enum(BASES),
  limit: z.string(),
  state: z.enum(CLOCK_STATES),
  stoppedAt: z.optional(iso),
  because: z.string(),
});

const because = z.string();

/** What the engine says about one ticket; every decision carries its reason. */
export const VerdictSchema = z.object({
  id: z.nullable(z.string()),
  pack: z.string(),
  nature: z.enum(NATURES),
  natureBecause: z.string(),
  category: z.nullable(z.object({ code: z.string(), label: z.string(), because })),
  channelLevel: z.enum(['province', 'group', 'regulator', 'unknown']),
  vip: z.nullable(z.boolean()),
  tags: z.array(z.object({ code: z.string(), label: z.string(), kind: z.optional(z.string()), because })),
  priority: z.boolean(),
  priorityBecause: z.array(z.string()),
  risk: z.enum(['red', 'orange', 'yellow', 'none']),
  riskBecause: z.nullable(z.string()),
  reportTo: z.array(z.string()),
  dispatch: z.array(z.object({ target: z.string(), because })),
  clocks: z.array(ClockResultSchema),
  scripts: z.array(z.object({ stage: z.enum(STAGES), text: z.string() })),
  unknown: z.array(z.object({ field: z.string(), because })),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type ClockResult = z.infer<typeof ClockResultSchema>;
export type ClockState = (typeof CLOCK_STATES)[number];

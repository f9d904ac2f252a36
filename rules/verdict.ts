import { z } from 'zod';
import { BASES, NATURES, STAGES } from './pack/schema';

const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

export const CLOCK_STATES = ['running', 'due-soon', 'overdue', 'met', 'late'] as const;

export const ClockResultSchema = z.object({
  code: z.string(),
  label: z.string(),
  startAt: iso,
  dueAt: iso,
  basis: z.enum(BASES),
  limit: z.string(),
  state: z.enum(CLOCK_STATES),
  stoppedAt: iso.optional(),
  because: z.string(),
});

const explained = { because: z.string() };

/** What the engine says about one ticket; every decision carries its reason. */
export const VerdictSchema = z.object({
  id: z.string().nullable(),
  pack: z.string(),
  nature: z.enum(NATURES),
  natureBecause: z.string(),
  category: z.object({ code: z.string(), label: z.string(), ...explained }).nullable(),
  channelLevel: z.enum(['province', 'group', 'regulator', 'unknown']),
  vip: z.boolean().nullable(),
  tags: z.array(z.object({ code: z.string(), label: z.string(), kind: z.string().optional(), ...explained })),
  priority: z.boolean(),
  priorityBecause: z.array(z.string()),
  risk: z.enum(['red', 'orange', 'yellow', 'none']),
  riskBecause: z.string().nullable(),
  reportTo: z.array(z.string()),
  dispatch: z.array(z.object({ target: z.string(), ...explained })),
  clocks: z.array(ClockResultSchema),
  scripts: z.array(z.object({ stage: z.enum(STAGES), text: z.string() })),
  unknown: z.array(z.object({ field: z.string(), ...explained })),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type ClockResult = z.infer<typeof ClockResultSchema>;
export type ClockState = (typeof CLOCK_STATES)[number];

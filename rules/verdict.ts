// zod/mini: the content script checks every verdict it receives, and the classic API would
// double its size.
import { z } from 'zod/mini';
import { MAX_PAUSES, MAX_WARN_POINTS } from './clock/vocabulary';
import { BASES, NATURES, STAGES } from './pack/vocabulary';

const iso = z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/));

export const CLOCK_STATES = ['running', 'due-soon', 'overdue', 'met', 'late', 'paused'] as const;

/** A suspension the clock counted (rules/clock/pauses.ts): no `to` while open; `gain`, in ms, is how far it moved the due. */
const PauseResultSchema = z.object({
  from: iso,
  to: z.optional(iso),
  observed: z.optional(z.boolean()),
  gain: z.optional(z.number().check(z.gte(0))),
});

export const ClockResultSchema = z.object({
  code: z.string(),
  label: z.string(),
  startAt: iso,
  dueAt: iso,
  basis: z.enum(BASES),
  limit: z.string(),
  state: z.enum(CLOCK_STATES),
  stoppedAt: z.optional(iso),
  /** The due reaches into a year whose holiday notice is not loaded: worked out from the statutory holidays, 「按法定假日推算，待国务院通知」. Absent when exact. */
  provisional: z.optional(z.boolean()),
  because: z.string(),
  /**
   * Warning points, as shares of the allowed time (the pack's `warnAt`): due soon from the first,
   * a reminder at each. Absent in verdicts stored before there were any: [0.75] (rules/clock/vocabulary.ts).
   */
  warnAt: z.optional(z.array(z.number().check(z.gt(0), z.lt(1))).check(z.minLength(1), z.maxLength(MAX_WARN_POINTS))),
  /**
   * The pauses the clock counted, oldest first (a pausable clock only; absent when none): `dueAt`
   * already holds their gains, and the clock is `paused` while the time falls in one.
   */
  pauses: z.optional(z.array(PauseResultSchema).check(z.maxLength(MAX_PAUSES))),
});

const because = z.string();
const confidence = z.number().check(z.gte(0), z.lte(1));
/** A class: its code, its label in the pack's language and, when the pack gives one, in English. */
const choice = { code: z.string(), label: z.string(), labelEn: z.optional(z.string()), confidence };

/** Where a class or a handling line came from: the agent's pick, the CRM, the learned model or the pack's words. */
export const SOURCES = ['agent', 'crm', 'model', 'rules'] as const;

export const CategorySchema = z.object({
  ...choice,
  because,
  source: z.enum(SOURCES),
  /** The confidence reaches the auto-fill threshold (always so for the agent's pick and the CRM's path). */
  autoFill: z.boolean(),
  /** Up to three classes, the chosen one first. */
  alternatives: z.array(z.object(choice)).check(z.maxLength(3)),
  /** The text confidently reads as another class than the CRM's path or the agent's pick says. */
  disagreement: z.optional(z.object({ ...choice, because })),
});

/** What the engine says about one ticket; every decision carries its reason. */
export const VerdictSchema = z.object({
  id: z.nullable(z.string()),
  pack: z.string(),
  /** The pack's name and version, so the agent and any export say which rules judged the ticket (absent in verdicts stored before 0.2). */
  packName: z.optional(z.string()),
  packVersion: z.optional(z.string()),
  nature: z.enum(NATURES),
  natureBecause: z.string(),
  category: z.nullable(CategorySchema),
  channelLevel: z.enum(['province', 'group', 'regulator', 'unknown']),
  vip: z.nullable(z.boolean()),
  tags: z.array(z.object({ code: z.string(), label: z.string(), kind: z.optional(z.string()), because })),
  priority: z.boolean(),
  priorityBecause: z.array(z.string()),
  risk: z.enum(['red', 'orange', 'yellow', 'none']),
  riskBecause: z.nullable(z.string()),
  reportTo: z.array(z.string()),
  dispatch: z.array(z.object({ target: z.string(), because, confidence, source: z.enum(SOURCES) })),
  clocks: z.array(ClockResultSchema),
  scripts: z.array(z.object({ stage: z.enum(STAGES), text: z.string() })),
  unknown: z.array(z.object({ field: z.string(), because })),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type ClockResult = z.infer<typeof ClockResultSchema>;
export type ClockState = (typeof CLOCK_STATES)[number];

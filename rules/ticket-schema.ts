import { z } from 'zod';
import { MAX_PAUSES } from './clock/vocabulary';
import { TICKET_FIELDS, type TicketField } from './ticket';

/**
 * The longest value a ticket field may carry at a boundary: a complaint text pasted with a whole
 * chat log is still far below it, and nothing larger reaches the engine (whose keyword scans and
 * `matches` patterns would otherwise run on it; patterns read only the first 10,000 characters).
 */
export const MAX_FIELD_LENGTH = 100_000;

// CRMs hand over numbers, numeric strings and empty cells alike; the engine normalises them.
// Numbers must be finite (JSON's 1e400 is Infinity); times are judged later by rules/time/parse.ts,
// which reports one outside 2000–2100 as unknown rather than letting it become NaN.
const scalar = z.union([z.string().max(MAX_FIELD_LENGTH), z.number(), z.null()]).optional();

const PauseSchema = z.object({ from: scalar.unwrap(), to: scalar, observed: z.boolean().optional() });

/** The canonical ticket at a boundary (CLI line, message): unknown keys are dropped. */
export const TicketSchema = z.object({
  ...(Object.fromEntries(TICKET_FIELDS.map((f) => [f, scalar])) as Record<TicketField, typeof scalar>),
  pauses: z.array(PauseSchema).max(MAX_PAUSES).optional(),
});

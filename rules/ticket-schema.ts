import { z } from 'zod';
import { TICKET_FIELDS, type TicketField } from './ticket';

// CRMs hand over numbers, numeric strings and empty cells alike; the engine normalises them.
const scalar = z.union([z.string(), z.number(), z.null()]).optional();

/** The canonical ticket at a boundary (CLI line, message): unknown keys are dropped. */
export const TicketSchema = z.object(Object.fromEntries(TICKET_FIELDS.map((f) => [f, scalar])) as Record<
  TicketField,
  typeof scalar
>);

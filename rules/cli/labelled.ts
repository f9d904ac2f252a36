// Labelled tickets from standard input, for train and eval: each line read, and every line that
// teaches nothing counted by its reason on standard error.
import { readLabelled, LINE_UNKNOWN, SKIP_REASONS, type Labelled } from '../classifier/train';
import type { Pack } from '../pack/schema';
import { jsonLines } from './io';

export interface LabelledInput {
  tickets: { ticket: Record<string, unknown>; example: Labelled }[];
  /** Reason → count, for lines that taught nothing; and tickets whose handling line was unknown. */
  skipped: Map<string, number>;
  lineUnknown: number;
}

export async function readLabelledInput(pack: Pack): Promise<LabelledInput> {
  const out: LabelledInput = { tickets: [], skipped: new Map(), lineUnknown: 0 };
  const skip = (why: string) => out.skipped.set(why, (out.skipped.get(why) ?? 0) + 1);
  for await (const line of jsonLines()) {
    if ('error' in line) {
      // 'not JSON: …' carries the parser's message, which differs line by line; the others are reasons already.
      skip(line.error.startsWith('not JSON') ? 'not JSON' : line.error);
      continue;
    }
    const r = readLabelled(line.value, pack);
    if (!r.ok) skip(SKIP_REASONS[r.reason]);
    else {
      out.tickets.push({ ticket: line.value as Record<string, unknown>, example: r.example });
      if (r.lineUnknown) out.lineUnknown++;
    }
  }
  return out;
}

/** The counts, one line each, for standard error. */
export function report(tool: string, input: LabelledInput): string {
  const lines = [`${tool}: ${input.tickets.length} labelled tickets read`];
  for (const [why, n] of input.skipped) lines.push(`${tool}: ${n} skipped: ${why}`);
  if (input.lineUnknown) lines.push(`${tool}: ${input.lineUnknown} learned for the class only: ${LINE_UNKNOWN}`);
  return lines.join('\n') + '\n';
}

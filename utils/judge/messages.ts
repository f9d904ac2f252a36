import { z } from 'zod/mini';

/** The background asks the offscreen document to judge patterns no verdict is known for. */
export const JudgePatternsSchema = z.strictObject({
  type: z.literal('judge-patterns'),
  patterns: z
    .array(z.tuple([z.string().check(z.maxLength(500)), z.string().check(z.maxLength(10))]))
    .check(z.maxLength(1000)),
});
export const JudgeReplySchema = z.strictObject({ verdicts: z.record(z.string(), z.nullable(z.string())) });

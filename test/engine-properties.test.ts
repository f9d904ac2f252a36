// Properties that must hold for any input a CRM page or a JSON line could hand the engine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { packs } from '../rules/packs';
import { TICKET_FIELDS } from '../rules/ticket';
import { toIso } from '../rules/time/shanghai';
import { VerdictSchema } from '../rules/verdict';
import { runs } from './runs';

const FROM = Date.parse('2024-01-01T00:00:00+08:00');
const TO = Date.parse('2027-06-30T00:00:00+08:00'); // past the end of the bundled calendar on purpose

const instant = fc.integer({ min: FROM, max: TO });
// Values as CRMs give them: readable times in several spellings, stray text, numbers, empty cells.
const cell = fc.oneof(
  instant.map((ms) => toIso(ms).replace('T', ' ').slice(0, 19)),
  instant.map((ms) => toIso(ms)),
  instant,
  fc.constantFrom(
    'VIP',
    '3星',
    '普通',
    '投诉单',
    '集团热线4008810000',
    '工信部申诉',
    '10000号',
    '宽带掉线',
    '要求赔偿10万',
    '',
    '  ',
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
);
const canonical = fc.record(Object.fromEntries(TICKET_FIELDS.map((k) => [k, cell])), { requiredKeys: [] });
const pack = fc.constantFrom(...Object.values(packs));

/** Checks one input; returns how many clocks it ran, so a property cannot pass by producing none. */
function check(ticket: unknown, history: unknown[], now: number, p: (typeof packs)[string]) {
  const v = evaluate(ticket, p, history, now);
  const parsed = VerdictSchema.safeParse(v);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  for (const c of v.clocks) expect(Date.parse(c.dueAt)).toBeGreaterThan(Date.parse(c.startAt));
  expect(evaluate(ticket, p, history, now)).toEqual(v);
  return v.clocks.length;
}

describe('evaluate', () => {
  it('never throws on anything, and its verdict is well-formed and repeatable', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }), instant, pack, (t, h, now, p) => {
        check(t, h, now, p);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never throws on canonical tickets holding arbitrary values, with a history of the same', () => {
    let clocks = 0;
    fc.assert(
      fc.property(canonical, fc.array(canonical, { maxLength: 8 }), instant, pack, (t, h, now, p) => {
        clocks += check(t, h, now, p);
      }),
      { numRuns: runs(500) },
    );
    // Most canonical tickets run some clock: a property that ran none would prove nothing.
    expect(clocks).toBeGreaterThan(runs(500) * 0.4);
  });

  it('takes a Date for now exactly as the same instant in milliseconds', () => {
    fc.assert(
      fc.property(canonical, instant, pack, (t, now, p) => {
        expect(evaluate(t, p, [], new Date(now))).toEqual(evaluate(t, p, [], now));
      }),
    );
  });
});

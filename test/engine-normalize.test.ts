// The engine reads each canonical field by name (one object shape, for speed): every field of
// rules/ticket.ts must arrive in the facts, and a value of the wrong kind must become an unknown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../rules/engine/compile';
import { normalize } from '../rules/engine/normalize';
import { packs } from '../rules/packs';
import { COUNT_FIELDS, TEXT_FIELDS, TIME_FIELDS } from '../rules/ticket';
import { runs } from './runs';

const c = compilePack(packs['china-telecom']!);
const T = Date.UTC(2026, 10, 28, 8, 36); // 2026-11-28 16:36 Shanghai

describe('normalize reads every canonical field', () => {
  it.each(TEXT_FIELDS)('text %s: trimmed, and an object is an unknown', (k) => {
    expect(normalize({ [k]: '  值 ' }, c).s[k]).toBe('值');
    const bad = normalize({ [k]: { x: 1 } }, c);
    expect(bad.s[k]).toBeUndefined();
    expect(bad.unknown.map((u) => u.field)).toContain(k);
  });

  it.each(TIME_FIELDS)('time %s: read as Shanghai time, and unreadable text is an unknown', (k) => {
    expect(normalize({ [k]: '2026-11-28 16:36' }, c).t[k]).toBe(T);
    const bad = normalize({ [k]: '待补录' }, c);
    expect(bad.t[k]).toBeUndefined();
    expect(bad.badTime).toEqual([k]);
    expect(bad.unknown.map((u) => u.field)).toContain(k);
  });

  it.each(COUNT_FIELDS)('count %s: a number or "N次", and anything else is an unknown', (k) => {
    expect(normalize({ [k]: 2 }, c).n[k]).toBe(2);
    expect(normalize({ [k]: '3次' }, c).n[k]).toBe(3);
    const bad = normalize({ [k]: -1 }, c);
    expect(bad.n[k]).toBeUndefined();
    expect(bad.unknown.map((u) => u.field)).toContain(k);
  });

  it('trims exactly as String.prototype.trim, whatever white space a value starts or ends with', () => {
    // Every character trim() removes, a control character it keeps, and ordinary text.
    const SPACES = ' \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u0001\u200b';
    const unit = fc.constantFrom(...SPACES, '值', 'a', '1');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 6 }).map((u) => u.join('')),
        (v) => {
          expect(normalize({ title: v }, c).s.title).toBe(v.trim() === '' ? undefined : v.trim());
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('joins title, text, category path and business into the content the keyword rules read', () => {
    expect(normalize({ title: '话费', text: ' 多扣 ', business: '宽带' }, c).s.content).toBe('话费 多扣 宽带');
    expect(normalize({}, c).s.content).toBeUndefined();
  });
});

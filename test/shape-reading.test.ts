// The content script shapes every reading before it crosses to the background: whatever the page
// gives, the background must take it (a refused reading is a ticket never stored nor reminded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TICKET_FIELDS } from '@/rules/ticket';
import { charCount, shapeReading, truncationMark, type RawReading } from '@/utils/content/shape-reading';
import { READ_LIMITS, ToBackgroundSchema } from '@/utils/messages';

const raw = (r: Partial<RawReading> = {}): RawReading => ({
  adapterId: 'demo-legacy',
  adapterName: '演示：旧版投诉工单页',
  url: 'http://127.0.0.1/legacy/?id=GD1',
  fields: { id: 'GD1', ticketType: '投诉单' },
  missing: [],
  canFill: true,
  canReply: true,
  ...r,
});

// Any text: lone surrogates and all (`binary`), whole graphemes, empty, and huge runs of either.
const anyText = (max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: max }))
        .map(([s, n]) => s.repeat(n)),
    },
  );
const fields = fc.record(Object.fromEntries(TICKET_FIELDS.map((k) => [k, anyText(60_000)])), { requiredKeys: [] });
const missing = fc.array(fc.record({ field: anyText(100), required: fc.boolean() }), { maxLength: 150 });
const reading = fc.record({
  adapterId: anyText(500),
  adapterName: anyText(500),
  url: anyText(5000),
  fields,
  missing,
  canFill: fc.boolean(),
  canReply: fc.boolean(),
});

describe('shapeReading', () => {
  it('makes any reading the content script can produce one the background accepts, and names exactly the fields it cut', () => {
    let cutSome = 0;
    fc.assert(
      fc.property(reading, (r) => {
        const shaped = shapeReading(r as RawReading);
        const parsed = ToBackgroundSchema.safeParse(shaped);
        expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
        const given = Object.entries(r.fields).filter((e): e is [string, string] => e[1] !== undefined);
        const cut = given.filter(([, v]) => v.length > READ_LIMITS.field);
        if (cut.length) cutSome += 1;
        expect(shaped.truncated ?? []).toEqual(
          TICKET_FIELDS.filter((f) => cut.some(([k]) => k === f)).map((f) => ({
            field: f,
            length: charCount(r.fields[f]!),
          })),
        );
        for (const [k, v] of given) {
          const out = shaped.fields[k as keyof typeof shaped.fields]!;
          if (v.length <= READ_LIMITS.field)
            expect(out).toBe(v); // nothing that fits is touched
          else {
            // The start is kept and the mark ends it, within the cap.
            const mark = truncationMark(charCount(v));
            expect(out.endsWith(mark)).toBe(true);
            expect(v.startsWith(out.slice(0, -mark.length))).toBe(true);
            expect(out.length).toBeGreaterThanOrEqual(READ_LIMITS.field - mark.length - 1);
          }
        }
        expect(shaped.missing.length).toBe(Math.min(r.missing.length, READ_LIMITS.missing));
      }),
      { numRuns: 100 },
    );
    expect(cutSome).toBeGreaterThan(10); // the huge values do come up
  });

  it('cuts a 100,000-character complaint to the cap with a visible mark, and says so', () => {
    const text = '客户反映宽带频繁掉线。'.repeat(10_000).slice(0, 100_000);
    const shaped = shapeReading(raw({ fields: { id: 'GD1', text, title: '掉线' } }));
    expect(shaped.fields.text).toHaveLength(READ_LIMITS.field);
    expect(shaped.fields.text!.endsWith('…［已截断，原文 100000 字］')).toBe(true);
    expect(text.startsWith(shaped.fields.text!.slice(0, -'…［已截断，原文 100000 字］'.length))).toBe(true);
    expect(shaped.fields.title).toBe('掉线');
    expect(shaped.truncated).toEqual([{ field: 'text', length: 100_000 }]);
    expect(ToBackgroundSchema.safeParse(shaped).success).toBe(true);
  });

  it('leaves a reading that fits as it was, without a truncated list', () => {
    const r = raw({ missing: [{ field: 'acceptedAt', required: true }] });
    expect(shapeReading(r)).toEqual({ type: 'ticket', ...r });
    const exact = 'x'.repeat(READ_LIMITS.field);
    expect(shapeReading(raw({ fields: { text: exact } })).fields.text).toBe(exact);
  });

  it('counts characters, not UTF-16 units, and never splits a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(READ_LIMITS.field); // 40,001 units, 20,001 characters
    const out = shapeReading(raw({ fields: { text } })).fields.text!;
    const mark = '…［已截断，原文 20001 字］';
    expect(out.endsWith(mark)).toBe(true);
    const kept = out.slice(0, -mark.length);
    expect(kept.length).toBeLessThanOrEqual(READ_LIMITS.field - mark.length);
    expect(/[\ud800-\udbff]$/.test(kept)).toBe(false);
    expect(text.startsWith(kept)).toBe(true);
  });

  it('shortens address, adapter and missing list instead of refusing them', () => {
    const shaped = shapeReading(
      raw({
        adapterId: 'a'.repeat(300),
        adapterName: '名'.repeat(300),
        url: `http://crm.example.cn/?q=${'x'.repeat(10_000)}`,
        missing: Array.from({ length: 100 }, (_, i) => ({ field: `f${i}`.repeat(50), required: i % 2 === 0 })),
      }),
    );
    expect(shaped.adapterId).toHaveLength(READ_LIMITS.adapterId);
    expect(shaped.adapterName).toHaveLength(READ_LIMITS.adapterName);
    expect(shaped.adapterName.endsWith('…')).toBe(true);
    expect(shaped.url).toHaveLength(READ_LIMITS.url);
    expect(shaped.missing).toHaveLength(READ_LIMITS.missing);
    expect(shaped.missing[0]).toEqual({ field: 'f0'.repeat(32), required: true });
    expect(ToBackgroundSchema.safeParse(shaped).success).toBe(true);
  });
});

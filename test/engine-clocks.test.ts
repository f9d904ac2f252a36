// Every row of the time-limit table in domain.md, against the china-telecom pack. Expected due
// instants are worked out by hand from the rule text and the 2026 State Council holiday notice.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { getPack } from '../rules/packs';
import type { Ticket, TimeField } from '../rules/ticket';
import type { Verdict } from '../rules/verdict';

const ct = getPack('china-telecom')!;
const ty = getPack('tianyi-space')!;
const ms = (iso: string) => Date.parse(iso);
const MIN = 60_000;

const base: Ticket = {
  id: 'T1',
  channel: '10000号',
  ticketType: '投诉单',
  customerLevel: '普通',
  customerPhone: '13300000001',
  title: '宽带经常掉线',
  acceptedAt: '2026-03-10 09:00:00', // a Tuesday with no holiday near it
};
const appeal: Ticket = { ...base, channel: '工信部申诉', appealReceivedAt: '2026-03-10 14:00:00' };

const clockOf = (v: Verdict, code: string) => v.clocks.find((c) => c.code === code);
const fieldsOf = (v: Verdict) => v.unknown.map((u) => u.field);

interface Row {
  name: string;
  code: string;
  ticket: Ticket;
  startAt: string;
  dueAt: string;
  basis: 'hours' | 'working-days' | 'days';
  limit: string;
  clause: string;
  stop: TimeField;
}

const rows: Row[] = [
  {
    name: 'dispatch: 1 h from intake',
    code: 'dispatch',
    ticket: base,
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-10T10:00:00+08:00',
    basis: 'hours',
    limit: '1 小时',
    clause: '第二十二条 2(1)',
    stop: 'dispatchedAt',
  },
  {
    name: 'respond: 30 min from dispatch',
    code: 'respond',
    ticket: { ...base, dispatchedAt: '2026-03-10 09:40:00' },
    startAt: '2026-03-10T09:40:00+08:00',
    dueAt: '2026-03-10T10:10:00+08:00',
    basis: 'hours',
    limit: '30 分钟',
    clause: '第二十一条',
    stop: 'respondedAt',
  },
  {
    name: 'resolve, VIP: 12 h',
    code: 'resolve',
    ticket: { ...base, customerLevel: 'VIP' },
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-10T21:00:00+08:00',
    basis: 'hours',
    limit: '12 小时',
    clause: '第二十二条 2(2)',
    stop: 'closedAt',
  },
  {
    name: 'resolve, ordinary: 24 h',
    code: 'resolve',
    ticket: base,
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-11T09:00:00+08:00',
    basis: 'hours',
    limit: '24 小时',
    clause: '第二十二条 2(2)',
    stop: 'closedAt',
  },
  // 2026-10-01 is National Day: the resolve limit runs straight through it.
  {
    name: 'resolve, ordinary, into a holiday',
    code: 'resolve',
    ticket: { ...base, acceptedAt: '2026-09-30 20:00' },
    startAt: '2026-09-30T20:00:00+08:00',
    dueAt: '2026-10-01T20:00:00+08:00',
    basis: 'hours',
    limit: '24 小时',
    clause: '第二十二条 2(2)',
    stop: 'closedAt',
  },
  {
    name: 'resolve, VIP, on a holiday',
    code: 'resolve',
    ticket: { ...base, customerLevel: '钻石', acceptedAt: '2026-10-01 10:00' },
    startAt: '2026-10-01T10:00:00+08:00',
    dueAt: '2026-10-01T22:00:00+08:00',
    basis: 'hours',
    limit: '12 小时',
    clause: '第二十二条 2(2)',
    stop: 'closedAt',
  },
  {
    name: 'appeal pre-reply: 24 h from the regulator order',
    code: 'appeal-prereply',
    ticket: appeal,
    startAt: '2026-03-10T14:00:00+08:00',
    dueAt: '2026-03-11T14:00:00+08:00',
    basis: 'hours',
    limit: '24 小时',
    clause: '第二十五条',
    stop: 'preRepliedAt',
  },
  // Tue 03-10 → Wed 11, Thu 12, Fri 13, Mon 16, Tue 17, Wed 18 → 24:00 of 03-18.
  {
    name: 'appeal reply: 6 working days',
    code: 'appeal-reply',
    ticket: appeal,
    startAt: '2026-03-10T14:00:00+08:00',
    dueAt: '2026-03-19T00:00:00+08:00',
    basis: 'working-days',
    limit: '6 个工作日',
    clause: '第二十五条',
    stop: 'repliedAt',
  },
  // Thu 04-30 → (05-01..05 off) Wed 6, Thu 7, Fri 8, Sat 9 (make-up day), Mon 11, Tue 12.
  {
    name: 'appeal reply over Labour Day',
    code: 'appeal-reply',
    ticket: { ...appeal, appealReceivedAt: '2026-04-30 10:00' },
    startAt: '2026-04-30T10:00:00+08:00',
    dueAt: '2026-05-13T00:00:00+08:00',
    basis: 'working-days',
    limit: '6 个工作日',
    clause: '第二十五条',
    stop: 'repliedAt',
  },
  // Tue 03-10 → 11, 12, 13, 16, 17, 18, 19, 20, 23, 24.
  {
    name: 'supervision reply: 10 working days',
    code: 'supervise-reply',
    ticket: { ...base, supervisedAt: '2026-03-10 09:00' },
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-25T00:00:00+08:00',
    basis: 'working-days',
    limit: '10 个工作日',
    clause: '第二十八条',
    stop: 'repliedAt',
  },
  // Tue 09-29 → Wed 30, (10-01..07 off) Thu 8, Fri 9, Sat 10 (make-up), Mon 12 … Fri 16, Mon 19.
  {
    name: 'supervision reply over National Day',
    code: 'supervise-reply',
    ticket: { ...base, supervisedAt: '2026-09-29 16:00' },
    startAt: '2026-09-29T16:00:00+08:00',
    dueAt: '2026-10-20T00:00:00+08:00',
    basis: 'working-days',
    limit: '10 个工作日',
    clause: '第二十八条',
    stop: 'repliedAt',
  },
  {
    name: 'first check: 24 h',
    code: 'first-check',
    ticket: base,
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-11T09:00:00+08:00',
    basis: 'hours',
    limit: '24 小时',
    clause: '处理规定 五.1',
    stop: 'respondedAt',
  },
  {
    name: 'reply to user: 3 working days',
    code: 'reply-user',
    ticket: base,
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-14T00:00:00+08:00',
    basis: 'working-days',
    limit: '3 个工作日',
    clause: '管理办法 三.1',
    stop: 'repliedAt',
  },
  // Fri 02-13 → Sat 14 (make-up), (02-15..23 Spring Festival) Tue 24, Wed 25.
  {
    name: 'reply to user over Spring Festival',
    code: 'reply-user',
    ticket: { ...base, acceptedAt: '2026-02-13 15:00' },
    startAt: '2026-02-13T15:00:00+08:00',
    dueAt: '2026-02-26T00:00:00+08:00',
    basis: 'working-days',
    limit: '3 个工作日',
    clause: '管理办法 三.1',
    stop: 'repliedAt',
  },
  // 03-10 + 15 days = Wed 03-25, a working day: ends at its 24:00.
  {
    name: 'operator reply: 15 days',
    code: 'operator-reply',
    ticket: base,
    startAt: '2026-03-10T09:00:00+08:00',
    dueAt: '2026-03-26T00:00:00+08:00',
    basis: 'days',
    limit: '15 日',
    clause: '第十条',
    stop: 'repliedAt',
  },
  // 09-20 + 15 days = 10-05, inside the National Day break: the period ends on 10-08, the first day after it.
  {
    name: 'operator reply ending in a holiday',
    code: 'operator-reply',
    ticket: { ...base, acceptedAt: '2026-09-20 10:00' },
    startAt: '2026-09-20T10:00:00+08:00',
    dueAt: '2026-10-09T00:00:00+08:00',
    basis: 'days',
    limit: '15 日',
    clause: '第十条',
    stop: 'repliedAt',
  },
];

describe('china-telecom clocks: start, due and basis for every row of the time-limit table', () => {
  it.each(rows)('$name', ({ code, ticket, startAt, dueAt, basis, limit, clause }) => {
    const c = clockOf(evaluate(ticket, ct, [], ms(startAt)), code);
    expect(c).toMatchObject({ startAt, dueAt, basis, limit, state: 'running' });
    expect(c!.because).toContain(clause);
  });
});

describe('china-telecom clocks: states', () => {
  // Due soon from the first warning point (75% of the allowed time unless the pack says otherwise:
  // 50% for the operator's reply); overdue from the due instant; met when stopped by then.
  const firstWarn: Record<string, number> = { 'operator-reply': 0.5 };
  it.each(rows)('$name', ({ code, ticket, startAt, dueAt, stop }) => {
    const start = ms(startAt);
    const due = ms(dueAt);
    const soon = Math.ceil(start + (due - start) * (firstWarn[code] ?? 0.75));
    expect(clockOf(evaluate(ticket, ct, [], start), code)?.warnAt).toEqual(
      code === 'operator-reply' ? [0.5, 0.8] : [0.75],
    );
    const state = (now: number, t: Ticket = ticket) => clockOf(evaluate(t, ct, [], now), code)?.state;
    expect(state(start)).toBe('running');
    expect(state(soon - 1)).toBe('running');
    expect(state(soon)).toBe('due-soon');
    expect(state(due - 1)).toBe('due-soon');
    expect(state(due)).toBe('overdue');
    expect(state(due + 86_400_000)).toBe('overdue');
    expect(state(due + 86_400_000, { ...ticket, [stop]: due })).toBe('met');
    expect(state(soon - 1, { ...ticket, [stop]: start + MIN })).toBe('met');
    const late = clockOf(evaluate({ ...ticket, [stop]: due + MIN }, ct, [], due + 86_400_000), code);
    expect(late?.state).toBe('late');
    expect(ms(late!.stoppedAt!)).toBe(due + MIN);
  });
});

describe('china-telecom clocks: missing and unreadable inputs', () => {
  const now = ms('2026-03-10T10:00:00+08:00');

  it('a regulator ticket without a receipt time starts both appeal clocks at acceptance', () => {
    const v = evaluate({ ...base, channel: '江苏省通信管理局' }, ct, [], now);
    expect(clockOf(v, 'appeal-prereply')).toMatchObject({
      startAt: '2026-03-10T09:00:00+08:00',
      dueAt: '2026-03-11T09:00:00+08:00',
    });
    expect(clockOf(v, 'appeal-reply')).toMatchObject({
      startAt: '2026-03-10T09:00:00+08:00',
      dueAt: '2026-03-19T00:00:00+08:00',
    });
    expect(clockOf(v, 'appeal-reply')!.because).toContain('受理时间');
  });

  it('no acceptance time: an unknown names acceptedAt, and only clocks with their own start remain', () => {
    const { acceptedAt: _, ...rest } = base;
    const v = evaluate({ ...rest, dispatchedAt: '2026-03-10 09:40', supervisedAt: '2026-03-10 09:00' }, ct, [], now);
    expect(v.clocks.map((c) => c.code).sort()).toEqual(['respond', 'supervise-reply']);
    expect(clockOf(v, 'respond')!.startAt).toBe('2026-03-10T09:40:00+08:00');
    expect(clockOf(v, 'supervise-reply')!.startAt).toBe('2026-03-10T09:00:00+08:00');
    expect(fieldsOf(v)).toContain('acceptedAt');
  });

  it('no acceptance time on an appeal: the receipt time still starts the appeal clocks', () => {
    const { acceptedAt: _, ...rest } = appeal;
    const v = evaluate(rest, ct, [], now);
    expect(v.clocks.map((c) => c.code).sort()).toEqual(['appeal-prereply', 'appeal-reply']);
    expect(clockOf(v, 'appeal-prereply')!.startAt).toBe('2026-03-10T14:00:00+08:00');
    expect(fieldsOf(v)).toContain('acceptedAt');
  });

  it('an unreadable acceptance time is an unknown, not a start', () => {
    const v = evaluate({ ...base, acceptedAt: '2026-13-45 09:00' }, ct, [], now);
    expect(v.clocks).toEqual([]);
    expect(fieldsOf(v)).toContain('acceptedAt');
  });

  it.each([
    ['missing', undefined],
    ['not in the pack lists', '黄金会员'],
  ])('VIP status %s: no resolve clock, an unknown names customerLevel', (_, level) => {
    const v = evaluate({ ...base, customerLevel: level }, ct, [], now);
    expect(clockOf(v, 'resolve')).toBeUndefined();
    expect(clockOf(v, 'dispatch')).toBeDefined();
    expect(fieldsOf(v)).toContain('customerLevel');
  });

  it('an unreadable closing time gives no state for the clocks it would stop', () => {
    const v = evaluate(
      { ...base, closedAt: '昨天下午', dispatchedAt: '2026-03-10 09:30', respondedAt: '2026-03-10 09:50' },
      ct,
      [],
      ms('2026-03-12T09:00:00+08:00'),
    );
    expect(clockOf(v, 'resolve')).toBeUndefined();
    expect(fieldsOf(v)).toContain('closedAt');
    // Clocks stopped by another, readable field keep their state.
    expect(clockOf(v, 'respond')?.state).toBe('met');
    expect(clockOf(v, 'dispatch')?.state).toBe('met');
  });
});

describe('tianyi-space clocks', () => {
  const now = ms('2026-03-10T14:30:00+08:00');
  const ticket: Ticket = {
    ...appeal,
    customerLevel: 'VIP',
    dispatchedAt: '2026-03-10 09:40',
    supervisedAt: '2026-03-10 09:00',
  };

  it('has exactly the six clocks of 天翼空间办法', () => {
    expect(ty.clocks.map((c) => c.code).sort()).toEqual([
      'appeal-prereply',
      'appeal-reply',
      'dispatch',
      'resolve',
      'respond',
      'supervise-reply',
    ]);
  });

  it.each([
    ['dispatch', '2026-03-10T09:00:00+08:00', '2026-03-10T10:00:00+08:00'],
    ['respond', '2026-03-10T09:40:00+08:00', '2026-03-10T10:10:00+08:00'],
    ['resolve', '2026-03-10T09:00:00+08:00', '2026-03-10T21:00:00+08:00'],
    ['appeal-prereply', '2026-03-10T14:00:00+08:00', '2026-03-11T14:00:00+08:00'],
    ['appeal-reply', '2026-03-10T14:00:00+08:00', '2026-03-19T00:00:00+08:00'],
    ['supervise-reply', '2026-03-10T09:00:00+08:00', '2026-03-25T00:00:00+08:00'],
  ])('%s: %s → %s', (code, startAt, dueAt) => {
    expect(clockOf(evaluate(ticket, ty, [], now), code)).toMatchObject({ startAt, dueAt });
  });

  it('a complaint closed without a dispatch time stops the dispatch clock at closing', () => {
    const onTheSpot = clockOf(evaluate({ ...base, closedAt: '2026-03-10 09:20' }, ty, [], now), 'dispatch');
    expect(onTheSpot).toMatchObject({ state: 'met', stoppedAt: '2026-03-10T09:20:00+08:00' });
    expect(clockOf(evaluate({ ...base, closedAt: '2026-03-10 13:00' }, ty, [], now), 'dispatch')?.state).toBe('late');
  });
});

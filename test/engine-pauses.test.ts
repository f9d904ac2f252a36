// Pause and resume (挂起/解挂): the paused time given back by each basis, as a table worked out by
// hand from the rule (hours add the span; working days add what fell on working days, counted on
// over working days; calendar days add the span to the period's unmoved end, then move it past
// rest days) and the 2026 State Council notice (10月1–7日 off, 10月10日 a make-up working day).
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from '../rules/engine/bundled-calendar';
import { addCivilDays, addHours, addWorkingDays } from '../rules/calendar/deadline';
import { applyPauses, pairPauseLog, type Pause } from '../rules/clock/pauses';
import { clockState, countdownText, liveState, usedText, warnPoints } from '../rules/clock/vocabulary';
import { evaluate } from '../rules/engine/evaluate';
import { getPack } from '../rules/packs';
import type { Ticket } from '../rules/ticket';
import { toIso } from '../rules/time/shanghai';
import type { ClockResult, Verdict } from '../rules/verdict';

const at = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
const cal = bundledCalendar;

type Basis = 'hours' | 'working-days' | 'days';
const baseDue = (basis: Basis, start: number, n: number) => {
  const r =
    basis === 'hours'
      ? { ok: true as const, ms: addHours(start, n) }
      : (basis === 'working-days' ? addWorkingDays : addCivilDays)(cal, start, n);
  if (!r.ok) throw new Error(r.reason);
  return r.ms;
};

interface Row {
  name: string;
  basis: Basis;
  amount: number;
  start: string;
  /** The due without pauses, as the rule gives it (checked too, so each row's premise is right). */
  due: string;
  pauses: [string, string?][];
  stop?: string;
  /** The due after the pauses, and the gain of each pause. */
  paused: string;
  gains: (number | undefined)[];
}

const rows: Row[] = [
  {
    name: 'hours: a 3 h pause adds 3 h',
    basis: 'hours',
    amount: 24,
    start: '2026-11-23T10:00',
    due: '2026-11-24T10:00',
    pauses: [['2026-11-23T12:00', '2026-11-23T15:00']],
    paused: '2026-11-24T13:00',
    gains: [3 * HOUR],
  },
  {
    name: 'hours: a pause across midnight adds its whole span',
    basis: 'hours',
    amount: 24,
    start: '2026-11-23T10:00',
    due: '2026-11-24T10:00',
    pauses: [['2026-11-23T22:00', '2026-11-24T02:00']],
    paused: '2026-11-24T14:00',
    gains: [4 * HOUR],
  },
  {
    name: 'hours: two pauses add up; the part before the start gives nothing',
    basis: 'hours',
    amount: 12,
    start: '2026-11-23T10:00',
    due: '2026-11-23T22:00',
    pauses: [
      ['2026-11-23T09:00', '2026-11-23T11:00'],
      ['2026-11-23T20:00', '2026-11-24T01:00'],
    ],
    paused: '2026-11-24T04:00',
    gains: [HOUR, 5 * HOUR],
  },
  {
    name: 'hours: a pause begun once overdue gives nothing back',
    basis: 'hours',
    amount: 1,
    start: '2026-11-23T10:00',
    due: '2026-11-23T11:00',
    pauses: [['2026-11-23T11:30', '2026-11-23T15:00']],
    paused: '2026-11-23T11:00',
    gains: [],
  },
  {
    name: 'hours: a pause the first pause pushed the due past still counts',
    basis: 'hours',
    amount: 1,
    start: '2026-11-23T10:00',
    due: '2026-11-23T11:00',
    pauses: [
      ['2026-11-23T10:30', '2026-11-23T12:00'],
      ['2026-11-23T12:10', '2026-11-23T12:40'],
    ],
    paused: '2026-11-23T13:00',
    gains: [1.5 * HOUR, 0.5 * HOUR],
  },
  {
    name: 'hours: the ticket closed during the pause: counted up to the close',
    basis: 'hours',
    amount: 24,
    start: '2026-11-23T10:00',
    due: '2026-11-24T10:00',
    pauses: [['2026-11-23T12:00', '2026-11-23T18:00']],
    stop: '2026-11-23T14:00',
    paused: '2026-11-24T12:00',
    gains: [2 * HOUR],
  },
  {
    name: 'hours: still suspended, the due waits',
    basis: 'hours',
    amount: 24,
    start: '2026-11-23T10:00',
    due: '2026-11-24T10:00',
    pauses: [['2026-11-23T12:00']],
    paused: '2026-11-24T10:00',
    gains: [undefined],
  },
  {
    name: 'working days: 4 h on a Tuesday add 4 h of working time',
    basis: 'working-days',
    amount: 3,
    start: '2026-11-23T10:00', // Monday; due 24:00 Thursday
    due: '2026-11-27T00:00',
    pauses: [['2026-11-24T10:00', '2026-11-24T14:00']],
    paused: '2026-11-27T04:00',
    gains: [4 * HOUR],
  },
  {
    name: 'working days: across a weekend only the working days count, and the due skips the next weekend',
    basis: 'working-days',
    amount: 3,
    start: '2026-11-23T10:00',
    due: '2026-11-27T00:00',
    // Wed 12 h + Thu 24 h + Fri 24 h + Mon 12 h = 3 working days: Fri, Mon, Tue → 24:00 Tuesday 12月1日.
    pauses: [['2026-11-25T12:00', '2026-11-30T12:00']],
    paused: '2026-12-02T00:00',
    gains: [at('2026-12-02T00:00') - at('2026-11-27T00:00')],
  },
  {
    name: 'working days: across the National Day holiday, onto the make-up Saturday',
    basis: 'working-days',
    amount: 3,
    start: '2026-09-29T10:00', // 9-30, 10-8, 10-9 → 24:00 of 10月9日
    due: '2026-10-10T00:00',
    // 9-30 16 h + 10-8 8 h = one working day, given back on Saturday 10月10日 (a working day that year).
    pauses: [['2026-09-30T08:00', '2026-10-08T08:00']],
    paused: '2026-10-11T00:00',
    gains: [24 * HOUR],
  },
  {
    name: 'working days: a pause on the start day, which is not counted, gives nothing',
    basis: 'working-days',
    amount: 3,
    start: '2026-11-23T10:00',
    due: '2026-11-27T00:00',
    pauses: [['2026-11-23T12:00', '2026-11-23T20:00']],
    paused: '2026-11-27T00:00',
    gains: [0],
  },
  {
    name: 'calendar days: 48 h move the end two days on, a working Friday',
    basis: 'days',
    amount: 15,
    start: '2026-11-10T10:00', // 15th day is Wed 11-25: due 24:00 of it
    due: '2026-11-26T00:00',
    pauses: [['2026-11-12T10:00', '2026-11-14T10:00']],
    paused: '2026-11-28T00:00',
    gains: [48 * HOUR],
  },
  {
    name: 'calendar days: an end moved onto a weekend goes on to 24:00 of the next working day',
    basis: 'days',
    amount: 15,
    start: '2026-11-10T10:00',
    due: '2026-11-26T00:00',
    pauses: [['2026-11-12T10:00', '2026-11-15T12:00']], // 74 h: raw end Sat 11-28 02:00
    paused: '2026-12-01T00:00',
    gains: [at('2026-12-01T00:00') - at('2026-11-26T00:00')],
  },
  {
    name: 'calendar days: a short pause inside an end already moved past a weekend moves nothing',
    basis: 'days',
    amount: 4,
    start: '2026-11-23T10:00', // 4th day Fri 11-27 → 24:00 Fri
    due: '2026-11-28T00:00',
    pauses: [['2026-11-24T10:00', '2026-11-24T12:00']], // raw end Sat 02:00 → Mon 24:00
    paused: '2026-12-01T00:00',
    gains: [at('2026-12-01T00:00') - at('2026-11-28T00:00')],
  },
];

const pausesOf = (r: Row): Pause[] => r.pauses.map(([from, to]) => ({ from: at(from), ...(to ? { to: at(to) } : {}) }));

describe('the due after pauses, by basis (applyPauses)', () => {
  it.each(rows)('$name', (r) => {
    const start = at(r.start);
    const due = baseDue(r.basis, start, r.amount);
    expect(toIso(due)).toBe(toIso(at(r.due)));
    const out = applyPauses(r.basis, r.amount, cal, start, due, pausesOf(r), r.stop ? at(r.stop) : undefined);
    if (!out.ok) throw new Error(out.reason);
    expect(toIso(out.due)).toBe(toIso(at(r.paused)));
    expect(out.applied.map((p) => p.gain)).toEqual(r.gains);
  });
});

describe('a clock while paused and after (vocabulary)', () => {
  const start = at('2026-11-23T10:00');
  const clock = (due: string, pauses: ClockResult['pauses']): ClockResult => ({
    code: 'resolve',
    label: '处理时限',
    startAt: toIso(start),
    dueAt: toIso(at(due)),
    basis: 'hours',
    limit: '24 小时',
    state: 'running',
    because: '',
    pauses,
  });
  const open = clock('2026-11-24T10:00', [{ from: toIso(at('2026-11-24T08:00')) }]);

  it.each([
    ['just before the pause', '2026-11-24T07:59', 'due-soon'],
    ['in the pause, past the due it had', '2026-11-24T11:00', 'paused'],
    ['in the pause, a week on', '2026-12-01T11:00', 'paused'],
  ] as const)('open pause: %s → %s', (_, now, state) => expect(liveState(open, at(now))).toBe(state));

  it('shows the time left frozen at the pause, without ticking', () => {
    expect(countdownText(open, at('2026-11-24T09:00'))).toBe('已暂停 剩 02:00:00');
    expect(countdownText(open, at('2026-11-30T09:00'))).toBe('已暂停 剩 02:00:00');
  });

  // Resumed: 08:00–13:00 gave 5 h back, so the due is 15:00 and 75% of 24 h is used at 04:00 + 5 h.
  const resumed = clock('2026-11-24T15:00', [
    { from: toIso(at('2026-11-24T08:00')), to: toIso(at('2026-11-24T13:00')), gain: 5 * HOUR },
  ]);
  it('after the resume, the warning point and the share used leave the paused time out', () => {
    expect(
      warnPoints(start, at('2026-11-24T15:00'), [0.75], [{ from: at('2026-11-24T08:00'), gain: 5 * HOUR }]),
    ).toEqual([at('2026-11-24T04:00')]);
    // 0.5 is before the pause: not moved.
    expect(
      warnPoints(start, at('2026-11-24T15:00'), [0.5], [{ from: at('2026-11-24T08:00'), gain: 5 * HOUR }]),
    ).toEqual([at('2026-11-23T22:00')]);
    expect(usedText(resumed, at('2026-11-24T14:00'))).toBe('已用时限 95%'); // 23 h of 24 used
    expect(liveState(resumed, at('2026-11-24T14:00'))).toBe('due-soon');
    expect(liveState(resumed, at('2026-11-24T15:00'))).toBe('overdue');
    expect(countdownText(resumed, at('2026-11-24T14:00'))).toBe('剩 01:00:00');
  });

  it('a pause with a planned end: paused until then, frozen at what will be left', () => {
    const planned = clock('2026-11-24T15:00', [
      { from: toIso(at('2026-11-24T08:00')), to: toIso(at('2026-11-24T13:00')), gain: 5 * HOUR },
    ]);
    expect(
      clockState(
        start,
        at('2026-11-24T15:00'),
        at('2026-11-24T12:00'),
        undefined,
        [0.75],
        [{ from: at('2026-11-24T08:00'), to: at('2026-11-24T13:00'), gain: 5 * HOUR }],
      ),
    ).toBe('paused');
    expect(countdownText(planned, at('2026-11-24T12:00'))).toBe('已暂停 剩 02:00:00');
  });

  it('a stopped clock is met or late, paused or not', () => {
    expect(liveState({ ...open, stoppedAt: toIso(at('2026-11-24T09:00')) }, at('2026-11-24T11:00'))).toBe('met');
  });
});

describe('pairing the CRM history rows (pairPauseLog)', () => {
  it.each([
    {
      name: 'oldest first',
      log: [
        { event: 'pause', at: '2026-11-23 12:00' },
        { event: 'resume', at: '2026-11-23 15:00' },
        { event: 'pause', at: '2026-11-24 09:00' },
      ],
      want: [
        { from: '2026-11-23T12:00:00+08:00', to: '2026-11-23T15:00:00+08:00' },
        { from: '2026-11-24T09:00:00+08:00' },
      ],
    },
    {
      name: 'newest first, as many CRMs list them',
      log: [
        { event: 'resume', at: '2026/11/23 15:00' },
        { event: 'pause', at: '2026/11/23 12:00' },
      ],
      want: [{ from: '2026-11-23T12:00:00+08:00', to: '2026-11-23T15:00:00+08:00' }],
    },
    {
      name: 'a second 挂起 while suspended is the same pause; a 解挂 with none open is dropped',
      log: [
        { event: 'resume', at: '2026-11-23 08:00' },
        { event: 'pause', at: '2026-11-23 12:00' },
        { event: 'pause', at: '2026-11-23 13:00' },
        { event: 'resume', at: '2026-11-23 15:00' },
      ],
      want: [{ from: '2026-11-23T12:00:00+08:00', to: '2026-11-23T15:00:00+08:00' }],
    },
  ] as const)('$name', ({ log, want }) => expect(pairPauseLog(log)).toEqual(want));

  it.each([
    ['a time that cannot be read', [{ event: 'pause', at: '昨天下午' }], false, '无法识别'],
    ['a row the page showed without a time', [], true, '缺少时间'],
  ] as const)('%s: passed on alone, so the verdict says unknown', (_, log, incomplete, why) => {
    const pauses = pairPauseLog(log, incomplete);
    expect(pauses).toHaveLength(1);
    const v = evaluate(
      { acceptedAt: '2026-11-23 10:00', ticketType: '投诉单', customerLevel: '普通', pauses },
      getPack('china-telecom')!,
      [],
      at('2026-11-24T09:00'),
    );
    expect(v.unknown.find((u) => u.field === 'pauses')?.because).toContain(why);
    expect(v.clocks.find((c) => c.code === 'resolve')).toBeUndefined();
    expect(v.clocks.find((c) => c.code === 'operator-reply')).toBeDefined();
  });
});

describe('the verdict: which clocks pause, and what is unknown', () => {
  const pack = getPack('china-telecom')!;
  const NOW = at('2026-11-24T09:00');
  const ticket: Ticket = {
    id: 'P1',
    channel: '10000号',
    ticketType: '投诉单',
    customerLevel: '普通',
    title: '宽带经常掉线',
    acceptedAt: '2026-11-23 10:00',
  };
  const clockOf = (v: Verdict, code: string) => v.clocks.find((c) => c.code === code);

  it('the centre’s own clocks pause; the regulator’s 企业答复期限 runs on', () => {
    const v = evaluate({ ...ticket, status: '挂起', pauses: [{ from: '2026-11-23 12:00' }] }, pack, [], NOW);
    for (const code of ['resolve', 'first-check', 'reply-user']) {
      expect(clockOf(v, code)?.state, code).toBe('paused');
      expect(clockOf(v, code)?.because, code).toContain('暂停计时');
    }
    expect(clockOf(v, 'operator-reply')?.state).toBe('running');
    expect(clockOf(v, 'operator-reply')?.pauses).toBeUndefined();
    expect(pack.clocks.filter((c) => c.pausable).map((c) => c.code)).toEqual(['resolve', 'first-check', 'reply-user']);
  });

  it('status 挂起 with no records: paused from this reading, marked observed', () => {
    const v = evaluate({ ...ticket, status: '挂起' }, pack, [], NOW);
    const c = clockOf(v, 'resolve')!;
    expect(c.state).toBe('paused');
    expect(c.pauses).toEqual([{ from: toIso(NOW), observed: true }]);
    expect(c.because).toContain('按助手看到的工单状态记录');
  });

  it('a closed pause gives the due back and says by how much', () => {
    const v = evaluate(
      { ...ticket, status: '处理中', pauses: [{ from: '2026-11-23 12:00', to: '2026-11-23 15:00' }] },
      pack,
      [],
      NOW,
    );
    const c = clockOf(v, 'resolve')!;
    expect(c.dueAt).toBe('2026-11-24T13:00:00+08:00');
    expect(c.because).toContain('截止顺延 03:00:00');
    expect(c.state).toBe('due-soon'); // 20 h of 24 used at 09:00 (08:00 + 3 h is 75%)
  });

  it.each([
    [
      'records say still suspended, status says otherwise',
      { status: '处理中', pauses: [{ from: '2026-11-23 12:00' }] },
      '显示仍在挂起',
    ],
    ['an unreadable time', { pauses: [{ from: '前天', to: '2026-11-23 15:00' }] }, '挂起时间无法识别'],
    [
      'a resume before its pause',
      { pauses: [{ from: '2026-11-23 15:00', to: '2026-11-23 12:00' }] },
      '解挂时间早于挂起时间',
    ],
    ['a pause in the future', { pauses: [{ from: '2026-11-25 12:00' }] }, '晚于当前时间'],
    [
      'an open pause followed by another',
      { pauses: [{ from: '2026-11-23 12:00' }, { from: '2026-11-23 18:00', to: '2026-11-23 19:00' }] },
      '又有挂起',
    ],
    ['not a list', { pauses: 'yesterday' as unknown as [] }, '不是至多'],
  ] as const)('%s: pausable clocks unknown, the others stand', (_, extra, why) => {
    const v = evaluate({ ...ticket, ...extra }, pack, [], NOW);
    expect(v.unknown.find((u) => u.field === 'pauses')?.because).toContain(why);
    expect(clockOf(v, 'resolve')).toBeUndefined();
    expect(clockOf(v, 'operator-reply')).toBeDefined();
  });

  it('overlapping records of one suspension count once', () => {
    const v = evaluate(
      {
        ...ticket,
        pauses: [
          { from: '2026-11-23 12:00', to: '2026-11-23 14:00' },
          { from: '2026-11-23 13:00', to: '2026-11-23 15:00' },
        ],
      },
      pack,
      [],
      NOW,
    );
    expect(clockOf(v, 'resolve')!.dueAt).toBe('2026-11-24T13:00:00+08:00');
  });
});

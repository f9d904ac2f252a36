import type { Stage } from '../pack/schema';
import { SCRIPT_VARS, type ScriptVar } from '../pack/vocabulary';
import { timeText } from '../clock/vocabulary';
import type { Verdict } from '../verdict';
import type { CompiledClock } from './clocks';
import type { Test } from './condition';
import type { Facts } from './facts';

const MISSING: Record<ScriptVar, string> = {
  customerName: '【客户称呼未知】',
  ticketId: '【工单号未知】',
  dueAt: '【时限未知】',
  limit: '【时限未知】',
  target: '【处理部门待定】',
  category: '【分类未知】',
  channel: '【渠道未知】',
  acceptedAt: '【受理时间未知】',
  repeatCount: '【次数未知】',
};
const MISSING_BY_SLOT = SCRIPT_VARS.map((v) => MISSING[v]);

/** A template split once: literal text around variables, each variable as its index in SCRIPT_VARS. */
export interface CompiledScript {
  stage: Stage;
  test: Test | null;
  literals: string[];
  slots: number[];
}

export function compileScript(stage: Stage, text: string, test: Test | null): CompiledScript {
  const parts = text.split(/\{(\w+)\}/); // odd indexes are variable names, checked by the pack schema
  return {
    stage,
    test,
    literals: parts.filter((_, i) => i % 2 === 0),
    slots: parts.filter((_, i) => i % 2 === 1).map((v) => SCRIPT_VARS.indexOf(v as ScriptVar)),
  };
}

/** The clock a script quotes, with its due instant. */
interface Quoted {
  clock: Verdict['clocks'][number];
  dueMs: number;
}

function valueOf(
  name: ScriptVar,
  f: Facts,
  v: Omit<Verdict, 'scripts'>,
  main: Quoted | undefined,
  now: number,
): string | undefined {
  switch (name) {
    case 'customerName':
      return f.s.customerName;
    case 'ticketId':
      return f.s.id;
    case 'dueAt':
      return main && timeText(main.dueMs, now);
    case 'limit':
      return main?.clock.limit;
    case 'target':
      return v.dispatch[0]?.target;
    case 'category':
      return v.category?.label;
    case 'channel':
      return f.s.channel;
    case 'acceptedAt':
      return f.t.acceptedAt === undefined ? undefined : timeText(f.t.acceptedAt, now);
    case 'repeatCount':
      return f.n.repeatCount === undefined ? undefined : String(f.n.repeatCount);
  }
}

/** The clock whose due is quoted: the resolve clock; when it does not apply, the first one still running. */
function quotedClock(clocks: Verdict['clocks'], dueMs: readonly number[], resolveApplies: boolean): Quoted | undefined {
  for (let i = 0; i < clocks.length; i++)
    if (clocks[i]!.code === 'resolve') return { clock: clocks[i]!, dueMs: dueMs[i]! };
  if (!resolveApplies)
    for (let i = 0; i < clocks.length; i++) {
      const state = clocks[i]!.state;
      if (state === 'running' || state === 'due-soon') return { clock: clocks[i]!, dueMs: dueMs[i]! };
    }
  return undefined;
}

/**
 * Fill each applicable template; a variable the ticket lacks is shown as unknown, never guessed. `dueMs` is as `runClocks` gave it.
 * Times read as every view writes them (rules/clock/vocabulary.ts), the year shown when not `now`'s.
 */
export function runScripts(
  scripts: CompiledScript[],
  resolve: CompiledClock | undefined,
  f: Facts,
  v: Omit<Verdict, 'scripts'>,
  dueMs: readonly number[],
  now: number,
): Verdict['scripts'] {
  // When the resolve clock applies but could not be computed (e.g. VIP status unknown), say the time is
  // unknown rather than quote another clock's shorter deadline to the customer.
  const resolveApplies = resolve !== undefined && (resolve.test === null || resolve.test(f) !== null);
  const main = quotedClock(v.clocks, dueMs, resolveApplies);
  const values: string[] = []; // each variable worked out when a template first asks for it
  const out: Verdict['scripts'] = [];
  for (const s of scripts) {
    if (s.test && s.test(f) === null) continue;
    let text = s.literals[0]!;
    for (let i = 0; i < s.slots.length; i++) {
      const slot = s.slots[i]!;
      text +=
        (values[slot] ??= valueOf(SCRIPT_VARS[slot]!, f, v, main, now) ?? MISSING_BY_SLOT[slot]!) + s.literals[i + 1]!;
    }
    out.push({ stage: s.stage, text });
  }
  return out;
}

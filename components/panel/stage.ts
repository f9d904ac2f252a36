import type { STAGES } from '@/rules/pack/vocabulary';
import type { Verdict } from '@/rules/verdict';
import type { TicketRead } from '@/utils/messages';

type Stage = (typeof STAGES)[number];

/**
 * Where the ticket stands, from the CRM's own times as the page shows them (the verdict keeps no
 * ticket times, only its clocks): nothing dispatched or answered yet is `intake`; dispatched or
 * responded to is `handling`; a reply given is `replied`; a close time is `closed`.
 */
export type Phase = 'intake' | 'handling' | 'replied' | 'closed';

export function phaseOf(fields: TicketRead['fields']): Phase {
  const has = (f: keyof TicketRead['fields']) => Boolean(fields[f]?.trim());
  if (has('closedAt')) return 'closed';
  if (has('repliedAt')) return 'replied';
  if (has('dispatchedAt') || has('respondedAt')) return 'handling';
  return 'intake';
}

/**
 * The pack's stages (受理, 安抚, 催办 …) are what a script is for rather than steps in order, and the
 * engine has already dropped those whose condition the ticket does not meet. Of those left, the
 * one to say now, by phase, in this order:
 * - 升级/申诉 and 催办 come first while the ticket is open: they replace the plain opening for a
 *   ticket that came through the regulator or an appeal, or for a customer chasing a ticket still
 *   in hand, and they are only there when the ticket is one of those;
 * - intake: 受理, the words that register the complaint and give the ticket number;
 * - handling: 告知时限, what a caller hears while the line works on it (when the answer is due), else 安抚;
 * - replied or closed: 回访, the call that asks whether the customer is satisfied (the packs give it
 *   only once the ticket is closed).
 * Nothing of the phase's list: the first stage the pack lists for the ticket.
 */
const ORDER: Record<Phase, readonly Stage[]> = {
  intake: ['升级/申诉', '催办', '受理'],
  handling: ['升级/申诉', '催办', '告知时限', '安抚'],
  replied: ['回访', '升级/申诉', '催办', '安抚'],
  closed: ['回访'],
};

export function currentStage(phase: Phase, scripts: Verdict['scripts']): Stage | undefined {
  const present = new Set(scripts.map((s) => s.stage));
  return ORDER[phase].find((s) => present.has(s)) ?? scripts[0]?.stage;
}

export interface StageGroup {
  stage: Stage;
  scripts: Verdict['scripts'];
  current: boolean;
}

/** The scripts by stage, the current stage first and the others in the pack's order. */
export function groupScripts(scripts: Verdict['scripts'], current: Stage | undefined): StageGroup[] {
  const groups = new Map<Stage, Verdict['scripts']>();
  for (const s of scripts) groups.set(s.stage, [...(groups.get(s.stage) ?? []), s]);
  return [...groups]
    .map(([stage, list]) => ({ stage, scripts: list, current: stage === current }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

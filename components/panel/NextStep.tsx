import { t as tr, type MessageKey } from '@/utils/i18n';
import { usePanel } from './context';
import type { Phase } from './stage';

const STEPS: Record<Phase, MessageKey> = {
  intake: 'panel.step.intake',
  handling: 'panel.step.handling',
  replied: 'panel.step.replied',
  closed: 'panel.step.closed',
};

/** What the agent does now, by where the ticket stands: at intake, dispatch it to the first suggestion. */
export function NextStep() {
  const p = usePanel();
  const phase = p.phase.value;
  const target = p.tab.value?.verdict.dispatch[0]?.target;
  return (
    <p class="next" data-testid="next-step" data-phase={phase}>
      <strong>{tr('panel.nextStep')}</strong>{' '}
      {phase === 'intake' && target ? tr('panel.step.dispatch', { target }) : tr(STEPS[phase])}
    </p>
  );
}

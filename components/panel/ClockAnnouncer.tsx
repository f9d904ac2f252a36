import { effect, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { LiveRegion, type Said } from '@/components/live/LiveRegion';
import { announcement, createTransitions } from '@/components/live/transitions';
import { language } from '@/utils/i18n';
import { usePanel } from './context';

/**
 * Says, once, that a clock of the shown ticket became due-soon or overdue. The panel's `now`
 * ticks every second and the effect follows it; the tracker has news only on a transition. Only
 * while the panel has the focus: otherwise the badge on the CRM page says it
 * (components/badge/badge.ts), so the agent hears it once, from where they are.
 */
export function ClockAnnouncer({ speaks = () => document.hasFocus() }: { speaks?: () => boolean }) {
  const p = usePanel();
  const said = useSignal<Said | null>(null);
  const speaking = useRef(speaks);
  speaking.current = speaks;
  useEffect(() => {
    const track = createTransitions();
    return effect(() => {
      const t = p.tab.value;
      const clocks = p.clocks.value.map((c) => ({ code: c.code, label: c.label, state: c.live }));
      const changed = track(t ? `${t.tabId}:${t.verdict.id ?? ''}` : undefined, clocks);
      if (changed.length && t && speaking.current())
        said.value = {
          n: (said.peek()?.n ?? 0) + 1,
          text: announcement(t.verdict.id ?? undefined, changed, language.peek()),
        };
    });
  }, [p, said]);
  return <LiveRegion said={said} />;
}

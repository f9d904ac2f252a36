import { stateLabel, t } from '@/utils/i18n';
import { useWorklist } from './context';
import { FILTERS, type Filter } from './order';

const label = (f: Filter) => (f === 'due-soon' ? stateLabel(f) : t(`worklist.filter.${f}`));

/** 超时 / 即将到期 / 全部, each with its live count. */
export function Filters() {
  const w = useWorklist();
  return (
    <div class="filters" role="group" aria-label={t('worklist.filters')}>
      {FILTERS.map((f) => (
        <button
          key={f}
          type="button"
          class={`filter filter-${f}`}
          aria-pressed={w.filter.value === f}
          data-filter={f}
          onClick={() => (w.filter.value = f)}
        >
          {label(f)}
          <span class="count">{w.counts.value[f]}</span>
        </button>
      ))}
    </div>
  );
}

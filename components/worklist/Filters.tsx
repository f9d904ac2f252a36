import { useWorklist } from './context';
import { FILTER_LABELS, FILTERS } from './order';

/** 超时 / 即将到期 / 全部, each with its live count. */
export function Filters() {
  const w = useWorklist();
  return (
    <div class="filters" role="group" aria-label="筛选">
      {FILTERS.map((f) => (
        <button
          key={f}
          type="button"
          class={`filter filter-${f}`}
          aria-pressed={w.filter.value === f}
          data-filter={f}
          onClick={() => (w.filter.value = f)}
        >
          {FILTER_LABELS[f]}
          <span class="count">{w.counts.value[f]}</span>
        </button>
      ))}
    </div>
  );
}

import { FIELD_LABELS } from '@/rules/ticket';
import { usePanel } from './context';

const label = (field: string) => (FIELD_LABELS as Record<string, string>)[field] ?? field;

/** Fields the page did not yield and what the engine could not tell because of them. */
export function Unknowns() {
  const t = usePanel().tab.value!;
  const { missing } = t.read;
  const { unknown } = t.verdict;
  if (!missing.length && !unknown.length) return null;
  return (
    <section class="unknowns" aria-label="缺失与未知" data-testid="unknowns">
      <h2>缺失与未知</h2>
      {missing.length > 0 && (
        <p data-testid="missing">
          页面未读到：
          {missing.map((m) => (
            <span key={m.field} class={m.required ? 'missing required' : 'missing'} data-field={m.field}>
              {label(m.field)}
            </span>
          ))}
        </p>
      )}
      <ul>
        {unknown.map((u, i) => (
          <li key={i} data-field={u.field}>
            <strong>{label(u.field)}</strong>：{u.because}
          </li>
        ))}
      </ul>
    </section>
  );
}

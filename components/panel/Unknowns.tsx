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
      {[true, false].map((required) => {
        const list = missing.filter((m) => m.required === required);
        return (
          list.length > 0 && (
            <p key={String(required)} data-testid={required ? 'missing' : 'missing-optional'}>
              {required ? '缺少必填字段：' : '页面上为空：'}
              {list.map((m) => (
                <span key={m.field} class={required ? 'missing required' : 'missing'} data-field={m.field}>
                  {label(m.field)}
                </span>
              ))}
            </p>
          )
        );
      })}
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

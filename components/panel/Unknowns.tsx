import { t as tr } from '@/utils/i18n';
import { fieldLabel as label } from '@/utils/i18n/labels';
import { usePanel } from './context';

/** Fields the page did not yield and what the engine could not tell because of them. */
export function Unknowns() {
  const t = usePanel().tab.value!;
  const { missing } = t.read;
  const { unknown } = t.verdict;
  if (!missing.length && !unknown.length) return null;
  return (
    <section class="unknowns" aria-label={tr('panel.unknowns')} data-testid="unknowns">
      <h2>{tr('panel.unknowns')}</h2>
      {[true, false].map((required) => {
        const list = missing.filter((m) => m.required === required);
        return (
          list.length > 0 && (
            <p key={String(required)} data-testid={required ? 'missing' : 'missing-optional'}>
              {tr(required ? 'panel.missingRequired' : 'panel.missingOptional')}
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
            <strong>{label(u.field)}</strong>
            {tr('common.colon')}
            {u.because}
          </li>
        ))}
      </ul>
    </section>
  );
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AccessState } from '@/components/options/access';
import { t } from '@/utils/i18n';

/** The popup's access state; absent (as in the worklist's own tests), no bar. */
export const AccessContext = createContext<AccessState | null>(null);

/**
 * 「N 个 CRM 页面等待授权」: adapters from the centre's policy (or added on the options page) read
 * nothing until the agent grants their origins. One click asks for all of them, from the click itself.
 */
export function AccessBar() {
  const s = useContext(AccessContext);
  const n = s?.needed.value;
  if (!s || !n) return null;
  const names = n.adapters.map((a) => a.name).join(t('common.listSep'));
  return (
    <div class="access-bar" role="status" data-testid="access-bar">
      <span title={n.origins.join('\n')}>
        {t('worklist.waiting', { n: n.adapters.length })}
        <small>{names}</small>
      </span>
      <button type="button" data-testid="grant-access" onClick={() => void s.grant()}>
        {t('common.grantAccess')}
      </button>
      {s.error.value && <small class="access-error">{s.error.value}</small>}
    </div>
  );
}

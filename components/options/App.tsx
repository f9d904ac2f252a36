import { t } from '@/utils/i18n';
import { Adapters } from './Adapters';
import { ClearAll } from './ClearAll';
import { useOptions } from './context';
import { Language } from './Language';
import { Learning } from './Learning';
import { Packs } from './Packs';
import { Retention } from './Retention';
import { Toggles } from './Toggles';
import { Transfer } from './Transfer';

export function App() {
  const o = useOptions();
  const n = o.notice.value;
  return (
    <main class="options">
      <h1>{t('options.title')}</h1>
      <p class="hint">{t('options.private')}</p>
      {n && (
        <p class={n.bad ? 'notice bad' : 'notice'} role="status" data-testid="notice">
          {n.text}
        </p>
      )}
      <Language />
      <Toggles />
      <Retention />
      <Transfer />
      <Adapters />
      <Packs />
      <Learning />
      <ClearAll />
    </main>
  );
}

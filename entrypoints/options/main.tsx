import { render } from 'preact';
import { App } from '@/components/options/App';
import { OptionsContext } from '@/components/options/context';
import { createOptionsState } from '@/components/options/state';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { createStore } from '@/utils/db/store';
import '@/components/options/options.css';

// The background evaluates with this pack, so its retention period is the default.
const state = createOptionsState(browser, createStore(), { defaultRetentionDays: DEFAULT_PACK.retentionDays });
void state.load();
render(
  <OptionsContext.Provider value={state}>
    <App />
  </OptionsContext.Provider>,
  document.getElementById('app')!,
);

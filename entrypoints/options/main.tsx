import { render } from 'preact';
import { App } from '@/components/options/App';
import { OptionsContext } from '@/components/options/context';
import { crossValidateInWorker } from '@/components/options/crossval-client';
import { LearningContext } from '@/components/options/learning-context';
import { createLearningState } from '@/components/options/learning-state';
import { createOptionsState } from '@/components/options/state';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { createLearning } from '@/utils/db/learning';
import { createStore } from '@/utils/db/store';
import '@/components/options/options.css';

// The background evaluates with this pack, so its retention period and threshold are the defaults,
// and its classes are the ones learned.
const store = createStore();
const state = createOptionsState(browser, store, { defaultRetentionDays: DEFAULT_PACK.retentionDays });
const learning = createLearningState(browser, createLearning(store.db, DEFAULT_PACK), {
  pack: DEFAULT_PACK,
  crossValidate: crossValidateInWorker,
});
void state.load();
void learning.load();
render(
  <OptionsContext.Provider value={state}>
    <LearningContext.Provider value={learning}>
      <App />
    </LearningContext.Provider>
  </OptionsContext.Provider>,
  document.getElementById('app')!,
);

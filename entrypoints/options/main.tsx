import { render } from 'preact';
import { createAdaptersState } from '@/components/options/adapters-state';
import { App } from '@/components/options/App';
import { AdaptersContext, PacksContext } from '@/components/options/catalog';
import { checkInWorker } from '@/components/options/check';
import { OptionsContext } from '@/components/options/context';
import { crossValidateInWorker } from '@/components/options/crossval-client';
import { LearningContext } from '@/components/options/learning-context';
import { createLearningState } from '@/components/options/learning-state';
import { createPacksState } from '@/components/options/packs-state';
import { createOptionsState, type OptionsState } from '@/components/options/state';
import type { Model } from '@/rules/classifier/model';
import type { Pack } from '@/rules/pack/schema';
import { packs } from '@/rules/packs';
import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { createLearning } from '@/utils/db/learning';
import { createStore } from '@/utils/db/store';
import { followLanguage } from '@/utils/i18n';
import '@/components/options/options.css';

// The background evaluates with the applied pack (the centre's policy, else the agent's choice, else
// the first shipped one), so the page reads the catalog first: that pack's retention period and
// threshold are the defaults, and its classes (and the model it brings) are the ones learned.
// Choosing another pack here rebuilds the learning section for it.
const store = createStore();
const shipped = Object.values(packs);
// Checking what the agent pastes or imports may take seconds (a new pattern's ReDoS check): off the page's thread.
const checker = checkInWorker();
const adapters = createAdaptersState(browser, { bundled: BUNDLED_ADAPTERS, checker });
const packsState = createPacksState(browser, { bundled: shipped, checker, onApplied: (a) => show(a.pack, a.model) });
let state: OptionsState | null = null;

function show(pack: Pack, model: Model | null) {
  if (!state) {
    state = createOptionsState(browser, store, { defaultRetentionDays: pack.retentionDays });
    void state.load();
  }
  const learning = createLearningState(browser, createLearning(store.db, pack, Date.now, model), {
    pack,
    crossValidate: crossValidateInWorker,
  });
  void learning.load();
  render(
    <OptionsContext.Provider value={state}>
      <LearningContext.Provider value={learning}>
        <AdaptersContext.Provider value={adapters}>
          <PacksContext.Provider value={packsState}>
            <App />
          </PacksContext.Provider>
        </AdaptersContext.Provider>
      </LearningContext.Provider>
    </OptionsContext.Provider>,
    document.getElementById('app')!,
  );
}

// In the agent's language from the first paint (utils/i18n).
const speaking = followLanguage(browser, { title: 'title.options' });
void Promise.all([packsState.load(), speaking]).then(() => {
  // Unreadable catalog (said in its section): the first shipped pack, as the background falls back to.
  const applied = packsState.applied.value;
  show(applied?.pack ?? shipped[0]!, applied?.model ?? null);
  void adapters.load();
  adapters.watch();
  packsState.watch();
});

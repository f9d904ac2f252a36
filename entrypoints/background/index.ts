import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { complain } from '@/utils/background/complain';
import { createSidekick } from '@/utils/background/sidekick';
import { createReminders } from '@/utils/background/reminders';
import { createLearning } from '@/utils/db/learning';
import { createStore } from '@/utils/db/store';

export default defineBackground(() => {
  const pack = DEFAULT_PACK;
  const store = createStore();
  const learning = createLearning(store.db, pack);
  const reminders = createReminders({ browser, store });
  const sidekick = createSidekick({ browser, pack, store, learning, onStoreChanged: () => void reminders.reschedule() });
  browser.runtime.onMessage.addListener((msg, sender) => sidekick.handle(msg, sender));
  browser.tabs.onRemoved.addListener((tabId) => sidekick.forget(tabId));
  browser.tabs.onActivated.addListener(({ tabId }) => sidekick.focus(tabId));
  // Alarms may not have survived the restart that woke this worker: listen, then rebuild them.
  void reminders.listen();
  // Retention: the agent's setting on the options page, else the pack's default.
  void browser.storage.local
    .get('retentionDays')
    .then(({ retentionDays }) => store.purge(Date.now(), typeof retentionDays === 'number' ? retentionDays : pack.retentionDays))
    .catch(complain('清理过期工单失败'));
});

import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { packs } from '@/rules/packs';
import { complain } from '@/utils/background/complain';
import { createCatalog } from '@/utils/background/catalog';
import { listenForCommands } from '@/utils/background/commands';
import { injectIntoOpenTabs, syncContentScripts } from '@/utils/background/content-scripts';
import { createReminders } from '@/utils/background/reminders';
import { createSetup } from '@/utils/background/setup';
import { createSidekick } from '@/utils/background/sidekick';
import { createLearning } from '@/utils/db/learning';
import { createStore } from '@/utils/db/store';
import { followLanguage } from '@/utils/i18n';
import { readSettings } from '@/utils/settings';

// Each build parses the adapters anew: an adapter is unchanged when its JSON is.
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export default defineBackground(() => {
  // The words the background writes (refusals, setup answers, storage notices) follow the agent's language.
  void followLanguage(browser);
  const store = createStore();
  const catalog = createCatalog(browser, { adapters: BUNDLED_ADAPTERS, packs: Object.values(packs) });
  // Verdicts wait for the first catalog, so the first one uses the applied pack.
  const ready = catalog.ready.catch(complain('读取适配器与规则包失败'));
  // Opened now, not at the first reading: the schema upgrade runs while the catalog is read.
  void store.db.open().catch(complain('打开工单库失败'));
  const reminders = createReminders({ browser, store });
  const first = Object.values(packs)[0]!;
  const sidekick = createSidekick({
    browser,
    pack: first,
    store,
    learning: createLearning(store.db, first),
    setup: createSetup(browser, catalog).handle,
    ready,
    onStoreChanged: () => void reminders.reschedule(),
  });
  // The applied pack and the adapters follow the options page and the centre's policy.
  catalog.onChange((now, before) => {
    if (now.pack !== before?.pack || now.packModel !== before?.packModel) {
      const reread = sidekick.use(now.pack, createLearning(store.db, now.pack, Date.now, now.packModel));
      for (const tabId of reread) void browser.tabs.sendMessage(tabId, { type: 'reread' }).catch(() => {});
    }
    void syncContentScripts(browser, now.adapters)
      .then(() =>
        injectIntoOpenTabs(
          browser,
          now.adapters.filter(
            (e) => !before?.adapters.some((b) => b.active && b.id === e.id && sameJson(b.adapter, e.adapter)),
          ),
        ),
      )
      .catch(complain('登记适配器页面失败'));
  });
  // Access granted (by the options page, the popup or Chrome's own site-access menu): start at once.
  browser.permissions.onAdded.addListener(() => {
    void catalog
      .current()
      .then((c) => injectIntoOpenTabs(browser, c.adapters))
      .catch(complain('启用适配器页面失败'));
  });
  browser.runtime.onMessage.addListener((msg, sender) => sidekick.handle(msg, sender));
  browser.tabs.onRemoved.addListener((tabId) => sidekick.forget(tabId));
  browser.tabs.onActivated.addListener(({ tabId }) => sidekick.focus(tabId));
  // Keyboard shortcuts: open the panel, fill the CRM form, focus the badge (utils/shortcuts.ts).
  listenForCommands(browser, sidekick.tabs);
  // Alarms may not have survived the restart that woke this worker: listen, then rebuild them.
  void reminders.listen();
  // Retention: the centre's policy, else the agent's setting on the options page, else the applied pack's default.
  void Promise.all([ready.then(() => catalog.current()), readSettings(browser)])
    .then(([c, s]) => store.purge(Date.now(), s.values.retentionDays ?? c.pack.retentionDays))
    .catch(complain('清理过期工单失败'));
});

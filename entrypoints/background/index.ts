import { packs } from '@/rules/packs';
import { createSidekick } from '@/utils/background/sidekick';

export default defineBackground(() => {
  const sidekick = createSidekick({ browser, pack: packs['china-telecom']! });
  browser.runtime.onMessage.addListener((msg, sender) => sidekick.handle(msg, sender));
  browser.tabs.onRemoved.addListener((tabId) => sidekick.forget(tabId));
  browser.tabs.onActivated.addListener(({ tabId }) => sidekick.focus(tabId));
  // The toolbar icon opens the side panel for the current tab.
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
});

import { startPicker } from '@/utils/content/pick-field';

// The options page's field picker, injected into the CRM page only when the agent clicks 「点选」
// (utils/background/setup.ts): the content script of every page stays small (test/e2e/bundle.e2e.ts).
export default defineUnlistedScript(startPicker);

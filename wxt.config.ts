import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import './rules/regex-judge'; // the shipped adapters are checked whole at build time, patterns included
import { createAdapterRegistry } from './rules/sites/index';
import { SHORTCUTS } from './utils/shortcuts';

/**
 * Every URL pattern the site adapters in rules/sites/ name: a new CRM is one more JSON file.
 * The build checks each file against the schema and stops with every problem by its path.
 */
function adapterMatches(): string[] {
  const dir = new URL('./rules/sites/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const sources = Object.fromEntries(
    files.map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as unknown]),
  );
  return [...new Set(createAdapterRegistry(sources).adapters.flatMap((a) => a.matches))];
}

// Least privilege: session/local storage for settings, alarms and notifications for deadline
// reminders, scripting to run the content script on the pages of adapters added at run time; in
// Chrome and Edge also the side panel and an offscreen document that checks run-time patterns away
// from the service worker (Firefox has neither API: its sidebar needs no permission, and its
// background page checks them itself). The content script reaches the CRM pages a shipped adapter
// names, and any other origin only once the agent grants it (optional host permissions, asked one
// origin at a time).
/** Fixes the extension's id in Chrome (jallkdcoonhcgpbkmgpkkhoknamnhkap) so a centre's policy can name it. */
const PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1I4hr8/rfNDDXi4SAfQteX406t9r48d5sk6BV6O138YP9kGErP5Ry0SbgKqJgtVQyN2ureDnHjI/Do/kvwAbAp0cHQ8E80A+VnDvi41u6lZfTwcDby+y+NkKElri2pIb9LLXitcn6MV3DhV5xQ/vgDl9umoIKwnN76Gtau0i61eIu2sWNnukMA/ObX1DtVD52IVtIFfKqwfOo3+9hnF68rNLhX7i33jRianZ3s1qLKhgIxRk+IiRVYXtn4X2dtYsdHNgnp67+MLjfgX3VUCnDBf1GrEZwRTMi2IxoUJof0wZLxBhFzRXXaUhsvGLdV1xIHH6bIBNuwBCxl+lFBT9DQIDAQAB';
/** Firefox's id (its policies and storage are keyed by it; MV3 requires one). */
const GECKO_ID = 'ticket-sidekick@sidekick.invalid';
const ICONS = { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 128: 'icon-128.png' };

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // MV3 for Firefox too (WXT's default there is MV2): the same `action`, `scripting` and
  // `optional_host_permissions` as Chrome, a non-persistent background (an event page) like the
  // service worker, and MV2's end in Chrome makes MV3 the one manifest to keep (README: Firefox).
  manifestVersion: 3,
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      // In the browser's language (public/_locales); Chinese where it has neither.
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'zh_CN',
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                // 140 (an ESR) is the first to read data_collection_permissions; it has every API used here.
                strict_min_version: '140.0',
                // Nothing leaves the machine: no server, no network request of its own.
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : // sidePanel.open(), which the badge, the popup and the shortcut call, came in Chrome 116.
          { key: PUBLIC_KEY, minimum_chrome_version: '116' }),
      permissions: ['storage', 'alarms', 'notifications', 'scripting', ...(firefox ? [] : ['sidePanel', 'offscreen'])],
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      // What the centre's IT may set through Chrome's policy (README: Settings pushed by IT).
      storage: { managed_schema: 'managed_schema.json' },
      icons: ICONS,
      action: { default_icon: ICONS },
      commands: Object.fromEntries(
        Object.entries(SHORTCUTS).map(([name, c]) => [
          name,
          { suggested_key: { default: c.key }, description: c.description },
        ]),
      ),
    };
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const cs of manifest.content_scripts ?? [])
        if (cs.js?.some((f) => f.includes('crm'))) cs.matches = adapterMatches();
    },
  },
});

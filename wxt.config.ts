import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import './rules/regex-judge'; // the shipped adapters are checked whole at build time, patterns included
import { createAdapterRegistry } from './rules/sites/index';

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

// Least privilege: the side panel, session/local storage for settings, alarms and notifications
// for deadline reminders, scripting to run the content script on the pages of adapters added at
// run time, and an offscreen document that checks their patterns away from the service worker.
// The content script reaches the CRM pages a shipped adapter names, and any other origin only
// once the agent grants it (optional host permissions, asked one origin at a time).
/** Fixes the extension's id (jallkdcoonhcgpbkmgpkkhoknamnhkap) so a centre's policy can name it. */
const PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1I4hr8/rfNDDXi4SAfQteX406t9r48d5sk6BV6O138YP9kGErP5Ry0SbgKqJgtVQyN2ureDnHjI/Do/kvwAbAp0cHQ8E80A+VnDvi41u6lZfTwcDby+y+NkKElri2pIb9LLXitcn6MV3DhV5xQ/vgDl9umoIKwnN76Gtau0i61eIu2sWNnukMA/ObX1DtVD52IVtIFfKqwfOo3+9hnF68rNLhX7i33jRianZ3s1qLKhgIxRk+IiRVYXtn4X2dtYsdHNgnp67+MLjfgX3VUCnDBf1GrEZwRTMi2IxoUJof0wZLxBhFzRXXaUhsvGLdV1xIHH6bIBNuwBCxl+lFBT9DQIDAQAB';
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '工单助手 Ticket Sidekick',
    description: '在旧版客服系统上显示投诉规则、时限倒计时、派单建议和话术，数据只留在本机。',
    key: PUBLIC_KEY,
    permissions: ['sidePanel', 'storage', 'alarms', 'notifications', 'scripting', 'offscreen'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // What the centre's IT may set through Chrome's policy (README: Settings pushed by IT).
    storage: { managed_schema: 'managed_schema.json' },
    icons: { 48: 'icon-48.png', 128: 'icon-128.png' },
    action: { default_icon: { 48: 'icon-48.png', 128: 'icon-128.png' } },
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const cs of manifest.content_scripts ?? [])
        if (cs.js?.some((f) => f.includes('crm'))) cs.matches = adapterMatches();
    },
  },
});

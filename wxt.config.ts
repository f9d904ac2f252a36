import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { createAdapterRegistry } from './rules/sites/index';

/**
 * Every URL pattern the site adapters in rules/sites/ name: a new CRM is one more JSON file.
 * The build checks each file against the schema and stops with every problem by its path.
 */
function adapterMatches(): string[] {
  const dir = new URL('./rules/sites/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const sources = Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as unknown]));
  return [...new Set(createAdapterRegistry(sources).adapters.flatMap((a) => a.matches))];
}

// Least privilege: the side panel, session/local storage for settings, alarms and notifications
// for deadline reminders, nothing else; the content script reaches only the CRM pages that a
// site adapter names.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '工单助手 Ticket Sidekick',
    description: '在旧版客服系统上显示投诉规则、时限倒计时、派单建议和话术，数据只留在本机。',
    permissions: ['sidePanel', 'storage', 'alarms', 'notifications'],
    icons: { 48: 'icon-48.png', 128: 'icon-128.png' },
    action: { default_icon: { 48: 'icon-48.png', 128: 'icon-128.png' } },
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const cs of manifest.content_scripts ?? []) if (cs.js?.some((f) => f.includes('crm'))) cs.matches = adapterMatches();
    },
  },
});

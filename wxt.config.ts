import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension reads one legacy CRM and keeps everything on the agent's machine:
// no host permissions beyond the CRM pages the content script matches.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '工单助手 Ticket Sidekick',
    description: '在旧版客服系统上显示投诉规则、时限倒计时、派单建议和话术，数据只留在本机。',
    permissions: ['sidePanel'],
  },
});

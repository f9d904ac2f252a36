import { afterAll, beforeAll } from 'vitest';
import type { DemoCrm } from '../demo-crm/serve';
import { launchWithExtension, type ExtensionBrowser } from './browser';

/**
 * The demo CRM and Chromium with the built extension, for one test file. The demo server's
 * "now" is pinned to a whole minute: the legacy page shows some times to the minute only.
 */
export function demoSession() {
  const serverNow = Math.floor(Date.now() / 60_000) * 60_000;
  let crm: DemoCrm | undefined;
  let b: ExtensionBrowser | undefined;
  beforeAll(async () => {
    process.env.DEMO_API_DELAY_MS = '50';
    const { startDemoCrm } = await import('../demo-crm/serve');
    crm = await startDemoCrm(0);
    b = await launchWithExtension();
  });
  afterAll(async () => {
    await b?.close();
    await crm?.close();
  });
  return {
    serverNow,
    nowQuery: `now=${new Date(serverNow).toISOString()}`,
    get crm(): DemoCrm {
      if (!crm) throw new Error('demo CRM not started');
      return crm;
    },
    get b(): ExtensionBrowser {
      if (!b) throw new Error('browser not started');
      return b;
    },
  };
}

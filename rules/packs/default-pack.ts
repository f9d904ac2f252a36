import type { Pack } from '../pack/schema';
import data from './china-telecom.json';

/**
 * The pack the extension applies when neither the policy nor the agent chose another (the store's
 * upgrade reads old tickets' classes with it). The tests check it passes the schema unchanged
 * (test/packs.test.ts), so what imports it need not carry the validator.
 */
export const DEFAULT_PACK = data as unknown as Pack;

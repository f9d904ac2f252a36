import type { Pack } from '../pack/schema';
import data from './china-telecom.json';

/**
 * The pack the extension applies, as shipped. The tests check it passes the schema unchanged
 * (test/packs.test.ts), so the content script can use it without carrying the validator.
 */
export const DEFAULT_PACK = data as unknown as Pack;

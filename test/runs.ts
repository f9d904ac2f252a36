// Property tests run a tenth of their cases by default, so `npm test` holds on a busy 2-core
// machine; `npm run test:deep` (DEEP=1) runs them all.
export const DEEP = process.env.DEEP === '1';

/** How many cases a property runs: `full` when deep, else a tenth (at least 20). */
export const runs = (full: number) => (DEEP ? full : Math.max(20, Math.ceil(full / 10)));

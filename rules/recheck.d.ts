// recheck's pure-JavaScript build (Scala.js): its `checkSync` runs in the calling thread, with no
// native binary, Java or worker, so it works alike under Node, Vitest and in an extension page.
// Its types are those of the package's main entry.
declare module 'recheck/lib/browser.js' {
  import type { check, checkSync } from 'recheck';
  const recheck: { check: typeof check; checkSync: typeof checkSync };
  export default recheck;
}

// Chrome-style URL match patterns (`http://127.0.0.1/legacy/*`), so an adapter's `matches`
// reads like the manifest's. As in Chrome, a pattern without a port matches any port, and
// the path part is matched against path plus query string.

const PATTERN = /^(\*|https?|file):\/\/(\*|\*\.[^/*:]+|[^/*:]*)(?::(\d+|\*))?(\/.*)$/;

interface CompiledPattern {
  schemes: readonly string[];
  host: (hostname: string) => boolean;
  port: string | undefined; // undefined or '*' = any port
  path: (pathAndQuery: string) => boolean;
}

/** Returns null for text that is not a match pattern. */
export function compileMatchPattern(pattern: string): CompiledPattern | null {
  if (pattern === '<all_urls>') {
    return { schemes: ['http', 'https', 'file'], host: () => true, port: undefined, path: () => true };
  }
  const m = PATTERN.exec(pattern);
  if (!m) return null;
  const [, scheme = '', host = '', port, path = '/'] = m;
  if (scheme === 'file' ? host !== '' : host === '') return null;
  const lowerHost = host.toLowerCase();
  const hostTest =
    lowerHost === '*'
      ? () => true
      : lowerHost.startsWith('*.')
        ? (h: string) => h === lowerHost.slice(2) || h.endsWith(lowerHost.slice(1))
        : (h: string) => h === lowerHost;
  return {
    schemes: scheme === '*' ? ['http', 'https'] : [scheme],
    host: hostTest,
    port,
    path: (text) => wildcardMatch(path, text),
  };
}

/**
 * Whether `text` matches `pattern` whole, `*` standing for any run of characters. Not a RegExp:
 * `^a.*b.*c.*$` built from a pattern with k stars backtracks in O(n^k) on a long URL, while this
 * scan goes back only to the last star, O(pattern × text) at worst.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0,
    t = 0,
    star = -1,
    resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

export function urlMatchesPattern(url: string, pattern: string): boolean {
  const compiled = compileMatchPattern(pattern);
  if (!compiled) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!compiled.schemes.includes(scheme)) return false;
  if (!compiled.host(parsed.hostname.toLowerCase())) return false;
  if (compiled.port !== undefined && compiled.port !== '*') {
    const actual = parsed.port || (scheme === 'https' ? '443' : '80');
    if (actual !== compiled.port) return false;
  }
  return compiled.path(parsed.pathname + parsed.search);
}

export function adapterMatchesUrl(adapter: { matches: readonly string[] }, url: string): boolean {
  return adapter.matches.some((pattern) => urlMatchesPattern(url, pattern));
}

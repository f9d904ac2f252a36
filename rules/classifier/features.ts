// Text features for the class model. Chinese has no spaces, so a ticket is read two ways:
// `chars`, every character and every pair of neighbouring characters (a Latin word or a number
// counts as one character), and `words`, the words Intl.Segmenter finds. `npm run eval -- --features`
// compares them on a centre's own tickets; see README "Learning the centre's classes".

export const FEATURE_KINDS = ['chars', 'words', 'words+chars'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** Text beyond this is not read: the grievance is stated at the start, and time must stay bounded. */
export const MAX_FEATURE_TEXT = 2000;

// A run of Latin letters or digits is one unit; masked digits (189****1234) and numbers fold to "0",
// so a price or a phone number is "some number" rather than a thousand rare features.
const UNIT = /[a-z]+|[0-9*]+|\p{Script=Han}/gu;
const BREAK = /[^\p{Script=Han}a-z0-9*]+/u;

function charFeatures(text: string, out: Set<string>) {
  for (const run of text.split(BREAK)) {
    let prev: string | null = null;
    for (const m of run.matchAll(UNIT)) {
      const u = /^[0-9*]/.test(m[0]) ? '0' : m[0];
      out.add(u);
      if (prev !== null) out.add(prev + u);
      prev = u;
    }
  }
}

let segmenter: Intl.Segmenter | undefined;

function wordFeatures(text: string, out: Set<string>) {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.add(`w:${/^[0-9*]/.test(s.segment) ? '0' : s.segment}`);
}

/** The distinct features of a text: a ticket counts a feature once, however often it repeats. */
export function textFeatures(text: string, kind: FeatureKind): string[] {
  const t = text.slice(0, MAX_FEATURE_TEXT).toLowerCase();
  const out = new Set<string>();
  if (kind !== 'words') charFeatures(t, out);
  if (kind !== 'chars') wordFeatures(t, out);
  return [...out];
}

/** How a feature reads to an agent: words carry a marker inside the model only. */
export const shown = (feature: string) => (/^[wk]:/.test(feature) ? feature.slice(2) : feature);

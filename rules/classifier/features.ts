// Text features for the class model. Chinese has no spaces, so a ticket is read two ways:
// `chars`, every character and every pair of neighbouring characters (a Latin word or a number
// counts as one character), and `words`, the words Intl.Segmenter finds. `npm run eval -- --features`
// compares them on a centre's own tickets; see README "Learning the centre's classes".

export const FEATURE_KINDS = ['chars', 'words', 'words+chars'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** Text beyond this is not read: the grievance is stated at the start, and time must stay bounded. */
export const MAX_FEATURE_TEXT = 2000;

export const isHan = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
export const isLetter = (c: number) => c >= 97 && c <= 122;
// Masked digits (189****1234) and numbers fold to "0": a price or a phone number is "some number"
// rather than a thousand rare features.
export const isDigit = (c: number) => (c >= 48 && c <= 57) || c === 42;

/**
 * Characters and neighbouring pairs, in one pass over the (lower-cased) text: a Han character is a
 * unit, a run of Latin letters is one unit, a run of digits is the unit "0"; anything else breaks
 * the run, so no pair spans punctuation. vocab.ts addCharFeatures reads the same units by their
 * codes for scoring: keep the two in step.
 */
function charFeatures(t: string, out: Set<string>) {
  let prev: string | null = null;
  for (let i = 0; i < t.length;) {
    const c = t.charCodeAt(i);
    let unit: string;
    if (isHan(c)) unit = t[i++]!;
    else if (isLetter(c) || isDigit(c)) {
      const letter = isLetter(c);
      let j = i + 1;
      while (j < t.length && (letter ? isLetter(t.charCodeAt(j)) : isDigit(t.charCodeAt(j)))) j++;
      unit = letter ? t.slice(i, j) : '0';
      i = j;
    } else {
      i++;
      prev = null;
      continue;
    }
    out.add(unit);
    if (prev !== null) out.add(prev + unit);
    prev = unit;
  }
}

let segmenter: Intl.Segmenter | undefined;

function wordFeatures(text: string, out: Set<string>) {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(text))
    if (s.isWordLike) out.add(`w:${/^[0-9*]/.test(s.segment) ? '0' : s.segment}`);
}

/** The distinct features of a text, added to `out`: a ticket counts a feature once, however often it repeats. */
export function addTextFeatures(text: string, kind: FeatureKind, out: Set<string>): Set<string> {
  const t = text.slice(0, MAX_FEATURE_TEXT).toLowerCase();
  if (kind !== 'words') charFeatures(t, out);
  if (kind !== 'chars') wordFeatures(t, out);
  return out;
}

export const textFeatures = (text: string, kind: FeatureKind): string[] => [...addTextFeatures(text, kind, new Set())];

/** The text a class is read from: what the customer said, not the CRM's path. */
export function classText(t: { title?: unknown; text?: unknown; business?: unknown }): string {
  return [t.title, t.text, t.business].filter((v): v is string => typeof v === 'string' && v.trim() !== '').join(' ');
}

/** How a feature reads to an agent: words carry a marker inside the model only. */
export const shown = (feature: string) => (feature.charCodeAt(1) === 58 /* : */ ? feature.slice(2) : feature);

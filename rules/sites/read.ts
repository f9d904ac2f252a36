// Reads the canonical ticket fields off a CRM page with a site adapter. Pages are whatever
// the CRM renders, half-loaded or broken, so nothing here may throw: every problem ends up
// in `missing` with the locators that were tried and why each missed.
import type { TicketField } from '../ticket';
import { resolveFrame } from './frames';
import { createLabelIndex, type LabelIndex } from './labels';
import { describeLocator, locate } from './locate';
import type { FieldSpec, SiteAdapter } from './schema';
import { applyTransforms } from './transforms';

export interface MissingField {
  field: TicketField;
  required: boolean;
  tried: string[];
}

export interface TicketReading {
  fields: Partial<Record<TicketField, string>>;
  missing: MissingField[];
  /** Which locator produced each field, e.g. `label 受理时间`: shows drift before it bites. */
  foundBy: Partial<Record<TicketField, string>>;
}

type FieldOutcome = { value: string; by: string } | { tried: string[] };

/** `doc` is the top document of the page; adapters name frames from there. */
export function readTicket(doc: Document, adapter: SiteAdapter): TicketReading {
  const reading: TicketReading = { fields: {}, missing: [], foundBy: {} };
  const entries = fieldEntries(adapter);
  const root = safeRoot(doc, adapter);
  const labels = createLabelIndex(
    entries.flatMap(([, spec]) => labelsOf(spec)),
    (d) => (root?.ownerDocument === d ? root : null),
  );
  for (const [field, spec] of entries) {
    let outcome: FieldOutcome;
    try {
      outcome = readField(doc, spec, labels);
    } catch (e) {
      outcome = { tried: [`error: ${e instanceof Error ? e.message : String(e)}`] };
    }
    if ('value' in outcome) {
      reading.fields[field] = outcome.value;
      reading.foundBy[field] = outcome.by;
    } else {
      reading.missing.push({ field, required: spec.required === true, tried: outcome.tried });
    }
  }
  return reading;
}

function safeRoot(doc: Document, adapter: SiteAdapter): Element | null {
  try {
    return findTicketRoot(doc, adapter);
  } catch {
    return null;
  }
}

function fieldEntries(adapter: SiteAdapter): [TicketField, FieldSpec][] {
  try {
    return Object.entries(adapter.fields).filter((entry): entry is [TicketField, FieldSpec] => entry[1] != null);
  } catch {
    return [];
  }
}

function labelsOf(spec: FieldSpec): string[] {
  try {
    const labels = spec.locators.flatMap((locator) => ('label' in locator ? [locator.label].flat() : []));
    return labels.filter((label) => typeof label === 'string'); // adapters built in code skip parsing
  } catch {
    return [];
  }
}

function readField(top: Document, spec: FieldSpec, labels: LabelIndex): FieldOutcome {
  const frame = resolveFrame(top, spec.frame);
  if (!frame.ok) return { tried: [`frame ${frame.failedStep}: not found or not accessible`] };
  const tried: string[] = [];
  for (const locator of spec.locators) {
    const by = describeLocator(locator);
    const hit = locate(frame.doc, locator, labels);
    if ('miss' in hit) {
      tried.push(`${by}: ${hit.miss}`);
      continue;
    }
    // The locator's own steps first (each alternative may show the time its own way), then the field's.
    const value = applyTransforms(applyTransforms(hit.value, locator.transform), spec.transform);
    if (value) return { value, by };
    tried.push(`${by}: found ${JSON.stringify(hit.value.slice(0, 40))}, transform left nothing`);
  }
  return { tried };
}

/** The element to observe for ticket changes, or null (observe the body then). */
export function findTicketRoot(doc: Document, adapter: SiteAdapter): Element | null {
  const root = adapter.ticketRoot;
  const frame = root ? resolveFrame(doc, root.frame) : null;
  if (!root || !frame?.ok) return null;
  for (const css of [root.css].flat()) {
    try {
      const el = frame.doc.querySelector(css);
      if (el) return el;
    } catch {
      // an invalid selector finds nothing; try the next one
    }
  }
  return null;
}

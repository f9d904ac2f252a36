import { z } from 'zod';
import { LANGUAGE_CHOICES } from '@/utils/i18n/language';

// The settings a centre's IT pushes through Chrome's enterprise policy (`storage.managed`, described
// by public/managed_schema.json). Chrome checks the policy against that schema; this checks it again
// because a managed_schema cannot say everything (an adapter's own format, a range of a number) and a
// bad policy must cost only its bad item, each named by its path, never the extension.
//
// Chrome keeps of an object only the properties its schema names: an adapter, a pack or a class
// model given as a nested object would reach the extension as `{}`. So the schema takes each of
// them as a JSON string (what an admin writes in a registry value or a policy file alike), and this
// parses the strings. An object is taken as it is too, for a policy store that does not filter
// (Firefox's managed storage, tests).

/** The settings a policy may fix; each is checked alone, so one bad value costs only itself. */
export const SETTINGS_SCHEMA = {
  autoFill: z.boolean(),
  /** Confidence a class needs before auto-fill writes it. */
  autoFillAt: z.number().min(0.5).max(1),
  retentionDays: z.number().int().min(1).max(3650),
  /** True: phone numbers in the worklist show only the first three and last four digits. */
  maskPhones: z.boolean(),
  /**
   * Minutes before a due time at which to remind, e.g. [120, 30]; replaces the reminders at each
   * clock's warning points (the pack's `warnAt`, default 75% of the allowed time): the policy wins.
   * The reminder at the due time and every 30 minutes after stay.
   * An empty list: no reminder before the due time.
   */
  remindBefore: z
    .array(z.number().int().min(1).max(10_080))
    .max(10)
    .transform((m) => [...new Set(m)].sort((a, b) => b - a)),
  /** The language of the pages and notifications for every agent: `auto` follows each browser. */
  language: z.enum(LANGUAGE_CHOICES),
} as const;
export type PolicySettings = { [K in keyof typeof SETTINGS_SCHEMA]?: z.output<(typeof SETTINGS_SCHEMA)[K]> };
export const POLICY_SETTINGS = Object.keys(SETTINGS_SCHEMA) as (keyof typeof SETTINGS_SCHEMA)[];

const MAX_ADAPTERS = 200;
const MAX_PACKS = 50;

export interface Policy {
  /** Site adapters (each an object: strings are parsed here). Locked: the agent cannot edit, disable or delete them. */
  adapters?: unknown[];
  /** Rule packs, each maybe with its class model under `model`. */
  packs?: unknown[];
  /** The id of the pack that applies (a shipped one, or one of `packs`). */
  appliedPack?: string;
  /** A class model for the applied pack (the `train` command's output). */
  classModel?: unknown;
  /** May the agent add adapters / packs of their own? Yes unless the policy says no. */
  allowUserAdapters?: boolean;
  allowUserPacks?: boolean;
  settings?: PolicySettings;
}

const KEYS = [
  'adapters',
  'packs',
  'appliedPack',
  'classModel',
  'allowUserAdapters',
  'allowUserPacks',
  'settings',
] as const;

const issues = (path: string, e: z.ZodError) => e.issues.map((i) => `${[path, ...i.path].join('.')}: ${i.message}`);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON string parsed, anything else as it is; a string that is not JSON is named by its path. */
function fromJson(value: unknown, path: string, errors: string[]): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    errors.push(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    return { ok: false };
  }
}

/** A list of objects, each maybe a JSON string (or the whole list one): a bad item is dropped and named. */
function objectList(raw: unknown, path: string, max: number, errors: string[]): unknown[] | undefined {
  const whole = fromJson(raw, path, errors);
  if (!whole.ok) return undefined;
  if (!Array.isArray(whole.value)) {
    errors.push(`${path}: expected a list (of JSON strings or objects)`);
    return undefined;
  }
  if (whole.value.length > max) errors.push(`${path}: more than ${max} items; the rest are left out`);
  const out: unknown[] = [];
  whole.value.slice(0, max).forEach((item, n) => {
    const r = fromJson(item, `${path}.${n}`, errors);
    if (!r.ok) return;
    if (isObject(r.value)) out.push(r.value);
    else errors.push(`${path}.${n}: expected an object (or a JSON string of one)`);
  });
  return out;
}

function settingsOf(raw: unknown, errors: string[]): PolicySettings | undefined {
  const whole = fromJson(raw, 'policy.settings', errors);
  if (!whole.ok) return undefined;
  if (!isObject(whole.value)) {
    errors.push('policy.settings: expected an object');
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(whole.value)) {
    if (!(key in SETTINGS_SCHEMA)) {
      errors.push(`policy.settings.${key}: unknown setting`);
      continue;
    }
    const r = SETTINGS_SCHEMA[key as keyof typeof SETTINGS_SCHEMA].safeParse(value);
    if (r.success) out[key] = r.data;
    else errors.push(...issues(`policy.settings.${key}`, r.error));
  }
  return out as PolicySettings;
}

function boolOf(raw: unknown, path: string, errors: string[]): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  errors.push(`${path}: expected true or false`);
  return undefined;
}

/** The policy as far as it is right: each part that is wrong is dropped and named by its path. */
export function readPolicy(raw: Record<string, unknown>): { policy: Policy; errors: string[] } {
  const policy: Policy = {};
  const errors: string[] = [];
  if (!isObject(raw)) return { policy, errors };
  for (const key of Object.keys(raw))
    if (!(KEYS as readonly string[]).includes(key)) errors.push(`policy.${key}: unknown key`);
  if (raw.adapters !== undefined) policy.adapters = objectList(raw.adapters, 'policy.adapters', MAX_ADAPTERS, errors);
  if (raw.packs !== undefined) policy.packs = objectList(raw.packs, 'policy.packs', MAX_PACKS, errors);
  if (raw.appliedPack !== undefined) {
    const r = z.string().trim().min(1).max(100).safeParse(raw.appliedPack);
    if (r.success) policy.appliedPack = r.data;
    else errors.push(...issues('policy.appliedPack', r.error));
  }
  if (raw.classModel !== undefined) {
    const r = fromJson(raw.classModel, 'policy.classModel', errors);
    if (r.ok && isObject(r.value)) policy.classModel = r.value;
    else if (r.ok) errors.push('policy.classModel: expected an object (or a JSON string of one)');
  }
  for (const key of ['allowUserAdapters', 'allowUserPacks'] as const)
    if (raw[key] !== undefined) policy[key] = boolOf(raw[key], `policy.${key}`, errors);
  if (raw.settings !== undefined) policy.settings = settingsOf(raw.settings, errors);
  for (const key of KEYS) if (policy[key] === undefined) delete policy[key];
  return { policy, errors };
}

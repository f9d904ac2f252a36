import type { browser as wxtBrowser } from 'wxt/browser';
import { readPolicy, type PolicySettings } from '@/utils/catalog/policy';
import { LANGUAGE_CHOICES, type LanguageChoice } from '@/utils/i18n/language';

type Browser = typeof wxtBrowser;

// The one reader of the agent's settings: the centre's policy (`storage.managed`, settings.*) if it
// sets one, else the agent's own choice on the options page (`storage.local`), else the default.
// A setting the policy sets is locked: the options page shows it disabled, as set by the centre's policy.

export interface Settings {
  /** Auto-fill when a ticket opens. */
  autoFill: boolean;
  /** Confidence a class needs before auto-fill writes it; undefined: the applied pack's own. */
  autoFillAt: number | undefined;
  /** Days tickets are kept; undefined: the applied pack's own. */
  retentionDays: number | undefined;
  /** Full phone numbers in the worklist (the policy's `maskPhones` is its inverse). */
  revealPhones: boolean;
  /** Minutes before a due time to remind (policy only), replacing the clocks' warning points; undefined: at each warning point (default 75%). */
  remindBefore: number[] | undefined;
  /** The language of the pages and notifications: the browser's (`auto`), or one chosen (utils/i18n). */
  language: LanguageChoice;
}
export type SettingKey = keyof Settings;

export interface EffectiveSettings {
  values: Settings;
  /** Set by the policy: not the agent's to change. */
  locked: Record<SettingKey, boolean>;
  /** The policy's settings that were wrong (and left out), each by its path. */
  errors: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  autoFill: false,
  autoFillAt: undefined,
  retentionDays: undefined,
  revealPhones: false,
  remindBefore: undefined,
  language: 'auto',
};

/** The agent's own settings in `storage.local`, by key, each with what counts as a value. */
const LOCAL = {
  autoFill: (v: unknown) => (typeof v === 'boolean' ? v : undefined),
  autoFillAt: (v: unknown) => (typeof v === 'number' && v >= 0.5 && v <= 1 ? v : undefined),
  retentionDays: (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650 ? v : undefined),
  revealPhones: (v: unknown) => (typeof v === 'boolean' ? v : undefined),
  language: (v: unknown) => LANGUAGE_CHOICES.find((c) => c === v),
} as const;
export const LOCAL_SETTING_KEYS = Object.keys(LOCAL) as (keyof typeof LOCAL)[];

/** Each setting as the policy sets it, in the agent's terms (maskPhones → revealPhones). */
function fromPolicy(p: PolicySettings): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (p.autoFill !== undefined) out.autoFill = p.autoFill;
  if (p.autoFillAt !== undefined) out.autoFillAt = p.autoFillAt;
  if (p.retentionDays !== undefined) out.retentionDays = p.retentionDays;
  if (p.maskPhones !== undefined) out.revealPhones = !p.maskPhones;
  if (p.remindBefore !== undefined) out.remindBefore = p.remindBefore;
  if (p.language !== undefined) out.language = p.language;
  return out;
}

/** Pure: the settings from what `storage.local` and `storage.managed` hold. */
export function effectiveSettings(local: Record<string, unknown>, managed: Record<string, unknown>): EffectiveSettings {
  const { policy, errors } = readPolicy(managed);
  const fixed = fromPolicy(policy.settings ?? {});
  const values = { ...DEFAULT_SETTINGS };
  const locked = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((k) => [k, false])) as Record<
    SettingKey,
    boolean
  >;
  for (const key of LOCAL_SETTING_KEYS) {
    const own = LOCAL[key](local[key]);
    if (own !== undefined) (values as Record<SettingKey, unknown>)[key] = own;
  }
  for (const [key, value] of Object.entries(fixed) as [SettingKey, unknown][]) {
    (values as Record<SettingKey, unknown>)[key] = value;
    locked[key] = true;
  }
  return { values, locked, errors: errors.filter((e) => e.startsWith('policy.settings')) };
}

/** The policy store, or nothing where there is none (a browser without one, a test's fake). */
export async function readManaged(browser: Browser): Promise<Record<string, unknown>> {
  const managed: unknown = await Promise.resolve()
    .then(() => browser.storage.managed.get())
    .catch(() => ({}));
  return managed !== null && typeof managed === 'object' ? (managed as Record<string, unknown>) : {};
}

export async function readSettings(browser: Browser): Promise<EffectiveSettings> {
  const [local, managed] = await Promise.all([
    browser.storage.local.get([...LOCAL_SETTING_KEYS]),
    readManaged(browser),
  ]);
  return effectiveSettings(local, managed);
}

/** Calls `listener` when the policy or one of the agent's settings changes; returns the stop function. */
export function onSettingsChanged(browser: Browser, listener: () => void): () => void {
  const mine: readonly string[] = LOCAL_SETTING_KEYS;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => mine.includes(k)))) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

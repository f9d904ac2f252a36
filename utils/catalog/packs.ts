import { modelMismatch, parseModel, type Model } from '@/rules/classifier/model';
import { parsePack, type Pack } from '@/rules/pack/schema';
import { t } from '@/utils/i18n';
import { nameField, type Source } from './stored';

// The rule packs this browser can apply: the policy's, the agent's imported ones, the shipped ones;
// and which one applies (the policy's choice, else the agent's, else the first shipped). A pack
// file may carry the class model trained for it under `model` (the `train` command's output).

export interface PackEntry {
  id: string;
  name: string;
  version: string;
  source: Source;
  locked: boolean;
  pack: Pack | null;
  /** A model shipped with the pack (or by the policy for the applied pack), checked against it. */
  model: Model | null;
  errors: string[];
  raw: unknown;
}

export interface PackInputs {
  bundled: readonly Pack[];
  user: readonly unknown[];
  policy: readonly unknown[];
  allowUser: boolean;
  /** Whether a pack's patterns were proved safe already (the shipped ones are, by the tests). */
  parse?: typeof parsePack;
}

export function buildPackCatalog(i: PackInputs): PackEntry[] {
  const parse = i.parse ?? parsePack;
  const entries: PackEntry[] = [];
  const taken = new Set<string>();
  const add = (source: Source, raw: unknown, known?: Pack) => {
    const { model: rawModel, ...rest } =
      raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : { model: undefined };
    const parsed = known ? { ok: true as const, pack: known } : parse(rawModel === undefined ? raw : rest);
    const errors = parsed.ok ? [] : [...parsed.errors];
    const pack = parsed.ok ? parsed.pack : null;
    const id = pack?.id ?? nameField(raw, 'id') ?? `${source}-pack`;
    let model: Model | null = null;
    if (pack && rawModel !== undefined) {
      const m = parseModel(rawModel);
      const mismatch = m.ok ? modelMismatch(m.model, pack) : null;
      if (!m.ok) errors.push(...m.errors.map((e) => `model.${e}`));
      else if (mismatch) errors.push(`model: ${mismatch}`);
      else model = m.model;
    }
    if (taken.has(id)) errors.push(`id "${id}" is used by another pack before it in the list, which takes its place`);
    if (source === 'user' && !i.allowUser) errors.push('the centre’s policy does not allow rule packs of your own');
    if (errors.length === 0) taken.add(id);
    entries.push({
      id,
      name: pack?.name ?? nameField(raw, 'name') ?? id,
      version: pack?.version ?? nameField(raw, 'version') ?? '?',
      source,
      locked: source === 'policy',
      pack: errors.length ? null : pack,
      model,
      errors,
      raw,
    });
  };
  i.policy.forEach((raw) => add('policy', raw));
  i.user.forEach((raw) => add('user', raw));
  i.bundled.forEach((p) => add('bundled', p, p));
  return entries;
}

/**
 * The pack that applies: the policy's choice if it names a usable pack, else the agent's, else the
 * first shipped one. `because` says which and, when a choice could not be honoured, why.
 */
export function appliedPack(
  entries: readonly PackEntry[],
  policyChoice: string | undefined,
  agentChoice: string | undefined,
): { entry: PackEntry; locked: boolean; because: string } {
  const usable = (id: string | undefined) =>
    id === undefined ? undefined : entries.find((e) => e.id === id && e.pack);
  const fallback = entries.find((e) => e.source === 'bundled' && e.pack) ?? entries.find((e) => e.pack);
  if (!fallback) throw new Error('no usable rule pack'); // the shipped packs are checked by the tests
  const byPolicy = usable(policyChoice);
  if (byPolicy) return { entry: byPolicy, locked: true, because: t('packs.byPolicy') };
  const byAgent = usable(agentChoice);
  const missed =
    policyChoice !== undefined
      ? t('packs.policyMissing', { id: policyChoice })
      : agentChoice !== undefined && !byAgent
        ? t('packs.choiceMissing', { id: agentChoice })
        : '';
  if (byAgent)
    return {
      entry: byAgent,
      locked: false,
      because: missed ? t('packs.byAgentAfter', { missed }) : t('packs.byAgent'),
    };
  return { entry: fallback, locked: false, because: missed ? t('packs.defaultAfter', { missed }) : t('packs.default') };
}

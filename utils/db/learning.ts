import {
  emptyModel,
  featuresFor,
  labelsOf,
  learn,
  MIN_FIT,
  unlearn,
  type LearnedExample,
} from '@/rules/classifier/compile';
import { modelMismatch, type Model } from '@/rules/classifier/model';
import { calibrate, prune } from '@/rules/classifier/train';
import type { Pack } from '@/rules/pack/schema';
import type { SidekickDb } from './schema';
import type { LabelRow, LabelSource } from './types';

/** Labels read per step when the model is rebuilt, so a large store is never in memory at once. */
const STEP = 2000;
/** Temperatures are fitted again once the examples have grown by this share since the last fit. */
const REFIT_GROWTH = 0.1;

export interface LearningCounts {
  total: number;
  byClass: Record<string, number>;
  bySource: Record<LabelSource, number>;
  /** Examples the model's confidences were last fitted on (0: not yet, the pack's cold temperature applies). */
  calibratedOn: number;
}

/**
 * The class model of this browser: learned from labelled tickets (the CRM's paths, the agent's
 * picks, an imported export) kept in `labels`, saved in `models`, and rebuilt from the labels when
 * missing or made for another pack version. One ticket is one example: a ticket read again teaches
 * nothing new, and a changed class replaces the old example.
 */
export function createLearning(db: SidekickDb, pack: Pack, now: () => number = Date.now, seed: Model | null = null) {
  // A pack (or the centre's policy) may bring a model trained on the centre's tickets: this browser's
  // own labels are learned on top of it, and a reset goes back to it.
  const start = () => (seed ? structuredClone(seed) : emptyModel(pack));
  let current: { model: Model; calibratedAt: number } | null = null;
  let loading: Promise<{ model: Model; calibratedAt: number }> | null = null;
  const { classes, lines } = labelsOf(pack);

  const example = (r: LabelRow, model: Model): LearnedExample | null => {
    const classIndex = classes.indexOf(r.classCode);
    if (classIndex < 0) return null;
    const lineIndex = r.line === undefined ? -1 : lines.indexOf(r.line);
    return {
      features: featuresFor(pack, model.features, r.text),
      classIndex,
      lineIndex: lineIndex < 0 ? null : lineIndex,
    };
  };

  async function refit(state: { model: Model; calibratedAt: number }) {
    const examples: LearnedExample[] = [];
    await db.labels.each((r) => {
      const e = example(r, state.model);
      if (e) examples.push(e);
    });
    prune(state.model);
    calibrate(pack, state.model, examples);
    state.calibratedAt = examples.length;
  }

  async function rebuild(): Promise<{ model: Model; calibratedAt: number }> {
    const state = { model: start(), calibratedAt: 0 };
    for (let after = ''; ;) {
      const step = await db.labels.where('key').above(after).limit(STEP).toArray();
      if (step.length === 0) break;
      for (const r of step) {
        const e = example(r, state.model);
        if (e) learn(pack, state.model, e);
      }
      after = step[step.length - 1]!.key;
    }
    await refit(state);
    await save(state);
    return state;
  }

  async function save(state: { model: Model; calibratedAt: number }) {
    await db.models.put({ id: 'current', model: state.model, calibratedAt: state.calibratedAt, updatedAt: now() });
  }

  async function load() {
    if (current) return current;
    loading ??= (async () => {
      const row = await db.models.get('current');
      current =
        row && !modelMismatch(row.model, pack) ? { model: row.model, calibratedAt: row.calibratedAt } : await rebuild();
      return current;
    })().finally(() => (loading = null));
    return loading;
  }

  /** Learn rows in one transaction, one example per ticket (the last row for a key wins); returns how many changed. */
  async function learnBatch(state: { model: Model }, rows: readonly LabelRow[]): Promise<number> {
    const latest = [...new Map(rows.map((r) => [r.key, r])).values()];
    return db.transaction('rw', db.labels, async () => {
      const before = await db.labels.bulkGet(latest.map((r) => r.key));
      const changed = latest.filter((r, i) => {
        const old = before[i];
        if (old && old.text === r.text && old.classCode === r.classCode && old.line === r.line) return false;
        // The agent's correction outranks the CRM path it corrected.
        if (old?.source === 'agent' && r.source === 'crm') return false;
        const was = old && example(old, state.model);
        if (was) unlearn(pack, state.model, was);
        const e = example(r, state.model);
        if (e) learn(pack, state.model, e);
        return true;
      });
      await db.labels.bulkPut(changed);
      return changed.length;
    });
  }

  /** After learning: fit the temperatures again once the examples have grown by a tenth, and save. */
  async function finish(state: { model: Model; calibratedAt: number }, changed: number): Promise<number> {
    if (!changed) return 0;
    const total = learnedTotal(state.model);
    if (total >= MIN_FIT && total >= state.calibratedAt * (1 + REFIT_GROWTH)) await refit(state);
    await save(state);
    return changed;
  }

  const learnedTotal = (m: Model) => m.class.examples.reduce((a, b) => a + b, 0);

  return {
    /** The model to evaluate with: loaded once, rebuilt from the labels when missing. */
    model: async (): Promise<Model> => (await load()).model,

    /**
     * Learn labelled tickets: each replaces the example its ticket taught before, if any (but the
     * CRM's path never replaces the agent's pick). The model's counts change at once; its
     * temperatures are fitted again once the examples have grown by a tenth. Returns how many
     * examples changed.
     */
    async add(rows: readonly LabelRow[]): Promise<number> {
      const state = await load();
      return finish(state, await learnBatch(state, rows));
    },

    async counts(): Promise<LearningCounts> {
      const state = await load();
      const bySource: LearningCounts['bySource'] = { crm: 0, agent: 0, import: 0 };
      for (const s of Object.keys(bySource) as LabelSource[])
        bySource[s] = await db.labels.where('source').equals(s).count();
      return {
        total: learnedTotal(state.model),
        byClass: Object.fromEntries(classes.map((c, i) => [c, state.model.class.examples[i] ?? 0])),
        bySource,
        calibratedOn: state.calibratedAt,
      };
    },

    /** The most recent labelled examples, newest first (for cross-validation on the options page). */
    recent: (limit: number): Promise<LabelRow[]> => db.labels.orderBy('at').reverse().limit(limit).toArray(),

    /** Replace the model with one made elsewhere (for this pack and version); labels stay. */
    async importModel(model: Model): Promise<void> {
      const mismatch = modelMismatch(model, pack);
      if (mismatch) throw new Error(mismatch);
      current = { model, calibratedAt: learnedTotal(model) };
      await save(current);
    },

    /** Forget every example and the model: back to the pack's words alone. */
    async reset(): Promise<void> {
      await db.transaction('rw', db.labels, db.models, async () => {
        await db.labels.clear();
        await db.models.clear();
      });
      current = { model: start(), calibratedAt: 0 };
    },

    /** Drop what is cached in memory, so the next call reads the store (another page changed it). */
    forget() {
      current = null;
    },

    /**
     * Learn a large import (the options page): as `add`, a transaction per `batch` rows, but the
     * temperatures are fitted once at the end and the model is saved every `saveEvery` batches and
     * at the end, instead of after each batch (a fit reads every label: per batch, 200,000 rows
     * would take minutes). Returns how many examples changed.
     */
    async addMany(
      rows: readonly LabelRow[],
      opts: { batch?: number; saveEvery?: number; onProgress?: (done: number) => void } = {},
    ): Promise<number> {
      const state = await load();
      const size = opts.batch ?? 500;
      const saveEvery = opts.saveEvery ?? 10;
      let changed = 0;
      for (let i = 0, n = 1; i < rows.length; i += size, n++) {
        changed += await learnBatch(state, rows.slice(i, i + size));
        if (changed && n % saveEvery === 0) await save(state);
        opts.onProgress?.(Math.min(rows.length, i + size));
      }
      return finish(state, changed);
    },
  };
}

export type Learning = ReturnType<typeof createLearning>;

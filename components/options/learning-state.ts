import { computed, signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import { crossValidate, type Case, type CrossValidation } from '@/rules/classifier/crossval';
import { settingsOf } from '@/rules/classifier/compile';
import { modelMismatch, parseModel } from '@/rules/classifier/model';
import type { Pack } from '@/rules/pack/schema';
import {
  casesFromLabels,
  csvRecords,
  decodeBytes,
  guessColumns,
  importRows,
  jsonLineRecords,
  MAX_IMPORT_ROWS,
  parseCsv,
  SKIP_LABELS,
  type ColumnMap,
  type Encoding,
  type ImportField,
  type ImportSkip,
  type SkipCounts,
} from '@/utils/db/labelled-import';
import type { Learning, LearningCounts } from '@/utils/db/learning';
import { t } from '@/utils/i18n';
import { readSettings } from '@/utils/settings';
import { notifyStoreChanged } from '../store-changed';
import { createConfirmation } from './confirmation';

type Browser = typeof wxtBrowser;

/** Only the learning calls the options page makes. */
export type LearningApi = Pick<Learning, 'addMany' | 'counts' | 'recent' | 'importModel' | 'reset' | 'forget'>;

/** Labels learned per call, so a large file shows progress and no transaction grows unbounded. */
export const IMPORT_BATCH = 500;
/** Newest labels cross-validated, and the folds. */
export const CV_LABELS = 5000;
export const CV_FOLDS = 5;
/** Fewer examples than this make every fold's figures noise. */
export const CV_MIN = 20;
export const THRESHOLD_MIN = 0.5;
export const THRESHOLD_MAX = 1;

export const ENCODING_NAMES: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', gbk: 'GBK' };

/** A CSV read and waiting for its columns to be confirmed. */
export interface PendingCsv {
  name: string;
  encoding: Encoding;
  header: string[];
  /** Data rows, header excluded. */
  rows: string[][];
  truncated: boolean;
}

export interface ImportReport {
  /** Rows read as labelled tickets; of those, `changed` taught something new (the rest were imported before). */
  imported: number;
  changed: number;
  skipped: { reason: ImportSkip; label: string; count: number }[];
  lineUnknown: number;
  truncated: boolean;
}

export interface LearningDeps {
  /** The pack the background evaluates with: its classes, lines and default threshold. */
  pack: Pack;
  now?: () => number;
  batch?: number;
  maxRows?: number;
  /** Runs the cross-validation; the page passes a worker (`crossValidateInWorker`), by default it runs here after `paint`. */
  crossValidate?: (
    pack: Pack,
    cases: readonly Case[],
    opts: { folds: number; threshold: number },
  ) => Promise<CrossValidation>;
  /** Lets the page paint 「计算中…」 before an in-thread cross-validation holds the main thread. */
  paint?: () => Promise<void>;
}

const paintFrame = () => new Promise<void>((r) => setTimeout(r, 30));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The 「分类学习」 section: importing labelled exports, the examples learned, cross-validation, the threshold, the model. */
export function createLearningState(browser: Browser, learning: LearningApi, deps: LearningDeps) {
  const { pack } = deps;
  const clock = deps.now ?? Date.now;
  const batch = deps.batch ?? IMPORT_BATCH;
  const maxRows = deps.maxRows ?? MAX_IMPORT_ROWS;
  const paint = deps.paint ?? paintFrame;
  const runCv =
    deps.crossValidate ??
    (async (p: Pack, cases: readonly Case[], opts: { folds: number; threshold: number }) => {
      await paint();
      return crossValidate(p, cases, opts);
    });
  const defaultThreshold = settingsOf(pack).autoFillAt;

  const counts = signal<LearningCounts | null>(null);
  const notice = signal<{ text: string; bad?: boolean } | null>(null);
  const pending = signal<PendingCsv | null>(null);
  const columns = signal<ColumnMap | null>(null);
  const progress = signal<{ done: number; total: number } | null>(null);
  const report = signal<ImportReport | null>(null);
  const cv = signal<CrossValidation | null>(null);
  const cvRunning = signal(false);
  const threshold = signal(defaultThreshold);
  /** The centre's policy sets the threshold (settings.autoFillAt): shown disabled. */
  const thresholdLocked = signal(false);
  const modelErrors = signal<string[]>([]);
  const resetting = createConfirmation();

  const say = (text: string, bad = false) => (notice.value = { text, bad });

  /** The cross-validated figures at the threshold shown, when that threshold was computed. */
  const atThreshold = computed(() => {
    const r = cv.value;
    if (!r) return null;
    const pick = (s: CrossValidation['learned']) =>
      s.atThreshold.find((a) => Math.abs(a.threshold - threshold.value) < 1e-9) ?? null;
    const learned = pick(r.learned);
    const rules = pick(r.rules);
    return learned && rules ? { learned, rules } : null;
  });

  async function refresh() {
    // Another context (the background) may have learned since: read the store again.
    learning.forget();
    counts.value = await learning.counts();
  }

  async function learn(records: readonly unknown[], skippedBefore: SkipCounts, truncated: boolean) {
    const { rows, skipped, lineUnknown } = importRows(records, pack, clock());
    const all: SkipCounts = { ...skippedBefore };
    for (const [k, n] of Object.entries(skipped) as [ImportSkip, number][]) all[k] = (all[k] ?? 0) + n;
    let changed = 0;
    progress.value = { done: 0, total: rows.length };
    try {
      changed = await learning.addMany(rows, {
        batch,
        onProgress: (done) => (progress.value = { done, total: rows.length }),
      });
    } finally {
      progress.value = null;
      if (changed) await notifyStoreChanged(browser);
    }
    const list = (Object.keys(SKIP_LABELS) as ImportSkip[]).flatMap((reason) =>
      all[reason] ? [{ reason, label: t(SKIP_LABELS[reason]), count: all[reason] }] : [],
    );
    report.value = { imported: rows.length, changed, skipped: list, lineUnknown, truncated };
    const skippedTotal = list.reduce((a, s) => a + s.count, 0);
    const again = rows.length - changed;
    say(
      t('learning.importedRows', { n: rows.length }) +
        (again ? t('learning.importedAgain', { n: again }) : '') +
        (skippedTotal ? t('learning.importedSkipped', { n: skippedTotal }) : '') +
        (truncated ? t('learning.importedTruncated', { max: maxRows }) : ''),
      rows.length === 0 || truncated,
    );
    cv.value = null; // the figures were for the examples before
    await refresh();
  }

  return {
    pack,
    counts,
    notice,
    pending,
    columns,
    progress,
    report,
    cv,
    cvRunning,
    threshold,
    thresholdLocked,
    defaultThreshold,
    atThreshold,
    modelErrors,
    resetting,

    async load() {
      const s = await readSettings(browser);
      threshold.value = s.values.autoFillAt ?? defaultThreshold;
      thresholdLocked.value = s.locked.autoFillAt;
      try {
        await refresh();
      } catch (e) {
        say(t('learning.readFailed', { error: message(e) }), true);
      }
    },

    /**
     * A labelled export as chosen: JSON Lines are imported at once; a CSV is read and waits for
     * its columns to be confirmed (`importCsv`).
     */
    async openFile(name: string, bytes: Uint8Array) {
      report.value = null;
      pending.value = null;
      columns.value = null;
      const { text, encoding } = decodeBytes(bytes);
      if (/\.(jsonl|ndjson|json)$/i.test(name) || /^\uFEFF?\s*\{/.test(text)) {
        const r = jsonLineRecords(text, maxRows);
        try {
          await learn(r.records, r.skipped, r.truncated);
        } catch (e) {
          say(t('learning.importFailed', { error: message(e) }), true);
        }
        return;
      }
      const { rows, truncated } = parseCsv(text, { maxRows: maxRows + 1 });
      const header = rows[0];
      if (!header || rows.length < 2) return void say(t('learning.noRows', { name }), true);
      pending.value = {
        name,
        encoding,
        header: header.map((h, i) => h.trim() || t('learning.column', { n: i + 1 })),
        rows: rows.slice(1),
        truncated,
      };
      columns.value = guessColumns(header);
      say(
        t('learning.read', {
          name,
          encoding: ENCODING_NAMES[encoding],
          n: rows.length - 1,
          truncated: truncated ? t('learning.readTruncated', { max: maxRows }) : '',
        }),
      );
    },

    setColumn(field: ImportField, index: number | null) {
      if (columns.value) columns.value = { ...columns.value, [field]: index };
    },

    cancelCsv() {
      pending.value = null;
      columns.value = null;
      notice.value = null;
    },

    /** Learn the pending CSV by the chosen columns. */
    async importCsv() {
      const csv = pending.value;
      const cols = columns.value;
      if (!csv || !cols) return;
      if (cols.text === null) return void say(t('learning.pickText'), true);
      if (cols.label === null && cols.categoryPath === null) return void say(t('learning.pickLabel'), true);
      const { records, skipped } = csvRecords(csv.rows, cols);
      pending.value = null;
      columns.value = null;
      try {
        await learn(records, skipped, csv.truncated);
      } catch (e) {
        say(t('learning.importFailed', { error: message(e) }), true);
      }
    },

    /** Cross-validate on the newest labels: rules against learned, at the threshold shown. */
    async runCrossValidation() {
      if (cvRunning.value) return;
      cvRunning.value = true;
      try {
        const cases = casesFromLabels(await learning.recent(CV_LABELS), pack);
        if (cases.length < CV_MIN) return void say(t('learning.cvTooFew', { min: CV_MIN, n: cases.length }), true);
        cv.value = await runCv(pack, cases, { folds: CV_FOLDS, threshold: threshold.value });
        notice.value = null;
      } catch (e) {
        say(t('learning.cvFailed', { error: message(e) }), true);
      } finally {
        cvRunning.value = false;
      }
    },

    /** Accepts what the number input holds: 0.50–1.00, kept to two decimals. */
    async setThreshold(raw: string) {
      if (thresholdLocked.value) return void say(t('learning.thresholdLocked', { locked: t('common.locked') }), true);
      const v = Number(raw);
      if (raw.trim() === '' || !(v >= THRESHOLD_MIN && v <= THRESHOLD_MAX)) {
        const [min, max] = [THRESHOLD_MIN.toFixed(2), THRESHOLD_MAX.toFixed(2)];
        return void say(t('learning.thresholdRange', { min, max }), true);
      }
      const at = Math.round(v * 100) / 100;
      threshold.value = at;
      await browser.storage.local.set({ autoFillAt: at });
      say(t('learning.thresholdSaved', { value: at.toFixed(2) }));
    },

    /** A model file (from `npm run train`, or another browser) replaces the model; the labels stay. */
    async importModelText(text: string) {
      modelErrors.value = [];
      let data: unknown;
      try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch {
        modelErrors.value = [t('common.notJson')];
        return void say(t('learning.modelUnreadable'), true);
      }
      const r = parseModel(data);
      if (!r.ok) {
        modelErrors.value = r.errors;
        return void say(t('learning.modelBad'), true);
      }
      const mismatch = modelMismatch(r.model, pack);
      if (mismatch)
        return void say(t('learning.modelMismatch', { pack: `${pack.id} ${pack.version}`, why: mismatch }), true);
      try {
        await learning.importModel(r.model);
        await notifyStoreChanged(browser);
        cv.value = null;
        await refresh();
        const n = r.model.class.examples.reduce((a, b) => a + b, 0);
        say(t('learning.modelImported', { n }));
      } catch (e) {
        say(t('learning.modelFailed', { error: message(e) }), true);
      }
    },

    /** Forget every example and the model (after the word is typed): back to the pack's words alone. */
    async reset() {
      if (!resetting.take()) return;
      try {
        await learning.reset();
        await notifyStoreChanged(browser);
        cv.value = null;
        report.value = null;
        await refresh();
        say(t('learning.reset'));
      } catch (e) {
        say(t('learning.resetFailed', { error: message(e) }), true);
      }
    },
  };
}

export type LearningState = ReturnType<typeof createLearningState>;

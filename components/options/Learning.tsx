import type { Scores } from '@/rules/classifier/crossval';
import { IMPORT_FIELDS } from '@/utils/db/labelled-import';
import { num, percent, t, tx } from '@/utils/i18n';
import { classLabel } from '@/utils/i18n/labels';
import { useLearning } from './learning-context';
import { CV_FOLDS, THRESHOLD_MAX, THRESHOLD_MIN } from './learning-state';
import { Confirm } from './Confirm';
import { JsonFileButton } from './JsonFileButton';
import { Locked } from './Toggles';

const SOURCES = ['crm', 'agent', 'import'] as const;

const pct = (x: number | null | undefined) => percent(x, 1, true);

/** 「分类学习」: what the class model learned from, how well it does on the centre's own tickets, and its threshold. */
export function Learning() {
  return (
    <section aria-labelledby="learning-h" class="learning">
      <h2 id="learning-h">{t('learning.title')}</h2>
      <p class="hint">{t('learning.hint')}</p>
      <Notice />
      <Examples />
      <ImportLabelled />
      <Threshold />
      <CrossValidationView />
      <ModelFile />
    </section>
  );
}

function Notice() {
  const n = useLearning().notice.value;
  if (!n) return null;
  return (
    <p class={n.bad ? 'notice bad' : 'notice'} role="status" data-testid="learning-notice">
      {n.text}
    </p>
  );
}

function Examples() {
  const l = useLearning();
  const c = l.counts.value;
  if (!c) return <p class="hint">{t('common.loading')}</p>;
  return (
    <div data-testid="learning-counts">
      <p>
        {tx('learning.learned', { n: <strong data-testid="learning-total">{num(c.total)}</strong> })}
        {c.calibratedOn > 0 ? t('learning.calibrated', { n: c.calibratedOn }) : t('learning.uncalibrated')}
      </p>
      <p class="sources" data-testid="learning-sources">
        {SOURCES.map((s) => (
          <span key={s}>
            {t(`learning.source.${s}`)} {num(c.bySource[s])}
          </span>
        ))}
      </p>
      <table class="compact" data-testid="learning-classes">
        <thead>
          <tr>
            <th>{t('learning.class')}</th>
            <th>{t('learning.examples')}</th>
          </tr>
        </thead>
        <tbody>
          {l.pack.classes.map((k) => (
            <tr key={k.code} data-code={k.code}>
              <td>{classLabel(k)}</td>
              <td class="num">{num(c.byClass[k.code] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportLabelled() {
  const l = useLearning();
  const busy = l.progress.value;
  const csv = l.pending.value;
  const cols = l.columns.value;
  const r = l.report.value;
  return (
    <div class="block">
      <h3>{t('learning.import')}</h3>
      <p class="hint">{t('learning.importHint')}</p>
      <label class="file-button">
        {t('learning.chooseFile')}
        <input
          type="file"
          accept=".csv,.txt,.jsonl,.ndjson,.json,text/csv"
          data-testid="labelled-file"
          disabled={busy !== null}
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            await l.openFile(file.name, new Uint8Array(await file.arrayBuffer()));
            input.value = ''; // the same file can be chosen again
          }}
        />
      </label>
      {csv && cols && (
        <div class="columns" data-testid="column-picker">
          <p class="hint">{t('learning.columns', { name: csv.name, n: csv.rows.length })}</p>
          {IMPORT_FIELDS.map((f) => {
            const i = cols[f];
            const sample = i === null ? '' : (csv.rows[0]?.[i] ?? '');
            return (
              <label class="field" key={f}>
                <span class="col-name">{t(`learning.field.${f}`)}</span>
                <select
                  data-testid={`column-${f}`}
                  value={i === null ? '' : String(i)}
                  onChange={(e) => l.setColumn(f, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
                >
                  <option value="">{t('common.none')}</option>
                  {csv.header.map((h, j) => (
                    <option key={j} value={String(j)}>
                      {h}
                    </option>
                  ))}
                </select>
                {sample && <small class="sample">{sample.length > 24 ? `${sample.slice(0, 24)}…` : sample}</small>}
              </label>
            );
          })}
          <div class="row">
            <button
              type="button"
              data-testid="import-labelled"
              disabled={busy !== null || cols.text === null}
              onClick={() => void l.importCsv()}
            >
              {t('learning.importButton')}
            </button>
            <button type="button" class="secondary" onClick={() => l.cancelCsv()}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {busy && (
        <p class="hint" role="status" data-testid="import-progress">
          {busy.done < busy.total
            ? t('learning.importing', { done: busy.done, total: busy.total })
            : t('learning.calibrating', { n: busy.total })}
        </p>
      )}
      {r && (r.skipped.length > 0 || r.lineUnknown > 0) && (
        <ul class="errors" data-testid="import-skipped">
          {r.skipped.map((s) => (
            <li key={s.reason}>{t('learning.skipped', { n: s.count, label: s.label })}</li>
          ))}
          {r.lineUnknown > 0 && <li>{t('learning.lineUnknown', { n: r.lineUnknown })}</li>}
        </ul>
      )}
    </div>
  );
}

function Threshold() {
  const l = useLearning();
  const at = l.atThreshold.value;
  const locked = l.thresholdLocked.value;
  return (
    <div class="block">
      <label class={locked ? 'field locked' : 'field'}>
        {t('learning.threshold')}
        <input
          type="number"
          min={THRESHOLD_MIN}
          max={THRESHOLD_MAX}
          step={0.01}
          value={l.threshold.value.toFixed(2)}
          disabled={locked}
          data-testid="auto-fill-at"
          onChange={(e) => void l.setThreshold(e.currentTarget.value)}
        />
        {locked && <Locked />}
        {at ? (
          <small data-testid="threshold-precision">
            {t('learning.thresholdFigures', {
              precision: pct(at.learned.precision),
              coverage: pct(at.learned.coverage),
            })}
          </small>
        ) : (
          l.cv.value && <small class="hint">{t('learning.thresholdChanged')}</small>
        )}
      </label>
      <p class="hint">{t('learning.thresholdHint', { value: l.defaultThreshold.toFixed(2) })}</p>
    </div>
  );
}

function ScoreRow({ name, s, threshold }: { name: string; s: Scores; threshold: number }) {
  const at = s.atThreshold.find((a) => Math.abs(a.threshold - threshold) < 1e-9);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td class="num">{pct(s.top1)}</td>
      <td class="num">{pct(s.top3)}</td>
      <td class="num">{pct(at?.coverage)}</td>
      <td class="num">{pct(at?.precision)}</td>
      <td class="num">{s.lineTickets ? pct(s.lineTop1) : '—'}</td>
    </tr>
  );
}

function CrossValidationView() {
  const l = useLearning();
  const r = l.cv.value;
  const running = l.cvRunning.value;
  return (
    <div class="block">
      <div class="row">
        <button
          type="button"
          data-testid="cross-validate"
          disabled={running || l.progress.value !== null}
          onClick={() => void l.runCrossValidation()}
        >
          {running ? t('learning.computing') : t('learning.crossValidate')}
        </button>
      </div>
      <p class="hint">{t('learning.cvHint', { folds: CV_FOLDS })}</p>
      {r && (
        <table class="compact" data-testid="cv-table">
          <caption>
            {t('learning.cvCaption', { n: r.learned.tickets, folds: r.folds, threshold: r.threshold.toFixed(2) })}
          </caption>
          <thead>
            <tr>
              <th />
              <th>{t('learning.col.top1')}</th>
              <th>{t('learning.col.top3')}</th>
              <th>{t('learning.col.coverage')}</th>
              <th>{t('learning.col.precision')}</th>
              <th>{t('learning.col.line')}</th>
            </tr>
          </thead>
          <tbody>
            <ScoreRow name={t('learning.row.rules')} s={r.rules} threshold={r.threshold} />
            <ScoreRow name={t('learning.row.learned')} s={r.learned} threshold={r.threshold} />
          </tbody>
        </table>
      )}
    </div>
  );
}

function ModelFile() {
  const l = useLearning();
  return (
    <div class="block">
      <h3>{t('learning.model')}</h3>
      <div class="row">
        <JsonFileButton
          label={t('learning.importModel')}
          testId="model-file"
          onText={(text) => l.importModelText(text)}
        />
        {/* It stays while the confirmation is open: the focus comes back to it. */}
        <button
          type="button"
          class="danger"
          data-testid="reset-model"
          aria-expanded={l.resetting.open.value}
          onClick={() => l.resetting.ask()}
        >
          {t('learning.resetModel')}
        </button>
      </div>
      {l.modelErrors.value.length > 0 && (
        <ul class="errors" data-testid="model-errors">
          {l.modelErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {l.resetting.open.value && (
        <Confirm
          confirmation={l.resetting}
          warning={t('learning.resetWarning')}
          action={t('learning.resetAction')}
          onConfirm={() => void l.reset()}
          testIds={{ box: 'reset-confirm', text: 'reset-confirm-text', confirm: 'confirm-reset' }}
        />
      )}
    </div>
  );
}

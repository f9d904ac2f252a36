import type { Scores } from '@/rules/classifier/crossval';
import { IMPORT_FIELDS, type ImportField } from '@/utils/db/labelled-import';
import { useLearning } from './learning-context';
import { CV_FOLDS, THRESHOLD_MAX, THRESHOLD_MIN } from './learning-state';
import { Confirm } from './Confirm';
import { JsonFileButton } from './JsonFileButton';
import { Locked } from './Toggles';

const FIELD_NAMES: Record<ImportField, string> = {
  title: '标题',
  text: '内容（必选）',
  business: '业务',
  categoryPath: '分类路径',
  label: '分类',
  handlingLine: '处理条线',
};
const SOURCE_NAMES = { crm: 'CRM 分类路径', agent: '坐席选定', import: '导入' } as const;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** 「分类学习」: what the class model learned from, how well it does on the centre's own tickets, and its threshold. */
export function Learning() {
  return (
    <section aria-labelledby="learning-h" class="learning">
      <h2 id="learning-h">分类学习</h2>
      <p class="hint">用本中心已分类的工单训练投诉分类；所有数据只在本机。</p>
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
  if (!c) return <p class="hint">读取中…</p>;
  return (
    <div data-testid="learning-counts">
      <p>
        已学 <strong data-testid="learning-total">{c.total}</strong> 条
        {c.calibratedOn > 0 ? `（置信度按其中 ${c.calibratedOn} 条校准）` : '（例子不足，置信度按规则包的默认值）'}
      </p>
      <p class="sources" data-testid="learning-sources">
        {(Object.keys(SOURCE_NAMES) as (keyof typeof SOURCE_NAMES)[]).map((s) => (
          <span key={s}>
            {SOURCE_NAMES[s]} {c.bySource[s]}
          </span>
        ))}
      </p>
      <table class="compact" data-testid="learning-classes">
        <thead>
          <tr>
            <th>类别</th>
            <th>例子</th>
          </tr>
        </thead>
        <tbody>
          {l.pack.classes.map((k) => (
            <tr key={k.code} data-code={k.code}>
              <td>{k.label}</td>
              <td class="num">{c.byClass[k.code] ?? 0}</td>
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
      <h3>导入已分类工单</h3>
      <p class="hint">
        Excel 另存的 CSV（UTF-8 或 GBK 均可）或 JSON
        Lines；每行需有内容，以及分类或分类路径。同一文件再次导入不会重复计入。
      </p>
      <label class="file-button">
        选择文件…
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
          <p class="hint">
            {csv.name}：{csv.rows.length} 行。请为每一项选择对应的列：
          </p>
          {IMPORT_FIELDS.map((f) => {
            const i = cols[f];
            const sample = i === null ? '' : (csv.rows[0]?.[i] ?? '');
            return (
              <label class="field" key={f}>
                <span class="col-name">{FIELD_NAMES[f]}</span>
                <select
                  data-testid={`column-${f}`}
                  value={i === null ? '' : String(i)}
                  onChange={(e) => l.setColumn(f, e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
                >
                  <option value="">（无）</option>
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
              导入
            </button>
            <button type="button" class="secondary" onClick={() => l.cancelCsv()}>
              取消
            </button>
          </div>
        </div>
      )}
      {busy && (
        <p class="hint" role="status" data-testid="import-progress">
          {busy.done < busy.total ? `导入中… ${busy.done} / ${busy.total}` : `已写入 ${busy.total} 条，正在校准置信度…`}
        </p>
      )}
      {r && (r.skipped.length > 0 || r.lineUnknown > 0) && (
        <ul class="errors" data-testid="import-skipped">
          {r.skipped.map((s) => (
            <li key={s.reason}>
              跳过 {s.count} 条：{s.label}
            </li>
          ))}
          {r.lineUnknown > 0 && <li>{r.lineUnknown} 条的处理条线不是规则包中的派单对象：只学了分类</li>}
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
        自动填写阈值
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
            交叉验证：准确率 {pct(at.learned.precision)}，覆盖 {pct(at.learned.coverage)}
          </small>
        ) : (
          l.cv.value && <small class="hint">阈值已改，重新交叉验证可看此阈值的准确率</small>
        )}
      </label>
      <p class="hint">
        分类置信度达到此值才自动填写（默认 {l.defaultThreshold.toFixed(2)}
        ，按当前规则包）。调高更准，但自动填写的工单更少。
      </p>
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
          {running ? '计算中…' : '交叉验证'}
        </button>
      </div>
      <p class="hint">
        用最近 5000 条已分类工单做 {CV_FOLDS} 折交叉验证，比较规则包关键词与学习后的模型（可能需要几秒）。
      </p>
      {r && (
        <table class="compact" data-testid="cv-table">
          <caption>
            {r.learned.tickets} 条工单，{r.folds} 折，阈值 {r.threshold.toFixed(2)}
          </caption>
          <thead>
            <tr>
              <th />
              <th>首选正确</th>
              <th>前三含正确</th>
              <th>自动填写比例</th>
              <th>自动填写准确率</th>
              <th>条线首选正确</th>
            </tr>
          </thead>
          <tbody>
            <ScoreRow name="规则包" s={r.rules} threshold={r.threshold} />
            <ScoreRow name="学习后" s={r.learned} threshold={r.threshold} />
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
      <h3>模型</h3>
      <div class="row">
        <JsonFileButton label="导入模型文件…" testId="model-file" onText={(text) => l.importModelText(text)} />
        {!l.resetting.open.value && (
          <button type="button" class="danger" data-testid="reset-model" onClick={() => l.resetting.ask()}>
            重置模型
          </button>
        )}
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
          warning="将删除本机学到的全部分类例子（含导入的）和模型，分类只按规则包的关键词判断，且无法恢复。"
          action="永久重置"
          onConfirm={() => void l.reset()}
          testIds={{ box: 'reset-confirm', text: 'reset-confirm-text', confirm: 'confirm-reset' }}
        />
      )}
    </div>
  );
}

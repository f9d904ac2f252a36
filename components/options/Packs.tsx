import { Notice } from './AdapterEditor';
import { SOURCE_NAMES, usePacks } from './catalog';
import { Confirm } from './Confirm';
import { JsonFileButton } from './JsonFileButton';
import type { PackRow, PacksState } from './packs-state';

/** 「规则包」: the packs this browser can apply, which one applies and why, choosing, importing, deleting, export. */
export function Packs() {
  const p = usePacks();
  if (!p) return null;
  const list = p.entries.value;
  const a = p.applied.value;
  return (
    <section aria-labelledby="packs-h" class="packs">
      <h2 id="packs-h">规则包</h2>
      <p class="hint">规则包决定投诉分类、时限、派单和话术。可导入中心下发的规则包文件（可附带分类模型）。</p>
      <Notice a={p} testId="pack-notice" />
      {p.policyErrors.value.length > 0 && (
        <ul class="errors" data-testid="pack-policy-errors">
          {p.policyErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {list === null || a === null ? (
        <p class="hint">读取中…</p>
      ) : (
        <>
          <label class="field">
            当前使用
            <select
              data-testid="pack-choice"
              value={a.entry.id}
              disabled={a.locked}
              onChange={(e) => void p.choose(e.currentTarget.value)}
            >
              {list
                .filter((e) => e.usable)
                .map((e) => (
                  <option key={`${e.source}-${e.id}`} value={e.id}>
                    {e.name}（{e.version}，{SOURCE_NAMES[e.source]}）
                  </option>
                ))}
            </select>
            <small data-testid="pack-because">
              {a.locked ? p.lockedText : a.because}
              {a.model ? '；带分类模型' : ''}
            </small>
          </label>
          <ul class="catalog" data-testid="pack-list">
            {list.map((e, i) => (
              <PackItem
                key={`${e.source}-${e.id}-${i}`}
                p={p}
                e={e}
                applied={e.source === a.entry.source && e.id === a.entry.id && e.usable}
              />
            ))}
          </ul>
        </>
      )}
      {p.deleting.value && (
        <Confirm
          confirmation={p.deleteConfirm}
          warning={`将删除导入的规则包「${p.deleting.value.name}」（${p.deleting.value.version}）。`}
          action="删除"
          onConfirm={() => void p.remove()}
          testIds={{ box: 'pack-delete-confirm', text: 'pack-delete-text', confirm: 'pack-delete-go' }}
        />
      )}
      {p.allowUser.value ? (
        <div class="row">
          <JsonFileButton
            label="导入规则包文件…"
            testId="pack-import"
            onText={async (text) => void (await p.importText(text))}
          />
          {p.importing.value && <span class="hint">检查中…</span>}
        </div>
      ) : (
        <p class="hint">中心策略不允许导入本机的规则包。</p>
      )}
      {p.importErrors.value.length > 0 && (
        <ul class="errors" data-testid="pack-import-errors">
          {p.importErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PackItem({ p, e, applied }: { p: PacksState; e: PackRow; applied: boolean }) {
  return (
    <li class="item" data-testid={`pack-${e.id}`} data-source={e.source}>
      <div class="item-head">
        <strong>{e.name}</strong>
        <code>
          {e.id} {e.version}
        </code>
        <span class={`source source-${e.source}`}>{SOURCE_NAMES[e.source]}</span>
        {applied && <span class="state state-on">使用中</span>}
        {!e.usable && <span class="state state-bad">有误，不可用</span>}
        {e.model && <span class="state">附带分类模型</span>}
      </div>
      {e.errors.length > 0 && (
        <ul class="errors">
          {e.errors.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
      <div class="row actions">
        {e.locked && <span class="locked">{p.lockedText}</span>}
        {e.source === 'user' && (
          <button type="button" class="secondary" data-testid={`pack-delete-${e.id}`} onClick={() => p.askDelete(e)}>
            删除
          </button>
        )}
        <button type="button" class="secondary" data-testid={`pack-export-${e.id}`} onClick={() => p.exportEntry(e)}>
          导出
        </button>
      </div>
    </li>
  );
}

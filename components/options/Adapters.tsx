import type { AdaptersState, AdapterRow } from './adapters-state';
import { AdapterEditor, Notice } from './AdapterEditor';
import { SOURCE_NAMES, useAdapters } from './catalog';
import { Confirm } from './Confirm';
import { JsonFileButton } from './JsonFileButton';

/** 「CRM 页面」: the adapters that read CRM pages, where they come from, what they need, and the editor. */
export function Adapters() {
  const a = useAdapters();
  if (!a) return null;
  const list = a.entries.value;
  const waiting = a.waiting.value;
  const editorOpen = a.editing.value !== null;
  return (
    <section aria-labelledby="adapters-h" class="adapters">
      <h2 id="adapters-h">CRM 页面</h2>
      <p class="hint">
        工单助手按这些设置（适配器）读取 CRM 工单页。可粘贴或导入 JSON 添加，格式见说明文档「Site adapters」一节。
      </p>
      {!editorOpen && <Notice a={a} />}
      {a.policyErrors.value.length > 0 && (
        <ul class="errors" data-testid="policy-errors">
          {a.policyErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {waiting.entries.length > 0 && (
        <div class="access-bar" role="status" data-testid="access-bar">
          <span>
            {waiting.entries.length} 个 CRM 页面等待授权：{waiting.origins.join('、')}
          </span>
          <button type="button" data-testid="grant-access" onClick={() => void a.grantAll()}>
            允许访问
          </button>
        </div>
      )}
      {list === null ? (
        <p class="hint">读取中…</p>
      ) : (
        <ul class="catalog" data-testid="adapter-list">
          {list.map((e, i) => (
            <AdapterItem key={`${e.source}-${e.id}-${i}`} a={a} e={e} />
          ))}
        </ul>
      )}
      {a.deleting.value && (
        <Confirm
          confirmation={a.deleteConfirm}
          warning={`将删除本机的「${a.deleting.value.name}」${list?.some((b) => b.source === 'bundled' && b.id === a.deleting.value?.id) ? '，恢复使用内置版本' : ''}。建议先导出。`}
          action="删除"
          onConfirm={() => void a.remove()}
          testIds={{ box: 'adapter-delete-confirm', text: 'adapter-delete-text', confirm: 'adapter-delete-go' }}
        />
      )}
      {!editorOpen && (
        <div class="row">
          <button type="button" data-testid="adapter-add" disabled={!a.allowUser.value} onClick={() => a.startNew()}>
            添加 CRM 页面
          </button>
          {a.allowUser.value && (
            <JsonFileButton
              label="导入 JSON 文件…"
              testId="adapter-import"
              onText={async (text) => void (await a.importText(text))}
            />
          )}
        </div>
      )}
      {!a.allowUser.value && <p class="hint">中心策略不允许添加本机的 CRM 页面设置。</p>}
      {editorOpen && <AdapterEditor />}
    </section>
  );
}

function stateOf(e: AdapterRow): { text: string; cls: string } {
  if (e.errors.length) return { text: e.hidden ? '被取代' : '有误，未使用', cls: 'bad' };
  if (!e.enabled) return { text: '已停用', cls: 'off' };
  if (e.waiting) return { text: '等待授权', cls: 'wait' };
  return { text: '使用中', cls: 'on' };
}

function AdapterItem({ a, e }: { a: AdaptersState; e: AdapterRow }) {
  const s = stateOf(e);
  return (
    <li class="item" data-testid={`adapter-${e.id}`} data-source={e.source}>
      <div class="item-head">
        <strong>{e.name}</strong>
        <code>{e.id}</code>
        <span class={`source source-${e.source}`}>{SOURCE_NAMES[e.source]}</span>
        <span class={`state state-${s.cls}`} data-testid="adapter-state">
          {s.text}
        </span>
      </div>
      {e.source === 'bundled' && e.adapter ? (
        <p class="origins" title="随扩展安装时已允许访问这些页面">
          {e.adapter.matches.map((m) => (
            <span key={m} class="origin">
              {m}
            </span>
          ))}
        </p>
      ) : (
        e.origins.length > 0 && (
          <p class="origins">
            {e.origins.map((o) => (
              <span
                key={o.origin}
                class={o.granted ? 'origin granted' : 'origin missing'}
                title={o.granted ? '已允许访问' : '尚未允许访问'}
              >
                {o.granted ? '✓' : '✗'} {o.origin}
              </span>
            ))}
          </p>
        )
      )}
      {e.hidden && <p class="hint">同一 id 的{e.source === 'bundled' ? '本机副本' : '中心策略设置'}取代了它。</p>}
      {e.errors.length > 0 && !e.hidden && (
        <ul class="errors" data-testid="adapter-errors-list">
          {e.errors.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
      <div class="row actions">
        {e.locked ? (
          <span class="locked" data-testid="adapter-locked">
            {a.lockedText}
          </span>
        ) : (
          <>
            <button type="button" class="secondary" data-testid={`adapter-edit-${e.id}`} onClick={() => a.startEdit(e)}>
              编辑
            </button>
            <button
              type="button"
              class="secondary"
              data-testid={`adapter-toggle-${e.id}`}
              onClick={() => void a.setEnabled(e, !e.enabled)}
            >
              {e.enabled ? '停用' : '启用'}
            </button>
            {e.source === 'user' && (
              <button
                type="button"
                class="secondary"
                data-testid={`adapter-delete-${e.id}`}
                onClick={() => a.askDelete(e)}
              >
                删除
              </button>
            )}
          </>
        )}
        <button type="button" class="secondary" data-testid={`adapter-export-${e.id}`} onClick={() => a.exportEntry(e)}>
          导出
        </button>
        {e.waiting && (
          <button type="button" data-testid={`grant-access-${e.id}`} onClick={() => void a.grantAll()}>
            允许访问
          </button>
        )}
      </div>
    </li>
  );
}

import { useState } from 'preact/hooks';
import { FIELD_LABELS, type TicketField } from '@/rules/ticket';
import type { AdaptersState } from './adapters-state';
import { useAdapters } from './catalog';

/**
 * The adapter's JSON in a plain text box, with save, try-read on the open CRM page, and the field
 * picker: 「点选」 beside each field (or a field to add) lets the agent click the value on the page.
 */
export function AdapterEditor() {
  const a = useAdapters();
  if (!a) return null;
  const t = a.editing.value;
  if (!t) return null;
  const busy = a.trying.value || a.picking.value !== null;
  return (
    <div class="editor" data-testid="adapter-editor">
      <h3>{t.kind === 'new' ? '新的 CRM 页面' : t.kind === 'bundled' ? `编辑内置的 ${t.id}` : `编辑 ${t.id}`}</h3>
      {t.kind === 'bundled' && <p class="hint">保存后成为本机副本，取代内置版本；删除副本即恢复内置版本。</p>}
      <textarea
        data-testid="adapter-json"
        class="json"
        rows={22}
        spellcheck={false}
        wrap="off"
        value={a.text.value}
        onInput={(e) => a.setText(e.currentTarget.value)}
        aria-label="适配器 JSON"
      />
      {a.errors.value.length > 0 && (
        <ul class="errors" data-testid="adapter-errors">
          {a.errors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      <Notice a={a} />
      <div class="row">
        <button type="button" data-testid="adapter-save" onClick={() => void a.save()}>
          {a.checking.value ? '检查中…' : '保存'}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="adapter-check"
          disabled={a.checking.value}
          onClick={() => void a.check()}
        >
          {a.checking.value ? '检查中…' : '检查'}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="adapter-try"
          disabled={busy}
          onClick={() => void a.tryRead()}
        >
          {a.trying.value ? '试读中…' : '在当前页试读'}
        </button>
        <button type="button" class="secondary" data-testid="adapter-close" onClick={() => a.close()}>
          关闭
        </button>
      </div>
      <p class="hint">试读和点选使用编辑框中的内容（不必先保存），在最近使用的、符合 matches 的已打开页面上进行。</p>
      <Fields a={a} busy={busy} />
      <Picks a={a} />
      <TryResult a={a} />
    </div>
  );
}

function Fields({ a, busy }: { a: AdaptersState; busy: boolean }) {
  const fields = a.editorFields.value;
  const addable = a.missingFields.value;
  const [add, setAdd] = useState<TicketField | ''>('');
  const chosen = add !== '' && addable.includes(add) ? add : (addable[0] ?? '');
  const picking = a.picking.value;
  return (
    <div class="block" data-testid="adapter-fields">
      <h4>字段</h4>
      {fields.length === 0 && <p class="hint">编辑框中的 JSON 还没有可识别的字段。</p>}
      <ul class="fields">
        {fields.map((f) => (
          <li key={f}>
            <span>{FIELD_LABELS[f]}</span> <code>{f}</code>
            <button
              type="button"
              class="secondary small"
              data-testid={`pick-${f}`}
              disabled={busy}
              onClick={() => void a.pick(f)}
            >
              {picking === f ? '等待点选…' : '点选'}
            </button>
          </li>
        ))}
      </ul>
      {addable.length > 0 && (
        <div class="row add-field">
          <label class="field">
            添加字段
            <select
              data-testid="pick-add-field"
              value={chosen}
              onChange={(e) => setAdd(e.currentTarget.value as TicketField)}
            >
              {addable.map((f) => (
                <option key={f} value={f}>
                  {FIELD_LABELS[f]}（{f}）
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="secondary small"
            data-testid="pick-add"
            disabled={busy || chosen === ''}
            onClick={() => chosen !== '' && void a.pick(chosen)}
          >
            {picking !== null && picking === chosen ? '等待点选…' : '点选'}
          </button>
        </div>
      )}
    </div>
  );
}

function Picks({ a }: { a: AdaptersState }) {
  const p = a.picks.value;
  if (!p || p.suggestions.length === 0) return null;
  return (
    <div class="block" data-testid="pick-suggestions">
      <h4>「{FIELD_LABELS[p.field]}」可用的定位（选一个，写为第一个定位）</h4>
      <ul class="suggestions">
        {p.suggestions.map((s, i) => (
          <li key={i}>
            <button type="button" class="secondary small" data-testid="pick-suggestion" onClick={() => a.choose(i)}>
              {JSON.stringify(s.locator)}
            </button>
            <span class="reads">读到：{s.reads || '（空）'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TryResult({ a }: { a: AdaptersState }) {
  const r = a.tryResult.value;
  if (!r) return null;
  if ('error' in r)
    return (
      <div class="block try-result" data-testid="adapter-try-result" data-ok="false">
        <p class="notice bad">{r.error}</p>
        {r.errors.length > 0 && (
          <ul class="errors">
            {r.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        )}
      </div>
    );
  return (
    <div class="block try-result" data-testid="adapter-try-result" data-ok="true">
      <p class="hint">试读页面：{r.url}</p>
      <table class="compact">
        <thead>
          <tr>
            <th>字段</th>
            <th>读到</th>
            <th>定位</th>
          </tr>
        </thead>
        <tbody>
          {r.found.map((f) => (
            <tr key={f.field} data-field={f.field}>
              <td>{f.label}</td>
              <td class="value">{f.value}</td>
              <td>
                <code>{f.foundBy}</code>
              </td>
            </tr>
          ))}
          {r.missing.map((m) => (
            <tr key={m.field} data-field={m.field} class="missing">
              <td>
                {m.label}
                {m.required && <strong class="required">（必填）</strong>}
              </td>
              <td>未读到</td>
              <td>
                <ul class="tried">
                  {m.tried.map((x, i) => (
                    <li key={i}>
                      <code>{x}</code>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The section's last word (saved, refused, picked …): above the list, or in the editor when it is open. */
export function Notice({ a, testId = 'adapter-notice' }: { a: { notice: AdaptersState['notice'] }; testId?: string }) {
  const n = a.notice.value;
  if (!n) return null;
  return (
    <p class={n.bad ? 'notice bad' : 'notice'} role="status" data-testid={testId}>
      {n.text}
    </p>
  );
}

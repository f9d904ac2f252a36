import { useState } from 'preact/hooks';
import type { TicketField } from '@/rules/ticket';
import { t as tr } from '@/utils/i18n';
import { fieldLabel } from '@/utils/i18n/labels';
import type { AdaptersState, TryView } from './adapters-state';
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
      <h3>
        {t.kind === 'new'
          ? tr('adapters.new')
          : tr(t.kind === 'bundled' ? 'adapters.editBundled' : 'adapters.editOne', { id: t.id })}
      </h3>
      {t.kind === 'bundled' && <p class="hint">{tr('adapters.copyHint')}</p>}
      <textarea
        data-testid="adapter-json"
        class="json"
        rows={22}
        spellcheck={false}
        wrap="off"
        value={a.text.value}
        onInput={(e) => a.setText(e.currentTarget.value)}
        aria-label={tr('adapters.json')}
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
          {a.checking.value ? tr('common.checking') : tr('adapters.save')}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="adapter-check"
          disabled={a.checking.value}
          onClick={() => void a.check()}
        >
          {a.checking.value ? tr('common.checking') : tr('adapters.check')}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="adapter-try"
          disabled={busy}
          onClick={() => void a.tryRead()}
        >
          {a.trying.value ? tr('adapters.trying') : tr('adapters.try')}
        </button>
        <button type="button" class="secondary" data-testid="adapter-close" onClick={() => a.close()}>
          {tr('common.close')}
        </button>
      </div>
      <p class="hint">{tr('adapters.tryHint')}</p>
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
      <h4>{tr('adapters.fields')}</h4>
      {fields.length === 0 && <p class="hint">{tr('adapters.noFields')}</p>}
      <ul class="fields">
        {fields.map((f) => (
          <li key={f}>
            <span>{fieldLabel(f)}</span> <code>{f}</code>
            <button
              type="button"
              class="secondary small"
              data-testid={`pick-${f}`}
              disabled={busy}
              onClick={() => void a.pick(f)}
            >
              {picking === f ? tr('adapters.waitingPick') : tr('adapters.pick')}
            </button>
          </li>
        ))}
      </ul>
      {addable.length > 0 && (
        <div class="row add-field">
          <label class="field">
            {tr('adapters.addField')}
            <select
              data-testid="pick-add-field"
              value={chosen}
              onChange={(e) => setAdd(e.currentTarget.value as TicketField)}
            >
              {addable.map((f) => (
                <option key={f} value={f}>
                  {tr('adapters.fieldOption', { label: fieldLabel(f), field: f })}
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
            {picking !== null && picking === chosen ? tr('adapters.waitingPick') : tr('adapters.pick')}
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
      <h4>{tr('adapters.suggestions', { field: fieldLabel(p.field) })}</h4>
      <ul class="suggestions">
        {p.suggestions.map((s, i) => (
          <li key={i}>
            <button type="button" class="secondary small" data-testid="pick-suggestion" onClick={() => a.choose(i)}>
              {JSON.stringify(s.locator)}
            </button>
            <span class="reads">{tr('adapters.reads', { value: s.reads || tr('common.empty') })}</span>
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
      <p class="hint">{tr('adapters.triedPage', { url: r.url })}</p>
      <table class="compact">
        <thead>
          <tr>
            <th>{tr('adapters.col.field')}</th>
            <th>{tr('adapters.col.read')}</th>
            <th>{tr('adapters.col.locator')}</th>
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
                {m.required && <strong class="required">{tr('adapters.required')}</strong>}
              </td>
              <td>{tr('adapters.notRead')}</td>
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
      {r.pauses && <PauseRows pauses={r.pauses} />}
    </div>
  );
}

/** The 挂起/解挂 rows try-read found, in page order, and what it tried. */
function PauseRows({ pauses }: { pauses: NonNullable<Extract<TryView, { url: string }>['pauses']> }) {
  return (
    <div data-testid="adapter-try-pauses" data-incomplete={String(pauses.incomplete)}>
      <h4>{tr('adapters.pauses', { n: pauses.log.length })}</h4>
      {pauses.incomplete && <p class="notice bad">{tr('adapters.pausesIncomplete')}</p>}
      <ul class="tried">
        {pauses.log.map((e, i) => (
          <li key={i}>
            {tr(e.event === 'pause' ? 'adapters.pause' : 'adapters.resume')} <code>{e.at}</code>
          </li>
        ))}
        {pauses.tried.map((x, i) => (
          <li key={`t${i}`}>
            <code>{x}</code>
          </li>
        ))}
      </ul>
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

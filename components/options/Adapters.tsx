import type { AdaptersState, AdapterRow } from './adapters-state';
import { AdapterEditor, Notice } from './AdapterEditor';
import { t } from '@/utils/i18n';
import { sourceName, useAdapters } from './catalog';
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
      <h2 id="adapters-h">{t('adapters.title')}</h2>
      <p class="hint">{t('adapters.hint')}</p>
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
            {t('adapters.waiting', {
              n: waiting.entries.length,
              origins: waiting.origins.join(t('common.listSep')),
            })}
          </span>
          <button type="button" data-testid="grant-access" onClick={() => void a.grantAll()}>
            {t('common.grantAccess')}
          </button>
        </div>
      )}
      {list === null ? (
        <p class="hint">{t('common.loading')}</p>
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
          warning={t('adapters.deleteWarning', {
            name: a.deleting.value.name,
            back: list?.some((b) => b.source === 'bundled' && b.id === a.deleting.value?.id)
              ? t('adapters.backToBundled')
              : '',
          })}
          action={t('common.delete')}
          onConfirm={() => void a.remove()}
          onCancel={() => a.cancelDelete()}
          testIds={{ box: 'adapter-delete-confirm', text: 'adapter-delete-text', confirm: 'adapter-delete-go' }}
        />
      )}
      {!editorOpen && (
        <div class="row">
          <button type="button" data-testid="adapter-add" disabled={!a.allowUser.value} onClick={() => a.startNew()}>
            {t('adapters.add')}
          </button>
          {a.allowUser.value && (
            <JsonFileButton
              label={t('adapters.importFile')}
              testId="adapter-import"
              onText={async (text) => void (await a.importText(text))}
            />
          )}
        </div>
      )}
      {!a.allowUser.value && <p class="hint">{t('adapters.notAllowed')}</p>}
      {editorOpen && <AdapterEditor />}
    </section>
  );
}

function stateOf(e: AdapterRow): { text: string; cls: string } {
  if (e.errors.length) return { text: t(e.hidden ? 'adapters.state.hidden' : 'adapters.state.bad'), cls: 'bad' };
  if (!e.enabled) return { text: t('adapters.state.off'), cls: 'off' };
  if (e.waiting) return { text: t('adapters.state.waiting'), cls: 'wait' };
  return { text: t('adapters.state.on'), cls: 'on' };
}

function AdapterItem({ a, e }: { a: AdaptersState; e: AdapterRow }) {
  const s = stateOf(e);
  return (
    <li class="item" data-testid={`adapter-${e.id}`} data-source={e.source}>
      <div class="item-head">
        <strong>{e.name}</strong>
        <code>{e.id}</code>
        <span class={`source source-${e.source}`}>{sourceName(e.source)}</span>
        <span class={`state state-${s.cls}`} data-testid="adapter-state">
          {s.text}
        </span>
      </div>
      {e.source === 'bundled' && e.adapter ? (
        <p class="origins" title={t('adapters.grantedAtInstall')}>
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
                title={t(o.granted ? 'adapters.granted' : 'adapters.notGranted')}
              >
                {o.granted ? '✓' : '✗'} {o.origin}
              </span>
            ))}
          </p>
        )
      )}
      {e.hidden && (
        <p class="hint">{t(e.source === 'bundled' ? 'adapters.hiddenByCopy' : 'adapters.hiddenByPolicy')}</p>
      )}
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
            {t('common.locked')}
          </span>
        ) : (
          <>
            <button type="button" class="secondary" data-testid={`adapter-edit-${e.id}`} onClick={() => a.startEdit(e)}>
              {t('adapters.edit')}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid={`adapter-toggle-${e.id}`}
              onClick={() => void a.setEnabled(e, !e.enabled)}
            >
              {t(e.enabled ? 'adapters.disable' : 'adapters.enable')}
            </button>
            {e.source === 'user' && (
              <button
                type="button"
                class="secondary"
                data-testid={`adapter-delete-${e.id}`}
                onClick={() => a.askDelete(e)}
              >
                {t('common.delete')}
              </button>
            )}
          </>
        )}
        <button type="button" class="secondary" data-testid={`adapter-export-${e.id}`} onClick={() => a.exportEntry(e)}>
          {t('common.export')}
        </button>
        {e.waiting && (
          <button type="button" data-testid={`grant-access-${e.id}`} onClick={() => void a.grantAll()}>
            {t('common.grantAccess')}
          </button>
        )}
      </div>
    </li>
  );
}

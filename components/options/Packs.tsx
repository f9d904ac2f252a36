import { Notice } from './AdapterEditor';
import { t } from '@/utils/i18n';
import { sourceName, usePacks } from './catalog';
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
      <h2 id="packs-h">{t('packs.title')}</h2>
      <p class="hint">{t('packs.hint')}</p>
      <Notice a={p} testId="pack-notice" />
      {p.policyErrors.value.length > 0 && (
        <ul class="errors" data-testid="pack-policy-errors">
          {p.policyErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {list === null || a === null ? (
        <p class="hint">{t('common.loading')}</p>
      ) : (
        <>
          <label class="field">
            {t('packs.current')}
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
                    {t('packs.option', { name: e.name, version: e.version, source: sourceName(e.source) })}
                  </option>
                ))}
            </select>
            <small data-testid="pack-because">
              {a.locked ? t('common.locked') : a.because}
              {a.model ? t('packs.withModel') : ''}
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
          warning={t('packs.deleteWarning', { name: p.deleting.value.name, version: p.deleting.value.version })}
          action={t('common.delete')}
          onConfirm={() => void p.remove()}
          onCancel={() => p.cancelDelete()}
          testIds={{ box: 'pack-delete-confirm', text: 'pack-delete-text', confirm: 'pack-delete-go' }}
        />
      )}
      {p.allowUser.value ? (
        <div class="row">
          <JsonFileButton
            label={t('packs.importFile')}
            testId="pack-import"
            onText={async (text) => void (await p.importText(text))}
          />
          {p.importing.value && <span class="hint">{t('common.checking')}</span>}
        </div>
      ) : (
        <p class="hint">{t('packs.notAllowed')}</p>
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
        <span class={`source source-${e.source}`}>{sourceName(e.source)}</span>
        {applied && <span class="state state-on">{t('packs.inUse')}</span>}
        {!e.usable && <span class="state state-bad">{t('packs.unusable')}</span>}
        {e.model && <span class="state">{t('packs.hasModel')}</span>}
      </div>
      {e.errors.length > 0 && (
        <ul class="errors">
          {e.errors.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      )}
      <div class="row actions">
        {e.locked && <span class="locked">{t('common.locked')}</span>}
        {e.source === 'user' && (
          <button type="button" class="secondary" data-testid={`pack-delete-${e.id}`} onClick={() => p.askDelete(e)}>
            {t('common.delete')}
          </button>
        )}
        <button type="button" class="secondary" data-testid={`pack-export-${e.id}`} onClick={() => p.exportEntry(e)}>
          {t('common.export')}
        </button>
      </div>
    </li>
  );
}

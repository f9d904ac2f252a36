import type { Category, Verdict } from '@/rules/verdict';
import { percent as pct, t } from '@/utils/i18n';
import { classLabel } from '@/utils/i18n/labels';
import { usePanel } from './context';

/**
 * The class with its confidence and source, the next two classes as one-click picks, the ask when
 * the class is too unsure to fill, and, when the text reads otherwise, both readings.
 */
function ClassLine({ c }: { c: Category | null }) {
  const p = usePanel();
  if (!c)
    return (
      <div class="class-line" aria-label={t('panel.target.category')}>
        <span class="cls" data-testid="category">
          {t('common.unknownClass')}
        </span>
      </div>
    );
  const others = c.alternatives.filter((a) => a.code !== c.code).slice(0, 2);
  return (
    <div class="class-line" aria-label={t('panel.target.category')} data-code={c.code} data-source={c.source}>
      <span class="cls" title={c.because} data-testid="category">
        {classLabel(c)}
      </span>{' '}
      <span class="conf" data-testid="category-confidence">
        {pct(c.confidence)}
      </span>{' '}
      <span class={`src src-${c.source}`} data-testid="category-source">
        {t(`source.${c.source}`)}
      </span>
      {!c.autoFill && (
        <>
          <span class="ask" data-testid="category-ask">
            {t('panel.askConfirm')}
          </span>
          <button
            type="button"
            class="alt"
            data-code={c.code}
            data-testid="category-confirm"
            title={t('panel.confirmAs', { label: classLabel(c) })}
            onClick={() => void p.pick(c.code)}
          >
            {t('panel.confirm')}
          </button>
        </>
      )}
      {others.map((a) => (
        <button
          key={a.code}
          type="button"
          class="alt"
          data-code={a.code}
          data-testid="category-alt"
          title={t('panel.changeTo', { label: classLabel(a) })}
          onClick={() => void p.pick(a.code)}
        >
          {classLabel(a)} {pct(a.confidence)}
        </button>
      ))}
      {c.disagreement && (
        <p class="disagree" data-testid="disagreement">
          {c.source === 'agent'
            ? t('panel.agentPicked', { label: classLabel(c) })
            : t('panel.crmSays', { label: classLabel(c), because: c.because })}
          {t('panel.readsLike', {
            label: classLabel(c.disagreement),
            pct: pct(c.disagreement.confidence),
            because: c.disagreement.because,
          })}
        </p>
      )}
    </div>
  );
}

/** Kind, class, channel, VIP, tags and risk: each with its "because" one click away. */
export function Summary({ v }: { v: Verdict }) {
  return (
    <section class="summary" aria-label={t('panel.summary')}>
      <div class="chips">
        <span class="chip" title={v.natureBecause} data-testid="nature">
          {t(`nature.${v.nature}`)}
        </span>
        <span class="chip">{t(`channel.${v.channelLevel}`)}</span>
        <span class="chip">{t(v.vip === null ? 'panel.vipUnknown' : v.vip ? 'panel.vip' : 'panel.ordinary')}</span>
        {v.priority && (
          <span class="chip prio" title={v.priorityBecause.join('\n')}>
            {t('panel.priority')}
          </span>
        )}
      </div>
      <ClassLine c={v.category} />
      <div class={`risk risk-${v.risk}`} data-testid="risk">
        <strong>{t(`risk.${v.risk}`)}</strong>
        {v.reportTo.length > 0 && <span>{t('panel.reportTo', { to: v.reportTo.join(t('common.listSep')) })}</span>}
        {v.riskBecause && <p class="because">{v.riskBecause}</p>}
      </div>
      {v.tags.length > 0 && (
        <ul class="tags" data-testid="tags">
          {v.tags.map((t) => (
            <li key={t.code} data-code={t.code}>
              <span class="tag">{t.label}</span>
              <span class="because">{t.because}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="pack" data-testid="pack" data-pack={v.pack}>
        {t('panel.pack', { name: v.packName ?? v.pack })}
        {v.packVersion && ` ${v.packVersion}`}
      </p>
      <details class="why">
        <summary>{t('panel.why')}</summary>
        <p>{t('panel.whyNature', { because: v.natureBecause })}</p>
        <p>{t('panel.whyClass', { because: v.category?.because ?? t('panel.notClassified') })}</p>
        {v.priorityBecause.map((b) => (
          <p key={b}>{t('panel.whyPriority', { because: b })}</p>
        ))}
      </details>
    </section>
  );
}

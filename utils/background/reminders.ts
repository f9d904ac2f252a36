import type { browser as wxtBrowser } from 'wxt/browser';
import { complain } from './complain';
import { createNotification } from './notify';
import type { ClockResult } from '@/rules/verdict';
import type { Store } from '@/utils/db/store';
import type { StoredTicket } from '@/utils/db/types';
import { translate } from '@/utils/i18n/translate';
import { browserLocale, langOf, type Lang } from '@/utils/i18n/language';
import { readSettings } from '@/utils/settings';
import { isReminderId, parseReminderId, planReminders, reminderId, reminderText } from './reminder-plan';

type Browser = typeof wxtBrowser;

/** The store calls reminders make; tests may pass a fake. */
export type ReminderStore = Pick<Store, 'openTickets' | 'getTicket' | 'acknowledge' | 'snooze' | 'markReminded'>;

/**
 * The one alarm: at the earliest reminder point or due time across all open tickets. Chromium
 * holds at most 500 alarms per extension; one per clock ran out at a couple of hundred tickets.
 */
export const REMIND_ALARM = 'remind-next';
// What the one-alarm-per-clock version named its alarms; an update may leave them behind.
const isOldAlarm = (name: string) => name === 'badge' || isReminderId(name);
const SNOOZE_MINUTES = [15, 60];
/**
 * More reminders due at once than this (a browser opened after a weekend, a lead's long list)
 * become one summary that opens the worklist, instead of a wall of notifications.
 */
export const SUMMARY_OVER = 3;
export const SUMMARY_ID = 'sidekick-summary';
const BADGE_COLOR = '#c5221f';

/**
 * Reminders for open clocks, planned from the store: alarms are not promised to survive a browser
 * or worker restart, so the store, not the alarm list, is the truth. Each rebuild counts overdue
 * clocks for the toolbar badge, arms one alarm for the next moment anything changes, and shows at
 * once every reminder whose point has passed (say, while the browser was closed), recording it.
 */
export function createReminders({
  browser,
  store,
  now = Date.now,
}: {
  browser: Browser;
  store: ReminderStore;
  now?: () => number;
}) {
  /**
   * A notification that stays until the agent acts on it (Firefox has neither such notifications nor
   * the snooze buttons: it shows a plain one); one the system refuses is logged, not thrown.
   */
  const notify = (id: string, content: { title: string; message: string; buttons?: { title: string }[] }) =>
    createNotification(browser, id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon-128.png'),
      requireInteraction: true,
      priority: 2,
      ...content,
    }).catch(complain('无法显示提醒'));

  async function show(t: StoredTicket, c: ClockResult, at: number, lang: Lang) {
    const { title, message } = reminderText(t, c, at, lang);
    await notify(reminderId(t.key, c.code), {
      title,
      message,
      buttons: SNOOZE_MINUTES.map((m) => ({
        title:
          m < 60
            ? translate(lang, 'notify.snoozeMinutes', { n: m })
            : translate(lang, 'notify.snoozeHours', { n: m / 60 }),
      })),
    });
    // Recorded even when the system refused to show it, or every rebuild would try again.
    await store.markReminded(t.key, c.code, at, title);
  }

  async function showSummary(due: { ticket: StoredTicket; clock: ClockResult }[], at: number, lang: Lang) {
    const lines = due.slice(0, 4).map(({ ticket, clock }) => reminderText(ticket, clock, at, lang).title);
    await notify(SUMMARY_ID, {
      title: translate(lang, 'notify.summaryTitle', { n: due.length }),
      message: `${lines.join('\n')}${due.length > lines.length ? translate(lang, 'notify.summaryMore', { n: due.length }) : ''}`,
    });
    for (const { ticket, clock } of due)
      await store
        .markReminded(ticket.key, clock.code, at, `汇总提醒：${clock.label}`)
        .catch(complain(`无法记录工单 ${ticket.key} 的提醒`));
  }

  async function setBadge(overdue: number) {
    await browser.action.setBadgeText({ text: overdue === 0 ? '' : overdue > 99 ? '99+' : String(overdue) });
    await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  }

  async function arm(wake: number | null) {
    // A copy: clearing must not shift a list that may be the API's own (the test fake's is).
    const have = [...(await browser.alarms.getAll())];
    for (const a of have) if (isOldAlarm(a.name)) await browser.alarms.clear(a.name);
    // Left alone when already right: every ticket the agent reads reschedules.
    if (wake === null) await browser.alarms.clear(REMIND_ALARM);
    else if (have.find((a) => a.name === REMIND_ALARM)?.scheduledTime !== wake)
      await browser.alarms.create(REMIND_ALARM, { when: wake });
  }

  async function rebuild() {
    // The centre's policy may set the reminder points before a due time (settings.remindBefore), and
    // the language the reminders speak (utils/i18n), read afresh: a worker just woken knows neither.
    const settings = await readSettings(browser).catch((e: unknown) => void complain('读取提醒设置失败')(e));
    const before = settings?.values.remindBefore;
    const lang = langOf(settings?.values.language ?? 'auto', browserLocale(browser));
    const at = now();
    const plan = planReminders(await store.openTickets(), at, before);
    for (const { key, error } of plan.failed) complain(`无法安排工单 ${key} 的提醒`)(error);
    // Each step fails alone: a refused badge or alarm costs neither the other nor the reminders.
    await setBadge(plan.overdue).catch(complain('无法更新工具栏计数'));
    // Armed before showing, so a worker stopped halfway through many reminders still wakes again.
    await arm(plan.wake).catch(complain('无法设置提醒闹钟'));
    if (plan.due.length > SUMMARY_OVER) await showSummary(plan.due, at, lang);
    else
      for (const { ticket, clock } of plan.due)
        await show(ticket, clock, at, lang).catch(complain(`无法记录工单 ${ticket.key} 的提醒`));
  }

  // Rebuilds run one at a time; calls while one waits to start share it.
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  function reschedule(): Promise<void> {
    queued ??= running.then(() => {
      queued = null;
      return rebuild().catch(complain('提醒重排失败'));
    });
    running = queued;
    return queued;
  }

  async function onClicked(id: string) {
    if (id === SUMMARY_ID) {
      await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
      await browser.notifications.clear(id);
      return;
    }
    const r = parseReminderId(id);
    if (!r) return;
    const t = await store.getTicket(r.key);
    if (t) await browser.tabs.create({ url: t.url });
    await browser.notifications.clear(id);
  }

  async function onButtonClicked(id: string, index: number) {
    const r = parseReminderId(id);
    const minutes = SNOOZE_MINUTES[index];
    if (!r || minutes === undefined) return;
    const at = now();
    await store.snooze(r.key, r.code, at + minutes * 60_000, at);
    await browser.notifications.clear(id);
    await reschedule();
  }

  // Only the agent closing it means "seen"; ours (after a click, or a newer reminder) do not.
  async function onClosed(id: string, byUser: boolean) {
    const r = parseReminderId(id);
    if (!r || !byUser) return;
    await store.acknowledge(r.key, r.code, now());
    await reschedule();
  }

  const guard =
    <A extends unknown[]>(what: string, f: (...a: A) => Promise<unknown>) =>
    (...a: A) =>
      f(...a).catch(complain(what));
  // An alarm only wakes us: the store says what is due now.
  const onAlarm = guard('提醒处理失败', async ({ name }: { name: string }) => {
    if (name === REMIND_ALARM) await reschedule();
  });
  const handlers = {
    onAlarm,
    onClicked: guard('打开工单失败', onClicked),
    onButtonClicked: guard('稍后提醒失败', onButtonClicked),
    onClosed: guard('确认提醒失败', onClosed),
  };

  return {
    reschedule,
    ...handlers,
    /** Listen (synchronously, as MV3 requires) and rebuild: the worker has just started. */
    listen(): Promise<void> {
      // Chrome starts a worker at browser start or after an update only for a listener of these;
      // without them a lost alarm would wait for the agent's next CRM page.
      browser.runtime.onStartup.addListener(() => void reschedule());
      browser.runtime.onInstalled.addListener(() => void reschedule());
      browser.alarms.onAlarm.addListener(handlers.onAlarm);
      browser.notifications.onClicked.addListener(handlers.onClicked);
      browser.notifications.onButtonClicked.addListener(handlers.onButtonClicked);
      browser.notifications.onClosed.addListener(handlers.onClosed);
      // Other reminder points from the policy (settings.remindBefore): the next alarm moves.
      browser.storage.onChanged.addListener((_changes, area) => {
        if (area === 'managed') void reschedule();
      });
      return reschedule();
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;

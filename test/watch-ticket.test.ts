// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { watchTicket } from '../utils/content/watch-ticket';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the ticket watcher', () => {
  let calls = 0;
  let controller: AbortController;
  beforeEach(() => {
    calls = 0;
    controller = new AbortController();
    document.body.innerHTML =
      '<div id="clock">09:00:00</div><div id="app"><div id="ticket"><span id="status">处理中</span></div></div><table id="history"></table>';
    watchTicket(
      () => document.querySelector('#ticket'),
      () => calls++,
      controller.signal,
    );
  });

  it('wakes on a change inside the ticket area', async () => {
    document.querySelector('#status')!.textContent = '已结单';
    await settle();
    expect(calls).toBe(1);
  });

  it('ignores a ticking clock and a growing table elsewhere on the page', async () => {
    for (let i = 0; i < 5; i++) {
      document.querySelector('#clock')!.textContent = `09:00:0${i}`;
      document.querySelector('#history')!.append(document.createElement('tr'));
      await settle();
    }
    expect(calls).toBe(0);
  });

  it('follows a ticket area the page re-renders, and stops when aborted', async () => {
    const fresh = document.createElement('div');
    fresh.id = 'ticket';
    fresh.innerHTML = '<span id="status">新工单</span>';
    document.querySelector('#ticket')!.replaceWith(fresh);
    await settle();
    expect(calls).toBe(1);
    fresh.querySelector('#status')!.textContent = '已派单';
    await settle();
    expect(calls).toBe(2);
    controller.abort();
    fresh.querySelector('#status')!.textContent = '已结单';
    await settle();
    expect(calls).toBe(2);
  });
});

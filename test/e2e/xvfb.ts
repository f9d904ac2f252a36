import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

// Chrome's prompt for host access (chrome.permissions.request) is browser UI: in headless Chromium
// it shows where nobody can answer it and the promise never settles. Under a virtual X display
// (Xvfb) Chromium runs headful, and xdotool answers the prompt as an agent would, with the keyboard.

const run = promisify(execFile);

/** What is missing to answer Chrome's prompts here (Xvfb, xdotool), or null when both are present. */
export function xvfbMissing(): string | null {
  const missing = ['Xvfb', 'xdotool'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);
  return missing.length
    ? `${missing.join(' and ')} not installed (Debian: apt-get install xvfb xdotool; .ci/setup does)`
    : null;
}

export interface VirtualDisplay {
  /** ":N", for DISPLAY. */
  display: string;
  /** Press keys on this display (xdotool key names: "Tab", "Return", "Escape"), one after another. */
  key(...keys: string[]): Promise<void>;
  /** The name of the window that has the keyboard focus now, or '' when none has. */
  activeWindowName(): Promise<string>;
  /** Stop the server (idempotent); also done when this process exits. */
  close(): Promise<void>;
}

/**
 * Start `Xvfb -displayfd` on a display number it finds free itself (never one another session
 * uses), 1280×900, 24 bits. The server is this process's child: `close()` ends it, and so does
 * this process's exit, whatever happened before.
 */
export async function startXvfb(): Promise<VirtualDisplay> {
  const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const kill = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  };
  process.once('exit', kill);
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb gave no display number in 10 s: ${stderr.trim()}`)), 10_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      kill();
      reject(e);
    };
    proc.once('error', (e) => fail(new Error(`cannot start Xvfb: ${e.message}`)));
    proc.once('exit', (code, signal) => fail(new Error(`Xvfb stopped (${signal ?? code}): ${stderr.trim()}`)));
    proc.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const display = `:${number}`;
  const env = { ...process.env, DISPLAY: display };
  const closed = new Promise<void>((r) =>
    proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r()),
  );
  return {
    display,
    async key(...keys) {
      await run('xdotool', ['key', '--delay', '80', ...keys], { env });
    },
    async activeWindowName() {
      return run('xdotool', ['getactivewindow', 'getwindowname'], { env }).then(
        (r) => r.stdout.trim(),
        () => '',
      );
    },
    async close() {
      process.removeListener('exit', kill);
      kill();
      // SIGKILL if it does not go within 3 s.
      const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await closed;
      clearTimeout(t);
    },
  };
}

/** The part of a Playwright page this file uses (playwright-core's Page fits). */
interface PromptPage {
  evaluate<R>(fn: () => R): Promise<R>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Answer 「允许」 to the Chrome prompt a click on `page` has just opened (chrome.permissions.request),
 * with the keyboard on `x`, as an agent would: Tab from 「拒绝」 (focused first) to 「允许」, then
 * Return. The prompt is drawn inside the browser window, with no X window of its own, and nothing
 * says when it is up; keys sent before it is reach the page instead. So the page swallows Tab and
 * Return while this runs and counts them: keys the page saw mean no prompt yet, and they are sent
 * again a moment later. `granted` tells when the answer has arrived (e.g. permissions.contains).
 * Throws when no prompt showed up within `timeoutMs`, or it took Return without Tab (then it was
 * answered 「拒绝」).
 */
export async function allowPrompt(
  x: VirtualDisplay,
  page: PromptPage,
  granted: () => Promise<boolean>,
  opts: { firstWaitMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  await page.evaluate(() => {
    const w = window as unknown as { __promptKeys?: string[] };
    if (w.__promptKeys) return;
    const seen: string[] = (w.__promptKeys = []);
    addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Tab' && e.key !== 'Enter') return;
        e.preventDefault();
        e.stopImmediatePropagation();
        seen.push(e.key);
      },
      true,
    );
  });
  const seen = () => page.evaluate(() => (window as unknown as { __promptKeys: string[] }).__promptKeys.splice(0));
  await sleep(opts.firstWaitMs ?? 1500);
  for (;;) {
    await seen();
    await x.key('Tab', 'Return');
    for (const until = Date.now() + 2500; Date.now() < until; await sleep(100)) if (await granted()) return;
    const keys = await seen();
    if (keys.length === 0) throw new Error('the prompt took Tab and Return but nothing was granted');
    if (keys.length === 1)
      throw new Error('the prompt appeared between Tab and Return and took Return: it was answered 拒绝');
    if (Date.now() > deadline) throw new Error(`no Chrome prompt appeared in ${opts.timeoutMs ?? 20_000} ms`);
    await sleep(500);
  }
}

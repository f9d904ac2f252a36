import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// happy-dom's WebSocket client (Node 20 has none without a flag).
import WebSocket from 'ws';
import { EXTENSION_DIR } from './browser';

// Debian's Firefox ESR with the Firefox build, driven over WebDriver BiDi, which Firefox speaks
// natively. Playwright cannot drive it: its own Firefox is a patched build it downloads, and its
// BiDi path (channel "moz-firefox") sends commands Firefox 153 ESR lacks (emulation.setMediaFeaturesOverride).
// So this is a small BiDi client of its own: install the build as a temporary add-on, navigate,
// evaluate in a page, and, with system access, in the browser window (the sidebar's state).

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = resolve(EXTENSION_DIR, '../firefox-mv3');

/** Why Firefox cannot run here, or null. */
export function firefoxMissing(): string | null {
  return spawnSync(FIREFOX, ['--version']).status === 0
    ? null
    : `${FIREFOX} not installed (Debian: apt-get install firefox-esr; .ci/setup does)`;
}

export interface BidiFirefox {
  /** One BiDi command; rejects with the browser's error. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** An expression's value (awaited, as JSON) in a browsing context: a page or frame, or the browser window's chrome. */
  evaluate<T = unknown>(context: string, expression: string): Promise<T>;
  /** Firefox's console lines so far (the extension's background and pages log there: devtools.console.stdout.content). */
  output: string[];
  close(): Promise<void>;
}

/** Firefox ESR on `display` (headful: keys pressed there reach it) in a throw-away profile. */
export async function launchFirefox(display: string): Promise<BidiFirefox> {
  const profile = mkdtempSync(join(tmpdir(), 'sidekick-firefox-'));
  writeFileSync(
    join(profile, 'user.js'),
    [
      // Extension pages log as content: the background's console lines reach stdout with this.
      'user_pref("devtools.console.stdout.content", true);',
      'user_pref("browser.shell.checkDefaultBrowser", false);',
      'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    ].join('\n'),
  );
  const proc = spawn(
    FIREFOX,
    ['--remote-debugging-port', '0', '--remote-allow-system-access', '--profile', profile, '--no-remote'],
    { env: { ...process.env, DISPLAY: display, HOME: process.env.HOME ?? profile }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const kill = () => proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL');
  process.once('exit', kill);
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`Firefox gave no BiDi address in 30 s:\n${output.join('\n')}`)),
      30_000,
    );
    const read = (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line.trim()) output.push(line);
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.once('exit', (code) => rej(new Error(`Firefox stopped (${code}):\n${output.join('\n')}`)));
  });
  const ws = new WebSocket(`${url}/session`);
  await new Promise((res, rej) => ws.once('open', res).once('error', rej));
  let next = 0;
  const waiting = new Map<
    number,
    (reply: { error?: string; message?: string; result?: Record<string, unknown> }) => void
  >();
  ws.on('message', (data) => {
    const reply = JSON.parse(String(data)) as {
      id?: number;
      error?: string;
      message?: string;
      result?: Record<string, unknown>;
    };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((res, rej) => {
      const id = ++next;
      waiting.set(id, (r) => (r.error ? rej(new Error(`${method}: ${r.error}: ${r.message}`)) : res(r.result ?? {})));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: {} });
  return {
    send,
    async evaluate<T>(context: string, expression: string) {
      // As JSON: BiDi would answer an object or array as its own remote values.
      const r = (await send('script.evaluate', {
        expression: `(async () => JSON.stringify(await (${expression})))()`,
        target: { context },
        awaitPromise: true,
      })) as { type: string; result?: { value?: string }; exceptionDetails?: { text: string } };
      if (r.type === 'exception') throw new Error(`${expression}: ${r.exceptionDetails?.text}`);
      const json = r.result?.value;
      return (json === undefined ? undefined : JSON.parse(json)) as T;
    },
    output,
    async close() {
      ws.close();
      proc.kill('SIGTERM');
      const t = setTimeout(kill, 3000);
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r(null) : proc.once('exit', r)));
      clearTimeout(t);
      process.removeListener('exit', kill);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

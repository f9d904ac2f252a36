import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'triage-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
function triage(args: string[], stdin: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'rules/cli/triage.ts', ...args], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { status: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

const ticket = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, acceptedAt: '2026-11-28 09:00', channel: '10000号', customerLevel: '3星', customerPhone: '133****5678', title: '宽带网速慢', text: '投诉晚上网速慢', ...extra });

describe('triage CLI', () => {
  it('writes one verdict per ticket line in input order, an error object in place of a bad line, and exits 1', () => {
    const r = triage(['--now', '2026-11-28 10:00'], [ticket('A'), 'not json', '[1]', '{"id":{"x":1}}', ticket('B')].join('\n'));
    expect(r.status).toBe(1);
    expect(r.lines.map((l) => l.id ?? `line ${String(l.line)}`)).toEqual(['A', 'line 2', 'line 3', 'line 4', 'B']);
    expect(r.lines[1]!.error).toMatch(/^not JSON/);
    expect(r.lines[2]!.error).toMatch(/^not a ticket/);
    expect(r.lines[3]!.error).toMatch(/^not a ticket: id/);
    const clocks = r.lines[0]!.clocks as { code: string; dueAt: string; state: string }[];
    expect(clocks.find((c) => c.code === 'resolve')).toMatchObject({ dueAt: '2026-11-29T09:00:00+08:00', state: 'running' });
  });

  it('exits 0 when every line is a ticket, and takes --history for the repeat tag', () => {
    const history = file('h.jsonl', `${ticket('H', { acceptedAt: '2026-11-20 09:00', closedAt: '2026-11-21 09:00' })}\n`);
    const r = triage(['--history', history, '--now', '2026-11-28T10:00:00+08:00'], ticket('A'));
    expect(r.status).toBe(0);
    const tags = r.lines[0]!.tags as { code: string; kind?: string }[];
    expect(tags.find((t) => t.code === 'repeat')).toMatchObject({ kind: 'after-close' });
  });

  it('takes a pack by name or file, and refuses a bad pack with every problem by path', () => {
    expect(triage(['--pack', 'tianyi-space', '--now', '2026-11-28 10:00'], ticket('A')).lines[0]!.pack).toBe('tianyi-space');
    const bad = file('bad.json', JSON.stringify({ id: 'x' }));
    const r = triage(['--pack', bad], ticket('A'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refused');
    expect(r.stderr).toMatch(/clocks: /);
    expect(triage(['--pack', 'nope'], '').stderr).toContain('no pack named "nope"');
  });

  it('refuses an unreadable --now instead of guessing', () => {
    const r = triage(['--now', 'tomorrow'], ticket('A'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--now');
  });
});

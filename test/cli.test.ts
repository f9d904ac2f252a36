import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPack } from '../rules/packs';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'triage-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
function run(tool: string, args: string[], stdin: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', `rules/cli/${tool}.ts`, ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
  });
}
function triage(args: string[], stdin: string) {
  const r = run('triage', args, stdin);
  return {
    status: r.status,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: r.stderr,
  };
}
// Each call starts a Node process that compiles TypeScript: seconds on a busy machine.
const SLOW = { timeout: 60_000 };
// Bad-input cases break the pack's and the output's shape on purpose, so they work on untyped copies.
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const ticket = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    acceptedAt: '2026-11-28 09:00',
    channel: '10000号',
    customerLevel: '3星',
    customerPhone: '133****5678',
    title: '宽带网速慢',
    text: '投诉晚上网速慢',
    ...extra,
  });

describe('triage CLI', SLOW, () => {
  it('writes one verdict per ticket line in input order, an error object in place of a bad line, and exits 1', () => {
    const r = triage(
      ['--now', '2026-11-28 10:00'],
      [ticket('A'), 'not json', '[1]', '{"id":{"x":1}}', ticket('B')].join('\n'),
    );
    expect(r.status).toBe(1);
    expect(r.lines.map((l) => l.id ?? `line ${String(l.line)}`)).toEqual(['A', 'line 2', 'line 3', 'line 4', 'B']);
    expect(r.lines[1]!.error).toMatch(/^not JSON/);
    expect(r.lines[2]!.error).toMatch(/^not a ticket/);
    expect(r.lines[3]!.error).toMatch(/^not a ticket: id/);
    const clocks = r.lines[0]!.clocks as { code: string; dueAt: string; state: string }[];
    expect(clocks.find((c) => c.code === 'resolve')).toMatchObject({
      dueAt: '2026-11-29T09:00:00+08:00',
      state: 'running',
    });
  });

  it('exits 0 when every line is a ticket, and takes --history for the repeat tag', () => {
    const history = file(
      'h.jsonl',
      `${ticket('H', { acceptedAt: '2026-11-20 09:00', closedAt: '2026-11-21 09:00' })}\n`,
    );
    const r = triage(['--history', history, '--now', '2026-11-28T10:00:00+08:00'], ticket('A'));
    expect(r.status).toBe(0);
    const tags = r.lines[0]!.tags as { code: string; kind?: string }[];
    expect(tags.find((t) => t.code === 'repeat')).toMatchObject({ kind: 'after-close' });
  });

  it('takes a pack by name or file, and refuses a bad pack with every problem by path', () => {
    expect(triage(['--pack', 'tianyi-space', '--now', '2026-11-28 10:00'], ticket('A')).lines[0]!.pack).toBe(
      'tianyi-space',
    );
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

const labelled = readFileSync(join(ROOT, 'test/fixtures/labelled/china-telecom.jsonl'), 'utf8');

describe('train and eval CLIs', SLOW, () => {
  it('trains a model, counting every line that taught nothing by its reason, and triage applies it', () => {
    const bad = [
      'not json',
      '[1]',
      JSON.stringify({ text: '宽带断了' }),
      JSON.stringify({ text: '网速慢', label: '不存在类' }),
      JSON.stringify({ label: '费用争议类' }),
    ];
    const r = run('train', [], [labelled, ...bad].join('\n'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('357 labelled tickets read');
    expect(r.stderr).toContain('1 skipped: not JSON\n');
    expect(r.stderr).toContain('1 skipped: not a JSON object');
    expect(r.stderr).toContain('1 skipped: no class (neither label nor categoryPath)');
    expect(r.stderr).toContain('1 skipped: label names no class of the pack');
    expect(r.stderr).toContain('1 skipped: no text');
    const model = file('model.json', r.stdout);
    const t = JSON.stringify({
      id: 'X',
      title: '拆机后预存款一直没退',
      text: '用户称10月已办理宽带拆机，预存款150元至今未退回，要求尽快退还。',
    });
    const v = triage(['--model', model, '--now', '2026-11-28 10:00'], t).lines[0]!;
    expect(v.category).toMatchObject({ code: 'cancellation', source: 'model' });
  });

  it('refuses a model made for another pack or version, and exits 1 when nothing was learned', () => {
    const r = run('train', [], labelled);
    const other = file(
      'other.json',
      r.stdout.replace(`"version":"${getPack('china-telecom')!.version}"`, '"version":"2025.01"'),
    );
    const refused = triage(['--model', other], '{}');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('made for version 2025.01');
    expect(triage(['--pack', 'tianyi-space', '--model', file('m.json', r.stdout)], '{}').stderr).toContain(
      'made for pack "china-telecom"',
    );
    const none = run('train', [], 'not json\n');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing was learned');
  });

  it('cross-validates: rules against learned, the threshold table and a confusion table', () => {
    const r = run('eval', ['--folds', '3', '--json'], labelled);
    expect(r.status).toBe(0);
    const cv = JSON.parse(r.stdout) as {
      folds: number;
      rules: { top1: number; top3: number };
      learned: { top1: number; top3: number; tickets: number; confusion: Record<string, Record<string, number>> };
    };
    expect(cv.folds).toBe(3);
    expect(cv.learned.tickets).toBe(357);
    expect(cv.learned.top1).toBeGreaterThan(cv.rules.top1);
    expect(cv.learned.top3).toBeGreaterThanOrEqual(cv.learned.top1);
    const counted = Object.values(cv.learned.confusion)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(counted).toBe(357);
    expect(run('eval', ['--folds', '1'], labelled).status).toBe(2);
  });
});

/** Like run, without waiting: the probes below start their processes together. */
function start(
  tool: string,
  args: string[],
  stdin: string | Buffer,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `rules/cli/${tool}.ts`, ...args], { cwd: ROOT });
    let stdout = '',
      stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); // a tool that exits before reading its input
    child.stdin.end(stdin);
  });
}

describe('never a stack trace, never a hang: bad files and bad input', SLOW, () => {
  const pack = JSON.parse(readFileSync(join(ROOT, 'rules/packs/china-telecom.json'), 'utf8')) as Loose;
  const packFile = (name: string, mutate: (p: Loose) => void, wrap = (json: string) => json) => {
    const p = structuredClone(pack);
    mutate(p);
    return file(name, wrap(JSON.stringify(p)));
  };
  // JSON.stringify itself recurses, so the deep chain is written as text.
  const deep = packFile(
    'deep.json',
    (p) => (p.priority[0].when = '@@'),
    (json) => json.replace('"@@"', `${'{"not":'.repeat(20_000)}{"fact":"content","anyOf":["x"]}${'}'.repeat(20_000)}`),
  );
  const huge = packFile('huge.json', (p) => (p.clocks[0].limit = { basis: 'hours', amount: 1e308 }));
  const evil = packFile('evil.json', (p) => (p.tags[1].when.any[1].matches = '^(a+)+$'));
  const bom = packFile(
    'bom.json',
    (p) => (p.id = 'bom-pack'),
    (json) => `\uFEFF${json}`,
  );
  const latin1 = file('latin1.json', '');
  writeFileSync(latin1, Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xe9]), Buffer.from('"}')]));
  const history = file(
    'bom-history.jsonl',
    `\uFEFF${ticket('H', { acceptedAt: '2026-11-20 09:00', closedAt: '2026-11-21 09:00' })}\r\n`,
  );
  const badHistory = file('bad-history.jsonl', '');
  writeFileSync(
    badHistory,
    Buffer.concat([Buffer.from(`${ticket('H')}\n{"id":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]),
  );
  const missing = join(dir, 'no-such-file.json');
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal/);

  it('refuses bad pack, calendar, model and history files with exit 2 and the file or path, in one line of reasons', async () => {
    const probes: [string[], RegExp][] = [
      [
        ['--pack', deep],
        /^triage: pack .*deep\.json refused:\n {2}priority\.0\.when(\.not){32}: conditions nest deeper than 32 levels/,
      ],
      [['--pack', huge], /clocks\.0\.limit\.amount: at most 9600 hours \(400 days\)/],
      [
        ['--pack', evil],
        /tags\.1\.when\.any\.1\.matches: catastrophic backtracking: matching can take exponential time/,
      ],
      [['--pack', missing], /^triage: cannot read pack .*no-such-file\.json: ENOENT/],
      [['--pack', latin1], /^triage: cannot read pack .*latin1\.json: invalid UTF-8/],
      [['--calendar', missing], /^triage: cannot read calendar .*no-such-file\.json: ENOENT/],
      [['--model', missing], /^triage: cannot read model .*no-such-file\.json: ENOENT/],
      [['--history', missing], /^triage: cannot read history .*no-such-file\.json: ENOENT/],
      [['--history', badHistory], /^triage: history .*bad-history\.jsonl line 2: invalid UTF-8/],
    ];
    const results = await Promise.all(probes.map(([args]) => start('triage', args, ticket('A'))));
    results.forEach((r, i) => {
      expect(r.stderr).toMatch(probes[i]![1]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
    });
  });

  it('reads UTF-8 with a byte-order mark everywhere, and reports a line that is not UTF-8 by its number', async () => {
    const stdin = Buffer.concat([
      Buffer.from(`\uFEFF${ticket('A')}\r\n`),
      Buffer.from('{"id":"'),
      Buffer.from([0xc3, 0x28]), // not UTF-8
      Buffer.from('"}\n'),
      Buffer.from(`${ticket('C', { acceptedAt: '9999-12-31 23:59' })}\n`),
      Buffer.from(`${ticket('D', { acceptedAt: 8.64e15 + 1 })}`),
    ]);
    const labelled = Buffer.concat([
      Buffer.from(`${JSON.stringify({ text: '宽带网速慢', label: '网络质量类' })}\n`),
      Buffer.from([0xff, 0x0a]),
      Buffer.from('not json\n'),
    ]);
    const [t, withBomPack, train, evalRun] = await Promise.all([
      start('triage', ['--history', history, '--now', '2026-11-28 10:00'], stdin),
      start('triage', ['--pack', bom, '--now', '2026-11-28 10:00'], ticket('A')),
      start('train', [], labelled),
      start('eval', ['--pack', missing], ''),
    ]);
    const lines = t.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, Loose>);
    expect(t.status).toBe(1);
    expect(lines.map((l) => l.id ?? l.line)).toEqual(['A', 2, 'C', 'D']);
    expect(lines[1]).toEqual({ line: 2, error: 'invalid UTF-8' });
    expect(lines[0]!.tags.find((x: { code: string }) => x.code === 'repeat')).toMatchObject({ kind: 'after-close' });
    for (const l of [lines[2]!, lines[3]!]) {
      expect(l.unknown.find((u: { field: string }) => u.field === 'acceptedAt').because).toMatch(/2000–2100/);
      expect(JSON.stringify(l)).not.toMatch(/NaN/);
    }
    noStack(t.stderr);
    expect(JSON.parse(withBomPack.stdout).pack).toBe('bom-pack');
    expect(train.status).toBe(0);
    expect(train.stderr).toContain('train: 1 skipped: invalid UTF-8\n');
    expect(train.stderr).toContain('train: 1 skipped: not JSON\n');
    expect(evalRun.status).toBe(2);
    expect(evalRun.stderr).toMatch(/^eval: cannot read pack .*no-such-file\.json: ENOENT/);
  });
});

// The Node face of the engine (the only place under rules/ that may touch process and files):
// JSON Lines of tickets in, one verdict per line out, in input order.
import './guard'; // first: errors while the modules below load are reported too
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCalendar } from '../calendar/schema';
import { provisionalYear } from '../calendar/statutory';
import { compileCalendars } from '../calendar/work-calendar';
import calendarData from '../calendar/cn-holidays.json';
import { evaluate } from '../engine/evaluate';
import { indexHistory } from '../engine/history';
import { failer, fileLines, jsonLines, loadModel, loadPack, PACK_HELP, readJson, runMain, type Line } from './io';
import { TicketSchema } from '../ticket-schema';
import { parseCrmTime } from '../time/parse';

const USAGE = `usage: npm run --silent triage -- [--pack NAME|FILE] [--model FILE] [--history FILE.jsonl] [--calendar FILE.json]... [--now TIME] < tickets.jsonl
  --pack      ${PACK_HELP}
  --model     a class model made for that pack by npm run train
  --history   earlier tickets, one JSON object per line, for repeat/group/escalated tags
  --calendar  extra holiday notices (same format as rules/calendar/cn-holidays.json), e.g. next year's
  --now       the time verdicts are judged at; default the current time (no offset = Asia/Shanghai)`;

const fail: (message: string) => never = failer('triage');

function loadHistory(file: string): unknown[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    fail(`cannot read history ${file}: ${(e as Error).message}`);
  }
  return fileLines(bytes).map((line) => {
    const t = ticketOf(line);
    return 'error' in t ? fail(`history ${file} line ${line.n}: ${t.error}`) : t.ticket;
  });
}

function ticketOf(line: Line): { ticket: unknown } | { error: string } {
  if ('error' in line) return line;
  const data = line.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { error: 'not a ticket: expected a JSON object' };
  const r = TicketSchema.safeParse(data);
  if (!r.success)
    return { error: `not a ticket: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { ticket: r.data };
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        pack: { type: 'string', default: 'china-telecom' },
        model: { type: 'string' },
        history: { type: 'string' },
        calendar: { type: 'string', multiple: true, default: [] },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const pack = loadPack(args.pack, fail);
  const model = args.model === undefined ? null : loadModel(args.model, pack, fail);
  const calendars = [calendarData, ...args.calendar.map((f) => readJson(f, 'calendar', fail))].map((d, i) => {
    const r = parseCalendar(d);
    if (!r.ok) fail(`calendar ${args.calendar[i - 1] ?? 'bundled'} refused:\n  ${r.errors.join('\n  ')}`);
    return r.calendar;
  });
  // As the extension: the notices, and for a year none covers the provisional statutory calendar.
  const calendar = compileCalendars(calendars, provisionalYear);
  let now = Date.now();
  if (args.now !== undefined) {
    const p = parseCrmTime(args.now);
    if (!p.ok) fail(`--now: ${p.reason}`);
    now = p.ms;
  }
  const history = indexHistory(args.history ? loadHistory(args.history) : [], pack, model);

  let bad = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  };
  for await (const line of jsonLines()) {
    const t = ticketOf(line);
    let verdict: string | null = null;
    let error = 'error' in t ? t.error : null;
    if (!('error' in t)) {
      // One ticket the engine cannot judge is a bad line, not the end of the run.
      try {
        verdict = JSON.stringify(evaluate(t.ticket, pack, history, now, { calendar, model }));
      } catch (e) {
        error = `cannot judge this ticket: ${(e as Error).message}`;
      }
    }
    if (verdict === null) {
      bad++;
      out.push(JSON.stringify({ line: line.n, error }));
    } else out.push(verdict);
    if (out.length >= 256) flush();
  }
  flush();
  if (bad) process.exitCode = 1;
}

runMain('triage', main);

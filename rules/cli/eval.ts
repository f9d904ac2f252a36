// k-fold cross-validation of the class model on a centre's own labelled tickets, so the centre
// can see how often it is right and choose its auto-fill threshold from its own data.
import './guard'; // first: errors while the modules below load are reported too
import { parseArgs } from 'node:util';
import { crossValidate, type CrossValidation, type Scores } from '../classifier/crossval';
import { FEATURE_KINDS, type FeatureKind } from '../classifier/features';
import { failer, loadPack, PACK_HELP, runMain } from './io';
import { readLabelledInput, report } from './labelled';

const USAGE = `usage: npm run --silent eval -- [--pack NAME|FILE] [--folds 5] [--features ${FEATURE_KINDS.join('|')}|all] [--threshold 0.9] [--json] < labelled.jsonl
  the same lines as npm run train takes
  --pack       ${PACK_HELP}
  --folds      how many parts; each is classified by a model trained on the others (default 5)
  --features   text features to compare (default the pack's; all = every kind)
  --threshold  the auto-fill threshold to report on (default the pack's)
  --json       one JSON object per feature kind instead of the tables`;

const fail: (message: string) => never = failer('eval');
const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function table(r: CrossValidation): string {
  const row = (name: string, s: Scores) => {
    const at = s.atThreshold.find((a) => a.threshold === r.threshold)!;
    return `${name.padEnd(8)} ${pct(s.top1)} ${pct(s.top3)} ${pct(s.unclassified)}  ${pct(at.coverage)} ${pct(at.precision)}  ${pct(s.calibrationError)} ${pct(s.lineTop1)}`;
  };
  const out = [
    `pack ${r.pack}, features ${r.features}, ${r.folds}-fold, ${r.learned.tickets} tickets (${r.learned.lineTickets} with a handling line)`,
    `         top-1   top-3   no class  filled@${r.threshold} right    calib.  line top-1`,
    row('rules', r.rules),
    row('learned', r.learned),
    '',
    'learned, by auto-fill threshold: coverage (share filled) / precision (share of those right)',
    ...r.learned.atThreshold.map((a) => `  ≥ ${a.threshold.toFixed(2)}  ${pct(a.coverage)} / ${pct(a.precision)}`),
    '',
    'learned, confusion (rows: true class, columns: predicted; "-" = no class)',
  ];
  const codes = Object.keys(r.learned.confusion).sort();
  const cols = [...new Set([...codes, ...Object.values(r.learned.confusion).flatMap((c) => Object.keys(c))])].sort();
  const w = Math.max(...cols.map((c) => c.length), 4);
  out.push(`${''.padEnd(16)}${cols.map((c) => (c || '-').slice(0, w).padStart(w + 1)).join('')}`);
  for (const t of codes)
    out.push(`${t.padEnd(16)}${cols.map((c) => String(r.learned.confusion[t]![c] ?? 0).padStart(w + 1)).join('')}`);
  if (r.coldTemperature !== null)
    out.push('', `the pack's words alone are calibrated at coldTemperature ${r.coldTemperature} on these tickets`);
  return out.join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        pack: { type: 'string', default: 'china-telecom' },
        folds: { type: 'string', default: '5' },
        features: { type: 'string' },
        threshold: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) return void process.stdout.write(USAGE + '\n');
  const folds = Number(args.folds);
  if (!Number.isInteger(folds) || folds < 2 || folds > 50) fail('--folds: a whole number from 2 to 50');
  const threshold = args.threshold === undefined ? undefined : Number(args.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) fail('--threshold: a number from 0 to 1');
  const kinds: (FeatureKind | undefined)[] =
    args.features === 'all'
      ? [...FEATURE_KINDS]
      : args.features === undefined
        ? [undefined]
        : (FEATURE_KINDS as readonly string[]).includes(args.features)
          ? [args.features as FeatureKind]
          : fail(`--features: one of ${FEATURE_KINDS.join(', ')}, all`);
  const pack = loadPack(args.pack, fail);
  const input = await readLabelledInput(pack);
  process.stderr.write(report('eval', input));
  if (input.tickets.length < folds) {
    process.stderr.write(`eval: too few labelled tickets for ${folds} folds\n`);
    process.exitCode = 1;
    return;
  }
  for (const features of kinds) {
    const r = crossValidate(pack, input.tickets, {
      folds,
      ...(features ? { features } : {}),
      ...(threshold === undefined ? {} : { threshold }),
    });
    process.stdout.write((args.json ? JSON.stringify(r) : table(r) + '\n') + '\n');
  }
}

runMain('eval', main);

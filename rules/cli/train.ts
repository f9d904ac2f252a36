// Learn the centre's classes and handling lines from its labelled tickets: JSON Lines in, a model
// (JSON) out. Lines that teach nothing are counted by reason on standard error.
import './guard'; // first: errors while the modules below load are reported too
import { parseArgs } from 'node:util';
import { FEATURE_KINDS, type FeatureKind } from '../classifier/features';
import { serializeModel } from '../classifier/model';
import { train } from '../classifier/train';
import { failer, loadPack, PACK_HELP, runMain } from './io';
import { readLabelledInput, report } from './labelled';

const USAGE = `usage: npm run --silent train -- [--pack NAME|FILE] [--features ${FEATURE_KINDS.join('|')}] < labelled.jsonl > model.json
  one ticket a line: title/text (and business), with "categoryPath" (the CRM's path) or "label" (a class
  label or code; wins over the path), and optionally "handlingLine" (the CRM's 处理条线 or department)
  --pack      ${PACK_HELP}
  --features  text features to learn; default the pack's`;

const fail: (message: string) => never = failer('train');

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        pack: { type: 'string', default: 'china-telecom' },
        features: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (args.help) return void process.stdout.write(USAGE + '\n');
  if (args.features !== undefined && !(FEATURE_KINDS as readonly string[]).includes(args.features))
    fail(`--features: one of ${FEATURE_KINDS.join(', ')}`);
  const pack = loadPack(args.pack, fail);
  const input = await readLabelledInput(pack);
  process.stderr.write(report('train', input));
  if (input.tickets.length === 0) {
    process.stderr.write('train: nothing was learned\n');
    process.exitCode = 1;
    return;
  }
  const model = train(
    pack,
    input.tickets.map((t) => t.example),
    args.features as FeatureKind | undefined,
  );
  process.stdout.write(serializeModel(model) + '\n');
}

runMain('train', main);

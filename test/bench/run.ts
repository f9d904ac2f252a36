// `npm run bench [-- --json] [-- --only engine|classifier|overlay|reading|store]`: runs every section (or the one named)
// and prints a table, or one JSON line of all figures.
import { loadavg } from 'node:os';
import { classifierSection } from './classifier';
import { engineSection } from './engine';
import { overlaySection } from './overlay';
import { readingSection } from './reading';
import type { BenchSection, Figure } from './section';
import { storeSection } from './store';

const SECTIONS: Record<string, BenchSection> = {
  engine: engineSection,
  classifier: classifierSection,
  overlay: overlaySection,
  reading: readingSection,
  store: storeSection,
};
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (only !== undefined && !Object.hasOwn(SECTIONS, only))
  throw new Error(`--only takes one of ${Object.keys(SECTIONS).join(', ')}`);
const sections = only === undefined ? Object.values(SECTIONS) : [SECTIONS[only]!];

// Timings swing with other work on the machine, so the load is recorded with them.
const all: Figure[] = [
  { key: 'node', label: 'node', value: process.version },
  { key: 'loadAvg1m', label: 'load average (1 min) at start', value: Math.round(loadavg()[0]! * 100) / 100 },
];
const show = (v: Figure['value']) =>
  typeof v === 'number' ? v.toLocaleString('en-US') : v === null ? 'skipped' : String(v);
const print = (title: string, figures: Figure[]) => {
  const width = Math.max(...figures.map((f) => f.label.length));
  console.log(`\n${title}`);
  for (const f of figures) console.log(`  ${f.label.padEnd(width)}  ${show(f.value)}${f.unit ? ` ${f.unit}` : ''}`);
};

if (!json) print('工单助手 bench', all);
for (const s of sections) {
  const figures = await s.run();
  all.push(...figures);
  if (!json) print(s.title, figures);
}
if (json) console.log(JSON.stringify(Object.fromEntries(all.map((f) => [f.key, f.value]))));

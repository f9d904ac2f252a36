// Regenerates rules/calendar/cn-holidays.json from the installed `chinese-days` package.
// Usage: npx tsx test/tools/import-chinese-days.ts 2025 2026 2027
// When the State Council publishes next year's notice (around November), update the package
// and re-run with the years to bundle. A year the package has no data for is refused, so an
// un-announced year can never be bundled as "no holidays".
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseCalendar } from '../../rules/calendar/schema';
import { weekday } from '../../rules/time/shanghai';

const OUT = new URL('../../rules/calendar/cn-holidays.json', import.meta.url);
const require = createRequire(import.meta.url);

type DayMap = Record<string, string>;
const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
  holidays: DayMap;
  workdays: DayMap;
};
const { version } = JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as {
  version: string;
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const years = process.argv
  .slice(2)
  .map(Number)
  .sort((a, b) => a - b);
if (years.length === 0 || !years.every(Number.isInteger)) fail('usage: import-chinese-days.ts YEAR...');

const inYears = (map: DayMap) =>
  Object.keys(map)
    .filter((key) => years.includes(Number(key.slice(0, 4))))
    .sort();
const holidays = inYears(data.holidays);
const workdays = inYears(data.workdays);

for (const year of years) {
  if (!holidays.some((key) => key.startsWith(`${year}-`))) {
    fail(`chinese-days ${version} has no holidays for ${year}; its notice is not in the package yet`);
  }
}
// Make-up days exist to fill a weekend; a weekday here means the source data is wrong.
const oddWorkday = workdays.find((key) => weekday(key) !== 0 && weekday(key) !== 6);
if (oddWorkday) fail(`make-up day ${oddWorkday} is not a weekend day; check the source data`);

// The note records why the following year is missing, so nobody mistakes it for holiday-free.
const next = (years.at(-1) ?? 0) + 1;
const nextMissing = !Object.keys(data.holidays).some((key) => key.startsWith(`${next}-`));
const parsed = parseCalendar({
  name: '中国法定节假日 / China public holidays',
  source: `chinese-days ${version} (State Council holiday notices), imported by test/tools/import-chinese-days.ts`,
  note:
    `Covers ${years.join(', ')} only; any other year is not covered.` +
    (nextMissing
      ? ` chinese-days ${version} has no ${next} data (the ${next} notice is not in it), so ${next} ` +
        'cannot be computed until a calendar for it is loaded or this import is re-run on an updated package.'
      : ''),
  years,
  holidays,
  workdays,
});
if (!parsed.ok) fail(parsed.errors.join('\n'));

writeFileSync(OUT, `${JSON.stringify(parsed.calendar, null, 2)}\n`);
console.log(`wrote ${holidays.length} holidays and ${workdays.length} make-up days for ${years.join(', ')}`);

// Reading a ticket off the page, as the content script does (rules/sites/read.ts), on the desk page
// with its run-time adapter (month-name dates, labels across help icons), against the legacy
// ticket frame's page with its shipped adapter (nested tables, the reader's first target). Both in
// linkedom, served by the demo CRM, the same ticket.
import { parseHTML } from 'linkedom';
import deskJson from '../demo-crm/adapters/desk.json';
import legacyJson from '../../rules/sites/demo-legacy.json';
import { readTicket } from '../../rules/sites/read';
import type { SiteAdapter } from '../../rules/sites/schema';
import { startDemoCrm } from '../demo-crm/serve';
import type { BenchSection } from './section';
import { quantile, round } from './stats';

const RUNS = 400;

function medianMicros(doc: Document, adapter: SiteAdapter): { micros: number; fields: number } {
  const times: number[] = [];
  let fields = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fields = Object.keys(readTicket(doc, adapter).fields).length;
    times.push(performance.now() - t);
  }
  return { micros: round(quantile(times, 0.5) * 1000, 1), fields };
}

export const readingSection: BenchSection = {
  title: 'reading: one ticket off the page (linkedom), desk page + run-time adapter vs legacy frame + shipped adapter',
  async run() {
    const crm = await startDemoCrm(0);
    try {
      // The legacy pages are GBK, as the old CRM serves them.
      const page = async (path: string, encoding = 'utf-8') =>
        parseHTML(new TextDecoder(encoding).decode(await (await fetch(`${crm.url}${path}`)).arrayBuffer()))
          .document as unknown as Document;
      // The legacy page is a frameset: its ticket frame is read as the frame's own document, with no frame path.
      const legacy = { ...(legacyJson as unknown as SiteAdapter), ticketRoot: undefined };
      const legacyFields = Object.fromEntries(
        Object.entries(legacy.fields).map(([k, f]) => [k, { ...f, frame: undefined }]),
      );
      const desk = medianMicros(await page('/desk/ticket/GD100201'), deskJson as unknown as SiteAdapter);
      const peer = medianMicros(await page('/legacy/ticket.asp?id=GD100201', 'gbk'), {
        ...legacy,
        fields: legacyFields,
      } as SiteAdapter);
      return [
        {
          key: 'readingDeskMicros',
          label: `desk page, ${desk.fields} fields read, median of ${RUNS}`,
          value: desk.micros,
          unit: 'µs',
        },
        {
          key: 'readingLegacyMicros',
          label: `peer: legacy ticket frame, ${peer.fields} fields read, median of ${RUNS}`,
          value: peer.micros,
          unit: 'µs',
        },
        {
          key: 'readingRatio',
          label: 'ratio desk / legacy (medians)',
          value: round(desk.micros / peer.micros, 2),
          unit: '×',
        },
      ];
    } finally {
      await crm.close();
    }
  },
};

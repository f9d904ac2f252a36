import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeModel } from '@/rules/classifier/model';
import { DEFAULT_PACK as pack } from '@/rules/packs/default-pack';
import { importRows } from '@/utils/db/labelled-import';
import { createLearning } from '@/utils/db/learning';
import { SidekickDb } from '@/utils/db/schema';

let n = 0;
let open: SidekickDb[] = [];
const freshDb = () => {
  const db = new SidekickDb(`learning-add-many-${++n}-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
};
afterEach(() => {
  open.forEach((db) => db.close());
  open = [];
});

const records = readFileSync('test/fixtures/labelled/china-telecom.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as unknown);

describe('learning.addMany (large imports)', () => {
  it('learns the same model as add, batch by batch, with progress, and saves it for the next reader', async () => {
    const { rows } = importRows(records.slice(0, 250), pack, 1);
    expect(rows.length).toBeGreaterThan(100);
    const one = createLearning(freshDb(), pack, () => 1);
    expect(await one.add(rows)).toBe(rows.length);
    const db = freshDb();
    const many = createLearning(db, pack, () => 1);
    const progress: number[] = [];
    expect(await many.addMany(rows, { batch: 100, saveEvery: 2, onProgress: (d) => progress.push(d) })).toBe(
      rows.length,
    );
    expect(progress).toEqual([
      ...Array.from({ length: Math.ceil(rows.length / 100) - 1 }, (_, i) => (i + 1) * 100),
      rows.length,
    ]);
    expect(serializeModel(await many.model())).toBe(serializeModel(await one.model()));
    // Another page (the background) reading the store gets the saved model, fitted.
    const fresh = createLearning(db, pack, () => 1);
    expect(serializeModel(await fresh.model())).toBe(serializeModel(await one.model()));
    expect((await fresh.counts()).calibratedOn).toBe(rows.length);
  }, 30_000);

  it('teaches nothing new when the same rows come again', async () => {
    const { rows } = importRows(records.slice(0, 40), pack, 1);
    const l = createLearning(freshDb(), pack, () => 1);
    await l.addMany(rows);
    const before = serializeModel(await l.model());
    expect(await l.addMany(importRows(records.slice(0, 40), pack, 2).rows)).toBe(0);
    expect(serializeModel(await l.model())).toBe(before);
    expect((await l.counts()).bySource.import).toBe(rows.length);
  }, 30_000);
});

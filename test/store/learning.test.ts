import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MIN_FIT } from '@/rules/classifier/compile';
import { labelRow } from '@/utils/db/labels';
import { createLearning } from '@/utils/db/learning';
import type { Store } from '@/utils/db/store';
import type { LabelRow } from '@/utils/db/types';
import { DAY, labelledTickets, NOW, pack, storesClosedAfterEach, type LabelledTicket } from './fixtures';

const freshStore = storesClosedAfterEach();
const labelled = labelledTickets();

const rowOf = (t: LabelledTicket, classIndex = t.classIndex, at = NOW): LabelRow => {
  const row = labelRow(`demo-legacy:${t.fields.id}`, t.fields, classIndex, 'crm', at, pack);
  if (!row) throw new Error(`${t.fields.id} has no text`);
  return row;
};
const code = (i: number) => pack.classes[i]!.code;

function learningOf(store: Store) {
  return createLearning(store.db, pack, () => NOW);
}

describe('the class model learned in the store', () => {
  it('has enough labelled tickets to learn from', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(2 * MIN_FIT);
    expect(new Set(labelled.map((t) => t.classIndex)).size).toBeGreaterThanOrEqual(3);
  });

  it('learns a ticket once: reading it again changes nothing', async () => {
    const store = freshStore();
    const learning = learningOf(store);
    const t = labelled[0]!;
    expect(await learning.add([rowOf(t)])).toBe(1);
    const once = await learning.counts();
    expect(once).toMatchObject({ total: 1, bySource: { crm: 1, agent: 0, import: 0 } });
    expect(once.byClass[code(t.classIndex)]).toBe(1);
    const model = structuredClone(await learning.model());

    // The same ticket read again, later: no new example.
    expect(await learning.add([rowOf(t, t.classIndex, NOW + DAY)])).toBe(0);
    expect(await learning.counts()).toEqual(once);
    expect(await learning.model()).toEqual(model);
    expect(await store.db.labels.count()).toBe(1);
  });

  it('a changed class replaces the ticket’s old example', async () => {
    const store = freshStore();
    const learning = learningOf(store);
    const t = labelled[0]!;
    const other = (t.classIndex + 1) % pack.classes.length;
    await learning.add([rowOf(t)]);
    expect(await learning.add([{ ...rowOf(t, other), source: 'agent' }])).toBe(1);
    const counts = await learning.counts();
    expect(counts.total).toBe(1);
    expect(counts.byClass[code(t.classIndex)]).toBe(0);
    expect(counts.byClass[code(other)]).toBe(1);
    expect(counts.bySource).toEqual({ crm: 0, agent: 1, import: 0 });
    expect(await store.db.labels.get(`demo-legacy:${t.fields.id}`)).toMatchObject({
      classCode: code(other),
      source: 'agent',
    });
    // The CRM's path, read again, does not undo the agent's correction.
    expect(await learning.add([rowOf(t)])).toBe(0);
    expect(await store.db.labels.get(`demo-legacy:${t.fields.id}`)).toMatchObject({
      classCode: code(other),
      source: 'agent',
    });
  });

  it('rebuilds a model missing from the store from the labels', async () => {
    const store = freshStore();
    const learning = learningOf(store);
    await learning.add(labelled.slice(0, 40).map((t) => rowOf(t)));
    const before = structuredClone(await learning.model());
    const counts = await learning.counts();

    await store.db.models.delete('current');
    learning.forget();
    const rebuilt = await learning.model();
    expect(rebuilt.class.examples).toEqual(before.class.examples);
    expect(rebuilt.class.counts).toEqual(before.class.counts);
    expect(rebuilt.line.examples).toEqual(before.line.examples);
    expect((await learning.counts()).byClass).toEqual(counts.byClass);
    // Saved again, for the next start.
    expect((await store.db.models.get('current'))?.model.class.examples).toEqual(before.class.examples);
    // Another learning on the same database (the next start of the worker) reads the saved model.
    expect((await learningOf(store).model()).class.examples).toEqual(before.class.examples);
  });

  it('reset() forgets every example and the model', async () => {
    const store = freshStore();
    const learning = learningOf(store);
    await learning.add(labelled.slice(0, 5).map((t) => rowOf(t)));
    await learning.reset();
    const counts = await learning.counts();
    expect(counts.total).toBe(0);
    expect(Object.values(counts.byClass).every((n) => n === 0)).toBe(true);
    expect(counts.bySource).toEqual({ crm: 0, agent: 0, import: 0 });
    expect(await store.db.labels.count()).toBe(0);
    expect((await learning.model()).class.examples.every((n) => n === 0)).toBe(true);
  });

  it('importModel refuses a model made for another version of the pack, and takes one made for this one', async () => {
    const store = freshStore();
    const learning = learningOf(store);
    await learning.add(labelled.slice(0, 5).map((t) => rowOf(t)));
    const made = structuredClone(await learning.model());
    const stale = { ...made, pack: { id: pack.id, version: `${pack.version}-old` } };
    await expect(learning.importModel(stale)).rejects.toThrow(
      `the model was made for version ${pack.version}-old of pack "${pack.id}", not ${pack.version}`,
    );
    await expect(
      learning.importModel({ ...made, pack: { id: 'tianyi-space', version: pack.version } }),
    ).rejects.toThrow('made for pack "tianyi-space"');
    expect(await learning.model()).toEqual(made);

    const other = learningOf(freshStore());
    await other.importModel(made);
    expect((await other.counts()).total).toBe(5);
  });

  it(`fits the temperature once it has ${MIN_FIT} examples`, async () => {
    const store = freshStore();
    const learning = learningOf(store);
    await learning.add(labelled.slice(0, MIN_FIT - 1).map((t) => rowOf(t)));
    expect((await learning.model()).class.temperature).toBeNull();
    expect((await learning.counts()).calibratedOn).toBe(0);
    await learning.add([rowOf(labelled[MIN_FIT - 1]!)]);
    expect((await learning.model()).class.temperature).toEqual(expect.any(Number));
    expect((await learning.counts()).calibratedOn).toBe(MIN_FIT);
  });
});

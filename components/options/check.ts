import { knownVerdicts, rememberVerdicts } from '@/rules/regex-check';
import { parseSiteAdapter, type ParsedAdapter } from '@/rules/sites/schema';
import { t } from '@/utils/i18n';
import { buildPackCatalog, type PackEntry } from '@/utils/catalog/packs';

// The whole check of what the agent pastes or imports (schema, ReDoS, a pack's model against the
// pack), in this thread (tests) or in a worker (the page: `checkInWorker`).

export const checkAdapter = (data: unknown): ParsedAdapter => parseSiteAdapter(data);

/** A pack file as the catalog will judge it: the pack, and a `model` in it against the pack. */
export function checkPack(data: unknown): PackEntry {
  return buildPackCatalog({ bundled: [], user: [data], policy: [], allowUser: true })[0]!;
}

export interface Checker {
  adapter(data: unknown): Promise<ParsedAdapter>;
  pack(data: unknown): Promise<PackEntry>;
}

/** In this thread (it may hold it for seconds on a new pattern). */
export const checkHere: Checker = {
  adapter: async (data) => checkAdapter(data),
  pack: async (data) => checkPack(data),
};

export interface CheckRequest {
  id: number;
  kind: 'adapter' | 'pack';
  data: unknown;
  verdicts: Record<string, string | null>;
}
type CheckReply =
  | { id: number; ok: true; result: unknown; verdicts: Record<string, string | null> }
  | { id: number; ok: false; error: string };

/**
 * In one worker, kept for the page's life so its verdicts stay; its verdicts come back here, so the
 * page's own catalog build does not judge the same patterns again. A worker that fails to start
 * leaves the check to this thread.
 */
export function checkInWorker(): Checker {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const start = () => {
    if (worker) return worker;
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<CheckReply>) => {
      const p = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (!p) return;
      if (e.data.ok) {
        rememberVerdicts(e.data.verdicts);
        p.resolve(e.data.result);
      } else p.reject(new Error(e.data.error));
    };
    w.onerror = (e) => {
      for (const p of waiting.values()) p.reject(new Error(e.message || t('adapters.checkCrashed')));
      waiting.clear();
      w.terminate();
      worker = null;
    };
    return (worker = w);
  };
  const ask = <T>(kind: CheckRequest['kind'], data: unknown, here: () => T): Promise<T> => {
    let w: Worker;
    try {
      w = start();
    } catch {
      return Promise.resolve().then(here);
    }
    const id = ++next;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: (v) => resolve(v as T), reject });
      const request: CheckRequest = { id, kind, data, verdicts: knownVerdicts() };
      w.postMessage(request);
    });
  };
  return {
    adapter: (data) => ask('adapter', data, () => checkAdapter(data)),
    pack: (data) => ask('pack', data, () => checkPack(data)),
  };
}

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/options/App';
import { OptionsContext } from '@/components/options/context';
import { LearningContext } from '@/components/options/learning-context';
import { createLearningState, type LearningApi } from '@/components/options/learning-state';
import { createOptionsState } from '@/components/options/state';
import { settingsOf } from '@/rules/classifier/compile';
import { serializeModel } from '@/rules/classifier/model';
import { readLabelled, train, type Labelled } from '@/rules/classifier/train';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { createLearning } from '@/utils/db/learning';
import { fakeBrowser } from './fake-browser';
import { click, mount, texts } from './render';
import { freshStore, NOW } from './stored-tickets';

const pack = DEFAULT_PACK;
const DEFAULT_AT = settingsOf(pack).autoFillAt;
const FIXTURE = 'test/fixtures/labelled/china-telecom.jsonl';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function setup(opts: { local?: Record<string, unknown>; maxRows?: number; paint?: () => Promise<void> } = {}) {
  const store = freshStore();
  const learning = createLearning(store.db, pack, () => NOW);
  const batches: number[] = [];
  const api: LearningApi = {
    ...learning,
    addMany: (rows, o) =>
      learning.addMany(rows, { ...o, onProgress: (done) => (batches.push(done), o?.onProgress?.(done)) }),
  };
  const fb = fakeBrowser(opts.local ?? {});
  const options = createOptionsState(fb.browser, store, { defaultRetentionDays: 365, now: () => NOW });
  const state = createLearningState(fb.browser, api, {
    pack,
    now: () => NOW,
    batch: 2,
    ...(opts.maxRows === undefined ? {} : { maxRows: opts.maxRows }),
    paint: opts.paint ?? (async () => {}),
  });
  await options.load();
  await state.load();
  const { root, unmount } = await mount(
    <OptionsContext.Provider value={options}>
      <LearningContext.Provider value={state}>
        <App />
      </LearningContext.Provider>
    </OptionsContext.Provider>,
  );
  cleanup.push(unmount, () => store.close());
  const $ = (id: string) => root.querySelector(`[data-testid=${id}]`) as HTMLInputElement | null;
  const notice = () => $('learning-notice')?.textContent;
  return { store, learning, state, fb, root, $, notice, batches };
}

function type(input: Element | null, value: string, event: 'input' | 'change' = 'input') {
  if (!input) throw new Error('no input');
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event(event, { bubbles: true }));
}

const crlf = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') +
  '\r\n';

// As Excel on a Chinese Windows saves it: GBK, CRLF, quoted where needed.
const EXPORT = [
  ['工单编号', '标题', '受理内容', '服务请求类别', '分类', '处理部门'],
  ['GD1', '宽带断网', '家里宽带三天没网，\r\n师傅一直没来', '服务请求->投诉单->装维服务类->修障', '', '网运条线'],
  ['GD2', '充值未到账', '用手机充了"100元"，没到账', '', '充值缴费类', ''],
  ['GD3', '', '', '服务请求->投诉单->费用争议类', '', ''],
  ['', '', '', '', '', ''],
  ['GD4', '话费多扣', '本月多扣了20元', '', '没有这个类', ''],
  ['GD5', '网速慢', '晚上网速只有1M', '服务请求->咨询单->其他', '', ''],
  ['GD6', '网速慢', '晚上网速只有1M', '', 'network-quality', '不存在的部门'],
];
const gbkFile = () => new Uint8Array(iconv.encode(crlf(EXPORT), 'gbk'));

describe('分类学习', () => {
  it('reads a GBK CSV, guesses its columns, imports in batches and counts every skipped row by reason', async () => {
    const { state, $, root, fb, notice, batches, learning } = await setup();
    expect($('learning-total')!.textContent).toBe('0');
    await state.openFile('导出.csv', gbkFile());
    await vi.waitFor(() => expect($('column-picker')).not.toBeNull());
    expect(notice()).toBe('已读取 导出.csv（GBK，7 行）：请确认各列，然后点「导入」');
    const chosen = (f: string) => {
      const s = $(`column-${f}`) as unknown as HTMLSelectElement;
      return s.selectedOptions[0]?.textContent;
    };
    expect(['title', 'text', 'business', 'categoryPath', 'label', 'handlingLine'].map(chosen)).toEqual([
      '标题',
      '受理内容',
      '（无）',
      '服务请求类别',
      '分类',
      '处理部门',
    ]);

    click($('import-labelled'));
    await vi.waitFor(() => expect(notice()).toBe('已导入 3 条已分类工单，跳过 4 条'));
    expect(texts(root, '[data-testid=import-skipped] li')).toEqual([
      '跳过 1 条：空行',
      '跳过 1 条：没有内容（标题、内容、业务都为空）',
      '跳过 1 条：分类不是规则包中的类别',
      '跳过 1 条：分类路径对应不上规则包中的类别',
      '1 条的处理条线不是规则包中的派单对象：只学了分类',
    ]);
    expect(batches).toEqual([2, 3]); // progress after each batch of two
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);
    expect($('column-picker')).toBeNull();

    await vi.waitFor(() => expect($('learning-total')!.textContent).toBe('3'));
    const byClass = Object.fromEntries(
      [...root.querySelectorAll('[data-testid=learning-classes] tbody tr')].map((tr) => [
        tr.getAttribute('data-code'),
        tr.lastElementChild!.textContent,
      ]),
    );
    expect(byClass).toMatchObject({
      'install-repair': '1',
      'top-up': '1',
      'network-quality': '1',
      'billing-dispute': '0',
    });
    expect(texts(root, '[data-testid=learning-sources] span')).toEqual(['CRM 分类路径 0', '坐席选定 0', '导入 3']);
    const rows = await learning.recent(10);
    expect(rows.find((r) => r.classCode === 'install-repair')).toMatchObject({
      text: '宽带断网 家里宽带三天没网，\r\n师傅一直没来',
      line: '网运',
      source: 'import',
      at: NOW,
    });
    expect(rows.find((r) => r.classCode === 'top-up')!.text).toBe('充值未到账 用手机充了"100元"，没到账');

    // The same file again: nothing new, nothing duplicated, nothing for the background to reload.
    await state.openFile('导出.csv', gbkFile());
    await state.importCsv();
    await vi.waitFor(() =>
      expect(notice()).toBe('已导入 3 条已分类工单（其中 3 条此前已导入，未重复计入），跳过 4 条'),
    );
    expect(state.counts.value).toMatchObject({ total: 3, bySource: { import: 3 } });
    expect(fb.sent).toHaveLength(1);
  });

  it('lets a column be chosen by hand, and will not import without a text column', async () => {
    const { state, $, notice } = await setup();
    const csv = '\uFEFFA,B,C\r\n网速很慢晚上看不了视频,network-quality,x\r\n';
    await state.openFile('a.csv', new TextEncoder().encode(csv));
    await vi.waitFor(() => expect($('column-picker')).not.toBeNull());
    expect(state.columns.value).toEqual({
      title: null,
      text: null,
      business: null,
      categoryPath: null,
      label: null,
      handlingLine: null,
    });
    expect(($('import-labelled') as unknown as HTMLButtonElement).disabled).toBe(true);
    await state.importCsv();
    expect(notice()).toBe('请选择「内容」列');
    type($('column-text'), '0', 'change');
    type($('column-label'), '1', 'change');
    await vi.waitFor(() => expect(($('import-labelled') as unknown as HTMLButtonElement).disabled).toBe(false));
    click($('import-labelled'));
    await vi.waitFor(() => expect(notice()).toBe('已导入 1 条已分类工单'));
    expect(state.counts.value?.byClass['network-quality']).toBe(1);
  });

  it('says when a file has more rows than it reads', async () => {
    const { state, notice } = await setup({ maxRows: 2 });
    const csv = crlf([
      ['内容', '分类'],
      ['网速慢', '网络质量类'],
      ['充值没到账', '充值缴费类'],
      ['多扣费', '费用争议类'],
    ]);
    await state.openFile('big.csv', new TextEncoder().encode(csv));
    expect(notice()).toBe('已读取 big.csv（UTF-8，2 行，超过 2 行的部分不读取）：请确认各列，然后点「导入」');
    await state.importCsv();
    expect(notice()).toBe('已导入 2 条已分类工单；文件超过 2 行，其余未读取');
    expect(state.report.value?.truncated).toBe(true);
  });

  it('saves the threshold for the background, refuses one out of range, and reads it back', async () => {
    const { $, fb, notice } = await setup();
    expect($('auto-fill-at')!.value).toBe(DEFAULT_AT.toFixed(2));
    type($('auto-fill-at'), '1.2', 'change');
    await vi.waitFor(() => expect(notice()).toBe('自动填写阈值须为 0.50–1.00 之间的数'));
    expect(fb.local.autoFillAt).toBeUndefined();
    type($('auto-fill-at'), '0.856', 'change');
    await vi.waitFor(() => expect(notice()).toBe('已保存：置信度达到 0.86 才自动填写分类'));
    expect(fb.local).toEqual({ autoFillAt: 0.86 });

    const again = await setup({ local: { autoFillAt: 0.75 } });
    expect(again.$('auto-fill-at')!.value).toBe('0.75');
    expect(again.state.threshold.value).toBe(0.75);
  });

  it('cross-validates the labels, rules against learned, showing 计算中… meanwhile', async () => {
    let painted!: () => void;
    const paint = () => new Promise<void>((r) => (painted = r));
    const { state, $, root, notice } = await setup({ paint });
    state.runCrossValidation();
    await vi.waitFor(() => expect(notice()).toBe('交叉验证至少需要 20 条已分类工单（现有 0 条）'));

    await state.openFile('labelled.jsonl', readFileSync(FIXTURE));
    await vi.waitFor(() => expect(notice()).toMatch(/^已导入 \d+ 条已分类工单/));
    click($('cross-validate'));
    await vi.waitFor(() => expect($('cross-validate')!.textContent).toBe('计算中…'));
    expect(($('cross-validate') as unknown as HTMLButtonElement).disabled).toBe(true);
    painted();
    await vi.waitFor(() => expect($('cv-table')).not.toBeNull(), { timeout: 20_000 });
    expect($('cross-validate')!.textContent).toBe('交叉验证');
    const cv = state.cv.value!;
    expect(cv.folds).toBe(5);
    expect(cv.threshold).toBe(DEFAULT_AT);
    expect(cv.learned.tickets).toBe(state.counts.value!.total);
    const table = [...root.querySelectorAll('[data-testid=cv-table] tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
    expect(table.map((r) => r[0])).toEqual(['规则包', '学习后']);
    for (const r of table) for (const c of r.slice(1)) expect(c).toMatch(/^(\d+\.\d%|—)$/);
    expect(table[1]![1]).toBe(`${(cv.learned.top1 * 100).toFixed(1)}%`);
    const at = cv.learned.atThreshold.find((a) => a.threshold === DEFAULT_AT)!;
    expect($('threshold-precision')!.textContent).toBe(
      `交叉验证：准确率 ${at.precision === null ? '—' : `${(at.precision * 100).toFixed(1)}%`}，覆盖 ${(at.coverage * 100).toFixed(1)}%`,
    );
    // A threshold the figures were not computed for shows none, rather than the wrong ones.
    await state.setThreshold('0.83');
    await vi.waitFor(() => expect($('threshold-precision')).toBeNull());
    await state.setThreshold('0.8');
    await vi.waitFor(() => expect($('threshold-precision')).not.toBeNull());
  }, 30_000);

  it('resets the model only after 确认 is typed; Escape cancels', async () => {
    const { state, $, fb, notice } = await setup();
    await state.openFile(
      'a.jsonl',
      new TextEncoder().encode('{"text":"网速慢","label":"网络质量类"}\n{"text":"充值没到账","label":"充值缴费类"}\n'),
    );
    expect(state.counts.value?.total).toBe(2);
    click($('reset-model'));
    await vi.waitFor(() => expect($('reset-confirm')).not.toBeNull());
    type($('reset-confirm-text'), '确认');
    $('reset-confirm-text')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect($('reset-confirm')).toBeNull());
    expect(state.counts.value?.total).toBe(2);

    click($('reset-model'));
    await vi.waitFor(() => expect($('reset-confirm-text')!.value).toBe(''));
    const go = () => $('confirm-reset') as unknown as HTMLButtonElement;
    expect(go().disabled).toBe(true);
    type($('reset-confirm-text'), '确认');
    await vi.waitFor(() => expect(go().disabled).toBe(false));
    click(go());
    await vi.waitFor(() => expect(notice()).toBe('已重置：分类只按规则包的关键词判断'));
    expect(state.counts.value).toMatchObject({ total: 0, bySource: { crm: 0, agent: 0, import: 0 } });
    expect($('learning-total')!.textContent).toBe('0');
    expect(fb.sent).toEqual([{ type: 'store-changed' }, { type: 'store-changed' }]);
  });

  it('imports a model file; refuses broken ones by path and ones made for another pack version', async () => {
    const { state, root, fb, notice } = await setup();
    await state.importModelText('{');
    expect(texts(root, '[data-testid=model-errors] li')).toEqual(['文件不是有效的 JSON']);

    await state.importModelText(JSON.stringify({ format: 'ticket-sidekick/classifier', version: 1 }));
    await vi.waitFor(() => expect(notice()).toBe('模型文件格式不对，未导入'));
    expect(texts(root, '[data-testid=model-errors] li')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pack: /), expect.stringMatching(/^class: /)]),
    );

    const examples = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        const r = readLabelled(JSON.parse(l), pack);
        return r.ok ? [r.example] : [];
      }) satisfies Labelled[];
    const model = train(pack, examples);
    await state.importModelText(serializeModel({ ...model, pack: { id: pack.id, version: '1999.1' } }));
    await vi.waitFor(() =>
      expect(notice()).toMatch(
        /^模型文件不适用于当前规则包（china-telecom .+），未导入：the model was made for version 1999.1/,
      ),
    );
    expect(fb.sent).toEqual([]);
    expect(texts(root, '[data-testid=model-errors] li')).toEqual([]);

    await state.importModelText(serializeModel(model));
    await vi.waitFor(() => expect(notice()).toBe(`已导入模型（${examples.length} 条工单学得）`));
    expect(state.counts.value?.total).toBe(examples.length);
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);
  });
});

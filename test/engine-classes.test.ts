// What the engine decides about a ticket, case by case from domain.md and 天翼空间办法; expected values
// come from the documents (and, for scripts, from the pack's template filled by hand).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { STAGES, type Pack, type Stage } from '../rules/pack/schema';
import { getPack } from '../rules/packs';
import type { Ticket } from '../rules/ticket';
import type { Verdict } from '../rules/verdict';

const ct = getPack('china-telecom')!;
const ty = getPack('tianyi-space')!;
const NOW = Date.parse('2026-03-10T10:00:00+08:00');
// A clause named in the text: a numbered article, or one of the named rule documents.
const CITES = /第[一二三四五六七八九十百]+条|分公司办法|分类树|处理规定|管理办法|申诉处理办法/;

const run = (t: Ticket, pack: Pack = ct, history: Ticket[] = [], now = NOW) => evaluate(t, pack, history, now);
const tagOf = (v: Verdict, code: string) => v.tags.find((t) => t.code === code);
const scriptsOf = (v: Verdict, stage: Stage) => v.scripts.filter((s) => s.stage === stage).map((s) => s.text);

/** A pack template with its variables filled by the test's own values; a missing one fails the test. */
function fill(pack: Pack, stage: Stage, pick: (when: string) => boolean, vars: Record<string, string>) {
  const s = pack.scripts.find((x) => x.stage === stage && pick(JSON.stringify(x.when ?? null)));
  if (!s) throw new Error(`no ${stage} script`);
  return s.text.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`test gave no value for {${k}}`);
    return vars[k]!;
  });
}

// An ordinary provincial complaint about the network, accepted an hour before NOW.
const me: Ticket = {
  id: 'T1',
  customerName: '张先生',
  customerPhone: '13300000001',
  channel: '10000号',
  ticketType: '投诉单',
  customerLevel: '普通',
  area: '江宁区',
  title: '宽带经常掉线',
  acceptedAt: '2026-03-10 09:00',
};
const past = (t: Ticket): Ticket => ({ ...me, id: undefined, customerName: undefined, ...t });

describe('kind of contact (天翼空间办法 第四至第七条)', () => {
  it.each<[string, Ticket, Verdict['nature'], RegExp]>([
    ['CRM complaint ticket', { ticketType: '投诉单', title: '请问资费' }, 'complaint', /CRM/],
    [
      'CRM type wins over complaint words',
      { ticketType: '咨询单', title: '我要投诉，非常不满意' },
      'consultation',
      /CRM/,
    ],
    ['CRM fault ticket', { ticketType: '故障单', title: '电视没有画面' }, 'fault', /CRM/],
    ['CRM query ticket', { ticketType: '查询' }, 'query', /CRM/],
    [
      'CRM category path',
      { categoryPath: '服务请求->投诉单->费用争议类->违约金/滞纳金争议->违约金' },
      'complaint',
      /CRM/,
    ],
    [
      'CRM path behind a generic ticket type',
      { ticketType: '工单', categoryPath: '服务请求->投诉单->费用争议类', title: '请问资费' },
      'complaint',
      /CRM/,
    ],
    [
      'CRM ticket type wins over the path',
      { ticketType: '咨询单', categoryPath: '服务请求->投诉单->费用争议类' },
      'consultation',
      /咨询/,
    ],
    ['dissatisfaction', { title: '对处理结果不满意，要求解决' }, 'complaint', /第七条.*建议/],
    ['chased up', { urgeCount: '1次' }, 'complaint', /第七条/],
    ['failure stopping use', { title: '家里宽带断网了' }, 'fault', /第六条/],
    ['own fees or details', { title: '帮我查一下上个月详单' }, 'query', /第四条/],
    ['products and tariffs', { title: '请问5G套餐怎么收费' }, 'consultation', /第五条/],
  ])('%s', (_, ticket, nature, because) => {
    const v = run(ticket);
    expect(v.nature).toBe(nature);
    expect(v.natureBecause).toMatch(because);
  });

  it('nothing to go on: the pack default, flagged for the agent', () => {
    const v = run({ channel: '10000号' });
    expect(v.nature).toBe('complaint');
    expect(v.unknown.map((u) => u.field)).toContain('nature');
  });

  it('tianyi-space reads a client failure as a complaint (第七条(二))', () => {
    const v = run({ title: '客户端一打开就闪退' }, ty);
    expect(v.nature).toBe('complaint');
    expect(v.natureBecause).toContain('第七条(二)');
  });
});

describe('china-telecom classes', () => {
  it.each([
    ['top-up', '充值缴费类', '话费充值后一直未到账'],
    ['bill-invoice', '账单发票类', '需要开具发票'],
    ['cancellation', '销户退订类', '要求销户但一直不给办'],
    ['activation', '开通及停用类', '无故停机'],
    ['network-quality', '网络质量类', '信号差经常掉线'],
    ['install-repair', '装维服务类', '师傅上门安装迟到'],
    ['platform-usage', '业务及平台使用类', '云盘客户端闪退'],
    ['marketing', '营销服务类', '宣传的优惠没兑现'],
    ['billing-dispute', '费用争议类', '莫名其妙被扣费'],
    ['policy', '规则政策类', '实名认证规定不合理'],
  ])('%s (%s): by CRM path and by keywords', (code, label, text) => {
    const byPath = run({ categoryPath: `服务请求->投诉单->${label}->其他`, title: '无关内容' }).category;
    expect(byPath).toMatchObject({ code, label });
    expect(byPath!.because).toContain(label);
    const byWords = run({ title: text }).category;
    expect(byWords).toMatchObject({ code, label });
    expect(byWords!.because).toMatch(CITES);
  });

  it('the CRM path wins over keywords', () => {
    expect(run({ categoryPath: '服务请求->投诉单->网络质量类->信号弱', title: '被乱扣费' }).category?.code).toBe(
      'network-quality',
    );
  });

  it('no match: no class, and an unknown says so', () => {
    const v = run({ title: '有个问题想反映一下' });
    expect(v.category).toBeNull();
    expect(v.unknown.map((u) => u.field)).toContain('categoryPath');
  });
});

describe('tianyi-space classes (the pack’s own tree)', () => {
  it.each([
    ['subscription-charging', '莫名被扣了包月信息费'],
    ['account-privacy', '账号被盗了'],
    ['client-platform', '客户端一打开就闪退'],
    ['third-party-content', '下载的游戏里有病毒'],
    ['marketing-promotion', '推广短信说送会员却没送'],
    ['other', '客服态度很差'],
  ])('%s: by keywords and by its own path', (code, text) => {
    expect(run({ title: text }, ty).category?.code).toBe(code);
    const label = ty.classes.find((c) => c.code === code)!.label;
    expect(run({ categoryPath: `投诉->${label}`, title: '无关内容' }, ty).category?.code).toBe(code);
  });

  it('maps the operator’s own classes onto the pack’s tree', () => {
    expect(run({ categoryPath: '服务请求->投诉单->费用争议类->违约金' }, ty).category?.code).toBe(
      'subscription-charging',
    );
  });

  it('says in its assumptions that the 2010 document has no class tree', () => {
    expect(ty.assumptions.some((a) => a.includes('2010') && a.includes('分类'))).toBe(true);
  });
});

describe('channel level (第八条(一)、第十条)', () => {
  it.each<[Ticket, Verdict['channelLevel']]>([
    [{ channel: '10000号' }, 'province'],
    [{ channel: '营业厅' }, 'province'],
    [{ channel: '问吧' }, 'province'],
    [{ channel: '集团热线4008810000' }, 'group'],
    [{ channel: '微博' }, 'group'],
    [{ source: '派单集团' }, 'group'],
    [{ channel: '工信部申诉' }, 'regulator'],
    [{ channel: '江苏省通信管理局' }, 'regulator'],
    [{ channel: '消费者协会' }, 'regulator'],
  ])('%o → %s', (ticket, level) => {
    expect(run(ticket).channelLevel).toBe(level);
  });

  it.each<[string, Ticket]>([
    ['missing', {}],
    ['not listed', { channel: '邮局' }],
  ])('%s → unknown, with an unknown entry', (_, ticket) => {
    const v = run(ticket);
    expect(v.channelLevel).toBe('unknown');
    expect(v.unknown.map((u) => u.field)).toContain('channel');
  });
});

describe('VIP status', () => {
  it.each<[string | undefined, boolean | null]>([
    ['VIP', true],
    ['钻石卡', true],
    ['金卡客户', true],
    ['银卡', true],
    ['5星', true],
    ['6星级', true],
    ['七星', true],
    ['3星', false],
    ['4星', false],
    ['普通', false],
    ['非VIP', false],
    [undefined, null],
    ['黄金会员', null],
  ])('%s → %s', (level, vip) => {
    const v = run({ ...me, customerLevel: level });
    expect(v.vip).toBe(vip);
    expect(v.unknown.some((u) => u.field === 'customerLevel')).toBe(vip === null);
  });
});

describe('tags from the ticket itself', () => {
  it.each<[string, Ticket, string, Stage]>([
    ['anonymous', { customerName: '匿名' }, 'invalid', '无效'],
    ['not the customer', { title: '我是替别人投诉的' }, 'invalid', '无效'],
    ['mental damage', { title: '扣费问题，要求精神损失费' }, 'malicious', '恶意诉求'],
    ['huge sum', { title: '扣费问题，要求赔偿10万' }, 'malicious', '恶意诉求'],
    ['regulator', { channel: '工信部申诉' }, 'appeal', '升级/申诉'],
  ])('%s → %s, with its script', (_, extra, code, stage) => {
    const v = run({ ...me, ...extra });
    expect(tagOf(v, code)?.because).toMatch(CITES);
    expect(scriptsOf(v, stage)).toHaveLength(1);
  });

  it('an ordinary claim for compensation is not malicious', () => {
    expect(tagOf(run({ ...me, title: '多扣了费用，要求赔偿' }), 'malicious')).toBeUndefined();
  });
});

describe('repeat complaints (第八条(五); 分公司办法 on the two kinds)', () => {
  const vars = { customerName: '张先生', ticketId: 'T1', target: '网运', dueAt: '3月11日 09:00' };

  it('earlier same-class ticket still open → in-progress, with the 催办 script', () => {
    const v = run(me, ct, [past({ id: 'P1', title: '宽带掉线', acceptedAt: '2026-03-05 09:00' })]);
    expect(tagOf(v, 'repeat')).toMatchObject({ kind: 'in-progress' });
    expect(scriptsOf(v, '催办')).toEqual([fill(ct, '催办', () => true, vars)]);
  });

  it('earlier ticket closed only after this one came in was still open → in-progress', () => {
    const v = run(me, ct, [past({ title: '宽带掉线', acceptedAt: '2026-03-05 09:00', closedAt: '2026-03-10 09:30' })]);
    expect(tagOf(v, 'repeat')?.kind).toBe('in-progress');
  });

  it('earlier same-class ticket closed → after-close, with the re-open 受理 script', () => {
    const v = run(me, ct, [past({ title: '宽带掉线', acceptedAt: '2026-03-05 09:00', closedAt: '2026-03-06 09:00' })]);
    expect(tagOf(v, 'repeat')).toMatchObject({ kind: 'after-close' });
    expect(scriptsOf(v, '受理')).toEqual([
      fill(ct, '受理', (w) => w.includes('"repeat:after-close"') && !w.includes('not'), vars),
    ]);
    expect(scriptsOf(v, '催办')).toEqual([]);
  });

  it('the CRM’s own repeat count is enough', () => {
    const tag = tagOf(run({ ...me, repeatCount: 2 }), 'repeat');
    expect(tag?.kind).toBeUndefined();
    expect(tag?.because).toContain('2');
  });

  it.each<[string, Ticket]>([
    ['another class', { title: '发票开错了', acceptedAt: '2026-03-05 09:00' }],
    ['outside the 30-day window', { title: '宽带掉线', acceptedAt: '2026-02-07 08:59' }],
    ['another customer', { customerPhone: '13300000002', title: '宽带掉线', acceptedAt: '2026-03-05 09:00' }],
    ['accepted after this one', { title: '宽带掉线', acceptedAt: '2026-03-10 09:30' }],
  ])('not a repeat: %s', (_, earlier) => {
    expect(tagOf(run(me, ct, [past(earlier)]), 'repeat')).toBeUndefined();
  });
});

describe('group complaints (第八条(六)): 3 customers, same class, 72 h, same area when known', () => {
  const b = past({ customerPhone: '13300000002', title: '宽带又掉线', acceptedAt: '2026-03-09 09:00' });
  const c = past({ customerPhone: '13300000003', title: '网速很慢', acceptedAt: '2026-03-07 09:00' });

  it('three customers in the window and area → group, priority and risk', () => {
    const v = run(me, ct, [b, c]);
    expect(tagOf(v, 'group')?.because).toContain('3');
    expect(v.priorityBecause.join()).toContain('第十九条(二)');
  });

  it('counts customers whose area is not known', () => {
    expect(tagOf(run({ ...me, area: undefined }, ct, [b, c]), 'group')).toBeDefined();
  });

  it.each<[string, Ticket[]]>([
    ['another area', [b, { ...c, area: '鼓楼区' }]],
    ['outside the window', [b, { ...c, acceptedAt: '2026-03-07 08:59' }]],
    ['the same customer twice', [b, { ...c, customerPhone: '13300000002' }]],
    ['another class', [b, { ...c, title: '发票开错了' }]],
  ])('not a group: %s', (_, history) => {
    expect(tagOf(run(me, ct, history), 'group')).toBeUndefined();
  });

  it('tianyi-space does not require the same area (platform faults are everywhere)', () => {
    const charge = (t: Ticket) => ({ ...t, title: '莫名扣了信息费' });
    const v = run(charge(me), ty, [charge(b), { ...charge(c), area: '鼓楼区' }]);
    expect(tagOf(v, 'group')?.because).toContain('3');
  });
});

describe('escalated complaints (第九条)', () => {
  const group: Ticket = { ...me, channel: '集团热线4008810000' };
  const prov = (t: Ticket) => past({ channel: '10000号', title: '宽带掉线', ...t });

  it.each<[string, Ticket]>([
    ['the provincial one was closed', prov({ acceptedAt: '2026-03-08 09:00', closedAt: '2026-03-09 09:00' })],
    ['the provincial one is past its 24 h limit', prov({ acceptedAt: '2026-03-09 08:00' })],
    ['the provincial VIP one is past its 12 h limit', prov({ customerLevel: 'VIP', acceptedAt: '2026-03-09 20:00' })],
    [
      'past either limit while VIP status is unknown',
      prov({ customerLevel: undefined, acceptedAt: '2026-03-09 08:00' }),
    ],
  ])('escalated: %s', (_, earlier) => {
    const v = run(group, ct, [earlier]);
    expect(tagOf(v, 'escalated')?.because).toContain('第九条');
    expect(v.priorityBecause.join()).toContain('第十九条(一)');
  });

  it.each<[string, Ticket, Ticket[]]>([
    ['straight to the group channel', group, []],
    [
      'the earlier one was also a group-channel complaint',
      group,
      [past({ channel: '微博', title: '宽带掉线', acceptedAt: '2026-03-08 09:00', closedAt: '2026-03-09 09:00' })],
    ],
    ['the provincial one is within its limit', group, [prov({ acceptedAt: '2026-03-09 10:00' })]],
    [
      'the provincial one was about another class',
      group,
      [prov({ title: '发票开错了', acceptedAt: '2026-03-08 09:00', closedAt: '2026-03-09 09:00' })],
    ],
    ['this one is provincial too', me, [prov({ acceptedAt: '2026-03-08 09:00', closedAt: '2026-03-09 09:00' })]],
  ])('not escalated: %s', (_, ticket, history) => {
    expect(tagOf(run(ticket, ct, history), 'escalated')).toBeUndefined();
  });

  it('undecidable (past 12 h, within 24 h, VIP unknown): not escalated, and says why', () => {
    const v = run(group, ct, [prov({ customerLevel: undefined, acceptedAt: '2026-03-09 15:00' })]);
    expect(tagOf(v, 'escalated')).toBeUndefined();
    expect(v.unknown.some((u) => u.field === 'customerLevel' && u.because.includes('升级'))).toBe(true);
  });
});

describe('priority (第十九条)', () => {
  const quiet: Ticket = { ...me, title: '发票开错了' };
  it.each<[string, Ticket, Ticket[], string]>([
    ['(一) may reach the media', { ...quiet, title: '发票开错了，再不解决就找媒体曝光' }, [], '第十九条(一)'],
    ['(一) appeal', { ...quiet, channel: '工信部申诉' }, [], '第十九条(一)'],
    [
      '(二) many alike in a short time',
      quiet,
      [
        past({ customerPhone: '13300000002', title: '发票开错了', acceptedAt: '2026-03-09 09:00' }),
        past({ customerPhone: '13300000003', title: '发票开错了', acceptedAt: '2026-03-09 10:00' }),
      ],
      '第十九条(二)',
    ],
    ['(三) important customer', { ...quiet, customerLevel: '金卡' }, [], '第十九条(三)'],
    ['(四) broadband or mobile', me, [], '第十九条(四)'],
  ])('%s', (_, ticket, history, clause) => {
    const v = run(ticket, ct, history);
    expect(v.priority).toBe(true);
    expect(v.priorityBecause).toHaveLength(1);
    expect(v.priorityBecause[0]).toContain(clause);
  });

  it('none of the four: not a priority', () => {
    expect(run(quiet)).toMatchObject({ priority: false, priorityBecause: [] });
  });
});

describe('risk and reporting (第二十六、二十七条)', () => {
  const quiet: Ticket = { ...me, title: '发票开错了' };
  it.each<[string, Pack, Ticket, Verdict['risk'], string[], string]>([
    [
      'province red',
      ct,
      { ...quiet, title: '全市大面积断网' },
      'red',
      ['省公司主要领导', '集团客户服务部'],
      '第二十七条(二)1',
    ],
    ['province orange', ct, { ...quiet, channel: '工信部申诉' }, 'orange', ['省公司分管领导'], '第二十七条(二)2'],
    [
      'province yellow',
      ct,
      { ...quiet, customerLevel: 'VIP' },
      'yellow',
      ['省公司客户服务部领导', '相关专业部门领导'],
      '第二十七条(二)3',
    ],
    ['group red', ty, { ...quiet, title: '全网批量扣费' }, 'red', ['集团公司主要领导'], '第二十七条(一)1'],
    ['group orange', ty, { ...quiet, channel: '工信部申诉' }, 'orange', ['集团公司分管领导'], '第二十七条(一)2'],
    [
      'group yellow',
      ty,
      { ...quiet, customerLevel: 'VIP' },
      'yellow',
      ['集团公司客户服务部领导', '相关专业部门领导'],
      '第二十七条(一)3',
    ],
  ])('%s', (_, pack, ticket, risk, reportTo, clause) => {
    const v = run(ticket, pack);
    expect(v).toMatchObject({ risk, reportTo });
    expect(v.riskBecause).toContain(clause);
  });

  it('the highest level wins', () => {
    expect(run({ ...quiet, channel: '工信部申诉', title: '大面积断网' }).risk).toBe('red');
  });

  it('no risk: nobody to report to', () => {
    expect(run(quiet)).toMatchObject({ risk: 'none', riskBecause: null, reportTo: [] });
  });
});

describe('dispatch suggestions', () => {
  it.each<[string, Pack, Ticket, string[]]>([
    ['fraud', ct, { title: '接到诈骗电话' }, ['网信安']],
    ['enterprise line', ct, { title: '公司专线中断' }, ['政企']],
    ['network', ct, { title: '信号差经常掉线' }, ['网运']],
    ['fault on a platform service', ct, { ticketType: '故障单', title: '电视没有画面' }, ['网运', '企信']],
    ['platform', ct, { title: '云盘客户端闪退' }, ['企信']],
    ['cancellation', ct, { title: '要求销户但一直不给办' }, ['渠道']],
    ['marketing', ct, { title: '宣传的优惠没兑现' }, ['市场']],
    ['charges', ct, { title: '莫名其妙被扣费' }, ['市场']],
    ['client', ty, { title: '客户端一打开就闪退' }, ['技术支撑部']],
    ['account', ty, { title: '账号被盗了' }, ['技术支撑部']],
    ['third-party app', ty, { title: '下载的游戏里有病毒' }, ['合作及应用工厂部']],
    ['subscription', ty, { title: '莫名被扣了包月信息费' }, ['产品运营部']],
    ['promotion', ty, { title: '推广短信说送会员却没送' }, ['市场拓展部']],
    ['huge claim', ty, { title: '包月扣费，要求精神损失费' }, ['产品运营部', '综合部']],
    ['appeal', ty, { channel: '工信部申诉', title: '包月扣费' }, ['天翼空间客服中心', '产品运营部']],
    ['service itself', ty, { title: '客服态度很差' }, ['天翼空间客服中心']],
  ])('%s', (_, pack, ticket, targets) => {
    const v = run({ ticketType: '投诉单', ...ticket }, pack);
    expect(v.dispatch.map((d) => d.target)).toEqual(targets);
    for (const d of v.dispatch) expect(d.because).toMatch(CITES);
  });
});

describe('scripts', () => {
  it('fills the variables from the ticket', () => {
    const v = run({ ...me, id: 'T100', closedAt: '2026-03-10 09:50' });
    const vars = {
      customerName: '张先生',
      ticketId: 'T100',
      category: '网络质量类',
      dueAt: '3月11日 09:00',
      limit: '24 小时',
      acceptedAt: '3月10日 09:00',
    };
    expect(scriptsOf(v, '受理')).toEqual([fill(ct, '受理', (w) => w.includes('not'), vars)]);
    expect(scriptsOf(v, '告知时限')).toEqual([fill(ct, '告知时限', () => true, vars)]);
    expect(scriptsOf(v, '回访')).toEqual([fill(ct, '回访', () => true, vars)]);
  });

  it('marks what the ticket lacks instead of guessing', () => {
    const v = run({
      channel: '10000号',
      ticketType: '投诉单',
      title: '有个问题想反映一下',
      acceptedAt: '2026-03-10 09:00',
    });
    const text = scriptsOf(v, '受理')[0]!;
    expect(text).toContain('【客户称呼未知】');
    expect(text).toContain('【工单号未知】');
    expect(text).toContain('【分类未知】');
    // VIP status unknown: the resolve time is unknown, and no shorter clock stands in for it.
    expect(text).toContain('【时限未知】');
    expect(scriptsOf(v, '告知时限')[0]).not.toMatch(/\d+ 小时/);
    for (const s of v.scripts) expect(s.text).not.toMatch(/[{}]/);
  });

  it.each([ct, ty])('$id has a script for every stage, and some ticket reaches each', (pack) => {
    expect(new Set(pack.scripts.map((s) => s.stage))).toEqual(new Set(STAGES));
    const reached = new Set<Stage>();
    const tickets: [Ticket, Ticket[]][] = [
      [
        { ...me, title: '多扣了费用，要求精神损失费', customerName: '匿名', closedAt: '2026-03-10 09:50' },
        [past({ title: '多扣费用', acceptedAt: '2026-03-05 09:00' })],
      ],
      [
        { ...me, channel: '工信部申诉', title: '多扣费用' },
        [past({ title: '多扣费用', acceptedAt: '2026-03-05 09:00', closedAt: '2026-03-06 09:00' })],
      ],
    ];
    for (const [t, h] of tickets) for (const s of run(t, pack, h).scripts) reached.add(s.stage);
    expect(reached).toEqual(new Set(STAGES));
  });
});

describe('every decision says why, citing a clause', () => {
  const rich: [string, Ticket, Ticket[]][] = [
    // 扣费 falls in a class of both packs (费用争议类; 订购及计费类).
    [
      'escalated group-channel complaint',
      {
        ...me,
        channel: '集团热线4008810000',
        customerLevel: 'VIP',
        title: '被乱扣费，要求精神损失费，不然找媒体',
        customerName: '匿名',
        supervisedAt: '2026-03-10 09:30',
        dispatchedAt: '2026-03-10 09:20',
      },
      [
        past({ title: '多扣费用', acceptedAt: '2026-03-08 09:00', closedAt: '2026-03-09 09:00' }),
        past({ customerPhone: '13300000002', title: '扣费不对', acceptedAt: '2026-03-09 09:00' }),
        past({ customerPhone: '13300000003', title: '莫名扣费', acceptedAt: '2026-03-09 12:00' }),
      ],
    ],
    ['appeal', { ...me, channel: '工信部申诉', repeatCount: 1 }, []],
  ];
  it.each([ct, ty])('$id', (pack) => {
    for (const [, t, h] of rich) {
      const v = run(t, pack, h);
      expect(v.tags.length).toBeGreaterThan(0);
      expect(v.clocks.length).toBeGreaterThan(0);
      expect(v.dispatch.length).toBeGreaterThan(0);
      for (const x of [...v.tags, ...v.clocks, ...v.dispatch]) expect(x.because).toMatch(CITES);
    }
    const codes = rich.flatMap(([, t, h]) => run(t, pack, h).tags.map((x) => x.code));
    expect(new Set(codes)).toEqual(new Set(['repeat', 'group', 'escalated', 'malicious', 'invalid', 'appeal']));
  });
});

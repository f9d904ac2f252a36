// Deterministic synthetic CRM tickets: the same seed gives the same 20,000 tickets on every run,
// so figures from different machines and commits compare like for like.
import type { Ticket } from '../../rules/ticket';
import { prng } from '../prng';

type Weighted<T> = readonly (readonly [T, number])[];

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
function weighted<T>(r: () => number, items: Weighted<T>): T {
  let x = r() * items.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
}

// Phrases hit the pack's keyword lists (nature, class, tags, priority, risk, dispatch) in realistic
// combinations; NEUTRAL ones hit none, so some tickets fall through to defaults and unknowns.
const PHRASES = [
  '上个月话费多扣了{n}元，要求退费',
  '莫名其妙收取违约金，营业厅解释不通',
  '滞纳金收费不合理，客户很不满意',
  '宽带网速太慢，晚上经常掉线，一直没解决',
  '家里手机没信号，电话打不通',
  '光猫坏了，预约师傅上门维修，没人处理',
  '充值{n}元一直未到账',
  '申请销户被拒，要求取消套餐',
  '营业员推销时承诺赠送流量，实际没有',
  '天翼云盘APP登录后闪退',
  'IPTV电视无法使用',
  '需要开发票，账单金额对不上',
  '停机后复机一直不成功',
  '实名制规定限制太多，很不合理',
  '要求赔偿精神损失费',
  '要求赔偿{n}万元',
  '再不解决就找媒体曝光',
  '已经咨询律师，准备起诉',
  '全市大面积断网，影响很大',
  '说已向工信部反映过',
  '帮朋友反映，非机主本人',
  '经常收到诈骗电话和垃圾短信',
  '公司宽带专线中断半天',
  '查询本月账单明细',
  '想查一下剩余积分',
  '请问5G套餐资费怎么办理',
  '想了解一下宽带优惠活动',
  '营业厅工作人员服务态度太差',
] as const;
const NEUTRAL = [
  '客户来电反映情况',
  '客户情绪比较激动',
  '请尽快回电',
  '已安抚客户',
  '具体情况见附件',
  '客户称昨天来过电话',
] as const;
const TITLES = ['话费争议', '宽带故障', '网络投诉', '业务咨询', '催办', '客户来电', '其他', '服务投诉'] as const;

const PATHS: Weighted<string | undefined> = [
  ['服务请求->投诉单->费用争议类->违约金/滞纳金争议->违约金', 6],
  ['服务请求->投诉单->网络质量类->移动网络->信号弱', 5],
  ['服务请求->投诉单->装维服务类->上门服务->超时未上门', 3],
  ['服务请求->投诉单->营销服务类->宣传误导', 3],
  ['服务请求->投诉单->充值缴费类->充值未到账', 2],
  ['服务请求->投诉单->销户退订类->销户受阻', 2],
  ['服务请求->投诉单->业务及平台使用类->天翼云盘', 2],
  ['服务请求->投诉单->账单发票类->发票开具', 1],
  ['服务请求->投诉单->开通及停用类->停复机', 1],
  ['服务请求->投诉单->规则政策类->实名制', 1],
  ['服务请求->咨询单->资费套餐->5G套餐', 3],
  ['服务请求->查询单->账单查询->月账单', 2],
  ['服务请求->障碍单->宽带障碍->无法上网', 3],
  ['服务请求->其他->未分类', 2],
  [undefined, 45],
];
const TICKET_TYPES: Weighted<string | undefined> = [
  ['投诉工单', 8],
  ['咨询', 3],
  ['查询', 2],
  ['障碍申告', 3],
  ['建议', 1],
  [undefined, 83],
];
const LEVELS: Weighted<string | undefined> = [
  ['VIP', 8],
  ['钻石', 7],
  ['金卡', 3],
  ['3星', 20],
  ['5星', 10],
  ['普通', 25],
  ['未评级', 2],
  [undefined, 25],
];
const CHANNELS: Weighted<string | undefined> = [
  ['10000号', 40],
  ['营业厅', 15],
  ['集团热线4008810000', 10],
  ['工信部申诉', 8],
  ['网厅', 5],
  [undefined, 22],
];
const NAMES = ['张先生', '王女士', '李先生', '陈女士', '刘先生', '匿名', undefined] as const;
const BUSINESS = ['移动业务', '宽带', '固话', 'IPTV', '天翼云盘', undefined, undefined] as const;
const AREAS = ['杭州', '宁波', '温州', '绍兴', undefined] as const;
const PREFIXES = ['133', '153', '173', '177', '180', '181', '189', '199'] as const;

type TimeFormat = 'dash' | 'slash' | 'cn' | 'iso' | 'epoch' | 'bad';
const FORMATS: Weighted<TimeFormat> = [
  ['dash', 30],
  ['slash', 25],
  ['cn', 15],
  ['iso', 15],
  ['epoch', 14],
  ['bad', 1],
];

const MIN = 60_000;
const HOUR = 3_600_000;
/** The instant the bench evaluates at: 2026-11-28 18:00 Shanghai. */
export const NOW = Date.UTC(2026, 10, 28, 10, 0);

const p2 = (n: number) => String(n).padStart(2, '0');

/** One instant in one of the shapes legacy CRMs write. */
function formatTime(ms: number, f: TimeFormat): string | number {
  const d = new Date(ms + 8 * HOUR); // Shanghai wall clock read off the UTC getters
  const [y, mo, da, h, mi, s] = [
    d.getUTCFullYear(),
    p2(d.getUTCMonth() + 1),
    p2(d.getUTCDate()),
    p2(d.getUTCHours()),
    p2(d.getUTCMinutes()),
    p2(d.getUTCSeconds()),
  ];
  switch (f) {
    case 'dash':
      return `${y}-${mo}-${da} ${h}:${mi}`;
    case 'slash':
      return `${y}/${mo}/${da} ${h}:${mi}:${s}`;
    case 'cn':
      return `${y}年${mo}月${da}日 ${h}时${mi}分`;
    case 'iso':
      return `${y}-${mo}-${da}T${h}:${mi}:${s}+08:00`;
    case 'epoch':
      return ms;
    case 'bad':
      return '待补录';
  }
}

function text(r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  const parts = Array.from({ length: n }, () => (r() < 0.3 ? pick(r, NEUTRAL) : pick(r, PHRASES)));
  return parts.join('，').replace(/\{n\}/g, () => String(1 + Math.floor(r() * 200)));
}

/** `now` and `days`: tickets are accepted within the `days` before `now` (the same draws either way). */
export function generateTickets(count: number, seed = 20261128, { now = NOW, days = 20 } = {}): Ticket[] {
  const r = prng(seed);
  const out: Ticket[] = [];
  for (let i = 0; i < count; i++) {
    const fmt = weighted(r, FORMATS);
    const at = (ms: number) => formatTime(ms, fmt);
    const accepted = now - Math.floor(r() * days * 24 * HOUR);
    const dispatched = accepted + (5 + Math.floor(r() * 90)) * MIN;
    const channel = weighted(r, CHANNELS);
    const closed = r() < 0.3;
    const t: Ticket = {
      id: `GD20261128${String(i).padStart(6, '0')}`,
      channel,
      ticketType: weighted(r, TICKET_TYPES),
      categoryPath: weighted(r, PATHS),
      customerLevel: weighted(r, LEVELS),
      customerName: pick(r, NAMES),
      customerPhone: `${pick(r, PREFIXES)}****${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
      business: pick(r, BUSINESS),
      area: pick(r, AREAS),
      title: r() < 0.8 ? pick(r, TITLES) : undefined,
      text: r() < 0.95 ? text(r) : undefined,
      status: closed ? '已结单' : pick(r, ['处理中', '待派单', '已派单']),
      acceptedAt: r() < 0.97 ? at(accepted) : undefined,
      dispatchedAt: r() < 0.85 ? at(dispatched) : undefined,
      respondedAt: r() < 0.6 ? at(dispatched + (10 + Math.floor(r() * 60)) * MIN) : undefined,
      repliedAt: r() < 0.35 ? at(accepted + Math.floor(r() * 48) * HOUR) : undefined,
      closedAt: closed ? at(accepted + (1 + Math.floor(r() * 72)) * HOUR) : undefined,
      appealReceivedAt: channel === '工信部申诉' && r() < 0.7 ? at(accepted - Math.floor(r() * 6) * HOUR) : undefined,
      supervisedAt: r() < 0.05 ? at(accepted + 2 * HOUR) : undefined,
      urgeCount: weighted<number | string | undefined>(r, [
        [0, 50],
        [1, 25],
        [2, 8],
        ['3次', 4],
        [4, 3],
        [undefined, 10],
      ]),
      repeatCount: weighted<number | undefined>(r, [
        [0, 60],
        [1, 7],
        [2, 3],
        [undefined, 30],
      ]),
    };
    // As the engine receives a ticket: parsed from JSON (a JSON line for the CLI, a message from the
    // content script for the background), so a missing field is absent, as when the page lacks the cell.
    out.push(JSON.parse(JSON.stringify(t)) as Ticket);
  }
  return out;
}

// The heavy screen: one ticket above a 5,000-row contact history, plus a clock that rewrites
// itself every second. It measures reading cost on a big DOM and checks that an observer
// limited to the ticket area does not wake on every tick.
import { COMPLAINT_CLASSES, esc, HANDLING_LINES, options, TICKET_TYPES } from './html';
import { prng } from '../prng';
import { formatShanghai, type LiveTicket } from './tickets';

export const HISTORY_ROWS = 5000;

const CHANNELS = ['10000号', '营业厅', '网上营业厅', '掌上营业厅', '短信', '在线客服', '集团热线'];
const KINDS = ['咨询', '查询', '投诉', '业务办理', '回访', '障碍申告'];
const RESULTS = ['已解答', '已转派', '未接通', '满意', '不满意', '已办结'];
const TOPICS = ['话费账单', '套餐资费', '宽带故障', '积分兑换', '流量使用', '号码过户', '发票开具', '合约到期'];

function historyRows(t: LiveTicket, nowMs: number): string {
  // Deterministic per ticket, so the page and its fixture stay comparable.
  const rnd = prng([...t.id].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const rows: string[] = [];
  let at = nowMs - 3_600_000;
  for (let i = 1; i <= HISTORY_ROWS; i++) {
    at -= Math.floor(rnd() * 6 * 3_600_000);
    const kind = pick(KINDS);
    const phone = `1${30 + Math.floor(rnd() * 70)}****${String(Math.floor(rnd() * 10_000)).padStart(4, '0')}`;
    rows.push(
      `<tr><td>${i}</td><td>${formatShanghai(at, 'slash-seconds')}</td><td>${pick(CHANNELS)}</td><td>${kind}</td><td>${phone}</td>` +
        `<td>kf${String(Math.floor(rnd() * 9000) + 1000)}</td><td>${Math.floor(rnd() * 900)}</td><td>${pick(TOPICS)}</td>` +
        `<td>${pick(RESULTS)}</td><td>客户${kind}${pick(TOPICS)}相关问题，坐席已记录</td></tr>`,
    );
  }
  return rows.join('\n');
}

const STYLE = `<style>
body{margin:0;font:12px "Microsoft YaHei",sans-serif}
#topbar{background:#0f4c81;color:#fff;padding:6px 10px;display:flex;justify-content:space-between}
.panel{margin:8px;border:1px solid #c7d5e5}.panel h3{margin:0;padding:4px 8px;background:#e8f0f8;font-size:13px}
table.kv{border-collapse:collapse;width:100%}table.kv th{background:#f4f7fb;text-align:right;font-weight:normal;color:#555;width:90px}
table.kv th,table.kv td{border:1px solid #dde5ee;padding:3px 6px}
#contactHistory{border-collapse:collapse;width:100%}#contactHistory td,#contactHistory th{border:1px solid #e3e3e3;padding:2px 4px}
</style>`;

export function heavyPage(t: LiveTicket, nowMs: number): string {
  const { times } = t;
  const kv = (pairs: [string, string | undefined][]) =>
    `<tr>${pairs.map(([label, value]) => `<th>${label}</th><td>${esc(value)}</td>`).join('')}</tr>`;
  const time = (ms: number | undefined) => formatShanghai(ms, 'slash-seconds');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>综合客服 - ${esc(t.id)}</title>${STYLE}</head>
<body>
<div id="topbar"><span>综合客服系统 · 工单详情</span><span>系统时间：<span id="sysClock">${formatShanghai(nowMs, 'dash-seconds')}</span></span></div>
<div class="panel" id="ticketPanel"><h3>工单 ${esc(t.id)}</h3>
<table class="kv">
${kv([
  ['工单号', t.id],
  ['当前状态', t.status],
  ['工单类型', t.ticketType],
])}
${kv([
  ['受理时间', time(times.acceptedAt)],
  ['派单时间', time(times.dispatchedAt)],
  ['响应时间', time(times.respondedAt)],
])}
${kv([
  ['结单时间', time(times.closedAt)],
  ['申诉时间', time(times.appealReceivedAt)],
  ['督办时间', time(times.supervisedAt)],
])}
${kv([
  ['受理渠道', t.channel],
  ['工单来源', t.source],
  ['客户名称', t.customerName],
])}
${kv([
  ['客户星级', t.customerLevel],
  ['联系号码', t.customerPhone],
  ['地区', t.area],
])}
${kv([
  ['业务', t.business],
  ['重复次数', t.repeatCount],
  ['催单次数', t.urgeCount],
])}
<tr><th>服务请求类别</th><td colspan="5">${esc(t.categoryPath)}</td></tr>
<tr><th>标题</th><td colspan="5">${esc(t.title)}</td></tr>
<tr><th>内容</th><td colspan="5">${esc(t.text)}</td></tr>
</table></div>
<form class="panel" name="dealForm" action="/heavy/save.asp" method="post"><h3>处理</h3>
<input type="hidden" name="ticketId" value="${esc(t.id)}">
<table class="kv">
<tr><th>单据类型</th><td><select name="ticketType" onchange="this.form.dirty.value='1'">${options(TICKET_TYPES, t.ticketType)}</select></td>
<th>投诉分类</th><td><select name="complaintClass" onchange="this.form.dirty.value='1'">${options(COMPLAINT_CLASSES)}</select></td>
<th>处理条线</th><td><select name="dealLine" onchange="this.form.dirty.value='1'">${options(HANDLING_LINES)}</select></td></tr>
<tr><th>标签</th><td><input name="tags" onchange="this.form.dirty.value='1'"></td><th>备注</th><td colspan="3"><input name="remark" size="60" onchange="this.form.dirty.value='1'"></td></tr>
<tr><th>回复</th><td colspan="5"><textarea name="replyText" rows="4" cols="100"></textarea></td></tr>
</table>
<input type="hidden" name="dirty" value="0"><input type="submit" value="提交">
</form>
<div class="panel"><h3>客户接触历史（共 ${HISTORY_ROWS} 条）</h3>
<table id="contactHistory"><thead><tr><th>序号</th><th>接触时间</th><th>接触渠道</th><th>接触类型</th><th>主叫号码</th><th>坐席工号</th><th>时长(秒)</th><th>涉及内容</th><th>处理结果</th><th>摘要</th></tr></thead>
<tbody>
${historyRows(t, nowMs)}
</tbody></table></div>
<script>
(function () {
  var clock = document.getElementById('sysClock');
  var base = ${nowMs}, started = Date.now();
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  setInterval(function () {
    var d = new Date(base + Date.now() - started + 8 * 3600000);
    clock.textContent = d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
      pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }, 1000);
})();
</script>
</body></html>`;
}

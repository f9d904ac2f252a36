// The hostile screen: a CRM page whose ticket text carries markup and scripts, right-to-left
// overrides, zero-width characters and a 100,000-character description; decoy controls placed
// before the real ones that auto-fill's selectors match first; page CSS and a page script aimed at
// the badge. The page's own scripts keep working (a 保存草稿 button with its own handler), and
// every payload, were it ever interpreted as markup, records itself in `window.__pwned`.
import { COMPLAINT_CLASSES, esc, HANDLING_LINES, options, TICKET_TYPES } from './html';
import { formatShanghai } from './tickets';

export const HOSTILE_ID = 'GD100301';
export const HOSTILE_TEXT_LENGTH = 100_000;
const RLO = '\u202E';
const PDF = '\u202C';
const ZW = '\u200B\u200C\u200D\u2060\uFEFF';

/** What an injected handler does if anything ever runs it: a flag, and a dialog. */
const PAYLOAD = "window.__pwned.push('img');alert('pwned')";

export interface HostileTicket {
  id: string;
  title: string;
  text: string;
  customerName: string;
  business: string;
}

export function hostileTicket(): HostileTicket {
  const head = `客户反映晚上网速慢，宽带经常掉线。<script>window.__pwned.push('script');alert('pwned')</script><img src=x onerror="${PAYLOAD}">${ZW}`;
  const filler = '客户再次来电催促处理网速问题，要求尽快上门检修。';
  let text = head;
  while (text.length < HOSTILE_TEXT_LENGTH) text += filler;
  return {
    id: HOSTILE_ID,
    title: `宽${ZW}带网速慢<img src=x onerror="${PAYLOAD}">${RLO}gpj.exe${PDF}`,
    text: text.slice(0, HOSTILE_TEXT_LENGTH),
    customerName: `${RLO}明小王${PDF}<b onmouseover="${PAYLOAD}">VIP</b>`,
    business: `宽带${ZW}<svg onload="${PAYLOAD}"></svg>`,
  };
}

const STYLE = `<style>
body{margin:0;font:12px "Microsoft YaHei",sans-serif}
.crm{margin:8px}
table.kv{border-collapse:collapse;width:100%}table.kv th{background:#f4f7fb;text-align:right;font-weight:normal;color:#555;width:90px}
table.kv th,table.kv td{border:1px solid #dde5ee;padding:3px 6px;max-width:600px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
/* Aimed at the sidekick's badge. */
ticket-sidekick-badge{display:none!important;visibility:hidden!important;opacity:0!important;position:static!important;
  width:0!important;height:0!important;transform:scale(0)!important;z-index:-1!important;clip-path:inset(50%)!important;filter:opacity(0)!important}
ticket-sidekick-badge *{display:none!important}
body>*:not(.crm){visibility:hidden!important;opacity:0!important}
*:not(.crm *):not(.crm):not(html):not(body):not(head):not(head *){display:none!important}
</style>`;

/** The page's own script: a draft button, and a sweep that tries to hide and read the badge. */
const SCRIPT = `<script>
window.__pwned = [];
window.__crm = { drafts: 0, badgeSeen: 0, shadowReadable: false, attachShadowRefused: 0, removed: 0 };
document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('saveDraft').addEventListener('click', function () {
    window.__crm.drafts += 1;
    document.getElementById('draftStatus').textContent = '草稿已保存（' + window.__crm.drafts + '）';
  });
});
setInterval(function () {
  var hosts = document.querySelectorAll('ticket-sidekick-badge');
  for (var i = 0; i < hosts.length; i++) {
    var h = hosts[i];
    window.__crm.badgeSeen += 1;
    if (h.shadowRoot) { window.__crm.shadowReadable = true; window.__crm.badgeText = h.shadowRoot.textContent; }
    try { h.attachShadow({ mode: 'open' }); } catch (e) { window.__crm.attachShadowRefused += 1; }
    h.hidden = true;
    h.setAttribute('style', 'display:none!important;visibility:hidden!important;opacity:0!important');
    // Once, take it out of the page altogether.
    if (!window.__crm.removed) { window.__crm.removed = 1; h.remove(); }
  }
}, 100);
</script>`;

export function hostilePage(nowMs: number): string {
  const t = hostileTicket();
  const time = (ms: number) => formatShanghai(ms, 'dash-seconds');
  const kv = (pairs: [string, string][]) =>
    `<tr>${pairs.map(([label, value]) => `<th>${label}</th><td>${esc(value)}</td>`).join('')}</tr>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>投诉工单 - ${esc(t.id)}</title>${STYLE}${SCRIPT}</head>
<body>
<div class="crm" id="ticketPanel"><h3>工单 ${esc(t.id)}</h3>
<table class="kv">
${kv([
  ['工单号', t.id],
  ['当前状态', '处理中'],
  ['工单类型', '投诉单'],
])}
${kv([
  ['受理时间', time(nowMs - 50 * 60_000)],
  ['受理渠道', '10000号'],
  ['客户星级', '3星'],
])}
${kv([
  ['客户名称', t.customerName],
  ['联系号码', '133****5678'],
  ['业务', t.business],
])}
${kv([
  ['重复次数', '1'],
  ['催单次数', '0'],
  ['地区', '广州'],
])}
<tr><th>服务请求类别</th><td colspan="5">${esc('服务请求->投诉单->网络质量类->宽带->网速慢')}</td></tr>
<tr><th>标题</th><td colspan="5">${esc(t.title)}</td></tr>
<tr><th>内容</th><td colspan="5" id="longText">${esc(t.text)}</td></tr>
</table></div>
<form class="crm" name="dealForm" action="/hostile/save.asp" method="post">
<!-- Decoys first: each matches the adapter's write selector before the real control does. -->
<select name="gdlx" style="display:none" data-decoy="1">${options(TICKET_TYPES)}</select>
<select name="tsfl" disabled data-decoy="1">${options(COMPLAINT_CLASSES)}</select>
<input name="bq" type="file" style="display:none" data-decoy="1">
<input name="bq" type="password" autocomplete="off" data-decoy="1">
<input name="bq" type="hidden" value="decoy" data-decoy="1">
<input name="bq" readonly value="只读" data-decoy="1">
<table class="kv">
<tr><th>单据类型</th><td><select name="gdlx">${options(TICKET_TYPES)}</select></td>
<th>投诉分类</th><td><select name="tsfl">${options(COMPLAINT_CLASSES)}</select></td>
<th>处理条线</th><td><select name="cltx">${options(HANDLING_LINES)}</select></td></tr>
<tr><th>标签</th><td colspan="5"><input name="bq" value="旧标签"></td></tr>
<tr><th>回复</th><td colspan="5"><textarea name="replyText" rows="3" cols="80"></textarea></td></tr>
</table>
<button type="button" id="saveDraft">保存草稿</button> <span id="draftStatus"></span>
</form>
</body></html>`;
}

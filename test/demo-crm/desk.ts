// The desk screen: a Bootstrap-style ticket page (cards, `dl` and div rows, no tables, no frames)
// under a fixed navbar whose 新建工单 button sits in the top-right corner, where a badge fixed
// to the corner would cover it; the adapter anchors the badge to the ticket header instead.
// Times show month and weekday names (`2026-十一月-26 09:40:00 星期四`), help icons and links
// sit between labels and values, and the 处理 form's 工单类型 says 投诉/报修/咨询 where the
// verdict says 投诉单/障碍单/咨询单. The 处理记录 card lists the ticket's history newest first,
// times as `Nov 26, 2026 09:40`, a suspension as 挂起 and its end as 取消挂起. Its adapter is
// test/demo-crm/adapters/desk.json, which is not bundled: it is added at run time.
import { esc, HANDLING_LINES, nowQuery, options } from './html';
import { formatShanghai, type LiveTicket } from './tickets';

const MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** This CRM's own wording for a ticket type: it has no 查询 and calls a fault report 报修. */
const DESK_TYPES: readonly [string, string][] = [
  ['T1', '投诉'],
  ['T2', '报修'],
  ['T3', '咨询'],
];

/** `2026-十一月-26 09:40:00 星期四`, or with `short` `周四 2026-十一月-26 09:51:35`; `—` when absent. */
function deskTime(ms: number | undefined, short = false): string {
  if (ms === undefined) return '—';
  const d = new Date(ms + 8 * 3_600_000); // Shanghai wall clock, read with the UTC getters
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const day = WEEKDAYS[d.getUTCDay()];
  return short ? `周${day} ${date}` : `${date} 星期${day}`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 26, 2026 09:40`, as the history list shows times. */
function historyTime(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The 处理记录 card: every step of the ticket, newest first. */
function history(t: LiveTicket): string {
  const { times } = t;
  const steps: [number | undefined, string, string, string][] = [
    [times.acceptedAt, '创建', 'kf0231', '客户来电，已记录诉求'],
    [times.dispatchedAt, '派单', 'tsgl0107', '派至处理部门'],
    [times.respondedAt, '接单', 'clbm0415', '已接单，正在核实'],
    [times.closedAt, '结单', 'tsgl0107', '已处理完毕，待回访'],
    ...t.suspensions.map((p): [number, string, string, string] => [
      p.at,
      p.event === 'pause' ? '挂起' : '取消挂起',
      'clbm0415',
      p.note,
    ]),
  ];
  const items = steps
    .filter((step): step is [number, string, string, string] => step[0] !== undefined)
    .sort(([a], [b]) => b - a)
    .map(
      ([at, action, who, note]) =>
        `<li class="list-group-item"><div class="d-flex"><strong class="action">${esc(action)}</strong><small class="text-muted">${esc(historyTime(at))}</small></div><div class="small">${esc(who)} · ${esc(note)}</div></li>`,
    );
  return `<div class="card" id="history"><div class="card-header">处理记录</div><ul class="list-group">${items.join('')}</ul></div>`;
}

const QUESTION =
  '<svg class="bi bi-question-circle" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true"><title>说明</title><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor"/><path d="M6 6a2 2 0 1 1 2 2v2" fill="none" stroke="currentColor"/></svg>';
const STAR =
  '<svg class="bi bi-star-fill" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5z"/></svg>';
const LOGO =
  '<svg class="logo" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true"><rect width="28" height="28" rx="6" fill="#0d6efd"/><path d="M7 9h14v3H15v9h-3v-9H7z" fill="#fff"/></svg>';
const help = (topic: string) => `<a class="help" href="#help-${topic}" title="帮助">?</a>`;

const dd = (label: string, value: string | undefined, decoration = '') =>
  `<dt class="col-sm-4">${label}${decoration}</dt><dd class="col-sm-8">${esc(value || '—')}</dd>`;
const row = (label: string, value: string, decoration = '') =>
  `<div class="field-row"><span class="field-label">${label}</span>${decoration}<span class="field-value">${value}</span></div>`;

const STYLE = `<style>
*{box-sizing:border-box}body{margin:0;padding-top:56px;font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#212529;background:#f8f9fa}
.navbar{position:fixed;top:0;left:0;right:0;height:56px;z-index:1030;background:#212529;color:#fff}
.navbar .container-fluid{display:flex;align-items:center;gap:16px;height:100%;padding:0 16px}
.navbar-brand{display:flex;align-items:center;gap:8px;color:#fff;text-decoration:none;font-size:18px}
.navbar-nav{display:flex;gap:12px;list-style:none;margin:0;padding:0}.nav-link{color:#adb5bd;text-decoration:none}.nav-link.active{color:#fff}
.navbar .btn{margin-left:auto}
.btn{display:inline-block;border:1px solid transparent;border-radius:6px;padding:6px 12px;font:inherit;cursor:pointer}
.btn-primary{background:#0d6efd;color:#fff}.btn-outline-secondary{border-color:#6c757d;color:#6c757d;background:none}
.container{max-width:1140px;margin:0 auto;padding:16px}
.breadcrumb{display:flex;gap:6px;list-style:none;padding:0;margin:0 0 8px;color:#6c757d}.breadcrumb li+li::before{content:"/ "}
.ticket-header{display:flex;align-items:center;gap:12px;margin-bottom:16px}.ticket-header h1{font-size:20px;margin:0}
.badge{display:inline-block;border-radius:6px;padding:2px 8px;font-size:12px;background:#ffc107}.badge.bg-secondary{background:#6c757d;color:#fff}
.row{display:flex;flex-wrap:wrap;gap:16px}.col-md-8{flex:2 1 480px}.col-md-4{flex:1 1 280px}
.card{background:#fff;border:1px solid #dee2e6;border-radius:8px;margin-bottom:16px}
.card-header{padding:8px 16px;border-bottom:1px solid #dee2e6;background:#f8f9fa;font-weight:600}.card-body{padding:16px}
dl.row{display:grid;grid-template-columns:1fr 2fr 1fr 2fr;gap:6px 12px;margin:0}dl.row dt{color:#6c757d;font-weight:normal}dl.row dd{margin:0}
.field-row{display:flex;align-items:center;gap:6px;margin:4px 0}.field-label{width:72px;color:#6c757d}
.help{color:#0d6efd;text-decoration:none;font-size:12px}.bi{color:#6c757d;vertical-align:-2px}
i.bi{font-style:normal}i.bi::before{content:"ⓘ"} /* as an icon font draws it: shown, yet no text in the page */
.list-group{list-style:none;margin:0;padding:0}.list-group-item{padding:8px 16px;border-top:1px solid #dee2e6}.list-group-item:first-child{border-top:0}
.d-flex{display:flex;justify-content:space-between;gap:8px}.text-muted{color:#6c757d}.small{font-size:12px;color:#495057}
.form-label{display:block;margin:8px 0 4px;color:#6c757d}.form-control,.form-select{width:100%;padding:6px 10px;border:1px solid #ced4da;border-radius:6px;font:inherit}
</style>`;

// Marks what changed, so a test can tell whether auto-fill fired real change events.
const SCRIPT = `<script>
document.addEventListener('change', function (e) {
  var form = document.getElementById('dealForm');
  if (!e.target.name || !form.contains(e.target)) return;
  var state = document.getElementById('formState');
  var names = state.dataset.changed ? state.dataset.changed.split(',') : [];
  if (names.indexOf(e.target.name) < 0) names.push(e.target.name);
  state.dataset.changed = names.join(',');
  state.textContent = '已修改：' + names.join('、');
});
</script>`;

export function deskPage(t: LiveTicket, now: string | null): string {
  const { times } = t;
  const accepted =
    times.acceptedAt === undefined
      ? ''
      : ` <time datetime="${formatShanghai(times.acceptedAt, 'dash-seconds')}">创建于 ${esc(deskTime(times.acceptedAt))}</time>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(t.id)} · 易工单</title>${STYLE}${SCRIPT}</head>
<body>
<nav class="navbar"><div class="container-fluid">
  <a class="navbar-brand" href="/${nowQuery(now, '?')}">${LOGO}易工单</a>
  <ul class="navbar-nav"><li><a class="nav-link active" href="#tickets">工单</a></li><li><a class="nav-link" href="#kb">知识库</a></li><li><a class="nav-link" href="#reports">报表</a></li></ul>
  <button type="button" class="btn btn-primary" id="newTicket">新建工单</button>
</div></nav>
<div class="container">
  <ol class="breadcrumb"><li>工单</li><li>${esc(t.id)}</li></ol>
  <div id="ticket">
    <header id="ticketHeader" class="ticket-header">
      <h1><span class="ticket-title">${esc(t.title)}</span></h1>
      <span class="badge status">${esc(t.status)}</span><span class="badge bg-secondary">${esc(t.ticketType)}</span>${accepted}
    </header>
    <div class="row">
      <div class="col-md-8">
        <div class="card"><div class="card-header">工单信息</div><div class="card-body"><dl class="row">
          ${dd('工单编号', t.id)}${dd('工单状态', t.status)}
          ${dd('工单类型', t.ticketType, ' <i class="bi bi-question-circle" title="投诉单、咨询单、查询单、障碍单"></i>')}${dd('来源', t.source)}
          ${dd('创建时间', deskTime(times.acceptedAt), QUESTION)}${dd('派单时间', deskTime(times.dispatchedAt, true))}
          ${dd('响应时间', deskTime(times.respondedAt, true))}${dd('结单时间', deskTime(times.closedAt, true))}
          ${dd('申诉时间', deskTime(times.appealReceivedAt, true), ` ${help('appeal')}`)}${dd('督办时间', deskTime(times.supervisedAt, true))}
          ${dd('渠道', t.channel)}${dd('业务分类', t.categoryPath, ' <i class="bi bi-diagram-3"></i>')}
        </dl></div></div>
        <div class="card"><div class="card-header">问题描述 <a class="help" href="#help-text" title="帮助">${QUESTION}</a></div>
          <div class="card-body"><p class="card-text">${esc(t.text)}</p></div></div>
        ${history(t)}
      </div>
      <div class="col-md-4">
        <div class="card"><div class="card-header">客户信息</div><div class="card-body">
          ${row('客户姓名', esc(t.customerName))}
          ${row('客户级别', esc(t.customerLevel), STAR)}
          ${row('联系电话', esc(t.customerPhone), help('phone'))}
          ${row('业务', esc(t.business), '<i class="bi bi-info-circle"></i>')}
          ${row('地区', esc(t.area))}
          ${row('重复次数', `<span class="badge bg-secondary">${esc(t.repeatCount)}</span>`, help('repeat'))}
          ${row('催单次数', `<span class="badge bg-secondary">${esc(t.urgeCount)}</span>`)}
        </div></div>
      </div>
    </div>
  </div>
  <form class="card" id="dealForm" action="/desk/save" method="post"><div class="card-header">处理</div><div class="card-body">
    <input type="hidden" name="ticketId" value="${esc(t.id)}">
    <label class="form-label" for="f-type">工单类型</label><select class="form-select" id="f-type" name="type">${options(DESK_TYPES)}</select>
    <label class="form-label" for="f-category">投诉分类</label><input class="form-control" id="f-category" name="category" placeholder="如：费用争议类">
    <label class="form-label" for="f-line">处理条线</label><select class="form-select" id="f-line" name="line">${options(HANDLING_LINES)}</select>
    <label class="form-label" for="f-tags">标签</label><input class="form-control" id="f-tags" name="tags">
    <label class="form-label" for="f-remarks">备注</label><input class="form-control" id="f-remarks" name="remarks">
    <label class="form-label" for="f-reply">回复客户</label><textarea class="form-control" id="f-reply" name="reply" rows="4"></textarea>
    <p id="formState">未修改</p>
    <button type="submit" class="btn btn-primary">提交</button> <button type="button" class="btn btn-outline-secondary">暂存</button>
  </div></form>
</div>
</body></html>`;
}

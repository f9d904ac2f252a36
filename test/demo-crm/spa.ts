// The newer single-page screen: UTF-8, the ticket arrives as JSON after a delay and is
// rendered by script, and the queue switches tickets with pushState, never a reload. An
// empty field shows a dash placeholder, as such screens do, which an adapter must not
// take for a value.
import { COMPLAINT_CLASSES, HANDLING_LINES, TICKET_TYPES } from './html';
import { formatShanghai, TICKETS, type LiveTicket } from './tickets';

/** The API's view of a ticket: canonical field names, times as `YYYY-MM-DD HH:mm:ss`. */
export function apiTicket(t: LiveTicket): Record<string, string> {
  const { times, purpose: _purpose, suspensions: _suspensions, ...fields } = t;
  const out: Record<string, string> = { ...fields };
  for (const [field, ms] of Object.entries(times)) out[field] = formatShanghai(ms, 'dash-seconds');
  return out;
}

export function apiList(): { id: string; ticketType?: string; customerName?: string; title?: string }[] {
  return TICKETS.map(({ id, ticketType, customerName, title }) => ({ id, ticketType, customerName, title }));
}

const STYLE = `<style>
*{box-sizing:border-box}body{margin:0;font:14px/1.5 "PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f3f4f6}
.topbar{background:#1e3a8a;color:#fff;padding:10px 16px;font-weight:600}
.layout{display:flex;min-height:calc(100vh - 44px)}
.queue{width:260px;background:#fff;border-right:1px solid #e5e7eb;padding:8px}
.queue ul{list-style:none;margin:0;padding:0}.queue a{display:block;padding:8px;border-radius:6px;color:inherit;text-decoration:none}
.queue a.active{background:#dbeafe}.queue small{color:#6b7280;display:block}
main{flex:1;padding:16px}.card{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px;box-shadow:0 1px 2px #0001}
.ticket-head{display:flex;align-items:center;gap:12px}.chip{background:#fef3c7;border-radius:999px;padding:2px 10px;font-size:12px}
dl.meta{display:grid;grid-template-columns:120px 1fr 120px 1fr;gap:6px 12px}dl.meta dt{color:#6b7280}dl.meta dd{margin:0}
.field{display:inline-flex;gap:8px;margin:4px 16px 4px 0}.field label{color:#6b7280}
.empty{color:#9ca3af}.loading{padding:40px;color:#6b7280}
.row{display:flex;gap:8px;margin:6px 0}.row label{width:80px;color:#6b7280}textarea{width:100%}
</style>`;

// Plain ES2017 in the page; no template literals, so this TypeScript string stays readable.
const CLIENT = `
(function () {
  var TYPES = ${JSON.stringify(TICKET_TYPES)};
  var CLASSES = ${JSON.stringify(COMPLAINT_CLASSES)};
  var LINES = ${JSON.stringify(HANDLING_LINES)};
  var search = location.search;
  var workspace = document.getElementById('workspace');
  var queue = document.getElementById('queue');
  var current = null;
  var changed = [];
  var firstId = null;

  function esc(v) {
    return String(v == null ? '' : v).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  function show(v) { return v ? esc(v) : '<span class="empty">—</span>'; }
  function opts(list, selectedText) {
    return '<option value="">请选择</option>' + list.map(function (o) {
      return '<option value="' + o[0] + '"' + (o[1] === selectedText ? ' selected' : '') + '>' + esc(o[1]) + '</option>';
    }).join('');
  }
  function meta(label, field, t) { return '<dt>' + label + '</dt><dd data-field="' + field + '">' + show(t[field]) + '</dd>'; }
  function field(label, name, t) {
    return '<div class="field" data-field="' + name + '"><label>' + label + '</label><span class="value">' + show(t[name]) + '</span></div>';
  }
  function idFromPath() {
    var m = /\\/spa\\/ticket\\/([^/?#]+)/.exec(location.pathname);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function render(t) {
    changed = [];
    workspace.innerHTML =
      '<article class="card ticket" data-ticket-id="' + esc(t.id) + '">' +
        '<header class="ticket-head"><h2 data-field="title">' + show(t.title) + '</h2>' +
        '<span class="chip" data-field="status">' + show(t.status) + '</span></header>' +
        '<dl class="meta">' +
          meta('工单编号', 'id', t) + meta('工单类型', 'ticketType', t) +
          meta('受理时间', 'acceptedAt', t) + meta('派单时间', 'dispatchedAt', t) +
          meta('接单时间', 'respondedAt', t) + meta('结单时间', 'closedAt', t) +
          meta('申诉接收时间', 'appealReceivedAt', t) + meta('督办时间', 'supervisedAt', t) +
          meta('受理渠道', 'channel', t) + meta('工单来源', 'source', t) +
          meta('业务分类', 'categoryPath', t) +
        '</dl>' +
        '<section class="customer">' +
          field('客户姓名', 'customerName', t) + field('客户星级', 'customerLevel', t) +
          field('联系电话', 'customerPhone', t) + field('办理业务', 'business', t) + field('所属区域', 'area', t) +
        '</section>' +
        '<section class="stats">' + field('重复投诉次数', 'repeatCount', t) + field('催单次数', 'urgeCount', t) + '</section>' +
        '<section class="content"><div class="field" data-field="text"><label>问题描述</label><p class="value">' + show(t.text) + '</p></div></section>' +
      '</article>' +
      '<form id="handlePanel" class="card" autocomplete="off">' +
        '<div class="row"><label for="h-type">工单类型</label><select id="h-type" name="type">' + opts(TYPES, t.ticketType) + '</select></div>' +
        '<div class="row"><label for="h-class">投诉分类</label><select id="h-class" name="complaintClass">' + opts(CLASSES) + '</select></div>' +
        '<div class="row"><label for="h-line">处理条线</label><select id="h-line" name="line">' + opts(LINES) + '</select></div>' +
        '<div class="row"><label for="h-tags">标签</label><input id="h-tags" name="tags" placeholder="多个标签用逗号分隔"></div>' +
        '<div class="row"><label for="h-remarks">备注</label><input id="h-remarks" name="remarks"></div>' +
        '<div class="row"><label for="h-reply">回复客户</label><textarea id="h-reply" name="reply" rows="5"></textarea></div>' +
        '<p id="formState" class="empty">未修改</p>' +
        '<button type="submit">提交处理结果</button>' +
      '</form>';
  }

  function markActive(id) {
    Array.prototype.forEach.call(queue.querySelectorAll('a[data-id]'), function (a) {
      a.className = a.getAttribute('data-id') === id ? 'active' : '';
    });
  }

  function load(id) {
    current = id;
    markActive(id);
    workspace.innerHTML = '<div class="loading">正在加载工单 ' + esc(id) + ' …</div>';
    fetch('/api/tickets/' + encodeURIComponent(id) + search)
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (t) { if (current === id) render(t); })
      .catch(function (e) { if (current === id) workspace.innerHTML = '<div class="loading">加载失败：' + esc(e.message) + '</div>'; });
  }

  fetch('/api/tickets' + search).then(function (r) { return r.json(); }).then(function (list) {
    queue.innerHTML = list.map(function (t) {
      return '<li><a data-id="' + esc(t.id) + '" href="/spa/ticket/' + encodeURIComponent(t.id) + search + '">' +
        esc(t.id) + ' ' + esc(t.customerName) + '<small>' + esc(t.ticketType) + ' · ' + esc(t.title) + '</small></a></li>';
    }).join('');
    firstId = list[0].id;
    load(idFromPath() || firstId);
  });

  queue.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-id]');
    if (!a) return;
    e.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    load(a.getAttribute('data-id'));
  });
  window.addEventListener('popstate', function () { load(idFromPath() || firstId); });

  // Marks what changed, so a test can tell whether auto-fill fired real change events.
  workspace.addEventListener('change', function (e) {
    if (!e.target.name) return;
    if (changed.indexOf(e.target.name) < 0) changed.push(e.target.name);
    document.getElementById('formState').textContent = '已修改：' + changed.join('、');
  });
  workspace.addEventListener('submit', function (e) {
    e.preventDefault();
    var form = e.target;
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) body[el.name] = el.value; });
    fetch('/api/tickets/' + encodeURIComponent(current) + '/deal' + search, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function () { document.getElementById('formState').textContent = '已提交'; });
  });
})();
`;

export function spaShell(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>智慧客服工作台</title>${STYLE}</head>
<body>
<div class="topbar">智慧客服工作台 · 投诉处理</div>
<div class="layout">
  <aside class="queue"><h3>我的待办</h3><ul id="queue"></ul></aside>
  <main id="workspace"><div class="loading">正在加载…</div></main>
</div>
<script>${CLIENT}</script>
</body></html>`;
}

// The old CRM: a frameset whose frames are GBK pages in nested tables. Labels are as
// inconsistent as the real thing (full- and half-width colons, spaced-out words, labels
// wrapped in <b>), times come in three formats, and the 处理 form carries inline handlers.
// The 流转记录 table, oldest row first, shows when the ticket was suspended (挂起) and resumed
// (解挂). The server encodes these strings to GBK.
import { COMPLAINT_CLASSES, esc, HANDLING_LINES, nowQuery, options, TICKET_TYPES } from './html';
import { formatShanghai, TICKETS, type LiveTicket } from './tickets';

const HEAD = (title: string) =>
  `<meta http-equiv="Content-Type" content="text/html; charset=gbk"><meta charset="gbk"><title>${esc(title)}</title>`;

const STYLE = `<style type="text/css">
body{font-size:12px;font-family:宋体,SimSun;margin:4px;background:#fff}
.tbl{border-collapse:collapse;width:100%}
.tbl td{border:1px solid #9cb8d8;padding:3px 5px;font-size:12px}
td.lbl{background:#e4eef9;text-align:right;white-space:nowrap;width:110px}
.title{background:#3a6ea5;color:#fff;font-weight:bold;padding:3px 6px}
.tab{display:inline-block;border:1px solid #9cb8d8;padding:2px 10px;background:#f0f0f0}
.tab.on{background:#fff;font-weight:bold}
</style>`;

export function legacyFrameset(id: string, now: string | null): string {
  const q = nowQuery(now, '&');
  return `<html><head>${HEAD('客户服务支撑系统 - 投诉工单处理')}</head>
<frameset rows="52,*" frameborder="0" border="0" framespacing="0">
  <frame name="topFrame" src="top.asp?v=3.2${q}" scrolling="no" noresize>
  <frameset cols="240,*" frameborder="1" border="2">
    <frame name="leftFrame" src="list.asp?v=3.2${q}">
    <frame name="mainFrame" src="ticket.asp?id=${encodeURIComponent(id)}${q}">
  </frameset>
</frameset>
<noframes><body>您的浏览器不支持框架，请使用IE6以上版本浏览器。</body></noframes>
</html>`;
}

export function legacyTop(nowMs: number): string {
  return `<html><head>${HEAD('top')}${STYLE}</head>
<body style="background:#3a6ea5;color:#fff;margin:0">
<table width="100%" height="50"><tr>
<td><font size="4"><b>客户服务支撑系统</b></font> V3.2</td>
<td align="right">工号：njkf0231　班组：投诉处理二班　登录时间：${esc(formatShanghai(nowMs - 2 * 3_600_000, 'dash-seconds'))}　[<a href="#" style="color:#fff">退出</a>]</td>
</tr></table></body></html>`;
}

export function legacyList(now: string | null): string {
  const rows = TICKETS.map(
    (t, i) =>
      `<tr bgcolor="${i % 2 ? '#f5f9fd' : '#ffffff'}"><td><a href="ticket.asp?id=${encodeURIComponent(t.id)}${nowQuery(now, '&')}" target="mainFrame">${esc(t.id)}</a></td><td>${esc(t.ticketType)}</td><td>${esc(t.customerName)}</td></tr>`,
  );
  return `<html><head>${HEAD('list')}${STYLE}</head><body>
<div class="title">待处理工单（${TICKETS.length}）</div>
<table class="tbl"><tr><td><b>工单号</b></td><td><b>类型</b></td><td><b>客户</b></td></tr>
${rows.join('\n')}
</table></body></html>`;
}

export function legacyMissing(id: string | null): string {
  return `<html><head>${HEAD('提示')}${STYLE}</head><body><font color="red">工单 ${esc(id ?? '')} 不存在或已被删除！</font></body></html>`;
}

export function legacySaved(): string {
  return `<html><head>${HEAD('提示')}${STYLE}</head><body><script language="javascript">alert('保存成功！');history.back();</script></body></html>`;
}

// Inline handlers of the era: they mark changed fields in a hidden input and a status line,
// so a test can tell whether auto-fill fired real change events.
const SCRIPT = `<script language="javascript">
var LINE_BY_CLASS = {FYZY:'SC',YXFW:'SC',GZZC:'SC',CZJF:'SC',ZDFP:'SC',XHTD:'SC',WLZL:'WY',ZWFW:'WY',KTTY:'WY',YWPT:'QD'};
function markDirty(el){
  var f = document.dealForm;
  if ((',' + f.changedFields.value + ',').indexOf(',' + el.name + ',') < 0) {
    f.changedFields.value = f.changedFields.value == '' ? el.name : f.changedFields.value + ',' + el.name;
  }
  document.getElementById('dealStatus').innerHTML = '状态：已修改（' + f.changedFields.value + '）';
}
function syncLine(sel){
  var f = document.dealForm;
  if (f.cltx.value == '' && LINE_BY_CLASS[sel.value]) { f.cltx.value = LINE_BY_CLASS[sel.value]; }
}
function countWords(t){ document.getElementById('wordCount').innerHTML = '已输入' + t.value.length + '字'; }
function checkForm(f){
  if (f.gdlx.value == '') { alert('请选择工单类型！'); return false; }
  if (f.replyText.value == '') { alert('请填写回复内容！'); f.replyText.focus(); return false; }
  return confirm('确定提交处理结果吗？');
}
</script>`;

const cell = (label: string, value: string, extra = '') =>
  `<td class="lbl">${label}</td><td${extra}>${value || '&nbsp;'}</td>`;

export function legacyTicket(t: LiveTicket): string {
  const { times } = t;
  const phone = t.customerPhone ? `${esc(t.customerPhone)} <font color="gray">(同主叫)</font>` : '';
  const flow = [
    [times.acceptedAt, '南京10000号客服中心', 'njkf0231', '受理', '客户来电，已记录诉求'],
    [times.dispatchedAt, '投诉处理中心', 'tsgl0107', '派单', '请按时限处理并回复客户'],
    [times.respondedAt, '处理部门', 'clbm0415', '接单', '已接单，正在核实'],
    [times.closedAt, '投诉处理中心', 'tsgl0107', '结单', '已处理完毕，待回访'],
    ...t.suspensions.map((p) => [p.at, '处理部门', 'clbm0415', p.event === 'pause' ? '挂起' : '解挂', esc(p.note)]),
  ]
    .filter(([at]) => at !== undefined)
    .sort(([a], [b]) => (a as number) - (b as number))
    .map(
      ([at, dept, staff, act, note]) =>
        `<tr><td>${esc(formatShanghai(at as number, 'dash-seconds'))}</td><td>${dept}</td><td>${staff}</td><td>${act}</td><td>${note}</td></tr>`,
    );
  return `<html><head>${HEAD(`工单处理-${t.id}`)}${STYLE}${SCRIPT}</head>
<body onload="document.getElementById('dealStatus').innerHTML='状态：未修改'">
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>
  当前位置：工单管理 &gt;&gt; 投诉工单处理 &gt;&gt; <b>${esc(t.id)}</b>
</td></tr></table>
<div style="margin:4px 0"><span class="tab on">基本信息</span><span class="tab">处理记录</span><span class="tab">附件(0)</span></div>
<table width="100%" border="0" cellspacing="0" cellpadding="0" id="ticketInfo"><tr><td>
  <div class="title">工单信息</div>
  <table class="tbl" border="1">
    <tr>${cell('工单流水号：', esc(t.id))}${cell('工单状态：', t.status ? `<font color="red"><b>${esc(t.status)}</b></font>` : '')}</tr>
    <tr>${cell('受理时间：', esc(formatShanghai(times.acceptedAt, 'dash')))}${cell('派单时间:', esc(formatShanghai(times.dispatchedAt, 'slash-seconds')))}</tr>
    <tr>${cell('响应时间：', esc(formatShanghai(times.respondedAt, 'dash-seconds')))}${cell('结单时间：', esc(formatShanghai(times.closedAt, 'dash-seconds')))}</tr>
    <tr>${cell('申诉受理时间：', esc(formatShanghai(times.appealReceivedAt, 'chinese')))}${cell('督办时间：', esc(formatShanghai(times.supervisedAt, 'chinese')))}</tr>
    <tr>${cell('受理渠道：', esc(t.channel))}${cell('工单来源：', esc(t.source))}</tr>
    <tr>${cell('工单类型：', esc(t.ticketType), ' colspan="3"')}</tr>
    <tr>${cell('服务请求类别：', esc(t.categoryPath), ' colspan="3"')}</tr>
  </table>
  <div class="title">客户信息</div>
  <table class="tbl" border="1">
    <tr>${cell('客户名称：', esc(t.customerName))}${cell('客户级别 ：', esc(t.customerLevel))}</tr>
    <tr>${cell('联 系 电 话：', phone)}${cell('归属地市：', esc(t.area))}</tr>
    <tr>${cell('涉及业务：', esc(t.business))}${cell('受理工号：', 'njkf0231')}</tr>
  </table>
  <div class="title">诉求详情</div>
  <table class="tbl" border="1">
    <tr>${cell('工单标题：', esc(t.title), ' colspan="3"')}</tr>
    <tr>${cell('投诉内容：', esc(t.text), ' colspan="3" height="60" valign="top"')}</tr>
    <tr><td class="lbl"><b>重复次数</b>：</td><td>${esc(t.repeatCount)} 次</td>${cell('催单次数：', esc(t.urgeCount))}</tr>
  </table>
  <div class="title">流转记录</div>
  <table class="tbl" border="1" id="flowTable">
    <tr bgcolor="#e4eef9"><td>操作时间</td><td>操作部门</td><td>操作人</td><td>动作</td><td>处理意见</td></tr>
    ${flow.join('\n    ')}
  </table>
</td></tr></table>
<form name="dealForm" action="/legacy/save.asp" method="post" onsubmit="return checkForm(this)">
<input type="hidden" name="ticketId" value="${esc(t.id)}">
<input type="hidden" name="changedFields" value="">
<div class="title">处理</div>
<table class="tbl" border="1">
  <tr><td class="lbl">工单类型：</td><td><select name="gdlx" onchange="markDirty(this)">${options(TICKET_TYPES, t.ticketType)}</select></td>
      <td class="lbl">投诉分类：</td><td><select name="tsfl" onchange="markDirty(this);syncLine(this)">${options(COMPLAINT_CLASSES)}</select></td></tr>
  <tr><td class="lbl">处理条线：</td><td><select name="cltx" onchange="markDirty(this)">${options(HANDLING_LINES)}</select></td>
      <td class="lbl">标 签：</td><td><input type="text" name="bq" size="30" value="" onchange="markDirty(this)"></td></tr>
  <tr><td class="lbl">备注：</td><td colspan="3"><input type="text" name="bz" size="80" value="" onchange="markDirty(this)"></td></tr>
  <tr><td class="lbl">回复内容：</td><td colspan="3"><textarea name="replyText" rows="6" cols="80" onkeyup="countWords(this)" onchange="markDirty(this)"></textarea><br><span id="wordCount">已输入0字</span></td></tr>
  <tr><td colspan="4" align="center"><input type="submit" value="提 交"> <input type="button" value="暂 存" onclick="alert('暂存成功')"> <input type="reset" value="重 置"></td></tr>
</table>
<div id="dealStatus">状态：加载中</div>
</form>
</body></html>`;
}

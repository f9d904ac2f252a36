// The index page: every demo screen for every ticket, with what each ticket is meant to show.
import { esc, nowQuery } from './html';
import { TICKETS } from './tickets';

export function homePage(now: string | null): string {
  const q = (prefix: '?' | '&') => nowQuery(now, prefix);
  const rows = TICKETS.map((t) => {
    const id = encodeURIComponent(t.id);
    return `<tr><td>${esc(t.id)}</td><td>${esc(t.ticketType)}</td><td>${esc(t.title)}</td><td>${esc(t.purpose)}</td>
<td><a href="/legacy/?id=${id}${q('&')}">旧版</a> · <a href="/spa/ticket/${id}${q('?')}">新版</a> · <a href="/heavy/?id=${id}${q('&')}">大页面</a> · <a href="/desk/ticket/${id}${q('?')}">易工单</a></td></tr>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>演示客服系统</title>
<style>body{font:14px sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}</style></head>
<body><h1>演示客服系统（工单助手测试用）</h1>
<ul>
<li><a href="/legacy/${q('?')}">旧版工单页</a>：框架页，主框架 GBK 编码，表格布局</li>
<li><a href="/spa/${q('?')}">新版工作台</a>：单页应用，脚本渲染，切换工单不刷新</li>
<li><a href="/heavy/?id=${encodeURIComponent(TICKETS[0]?.id ?? '')}${q('&')}">大页面</a>：5000 行接触历史，每秒走动的时钟</li>
<li><a href="/desk/ticket/${encodeURIComponent(TICKETS[0]?.id ?? '')}${q('?')}">易工单</a>：卡片布局，月份和星期写成文字，标签与值之间有帮助图标，右上角是「新建工单」（适配器 test/demo-crm/adapters/desk.json 不随扩展发布，运行时添加）</li>
<li><a href="/__submits">/__submits</a>：表单提交计数（助手不得提交表单）</li>
</ul>
<p>加 <code>?now=2026-11-26T10:30:00+08:00</code> 可固定当前时间。</p>
<table><tr><th>工单号</th><th>类型</th><th>标题</th><th>用来检验</th><th>打开</th></tr>
${rows.join('\n')}
</table></body></html>`;
}

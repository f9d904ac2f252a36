import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { escapeRegExp } from '../rules/regex';
import { compileDatePattern } from '../rules/sites/date-pattern';
import type { TicketField } from '../rules/ticket';
import { BUNDLED_ADAPTERS, findAdapter } from '../rules/sites/bundled';
import {
  adapterMatchesUrl,
  createAdapterRegistry,
  findTicketRoot,
  parseSiteAdapter,
  readTicket,
  type SiteAdapter,
} from '../rules/sites/index';

// Fixtures were saved from the demo CRM at now = 2026-11-26T10:30:00+08:00 (test/demo-crm/save-fixtures.ts).
const FIXTURES = new URL('./fixtures/sites/', import.meta.url);
const dom = (html: string): Document => parseHTML(html).document;
const fixture = (name: string): Document => dom(readFileSync(new URL(name, FIXTURES), 'utf8'));
const adapter = (id: string): SiteAdapter => {
  const found = BUNDLED_ADAPTERS.find((a) => a.id === id);
  if (!found) throw new Error(`no adapter ${id}`);
  return found;
};

/** Makes `el.contentDocument` return `inner`, as a browser does for a loaded same-origin frame. */
function attachFrame(el: Element | null, inner: Document | (() => Document)): void {
  if (!el) throw new Error('frame element missing');
  Object.defineProperty(el, 'contentDocument', typeof inner === 'function' ? { get: inner } : { value: inner });
}

/** The legacy page as the extension sees it: the top frameset with the saved main frame inside. */
function legacyPage(mainFrame: string): Document {
  const top = fixture('legacy-frameset.html');
  attachFrame(top.querySelector('frame[name=mainFrame]'), fixture(mainFrame));
  return top;
}

/** A small adapter for hand-made pages. */
function testAdapter(fields: Record<string, unknown>, extra: Record<string, unknown> = {}): SiteAdapter {
  const parsed = parseSiteAdapter({ id: 'test', name: 'test', matches: ['<all_urls>'], fields, ...extra });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.adapter;
}

const missingOf = (doc: Document, a: SiteAdapter) => readTicket(doc, a).missing.map((m) => [m.field, m.required]);

describe('bundled adapters', () => {
  it('ships every JSON file in rules/sites, each valid', () => {
    const files = readdirSync(new URL('../rules/sites/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect(BUNDLED_ADAPTERS.map((a) => `${a.id}.json`).sort()).toEqual(files.sort());
  });

  it.each([
    ['http://127.0.0.1:8787/legacy/?id=GD100201', 'demo-legacy'],
    ['http://127.0.0.1:9999/legacy/', 'demo-legacy'],
    ['http://localhost:8787/legacy/?id=GD100201&now=x', 'demo-legacy'],
    // The frames of the legacy page are read through the top document, not on their own.
    ['http://127.0.0.1:8787/legacy/ticket.asp?id=GD100201', undefined],
    ['http://127.0.0.1:8787/spa/', 'demo-spa'],
    ['http://127.0.0.1:8787/spa/ticket/GD100202?now=x', 'demo-spa'],
    ['http://127.0.0.1:8787/heavy/?id=GD100206', 'demo-heavy'],
    ['http://127.0.0.1:8787/hostile/', 'demo-hostile'],
    // The desk page's adapter is added at run time (test/demo-crm/adapters/desk.json), never bundled.
    ['http://127.0.0.1:8787/desk/ticket/GD100201', undefined],
    ['https://127.0.0.1/spa/', undefined],
    ['http://example.com/spa/', undefined],
    ['not a url', undefined],
  ])('findAdapter(%s) → %s', (url, id) => {
    expect(findAdapter(url)?.id).toBe(id);
  });
});

type Fields = Partial<Record<TicketField, string>>;

const LEGACY_VIP: Fields = {
  id: 'GD100201',
  status: '处理中',
  acceptedAt: '2026-11-26 09:40',
  dispatchedAt: '2026/11/26 09:51:35',
  respondedAt: '2026-11-26 10:04:00',
  channel: '10000号',
  source: '省内工单',
  ticketType: '投诉单',
  categoryPath: '服务请求->投诉单->费用争议类->违约金/滞纳金争议->违约金',
  customerLevel: '钻石 5星',
  customerName: '王**',
  customerPhone: '133****5678',
  business: '移动业务-天翼5G畅享套餐',
  area: '南京市-鼓楼区',
  title: '客户对欠费产生的违约金不认可，要求全额减免',
  text: '客户来电称本月账单中出现违约金18.60元。客户表示上月已通过银行代扣按时缴费，银行流水显示扣款成功，认为违约金系我方系统入账延迟造成，要求全额减免并书面说明原因。客户情绪激动，表示如处理不满意将向工信部申诉。',
  repeatCount: '0',
  urgeCount: '0',
};

const SPA_BROADBAND: Fields = {
  id: 'GD100202',
  status: '待派单',
  title: '宽带每晚八点后频繁掉线',
  ticketType: '投诉单',
  acceptedAt: '2026-11-25 13:20:00',
  channel: '10000号',
  source: '省内工单',
  categoryPath: '服务请求->投诉单->网络质量类->宽带网络->频繁掉线',
  customerName: '李**',
  customerLevel: '2星',
  customerPhone: '189****1234',
  business: '宽带业务-天翼宽带300M',
  area: '苏州市-吴中区',
  text: '客户反映近一周每天晚上八点到十一点宽带频繁断线，每次约五分钟，重启光猫后可恢复。客户在家办公，影响视频会议，要求尽快上门检测并解决，不接受只远程重启。',
  repeatCount: '0',
  urgeCount: '0',
};

const NOT_YET = ['closedAt', 'appealReceivedAt', 'supervisedAt'].map((f) => [f, false]);

describe('reading the saved demo pages', () => {
  it.each([
    {
      page: 'legacy VIP billing dispute (through the frameset)',
      doc: () => legacyPage('legacy-GD100201.html'),
      adapterId: 'demo-legacy',
      fields: LEGACY_VIP,
      missing: NOT_YET,
    },
    {
      page: 'legacy MIIT appeal (Chinese date rewritten by the date transform)',
      doc: () => legacyPage('legacy-GD100204.html'),
      adapterId: 'demo-legacy',
      fields: {
        id: 'GD100204',
        status: '处理中',
        acceptedAt: '2026-11-25 13:30',
        dispatchedAt: '2026/11/25 13:41:29',
        respondedAt: '2026-11-25 14:00:00',
        appealReceivedAt: '2026-11-25 13:00',
        channel: '工信部申诉中心',
        source: '工信部申诉',
        ticketType: '投诉单',
        categoryPath: '服务请求->投诉单->销户退订类->增值业务退订->未经同意订购',
        customerLevel: '1星',
        customerName: '赵**',
        customerPhone: '177****3306',
        business: '增值业务-视频彩铃包月',
        area: '南京市-江宁区',
        title: '用户申诉被未经同意订购视频彩铃包月业务',
        text: '用户向工信部申诉，称从未办理视频彩铃业务，却连续三个月每月被扣费10元。此前已拨打10000号投诉，客服仅做退订未退费，用户不满意，要求退还全部费用并说明订购渠道。',
        repeatCount: '1',
        urgeCount: '0',
      },
      missing: [
        ['closedAt', false],
        ['supervisedAt', false],
      ],
    },
    {
      page: 'SPA broadband complaint after render (dash placeholders are not times)',
      doc: () => fixture('spa-GD100202.html'),
      adapterId: 'demo-spa',
      fields: SPA_BROADBAND,
      missing: ['dispatchedAt', 'respondedAt', 'closedAt', 'appealReceivedAt', 'supervisedAt'].map((f) => [f, false]),
    },
    {
      page: 'heavy page, group-channel complaint',
      doc: () => fixture('heavy-GD100206.html'),
      adapterId: 'demo-heavy',
      fields: {
        id: 'GD100206',
        status: '处理中',
        ticketType: '投诉单',
        acceptedAt: '2026/11/26 05:30:00',
        dispatchedAt: '2026/11/26 05:57:42',
        respondedAt: '2026/11/26 06:10:00',
        channel: '集团热线4008810000',
        source: '派单集团',
        categoryPath: '服务请求->投诉单->业务及平台使用类->手机客户端->翼支付无法登录',
        customerName: '刘**',
        customerLevel: '4星',
        customerPhone: '181****7720',
        business: '移动业务-翼支付',
        area: '扬州市-邗江区',
        title: '翼支付客户端升级后无法登录',
        text: '客户拨打集团客服热线，称手机客户端升级到新版本后翼支付一直提示网络异常无法登录，账户内有余额无法使用，要求尽快恢复。',
        repeatCount: '0',
        urgeCount: '0',
      },
      missing: NOT_YET,
    },
  ])('$page', ({ doc, adapterId, fields, missing }) => {
    const reading = readTicket(doc(), adapter(adapterId));
    expect(reading.fields).toEqual(fields);
    expect(reading.missing.map((m) => [m.field, m.required])).toEqual(missing);
    expect(Object.keys(reading.foundBy).sort()).toEqual(Object.keys(fields).sort());
  });

  it('reports a required field the page leaves empty, with what was tried', () => {
    const reading = readTicket(legacyPage('legacy-GD100207.html'), adapter('demo-legacy'));
    expect(reading.fields.id).toBe('GD100207');
    expect(reading.missing.find((m) => m.field === 'acceptedAt')).toEqual({
      field: 'acceptedAt',
      required: true,
      tried: ['label 受理时间: label found, value empty', 'label 受理日期 | 创建时间: not found'],
    });
  });

  it('treats a missing frame as missing fields, naming the frame', () => {
    const reading = readTicket(fixture('legacy-frameset.html'), adapter('demo-legacy'));
    expect(reading.fields).toEqual({});
    expect(reading.missing).toHaveLength(Object.keys(adapter('demo-legacy').fields).length);
    expect(reading.missing[0]).toEqual({
      field: 'id',
      required: true,
      tried: ['frame mainFrame: not found or not accessible'],
    });
  });
});

describe('drifted pages', () => {
  it.each([
    ['legacy: id label renamed', 'id', 'GD100201', 'css form[name=dealForm] input[name=ticketId] @value'],
    ['legacy: accepted-time label renamed', 'acceptedAt', '2026-11-26 09:40', 'label 受理日期 | 创建时间'],
    ['legacy: level moved into a tooltip', 'customerLevel', '钻石 5星', 'css #custLevel @title'],
    ['legacy: untouched field', 'title', LEGACY_VIP.title, 'label 工单标题'],
  ] as const)('%s: the alternative locator hits', (_, field, value, by) => {
    const reading = readTicket(legacyPage('legacy-drifted.html'), adapter('demo-legacy'));
    expect(reading.fields[field]).toBe(value);
    expect(reading.foundBy[field]).toBe(by);
  });

  it('legacy: a removed optional field is missing, not required', () => {
    expect(missingOf(legacyPage('legacy-drifted.html'), adapter('demo-legacy'))).toEqual([
      ...NOT_YET,
      ['urgeCount', false],
    ]);
  });

  it('SPA: css locators lost their attribute, labels take over; the removed time is reported', () => {
    const reading = readTicket(fixture('spa-drifted.html'), adapter('demo-spa'));
    const { acceptedAt: _, ...rest } = SPA_BROADBAND;
    expect(reading.fields).toEqual(rest);
    expect(reading.foundBy.id).toBe('css article[data-ticket-id] @data-ticket-id');
    expect(reading.foundBy.customerName).toBe('label 客户姓名');
    expect(reading.missing[0]).toEqual({
      field: 'acceptedAt',
      required: true,
      tried: ['css [data-field=acceptedAt]: not found', 'label 受理时间: not found'],
    });
  });
});

describe('locators and transforms on hand-made markup', () => {
  const one = (html: string, spec: Record<string, unknown>) =>
    readTicket(dom(`<html><body>${html}</body></html>`), testAdapter({ title: spec })).fields.title;

  it.each([
    [
      'label in a cell, value in the next cell',
      '<table><tr><td>标题：</td><td> 甲 </td></tr></table>',
      { label: '标题' },
      '甲',
    ],
    [
      'label with spaces and a half-width colon',
      '<table><tr><td>标 题 :</td><td>甲</td></tr></table>',
      { label: '标题' },
      '甲',
    ],
    ['label given with a colon', '<table><tr><td>标题</td><td>甲</td></tr></table>', { label: '标题：' }, '甲'],
    [
      'label in <b> inside the cell',
      '<table><tr><td><b>标题</b>：</td><td>甲</td></tr></table>',
      { label: '标题' },
      '甲',
    ],
    ['<dt>/<dd>', '<dl><dt>标题</dt><dd>甲</dd></dl>', { label: '标题' }, '甲'],
    ['text right after the label element', '<p><span>标题：</span>甲 乙</p>', { label: '标题' }, '甲 乙'],
    ['value after a colon in the next text', '<p><b>标题</b>：甲</p>', { label: '标题' }, '甲'],
    ['label before an input', '<label>标题 <input value="甲"></label>', { label: '标题' }, '甲'],
    [
      'label before a select shows the chosen option',
      '<label>标题<select><option value="1">甲</option><option value="2" selected>乙</option></select></label>',
      { label: '标题' },
      '乙',
    ],
    [
      'first label empty, a later one filled',
      '<table><tr><td>标题：</td><td>&nbsp;</td></tr><tr><td>标题：</td><td>甲</td></tr></table>',
      { label: '标题' },
      '甲',
    ],
    ['second name of a label list', '<dl><dt>主题</dt><dd>甲</dd></dl>', { label: ['标题', '主题'] }, '甲'],
    ['css text', '<div id="t">  甲\n  乙 </div>', { css: '#t' }, '甲 乙'],
    ['css attribute', '<span id="t" title="甲"></span>', { css: '#t', attr: 'title' }, '甲'],
    ['css on a textarea', '<textarea id="t">甲</textarea>', { css: '#t' }, '甲'],
  ])('%s', (_, html, locator, expected) => {
    expect(one(html, { locators: [locator] })).toBe(expected);
  });

  it.each([
    ['empty cell', '<table><tr><td>标题：</td><td> </td></tr></table>', { label: '标题' }],
    [
      'placeholder option',
      '<label>标题<select><option value="">--请选择--</option></select></label>',
      { label: '标题' },
    ],
    ['empty attribute', '<span id="t" title=""></span>', { css: '#t', attr: 'title' }],
    ['label inside a script', '<script>var s = "标题：";</script><i>甲</i>', { label: '标题' }],
    ['invalid selector', '<p>甲</p>', { css: 'p[[' }],
    ['xpath where the document has no evaluate()', '<p>甲</p>', { xpath: '//p' }],
  ])('%s counts as not found', (_, html, locator) => {
    expect(one(html, { locators: [locator] })).toBeUndefined();
  });

  it.each([
    ['trim', '：甲　', [{ trim: true }], '甲'],
    ['regex, whole match', '电话 133****5678 (同主叫)', [{ regex: '\\d{3}\\*{4}\\d{4}' }], '133****5678'],
    ['regex group', '重复 2 次', [{ regex: '重复\\s*(\\d+)', group: 1 }], '2'],
    ['regex without a match misses', '无', [{ regex: '\\d+' }], undefined],
    [
      'date, Chinese with single digits',
      '2026年1月5日 9时3分',
      [{ date: 'YYYY年MM月DD日 HH时mm分' }],
      '2026-01-05 09:03',
    ],
    ['date with seconds', '受理于 2026/11/28 09:12:05', [{ date: 'YYYY/MM/DD HH:mm:ss' }], '2026-11-28 09:12:05'],
    ['date only', '2026.11.28', [{ date: 'YYYY.MM.DD' }], '2026-11-28'],
    ['date not matching misses', '昨天', [{ date: 'YYYY-MM-DD' }], undefined],
    ['map', 'VIP', [{ map: { VIP: '钻石 5星' } }], '钻石 5星'],
    ['map leaves other values', '2星', [{ map: { VIP: '钻石 5星' } }], '2星'],
    ['map to empty means missing', '—', [{ map: { '—': '' } }], undefined],
    ['in order', ' 级别：VIP ', [{ regex: '级别：(\\S+)', group: 1 }, { map: { VIP: '钻石' } }], '钻石'],
  ])('transform %s', (_, value, transform, expected) => {
    expect(one(`<p id="t">${value}</p>`, { locators: [{ css: '#t' }], transform })).toBe(expected);
  });

  it('a transform that leaves nothing passes the turn to the next locator', () => {
    const html = '<p id="a">—</p><p id="b">2026-11-28 09:12</p>';
    const reading = readTicket(
      dom(html),
      testAdapter({ acceptedAt: { locators: [{ css: '#a' }, { css: '#b' }], transform: [{ regex: '\\d{4}.*' }] } }),
    );
    expect(reading.fields.acceptedAt).toBe('2026-11-28 09:12');
    expect(reading.foundBy.acceptedAt).toBe('css #b');
  });

  it('xpath works where the document can evaluate it', () => {
    const doc = dom('<html><body><p id="t">甲</p></body></html>');
    const target = doc.getElementById('t');
    Object.defineProperty(doc, 'evaluate', { value: () => ({ singleNodeValue: target }) });
    expect(readTicket(doc, testAdapter({ title: { locators: [{ xpath: '//p' }] } })).fields.title).toBe('甲');
  });

  it('finds the ticket root to observe', () => {
    const doc = dom('<html><body><div id="a"></div><div id="b"></div></body></html>');
    expect(
      findTicketRoot(doc, testAdapter({ id: { locators: [{ css: 'x' }] } }, { ticketRoot: { css: ['#zz', '#b'] } }))
        ?.id,
    ).toBe('b');
    expect(findTicketRoot(doc, testAdapter({ id: { locators: [{ css: 'x' }] } }))).toBeNull();
  });
});

describe('the worked example in README.md', () => {
  const example = {
    id: 'js-crm',
    name: '江苏投诉系统 工单详情',
    matches: ['http://crm.example.cn/complaint/detail*'],
    ticketRoot: { frame: ['work'], css: 'table.info' },
    fields: {
      id: { required: true, frame: ['work'], locators: [{ label: ['工单编号', '工单流水号'] }] },
      acceptedAt: {
        required: true,
        frame: ['work'],
        locators: [{ label: '受理时间' }],
        transform: [{ date: 'YYYY年MM月DD日 HH时mm分' }],
      },
      customerLevel: {
        frame: ['work'],
        locators: [{ css: 'td.k + td img', attr: 'alt' }],
        transform: [{ map: { VIP: '钻石 5星' } }],
      },
      customerPhone: {
        frame: ['work'],
        locators: [{ label: '联系电话' }],
        transform: [{ regex: '\\d{3}\\*{4}\\d{4}|1\\d{10}' }],
      },
    },
  };
  const page = (idLabel: string) => {
    const top = dom('<html><body><iframe name="work"></iframe></body></html>');
    attachFrame(
      top.querySelector('iframe'),
      dom(`<html><body><table class="info">
        <tr><td class="k">${idLabel}：</td><td>JS2611280001</td><td class="k">受理时间 :</td><td>2026年11月28日 09时12分</td></tr>
        <tr><td class="k">客户等级：</td><td><img src="vip.gif" alt="VIP"></td><td class="k">联系电话：</td><td>133****5678（本机）</td></tr>
      </table></body></html>`),
    );
    return top;
  };

  it('reads what the README says it reads, also after the id label is renamed', () => {
    const parsed = parseSiteAdapter(example);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(adapterMatchesUrl(parsed.adapter, 'http://crm.example.cn/complaint/detail.do?id=1')).toBe(true);
    for (const label of ['工单编号', '工单流水号']) {
      expect(readTicket(page(label), parsed.adapter).fields).toEqual({
        id: 'JS2611280001',
        acceptedAt: '2026-11-28 09:12',
        customerLevel: '钻石 5星',
        customerPhone: '133****5678',
      });
    }
    expect(findTicketRoot(page('工单编号'), parsed.adapter)?.className).toBe('info');
  });
});

describe('frame paths', () => {
  const TICKET = '<html><body><table><tr><td>工单编号：</td><td>GD1</td></tr></table></body></html>';
  const nested = () => {
    const top = dom('<html><body><iframe class="shell" id="outer"></iframe></body></html>');
    const middle = dom('<html><frameset><frame name="work"><frame name="inner"></frameset></html>');
    attachFrame(top.querySelector('iframe'), middle);
    attachFrame(middle.querySelector('frame[name=inner]'), dom(TICKET));
    return top;
  };
  const read = (doc: Document, frame: string[]) =>
    readTicket(doc, testAdapter({ id: { required: true, frame, locators: [{ label: '工单编号' }] } }));

  it.each([
    ['by id then name', ['outer', 'inner']],
    ['by CSS selectors', ['iframe.shell', 'frame[name=inner]']],
  ])('follows nested frames %s', (_, path) => {
    expect(read(nested(), path).fields.id).toBe('GD1');
  });

  it.each([
    ['a step that does not exist', ['outer', 'nope'], 'nope'],
    ['a frame that has not loaded', ['outer', 'work'], 'work'],
    ['a selector that is not a frame', ['body'], 'body'],
    ['an invalid selector', ['[['], '[['],
  ])('%s is a missing field naming the step', (_, path, step) => {
    expect(read(nested(), path).missing).toEqual([
      { field: 'id', required: true, tried: [`frame ${step}: not found or not accessible`] },
    ]);
  });

  it('a cross-origin frame whose document access throws is missing, not an error', () => {
    const top = dom('<html><body><iframe name="x"></iframe></body></html>');
    attachFrame(top.querySelector('iframe'), () => {
      throw new Error('SecurityError: Blocked a frame with origin');
    });
    expect(read(top, ['x']).missing[0]?.tried).toEqual(['frame x: not found or not accessible']);
  });
});

describe('adapter validation', () => {
  const valid = JSON.parse(readFileSync(new URL('../rules/sites/demo-legacy.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

  it('accepts the shipped JSON and matches by pattern with any port', () => {
    const parsed = parseSiteAdapter(valid);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(adapterMatchesUrl(parsed.adapter, 'http://127.0.0.1:1234/legacy/?id=1')).toBe(true);
  });

  it('names every problem by its path', () => {
    const parsed = parseSiteAdapter({
      id: 'Bad Id',
      name: '',
      matches: ['ftp://host/*', 'http://127.0.0.1/ok/*'],
      ticketRoot: { css: [] },
      fields: {
        acceptedAt: { locators: [{ css: 5 }] },
        title: { locators: [{ css: 'a', label: 'b' }, {}, { cs: 'a' }] },
        text: {
          locators: [{ label: '内容' }],
          transform: [{ regex: '(' }, { regex: 'a', group: 2 }, { date: 'MM/DD' }, { trim: true, map: {} }],
        },
        status: { locators: [{ xpath: '//x', attr: 'v' }], frame: [] },
        priority: { locators: [{ css: 'x' }] },
      },
      write: { tags: { css: 'x', kind: 'bogus' }, replyBox: {} },
      extra: 1,
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = [
      'id:',
      'name:',
      'matches.0: not a match pattern',
      'ticketRoot.css:',
      'fields.acceptedAt.locators.0.css: Invalid input: expected string, received number',
      'fields.title.locators.0: needs exactly one of css, label, xpath (found css, label)',
      'fields.title.locators.1: needs exactly one of css, label, xpath (found none)',
      'fields.title.locators.2.cs: unknown key',
      'fields.text.transform.0.regex: invalid regular expression',
      'fields.text.transform.1.group: the expression has only 0 group(s)',
      'fields.text.transform.2.date: invalid date pattern: needs YYYY',
      'fields.text.transform.3: needs exactly one of trim, regex, date, map (found trim, map)',
      'fields.status.locators.0.attr: attr only goes with css',
      'fields.status.frame:',
      'fields.priority: unknown key (not a canonical ticket field)',
      'write.tags.kind:',
      'write.replyBox.css:',
      'extra: unknown key',
    ];
    for (const path of paths)
      expect(
        parsed.errors.some((e) => e.startsWith(path)),
        `${path}\n${parsed.errors.join('\n')}`,
      ).toBe(true);
    expect(parsed.errors.some((e) => e.startsWith('matches.1'))).toBe(false);
  });

  it.each([
    ['not an object', null, '(adapter):'],
    ['no fields', { id: 'a', name: 'a', matches: ['<all_urls>'], fields: {} }, 'fields: declare at least one field'],
    [
      'no locators',
      { id: 'a', name: 'a', matches: ['<all_urls>'], fields: { id: { locators: [] } } },
      'fields.id.locators:',
    ],
    ['empty matches', { id: 'a', name: 'a', matches: [], fields: { id: { locators: [{ css: 'x' }] } } }, 'matches:'],
  ])('refuses %s', (_, data, path) => {
    const parsed = parseSiteAdapter(data);
    expect(parsed.ok ? [] : parsed.errors.filter((e) => e.startsWith(path))).not.toEqual([]);
  });

  it('the registry refuses a broken or duplicate file, naming the file', () => {
    expect(() => createAdapterRegistry({ 'a.json': valid, 'b.json': valid })).toThrow(
      /b\.json: id: "demo-legacy" is already used/,
    );
    expect(() => createAdapterRegistry({ 'a.json': { ...valid, matches: ['nope'] } })).toThrow(
      /a\.json: matches\.0: not a match pattern/,
    );
  });

  it.each([
    ['http://127.0.0.1/legacy/*', 'http://127.0.0.1:8787/legacy/ticket.asp?id=1', true],
    ['http://127.0.0.1:8787/legacy/*', 'http://127.0.0.1:8788/legacy/', false],
    ['http://127.0.0.1:*/legacy/*', 'http://127.0.0.1:8788/legacy/', true],
    ['*://*.crm.example.cn/*', 'https://gd.crm.example.cn/a', true],
    ['*://*.crm.example.cn/*', 'https://crm.example.cn/', true],
    ['*://*.crm.example.cn/*', 'https://evilcrm.example.cn/', false],
    ['http://127.0.0.1/legacy/', 'http://127.0.0.1/legacy/?id=1', false],
    ['http://127.0.0.1/legacy/?*', 'http://127.0.0.1/legacy/?id=1', true],
    ['http://127.0.0.1/a.b/*', 'http://127.0.0.1/aXb/c', false],
  ])('pattern %s against %s → %s', (pattern, url, expected) => {
    expect(adapterMatchesUrl({ matches: [pattern] }, url)).toBe(expected);
  });
});

describe('readTicket never throws', () => {
  const EVERY_KIND = testAdapter({
    id: { required: true, locators: [{ label: ['编号', '工单号'] }, { css: 'td + td' }, { xpath: '//td' }] },
    title: { frame: ['f', 'iframe'], locators: [{ css: 'p', attr: 'title' }] },
    acceptedAt: {
      locators: [{ label: '时间' }],
      transform: [{ trim: true }, { regex: '(\\d+)', group: 1 }, { date: 'YYYY-MM-DD' }, { map: { a: 'b' } }],
    },
  });
  const htmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<td>',
          '</td>',
          '<tr>',
          '<table>',
          '<dl><dt>',
          '<dd>',
          '<iframe name="f">',
          '<frame>',
          '<select>',
          '<option value="">',
          '<input value="',
          '"',
          '<b>',
          '<script>',
          '<!--',
          '-->',
          '：',
          ':',
          '工单号',
          '时间',
          '编号',
          '2026-11-28',
          '&nbsp;',
          '<',
          '>',
          '/',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('on random HTML-ish pages, with every adapter', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const doc = dom(html);
        for (const a of [...BUNDLED_ADAPTERS, EVERY_KIND]) {
          const reading = readTicket(doc, a);
          const seen = [...Object.keys(reading.fields), ...reading.missing.map((m) => m.field)].sort();
          expect(seen).toEqual(Object.keys(a.fields).sort());
          for (const value of Object.values(reading.fields)) expect(value).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on things that are not documents at all', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile');
        },
      },
    );
    for (const doc of [{}, hostile, dom('')]) {
      for (const a of [...BUNDLED_ADAPTERS, EVERY_KIND]) {
        const reading = readTicket(doc as Document, a);
        expect(reading.missing.map((m) => m.field).sort()).toEqual(Object.keys(a.fields).sort());
      }
    }
    expect(readTicket(dom('<p>x</p>'), { ...EVERY_KIND, fields: null } as unknown as SiteAdapter)).toEqual({
      fields: {},
      missing: [],
      foundBy: {},
    });
  });

  it('on a deeply nested page', () => {
    const deep = `${'<div>'.repeat(5000)}<span>编号：</span><i>GD9</i>${'</div>'.repeat(5000)}`;
    expect(readTicket(dom(deep), EVERY_KIND).fields.id).toBe('GD9');
  });
});

describe('shipped adapter files', () => {
  it('all pass the schema, as the build requires', () => {
    const files = import.meta.glob('../rules/sites/*.json', { eager: true, import: 'default' });
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
    expect(
      createAdapterRegistry(files)
        .adapters.map((a) => a.id)
        .sort(),
    ).toEqual(BUNDLED_ADAPTERS.map((a) => a.id).sort());
  });
});

describe('label search scope', () => {
  const html =
    '<html><body><div id="ticket"><table><tr><td>受理时间：</td><td>2026-11-28 09:12</td></tr></table></div><table id="history"><tr><td>客户级别：</td><td>钻石</td></tr></table></body></html>';
  const fields = {
    acceptedAt: { locators: [{ label: '受理时间' }] },
    customerLevel: { locators: [{ label: '客户级别' }] },
  };

  it('stays inside the ticket root when the adapter names one, so a big table elsewhere is never walked', () => {
    const reading = readTicket(dom(html), testAdapter(fields, { ticketRoot: { css: '#ticket' } }));
    expect(reading.fields).toEqual({ acceptedAt: '2026-11-28 09:12' });
    expect(reading.missing.map((m) => m.field)).toEqual(['customerLevel']);
  });

  it('walks the whole page without a ticket root, or when the root is not on the page', () => {
    const expected = { acceptedAt: '2026-11-28 09:12', customerLevel: '钻石' };
    expect(readTicket(dom(html), testAdapter(fields)).fields).toEqual(expected);
    expect(readTicket(dom(html), testAdapter(fields, { ticketRoot: { css: '#gone' } })).fields).toEqual(expected);
  });
});

describe('Request Tracker pages: locator transforms, month and weekday names, decorated labels', () => {
  // Two locators for each time, each bringing its own date pattern: the Chinese and the English interface.
  const RT = testAdapter({
    id: { required: true, locators: [{ label: ['编号', 'Id'] }] },
    ticketType: {
      required: true,
      locators: [{ label: ['工单类型', 'Type'] }],
      transform: [{ map: { Complaint: '投诉单' } }],
    },
    acceptedAt: {
      required: true,
      locators: [
        { label: '创建时间', transform: [{ date: 'YYYY-MMM-DD HH:mm:ss dddd' }] },
        { label: 'Created', transform: [{ date: 'ddd MMM DD HH:mm:ss YYYY' }] },
      ],
    },
    dispatchedAt: {
      locators: [
        { label: '派单时间', transform: [{ date: 'YYYY-MMM-DD HH:mm:ss ddd' }] },
        { label: 'Dispatched', transform: [{ date: 'dddd, DD MMM YYYY HH:mm:ss' }] },
      ],
    },
    respondedAt: { locators: [{ label: '首次回复', transform: [{ date: 'DD-MMM-YYYY HH:mm' }] }] },
    closedAt: { locators: [{ label: ['结案时间', 'Resolved'] }], transform: [{ map: { 'Not set': '' } }] },
    customerLevel: { locators: [{ label: ['客户级别', 'Customer level'] }] },
    customerName: { locators: [{ label: '客户姓名' }] },
    customerPhone: { locators: [{ label: '联系电话' }] },
    channel: { locators: [{ label: '受理渠道' }] },
    business: { locators: [{ label: '业务' }] },
  });

  it.each([
    {
      page: 'Chinese interface: 六月 and 星期一, help icons, an <i> icon, an image, a help link inside the label',
      file: 'rt-zh-4821.html',
      fields: {
        id: '4821',
        ticketType: '投诉单',
        acceptedAt: '2024-06-03 09:15:00',
        dispatchedAt: '2024-06-03 09:40:12',
        respondedAt: '2024-06-03 10:02',
        customerLevel: '钻石 5星',
        customerName: '王**',
        customerPhone: '133****5678',
        channel: '10000号',
        business: '宽带业务-天翼宽带300M',
      },
      foundBy: { acceptedAt: 'label 创建时间', dispatchedAt: 'label 派单时间' },
      missing: [['closedAt', ['label 结案时间 | Resolved: label found, value empty']]],
    },
    {
      page: 'English interface: Jun, June, Mon, MONDAY; the second locator brings its own pattern',
      file: 'rt-en-4821.html',
      fields: {
        id: '4821',
        ticketType: '投诉单',
        acceptedAt: '2024-06-03 09:15:00',
        dispatchedAt: '2024-06-03 09:40:12',
        customerLevel: '钻石 5星',
      },
      foundBy: { acceptedAt: 'label Created', dispatchedAt: 'label Dispatched' },
      missing: [
        ['respondedAt', ['label 首次回复: not found']],
        ['closedAt', ['label 结案时间 | Resolved: found "Not set", transform left nothing']],
        ['customerName', ['label 客户姓名: not found']],
        ['customerPhone', ['label 联系电话: not found']],
        ['channel', ['label 受理渠道: not found']],
        ['business', ['label 业务: not found']],
      ],
    },
  ])('$page', ({ file, fields, foundBy, missing }) => {
    const reading = readTicket(fixture(file), RT);
    expect(reading.fields).toEqual(fields);
    expect(reading.foundBy).toMatchObject(foundBy);
    expect(reading.missing.map((m) => [m.field, m.tried])).toEqual(missing);
  });

  it('a locator whose own date pattern does not fit passes the turn to the next', () => {
    const doc = dom(
      '<html><body><dl><dt>创建时间</dt><dd>Mon Jun 03 09:15:00 2024</dd><dt>Created</dt><dd>Mon Jun 03 09:15:00 2024</dd></dl></body></html>',
    );
    const reading = readTicket(doc, RT);
    expect(reading.fields.acceptedAt).toBe('2024-06-03 09:15:00');
    expect(reading.foundBy.acceptedAt).toBe('label Created');
    expect(reading.missing.find((m) => m.field === 'acceptedAt')).toBeUndefined();
  });
});

describe('locator transforms run before the field’s', () => {
  const one = (html: string, spec: Record<string, unknown>) =>
    readTicket(dom(`<html><body>${html}</body></html>`), testAdapter({ title: spec })).fields.title;

  // Dates and maps rather than regexes: these rows test the order of steps, not the ReDoS checker.
  it.each([
    ['locator only', [{ css: '#t', transform: [{ date: 'YYYY年MM月DD日' }] }], undefined, '2024-06-03'],
    [
      'locator then field',
      [{ css: '#t', transform: [{ date: 'YYYY年MM月DD日' }] }],
      [{ map: { '2024-06-03': '六月三日' } }],
      '六月三日',
    ],
    // The field's step sees the locator's output: had it run first, the map would have applied.
    [
      'the field’s map sees the locator’s result, not the text',
      [{ css: '#t', transform: [{ date: 'YYYY年MM月DD日' }] }],
      [{ map: { '受理 2024年6月3日': 'raw' } }],
      '2024-06-03',
    ],
    [
      'each locator runs only its own steps',
      [{ css: '#none', transform: [{ map: { 乙: '' } }] }, { css: '#u' }],
      undefined,
      '乙',
    ],
  ])('%s', (_, locators, transform, expected) => {
    expect(
      one('<p id="t">受理 2024年6月3日</p><p id="u">乙</p>', { locators, ...(transform ? { transform } : {}) }),
    ).toBe(expected);
  });
});

describe('decoration between a label and its value', () => {
  const one = (html: string) =>
    readTicket(
      dom(`<html><body>${html}</body></html>`),
      testAdapter({ customerLevel: { locators: [{ label: '客户级别' }] } }),
    ).fields.customerLevel;

  it.each([
    [
      'a help link around an svg (Bootstrap form row)',
      '<div class="form-row"><label>客户级别</label><a class="help" href="#"><svg><path d="M0 0"/></svg></a><span class="value">钻石 5星</span></div>',
      '钻石 5星',
    ],
    [
      'an svg whose <title> is not text on the page',
      '<div><label>客户级别</label><svg><title>说明</title></svg><span>钻石 5星</span></div>',
      '钻石 5星',
    ],
    ['a help link titled 帮助', '<p><label>客户级别</label><a title="帮助">i</a><span>钻石 5星</span></p>', '钻石 5星'],
    ['a help link showing ?', '<p><label>客户级别</label> <a href="#">?</a> <span>钻石 5星</span></p>', '钻石 5星'],
    ['a help link showing ？', '<p><label>客户级别</label><a href="#">？</a>钻石 5星</p>', '钻石 5星'],
    [
      'a help link showing 帮助',
      '<p><label>客户级别：</label><a href="#">帮助</a><span>钻石 5星</span></p>',
      '钻石 5星',
    ],
    ['an <img>', '<p><b>客户级别</b>：<img src="vip.gif"><span>钻石 5星</span></p>', '钻石 5星'],
    [
      'an empty <i> icon and an empty span',
      '<p><label>客户级别</label><i class="fa fa-star"></i><span class="gap"></span><span>钻石 5星</span></p>',
      '钻石 5星',
    ],
    [
      'a help link inside the label element',
      '<p><label>客户级别 <a title="帮助">?</a></label><span>钻石 5星</span></p>',
      '钻石 5星',
    ],
    [
      'an icon inside the label element',
      '<p><label>客户级别<i class="fa fa-info"></i></label><span>钻石 5星</span></p>',
      '钻石 5星',
    ],
    ['an <i> with text is the value', '<p><span>客户级别：</span><i>钻石 5星</i></p>', '钻石 5星'],
    ['a link with other text is the value', '<p><label>客户级别</label><a href="/level">钻石 5星</a></p>', '钻石 5星'],
  ])('%s', (_, html, expected) => {
    expect(one(html)).toBe(expected);
  });

  it.each([
    [
      'an empty value after a help link',
      '<div><label>客户级别</label><a title="帮助">?</a><span class="value"></span></div><div><label>客户姓名</label><span>王**</span></div>',
    ],
    [
      'an empty cell is the value, not a spacer',
      '<table><tr><td>客户级别：</td><td></td><td>联系电话：</td><td>133</td></tr></table>',
    ],
    [
      'a cell holding only an image',
      '<table><tr><td>客户级别：</td><td><img alt="VIP"></td><td>联系电话：</td><td>133</td></tr></table>',
    ],
    ['an image then a line break ends the row', '<p><b>客户级别</b>：<img alt="VIP"><br><b>联系电话</b>：133</p>'],
    ['an empty span then the next label', '<p><b>客户级别</b>：<span></span><b>联系电话：</b>133</p>'],
    ['only a help link', '<div><label>客户级别</label><a title="帮助">?</a></div>'],
  ])('%s: no value', (_, html) => {
    expect(one(html)).toBeUndefined();
  });
});

describe('date patterns', () => {
  const convert = (pattern: string, text: string) => {
    const compiled = compileDatePattern(pattern);
    if (!compiled.ok) throw new Error(compiled.error);
    return compiled.convert(text);
  };

  it.each([
    ['YYYY-MMM-DD HH:mm:ss dddd', '2024-六月-03 09:15:00 星期一', '2024-06-03 09:15:00'],
    ['ddd MMM DD HH:mm:ss YYYY', 'Mon Jun 03 09:15:00 2024', '2024-06-03 09:15:00'],
    ['YYYY年MMM DD日', '2024年十二月 3日', '2024-12-03'],
    ['YYYY年MMM DD日', '2024年十一月 3日', '2024-11-03'],
    ['YYYY年MMM DD日', '2024年十月 3日', '2024-10-03'],
    ['YYYY年MMM DD日', '2024年一月 3日', '2024-01-03'],
    ['DD MMM YYYY', '3 january 2024', '2024-01-03'],
    ['DD MMM YYYY', '3 SEPT 2024', '2024-09-03'],
    ['DD MMM YYYY', '3 September 2024', '2024-09-03'],
    ['DD MMM YYYY', '3 may 2024', '2024-05-03'],
    ['MMM DD, YYYY', 'Dec 31, 2024', '2024-12-31'],
    ['dddd YYYY-MM-DD', '星期天 2024-06-09', '2024-06-09'],
    ['dddd YYYY-MM-DD', '星期日 2024-06-09', '2024-06-09'],
    ['ddd YYYY-MM-DD', '周日 2024-06-09', '2024-06-09'],
    ['ddd YYYY-MM-DD', '周三 2024-06-05', '2024-06-05'],
    ['dddd, DD MMM YYYY', 'THURSDAY, 6 June 2024', '2024-06-06'],
    ['ddd DD MMM YYYY', 'thu 6 jun 2024', '2024-06-06'],
    ['ddd DD MMM YYYY', 'Tues 4 Jun 2024', '2024-06-04'],
    ['ddd DD MMM YYYY', 'Sat 8 Jun 2024', '2024-06-08'],
    ['YYYY-MM-DD[T]HH:mm', '2024-06-03T09:15', '2024-06-03 09:15'],
    ['YYYY-MM-DDTHH:mm', '2024-06-03T09:15', '2024-06-03 09:15'],
    ['[Created at] YYYY-MM-DD', 'Created at 2024-06-03', '2024-06-03'],
    // No match is a miss.
    ['YYYY-MMM-DD', '2024-Foo-03', ''],
    ['YYYY-MMM-DD', '2024-13月-03', ''],
    ['ddd YYYY-MM-DD', '星期八 2024-06-03', ''],
    ['DD MMM YYYY', '3 Janu 2024', ''],
    ['ddd YYYY-MM-DD', 'Foo 2024-06-03', ''],
    ['YYYY-MMM-DD', '2024-十十月-03', ''],
  ])('%s reads %s as %s', (pattern, text, expected) => {
    expect(convert(pattern, text)).toBe(expected);
  });

  const SPELLINGS = [
    ...['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'].map(
      (name, i) => [name, i + 1] as const,
    ),
    ...[
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ].flatMap((name, i) => [
      [name, i + 1] as const,
      [name.slice(0, 3), i + 1] as const,
      [name.toUpperCase(), i + 1] as const,
      [name.slice(0, 3).toLowerCase(), i + 1] as const,
    ]),
  ];
  it.each(SPELLINGS)('MMM reads %s as month %i, in any position', (name, month) => {
    const mm = String(month).padStart(2, '0');
    expect(convert('YYYY-MMM-DD', `2024-${name}-05`)).toBe(`2024-${mm}-05`);
    expect(convert('MMM DD YYYY', `${name} 5 2024`)).toBe(`2024-${mm}-05`);
  });

  // date-pattern.ts explains why these need no ReDoS check (the checker needs minutes on the name
  // alternations): a chain of bounded pieces joined by single `\s*`. This keeps the expressions to
  // that shape, without timing anything.
  it.each([
    'YYYY-MMM-DD HH:mm:ss dddd',
    'ddd MMM DD HH:mm:ss YYYY',
    'dddd, DD MMM YYYY',
    'YYYY年MMM DD日 dddd HH时mm分',
    '[Created at]  YYYY-MM-DD[T]HH:mm',
  ])('%s builds a chain of bounded pieces', (pattern) => {
    const compiled = compileDatePattern(pattern);
    if (!compiled.ok) throw new Error(compiled.error);
    for (const piece of compiled.source.split('\\s*')) {
      // No `\s*` twice in a row or at either end, and no whitespace a `\s*` could share with a piece.
      expect(piece).not.toBe('');
      expect(piece).not.toMatch(/\s/);
      // Without the digit groups and the alternations of plain names, only literal text is left.
      const literal = piece.replace(/\(\\d\{4\}\)|\(\\d\{1,2\}\)|\([^()|\\*+?{}[\]]+(\|[^()|\\*+?{}[\]]+)*\)/g, '');
      expect(literal.replace(/\\./g, '')).not.toMatch(/[()|*+?{}[\]\\.^$]/);
    }
  });

  // Each is refused at load with its path; before, MMM and the like were taken as literal text that never matched.
  it.each([
    ['MMMM YYYY DD', 'MMMM is not a date token'],
    ['YY-MM-DD', 'YY is not a date token'],
    ['YYYY-MM-DDD', 'DDD is not a date token'],
    ['Q YYYY-MM-DD', 'Q is not a date token'],
    ['YYYY-MM-DD hh:mm', 'hh is not a date token'],
    ['YYYY-MM-DD HH:mm A', 'A is not a date token'],
    ['YYYY-M-D', 'M is not a date token'],
    ['Created YYYY-MM-DD', 'a is not a date token'],
    ['YYYY-MM-DD [at HH:mm', 'a [ without its ]'],
    ['YYYY-MMM-MM-DD', 'the month (MM or MMM) appears twice'],
    ['ddd YYYY-MM-DD dddd', 'the weekday appears twice'],
    ['DD MMM ddd', 'needs YYYY'],
    ['YYYY DD ddd', 'needs MM or MMM'],
    ['YYYY年MMM月DD日', 'MMM already includes 月'],
  ])('refuses %s: %s', (pattern, message) => {
    const errors = (where: Record<string, unknown>) => {
      const parsed = parseSiteAdapter({ id: 'a', name: 'a', matches: ['<all_urls>'], fields: { acceptedAt: where } });
      return parsed.ok ? [] : parsed.errors;
    };
    expect(errors({ locators: [{ css: 'x' }], transform: [{ trim: true }, { date: pattern }] })).toEqual([
      expect.stringMatching(
        new RegExp(`^fields\\.acceptedAt\\.transform\\.1\\.date: invalid date pattern: ${escapeRegExp(message)}`),
      ),
    ]);
    expect(errors({ locators: [{ css: 'x' }, { label: 'y', transform: [{ date: pattern }] }] })).toEqual([
      expect.stringMatching(
        new RegExp(
          `^fields\\.acceptedAt\\.locators\\.1\\.transform\\.0\\.date: invalid date pattern: ${escapeRegExp(message)}`,
        ),
      ),
    ]);
  });

  it('bounds locator transforms like field transforms and refuses unknown keys in them', () => {
    const parsed = parseSiteAdapter({
      id: 'a',
      name: 'a',
      matches: ['<all_urls>'],
      fields: {
        title: {
          locators: [
            { css: 'x', transform: Array.from({ length: 21 }, () => ({ trim: true })) },
            { css: 'y', transform: [{ dat: 'YYYY' }] },
          ],
        },
      },
    });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.slice(0, e.indexOf(': ')))).toEqual([
      'fields.title.locators.0.transform',
      'fields.title.locators.1.transform.0.dat',
      'fields.title.locators.1.transform.0',
    ]);
  });
});

describe('write target maps', () => {
  const write = (map: unknown) =>
    parseSiteAdapter({
      id: 'a',
      name: 'a',
      matches: ['<all_urls>'],
      fields: { id: { locators: [{ css: 'x' }] } },
      write: { ticketType: { css: 'select', kind: 'select-text', map } },
    });

  it('accepts a map from the verdict’s wording to the CRM’s', () => {
    const parsed = write({ 投诉单: '投诉', 咨询单: '咨询' });
    expect(parsed.ok && parsed.adapter.write?.ticketType?.map).toEqual({ 投诉单: '投诉', 咨询单: '咨询' });
  });

  it.each([
    ['not an object', '投诉', 'write.ticketType.map:'],
    ['a value that is not text', { 投诉单: 1 }, 'write.ticketType.map.投诉单:'],
    [
      'too many entries',
      Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 'v'])),
      'write.ticketType.map: at most 1000 entries',
    ],
    ['a value over 1,000 characters', { 投诉单: '投'.repeat(1_001) }, 'write.ticketType.map.投诉单:'],
    // Writing nothing is leaving the target out, not a map entry.
    ['an empty value', { 投诉单: ' ' }, 'write.ticketType.map.投诉单: must not be empty'],
  ])('refuses %s', (_, map, path) => {
    const parsed = write(map);
    expect(parsed.ok ? [] : parsed.errors.filter((e) => e.startsWith(path))).not.toEqual([]);
  });
});

describe('badge placement', () => {
  const withBadge = (badge: unknown) =>
    parseSiteAdapter({
      id: 'a',
      name: 'a',
      matches: ['<all_urls>'],
      fields: { id: { locators: [{ css: 'x' }] } },
      badge,
    });

  it.each(['after', 'before', 'append'] as const)('accepts place %s', (place) => {
    const parsed = withBadge({ anchor: '#ticketHeader', place });
    expect(parsed.ok && parsed.adapter.badge).toEqual({ anchor: '#ticketHeader', place });
  });

  it.each([
    ['an unknown place', { anchor: '#h', place: 'inside' }, 'badge.place:'],
    ['no place', { anchor: '#h' }, 'badge.place:'],
    ['no anchor', { place: 'after' }, 'badge.anchor:'],
    ['an empty anchor', { anchor: ' ', place: 'after' }, 'badge.anchor: must not be empty'],
    ['an unknown key', { anchor: '#h', place: 'after', corner: 'top-right' }, 'badge.corner: unknown key'],
  ])('refuses %s', (_, badge, path) => {
    const parsed = withBadge(badge);
    expect(parsed.ok ? [] : parsed.errors.filter((e) => e.startsWith(path))).not.toEqual([]);
  });
});

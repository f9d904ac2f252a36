import { fill, type Lang } from '@/rules/clock/words';

// The few words the content script shows (the badge) or reports (auto-fill's reasons, which the side
// panel lists), in both languages. The content script loads on every CRM page under a size budget
// (test/e2e/bundle.e2e.ts), so it carries these instead of the pages' tables (./messages).
const zh_CN = {
  'badge.allDone': '时限均已完成',
  'badge.noClock': '无计时',
  'badge.unknown': '，{n} 项未知',
  'badge.title': '{head}工单助手：{risk}；点击打开侧边栏',
  'badge.name': '{label}{due}；{risk}；工单助手',
  'badge.sep': '；',
  'badge.comma': '，',
  'risk.red': '红色风险',
  'risk.orange': '橙色风险',
  'risk.yellow': '黄色风险',
  'risk.none': '无风险标记',
  'fill.ticketType': '工单类型',
  'fill.category': '投诉分类',
  'fill.department': '处理部门',
  'fill.tags': '标签',
  'fill.unknownClass': '分类未知，不自动填写',
  'fill.unsure': '分类把握不足（置信度 {pct}%，低于自动填写阈值），请在侧边栏确认',
  'fill.noDispatch': '没有派单建议，不自动填写',
  'fill.tagged': '规则标记',
  'fill.noTags': '没有标签',
  'fill.pageClosed': '字段所在页面已关闭',
  'fill.needSelect': '字段类型不符（需要下拉框，页面上是 {el}）',
  'fill.notText': '字段类型不符（不写入 {el}）',
  'fill.needText': '字段类型不符（需要文本框，页面上是 {el}）',
  'fill.disabled': '字段已禁用',
  'fill.readOnly': '字段只读',
  'fill.hidden': '字段不可见',
  'fill.noTarget': '适配器没有这个填写目标',
  'fill.notFound': '页面上找不到该字段',
  'fill.writeFailed': '写入{label}失败（{error}），已全部撤回',
  'fill.putBack': '已撤回',
  'fill.notPutBack': '撤回时未能恢复原值，请核对',
  'fill.notInList': '下拉框里没有“{value}”',
};
export type ContentKey = keyof typeof zh_CN;

const en: Record<ContentKey, string> = {
  'badge.allDone': 'Every time limit is done',
  'badge.noClock': 'No time limit',
  'badge.unknown': ', {n} unknown',
  'badge.title': '{head}Ticket Sidekick: {risk}; click to open the side panel',
  'badge.name': '{label}{due}; {risk}; Ticket Sidekick',
  'badge.sep': '; ',
  'badge.comma': ', ',
  'risk.red': 'Red risk',
  'risk.orange': 'Orange risk',
  'risk.yellow': 'Yellow risk',
  'risk.none': 'No risk flag',
  'fill.ticketType': 'ticket type',
  'fill.category': 'complaint class',
  'fill.department': 'handling department',
  'fill.tags': 'tags',
  'fill.unknownClass': 'Class unknown: not filled',
  'fill.unsure':
    'Class not sure enough (confidence {pct}%, below the auto-fill threshold): confirm it in the side panel',
  'fill.noDispatch': 'No dispatch suggestion: not filled',
  'fill.tagged': 'Tagged by the rules',
  'fill.noTags': 'No tags',
  'fill.pageClosed': "The field's page is closed",
  'fill.needSelect': 'Wrong kind of field (a drop-down is needed; the page has {el})',
  'fill.notText': 'Wrong kind of field (never written: {el})',
  'fill.needText': 'Wrong kind of field (a text box is needed; the page has {el})',
  'fill.disabled': 'The field is disabled',
  'fill.readOnly': 'The field is read-only',
  'fill.hidden': 'The field is not visible',
  'fill.noTarget': 'The adapter has no such fill target',
  'fill.notFound': 'The field is not on the page',
  'fill.writeFailed': 'Writing the {label} failed ({error}): everything was put back',
  'fill.putBack': 'Put back',
  'fill.notPutBack': 'The old value could not be put back: please check',
  'fill.notInList': '“{value}” is not in the drop-down',
};

/** Both tables, for the test that every key is in each language. */
export const CONTENT_WORDS: Record<Lang, Record<ContentKey, string>> = { zh_CN, en };

// The content script sets it from the settings when it starts and when they change (utils/content/sidekick.ts).
let lang: Lang = 'zh_CN';
export const setContentLang = (next: Lang) => void (lang = next);
export const contentLang = () => lang;

/** A content-script word in `inLang` (default: the page's current language), its `{name}` places filled. */
export const cw = (key: ContentKey, values: Record<string, string | number> = {}, inLang: Lang = lang) =>
  fill(CONTENT_WORDS[inLang][key], values);

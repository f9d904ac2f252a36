// Bits shared by the demo pages: escaping and the choices offered by every 处理 form.
// Option values are opaque codes, as in real CRMs, so `select-text` and `select-value`
// auto-fill targets behave differently.

export function esc(text: string | number | undefined): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export const TICKET_TYPES: readonly [code: string, text: string][] = [
  ['01', '投诉单'],
  ['02', '咨询单'],
  ['03', '查询单'],
  ['04', '障碍单'],
  ['05', '商机单'],
];

export const COMPLAINT_CLASSES: readonly [code: string, text: string][] = [
  ['YXFW', '营销服务类'],
  ['FYZY', '费用争议类'],
  ['ZWFW', '装维服务类'],
  ['KTTY', '开通及停用类'],
  ['GZZC', '规则政策类'],
  ['XHTD', '销户退订类'],
  ['YWPT', '业务及平台使用类'],
  ['CZJF', '充值缴费类'],
  ['ZDFP', '账单发票类'],
  ['WLZL', '网络质量类'],
];

export const HANDLING_LINES: readonly [code: string, text: string][] = [
  ['QD', '渠道'],
  ['SC', '市场'],
  ['WY', '网运'],
  ['QX', '企信'],
  ['ZQ', '政企'],
  ['WXA', '网信安'],
];

/** `<option>`s with a leading empty placeholder; `selectedText` marks the current choice. */
export function options(
  choices: readonly [string, string][],
  selectedText?: string,
  placeholder = '--请选择--',
): string {
  const items = choices.map(
    ([code, text]) => `<option value="${code}"${text === selectedText ? ' selected' : ''}>${esc(text)}</option>`,
  );
  return [`<option value="">${placeholder}</option>`, ...items].join('');
}

/** Current page's `now` query, carried onto every link so a fixed clock survives navigation. */
export function nowQuery(now: string | null, prefix: '?' | '&'): string {
  return now ? `${prefix}now=${encodeURIComponent(now)}` : '';
}

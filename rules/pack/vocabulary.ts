// The fixed words of the pack format, apart from the schema so light bundles can use them.
export const NATURES = ['query', 'consultation', 'fault', 'complaint'] as const;
export const RISKS = ['red', 'orange', 'yellow'] as const;
export const BASES = ['hours', 'working-days', 'days'] as const;
export const STAGES = [
  '受理',
  '安抚',
  '催办',
  '告知时限',
  '升级/申诉',
  '恶意诉求',
  '无效',
  '退费补偿',
  '回访',
] as const;
/** Variables a script template may use; anything else in braces is a pack error. */
export const SCRIPT_VARS = [
  'customerName',
  'ticketId',
  'dueAt',
  'limit',
  'target',
  'category',
  'channel',
  'acceptedAt',
  'repeatCount',
] as const;
export type ScriptVar = (typeof SCRIPT_VARS)[number];
/** Tags the engine derives from history rather than from the pack's tag rules. */
export const HISTORY_TAGS = ['repeat', 'group', 'escalated'] as const;

export const NATURE_LABELS: Record<(typeof NATURES)[number], string> = {
  query: '查询',
  consultation: '咨询',
  fault: '障碍申告',
  complaint: '投诉',
};
export const CHANNEL_LABELS: Record<string, string> = {
  province: '省内渠道',
  group: '集团渠道',
  regulator: '监管/协会渠道',
  unknown: '未知渠道',
};
export const RISK_LABELS: Record<(typeof RISKS)[number] | 'none', string> = {
  red: '红色风险',
  orange: '橙色风险',
  yellow: '黄色风险',
  none: '无风险标记',
};

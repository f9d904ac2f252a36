/** Fields a CRM ticket may carry, as read from a page or a JSON line. All optional. */
export const TIME_FIELDS = [
  'acceptedAt',
  'dispatchedAt',
  'respondedAt',
  'preRepliedAt',
  'repliedAt',
  'closedAt',
  'appealReceivedAt',
  'supervisedAt',
] as const;
export const TEXT_FIELDS = [
  'id',
  'channel',
  'source',
  'ticketType',
  'categoryPath',
  'customerLevel',
  'customerName',
  'customerPhone',
  'business',
  'area',
  'title',
  'text',
  'status',
  'handlingLine',
] as const;
export const COUNT_FIELDS = ['repeatCount', 'urgeCount'] as const;
export const TICKET_FIELDS = [...TEXT_FIELDS, ...TIME_FIELDS, ...COUNT_FIELDS] as const;

export type TimeField = (typeof TIME_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type CountField = (typeof COUNT_FIELDS)[number];
export type TicketField = (typeof TICKET_FIELDS)[number];

/** Field names shown to agents. */
export const FIELD_LABELS: Record<TicketField, string> = {
  id: '工单编号',
  channel: '受理渠道',
  source: '工单来源',
  ticketType: '工单类型',
  categoryPath: '业务分类路径',
  customerLevel: '客户级别',
  customerName: '客户姓名',
  customerPhone: '联系电话',
  business: '业务类型',
  area: '区域',
  title: '标题',
  text: '投诉内容',
  status: '工单状态',
  handlingLine: '处理条线',
  acceptedAt: '受理时间',
  dispatchedAt: '派单时间',
  respondedAt: '响应时间',
  preRepliedAt: '预处理回复时间',
  repliedAt: '回复时间',
  closedAt: '结单时间',
  appealReceivedAt: '申诉接收时间',
  supervisedAt: '督办时间',
  repeatCount: '重复次数',
  urgeCount: '催单次数',
};

export type Ticket = Partial<Record<TicketField, string | number | null>>;

/** The customer a phone names. Masked numbers (133****5678) stay as given: compared as written, spaces and dashes aside. */
export const phoneKey = (phone: string | undefined) => phone?.replace(/[\s-]/g, '') || undefined;

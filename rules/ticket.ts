// Every canonical ticket field, declared once. The kind lists, the agents' labels, the boundary
// schema (ticket-schema.ts), the normalisation into facts (engine/normalize.ts), the facts' shape
// (engine/facts.ts), the columns a labelled CSV is guessed from (utils/db/labelled-import.ts) and
// the store's history row (utils/db/history.ts) are derived from this table: a new field is one
// row here, and the type checker then points at each per-field reader that must name it.

type FieldKind = 'text' | 'time' | 'count';
interface FieldDef {
  kind: FieldKind;
  /** What agents call it. */
  label: string;
  /** Other header names CRMs and their exports use for it (compared without case, space or punctuation). */
  aliases: readonly string[];
  /** Kept in the store's slim history rows, because the engine reads it from an earlier ticket. */
  history: boolean;
}

export const FIELD_TABLE = {
  id: { kind: 'text', label: '工单编号', aliases: ['工单号', '单号', 'id', 'ticketid'], history: true },
  channel: { kind: 'text', label: '受理渠道', aliases: ['渠道', 'channel'], history: true },
  source: { kind: 'text', label: '工单来源', aliases: ['来源', 'source'], history: true },
  ticketType: { kind: 'text', label: '工单类型', aliases: ['类型', 'type'], history: false },
  categoryPath: {
    kind: 'text',
    label: '业务分类路径',
    aliases: ['服务请求类别', '分类路径', '类别路径', '投诉分类路径', '服务请求类型', 'categorypath', 'path'],
    history: true,
  },
  customerLevel: { kind: 'text', label: '客户级别', aliases: ['客户等级', '星级', 'level'], history: true },
  customerName: { kind: 'text', label: '客户姓名', aliases: ['客户名称', '姓名', 'name'], history: false },
  customerPhone: { kind: 'text', label: '联系电话', aliases: ['电话', '手机号码', '联系号码', 'phone'], history: true },
  business: {
    kind: 'text',
    label: '业务类型',
    aliases: ['业务', '业务名称', '产品', 'business', 'product'],
    history: true,
  },
  area: { kind: 'text', label: '区域', aliases: ['地区', '区县', 'area', 'region'], history: true },
  title: { kind: 'text', label: '标题', aliases: ['工单标题', '投诉标题', '主题', 'title', 'subject'], history: true },
  text: {
    kind: 'text',
    label: '投诉内容',
    aliases: ['受理内容', '内容', '工单内容', '问题描述', '描述', 'text', 'content', 'description'],
    history: true,
  },
  status: { kind: 'text', label: '工单状态', aliases: ['状态', 'status'], history: false },
  handlingLine: {
    kind: 'text',
    label: '处理条线',
    aliases: ['处理部门', '条线', '承办部门', '处理单位', 'handlingline', 'line', 'department'],
    history: false,
  },
  acceptedAt: { kind: 'time', label: '受理时间', aliases: ['创建时间', 'accepted', 'created'], history: true },
  dispatchedAt: { kind: 'time', label: '派单时间', aliases: ['dispatched'], history: false },
  respondedAt: { kind: 'time', label: '响应时间', aliases: ['首次响应时间', 'responded'], history: false },
  preRepliedAt: { kind: 'time', label: '预处理回复时间', aliases: ['预回复时间'], history: false },
  repliedAt: { kind: 'time', label: '回复时间', aliases: ['答复时间', 'replied'], history: false },
  closedAt: { kind: 'time', label: '结单时间', aliases: ['办结时间', '归档时间', 'closed'], history: true },
  appealReceivedAt: { kind: 'time', label: '申诉接收时间', aliases: ['申诉时间'], history: false },
  supervisedAt: { kind: 'time', label: '督办时间', aliases: ['supervised'], history: false },
  repeatCount: { kind: 'count', label: '重复次数', aliases: ['重复投诉次数'], history: false },
  urgeCount: { kind: 'count', label: '催单次数', aliases: ['催办次数'], history: false },
} as const satisfies Record<string, FieldDef>;

type Table = typeof FIELD_TABLE;
export type TicketField = keyof Table;
type OfKind<K extends FieldKind> = { [F in TicketField]: Table[F]['kind'] extends K ? F : never }[TicketField];
export type TextField = OfKind<'text'>;
export type TimeField = OfKind<'time'>;
export type CountField = OfKind<'count'>;
/** The fields the store's history rows keep. */
export type HistoryField = { [F in TicketField]: Table[F]['history'] extends true ? F : never }[TicketField];

/** A non-empty list of field names, as z.enum takes it. */
type Names<F extends string> = readonly [F, ...F[]];
const where = <F extends TicketField>(test: (d: FieldDef) => boolean) =>
  (Object.keys(FIELD_TABLE) as TicketField[]).filter((f) => test(FIELD_TABLE[f])) as unknown as Names<F>;

/** Fields a CRM ticket may carry, as read from a page or a JSON line, in the table's order. All optional. */
export const TICKET_FIELDS = Object.keys(FIELD_TABLE) as unknown as Names<TicketField>;
export const TEXT_FIELDS = where<TextField>((d) => d.kind === 'text');
export const TIME_FIELDS = where<TimeField>((d) => d.kind === 'time');
export const COUNT_FIELDS = where<CountField>((d) => d.kind === 'count');
export const HISTORY_FIELDS = where<HistoryField>((d) => d.history);

/** Field names shown to agents. */
export const FIELD_LABELS = Object.fromEntries(TICKET_FIELDS.map((f) => [f, FIELD_TABLE[f].label])) as Record<
  TicketField,
  string
>;

/**
 * The ticket's one list field, beside the table's scalar ones: its suspensions (挂起), each from a
 * time to a time, no `to` while still suspended; `observed` when told by the statuses the sidekick
 * saw rather than by the CRM's own records. Times as the time fields take them.
 */
export const PAUSES_LABEL = '挂起记录';
export interface PauseInput {
  from: string | number;
  to?: string | number | null;
  observed?: boolean;
}

export type Ticket = Partial<Record<TicketField, string | number | null>> & { pauses?: readonly PauseInput[] };

/** The customer a phone names. Masked numbers (133****5678) stay as given: compared as written, spaces and dashes aside. */
export const phoneKey = (phone: string | undefined) => phone?.replace(/[\s-]/g, '') || undefined;

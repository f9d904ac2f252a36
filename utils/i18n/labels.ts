import type { STAGES } from '@/rules/pack/vocabulary';
import { TICKET_FIELDS, type TicketField } from '@/rules/ticket';
import { language, t, type MessageKey } from './index';

// The pack format's fixed words and the ticket fields as the agent reads them, in the current
// language: the pack's data keeps its Chinese keys (rules/pack/vocabulary.ts, rules/ticket.ts).

const STAGE_KEYS: Record<(typeof STAGES)[number], MessageKey> = {
  受理: 'stage.intake',
  安抚: 'stage.soothe',
  催办: 'stage.chase',
  告知时限: 'stage.timeLimit',
  '升级/申诉': 'stage.escalation',
  恶意诉求: 'stage.malicious',
  无效: 'stage.invalid',
  退费补偿: 'stage.refund',
  回访: 'stage.followUp',
};

/** A script's stage: `受理` → Intake. */
export const stageLabel = (stage: (typeof STAGES)[number]) => t(STAGE_KEYS[stage]);

/** A ticket field's name; a name that is no field (from an older message) as it is. */
export const fieldLabel = (field: string) =>
  (TICKET_FIELDS as readonly string[]).includes(field) ? t(`field.${field as TicketField}`) : field;

const TARGETS: Record<string, MessageKey> = {
  ticketType: 'panel.target.ticketType',
  category: 'panel.target.category',
  department: 'panel.target.department',
  tags: 'panel.target.tags',
};

/** An auto-fill target as the CRM form names it; an unknown one as it is. */
export const fillTargetLabel = (target: string) => (TARGETS[target] ? t(TARGETS[target]) : target);

/** A class's name: its English label in the English pages when the pack gives one (`labelEn`). */
export const classLabel = (c: { label: string; labelEn?: string }) =>
  language.value === 'en' && c.labelEn ? c.labelEn : c.label;

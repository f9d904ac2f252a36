import { labelsOf } from '@/rules/classifier/compile';
import { classText, MAX_FEATURE_TEXT } from '@/rules/classifier/features';
import { classOfPath, lineOf } from '@/rules/classifier/train';
import type { Pack } from '@/rules/pack/schema';
import type { TicketField } from '@/rules/ticket';
import type { LabelRow, LabelSource } from './types';

type Fields = Partial<Record<TicketField, string>>;

/** A labelled example for a ticket whose class is known (by the CRM's path, or the agent's pick). */
export function labelRow(
  key: string,
  fields: Fields,
  classIndex: number,
  source: LabelSource,
  at: number,
  pack: Pack,
): LabelRow | null {
  const text = classText(fields).slice(0, MAX_FEATURE_TEXT);
  if (!text) return null;
  const line = fields.handlingLine ? lineOf(pack, fields.handlingLine) : null;
  return {
    key,
    text,
    classCode: pack.classes[classIndex]!.code,
    ...(line === null ? {} : { line: labelsOf(pack).lines[line]! }),
    source,
    at,
  };
}

/** The example a stored ticket teaches, when the CRM's category path names one of the pack's classes. */
export function crmLabel(key: string, fields: Fields, at: number, pack: Pack): LabelRow | null {
  const k = fields.categoryPath ? classOfPath(pack, fields.categoryPath) : null;
  return k === null ? null : labelRow(key, fields, k, 'crm', at, pack);
}

import { t } from '@/utils/i18n';
import type { Refused } from '@/utils/messages';

/** The parts of a Zod issue a refusal names (zod/mini's own messages are all "Invalid input"). */
interface Issue {
  code: string;
  path: PropertyKey[];
  maximum?: unknown;
  minimum?: unknown;
  expected?: unknown;
  keys?: unknown;
}

const at = (raw: unknown, path: PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );

const sizeOf = (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? v.length : undefined);

function describe(issue: Issue, raw: unknown): string {
  const where = issue.path.map(String).join('.') || t('refusal.message');
  switch (issue.code) {
    case 'too_big': {
      const size = sizeOf(at(raw, issue.path));
      return t('refusal.tooBig', { where, size: String(size ?? '?'), max: String(issue.maximum) });
    }
    case 'too_small':
      return t('refusal.tooSmall', { where, min: String(issue.minimum) });
    case 'invalid_type':
      return t('refusal.type', { where, expected: String(issue.expected) });
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? issue.keys.map(String).join(t('common.listSep')) : '';
      return t('refusal.keys', { where, keys });
    }
    default:
      return t('refusal.format', { where, code: issue.code });
  }
}

/** Why a message was refused, in one bounded line: its first few issues, each with its path. */
export function refusalReason(issues: readonly Issue[], raw: unknown): string {
  const parts = issues.slice(0, 3).map((i) => describe(i, raw));
  if (issues.length > 3) parts.push(t('refusal.more', { n: issues.length - 3 }));
  const reason = parts.join(t('refusal.sep')) || t('refusal.shape');
  return reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
}

/** A refused message from a tab that claims to be a ticket reading: the note its side panel shows. */
export function refusedReading(raw: unknown, tabId: number | undefined, reason: string, now: number): Refused | null {
  if (tabId === undefined || raw === null || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'ticket')
    return null;
  const id = at(raw, ['fields', 'id']);
  return {
    tabId,
    at: now,
    reason,
    ...(typeof id === 'string' && id.trim() ? { ticketId: id.trim().slice(0, 100) } : {}),
  };
}

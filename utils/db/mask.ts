import { phoneKey } from '@/rules/ticket';

/**
 * A phone number as shown on screen or in an export: `13312345678` → `133****5678`. The CRM may
 * already mask it (`133****5678`), which stays as is; `reveal` is for when the agent asks.
 */
export function maskPhone(phone: string | undefined, reveal = false): string {
  const compact = phoneKey(phone); // spaces and dashes aside, as the engine compares customers
  if (!compact) return '';
  if (reveal || compact.includes('*')) return compact;
  // Mobile numbers keep the carrier prefix and the last four; anything else only its last four.
  if (/^1\d{10}$/.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  return compact.length > 4 ? `${'*'.repeat(compact.length - 4)}${compact.slice(-4)}` : compact;
}

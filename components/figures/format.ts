import { dayText, percent } from '@/utils/i18n';

/** 0.875 → "87.5%", 1 → "100%" (Intl, in the page's language); "—" when there was nothing to count (not the same as 0%). */
export const formatRate = (rate: number | null): string => percent(rate, 1);

/** "2025-05-03" → "5月3日", "May 3" (Intl). */
export const formatDay = (day: string): string => dayText(day);

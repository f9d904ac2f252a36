/** 0.875 → "87.5%", 1 → "100%"; "—" when there was nothing to count (not the same as 0%). */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** "2025-05-03" → "5月3日". */
export function formatDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The q-quantile (0..1) of some timings, by the same rank rule the engine section uses. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
}

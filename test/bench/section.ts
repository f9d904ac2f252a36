/** One figure: `key` names it in `--json`, `label` and `unit` in the readable table. */
export interface Figure {
  key: string;
  label: string;
  value: number | string | boolean | null;
  unit?: string;
}

/** A part of the bench (engine now, browser parts later); each returns its figures for the entry to print. */
export interface BenchSection {
  title: string;
  run(): Promise<Figure[]>;
}

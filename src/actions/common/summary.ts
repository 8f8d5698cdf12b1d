/** The header row of a step-summary table (`core.summary.addTable`), one cell per column title. */
export function headerRow(...titles: string[]): { data: string; header: true }[] {
  return titles.map((data) => ({ data, header: true }));
}

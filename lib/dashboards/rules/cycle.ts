/**
 * Sales cycle length: whole days from a won deal's creation to its close. SQL hands over a histogram
 * (days → deals), so the figures come from a few dozen rows whatever the number of deals.
 */
export type CycleBin = { days: number; count: number };
export type CycleStats = { deals: number; averageDays: number | null; medianDays: number | null; minDays: number | null; maxDays: number | null };

export function cycleStats(histogram: CycleBin[]): CycleStats {
  const bins = histogram.filter((b) => b.count > 0).sort((a, b) => a.days - b.days);
  for (const b of bins) {
    if (!Number.isInteger(b.count) || b.days < 0) throw new Error("bad histogram bin");
  }
  const deals = bins.reduce((n, b) => n + b.count, 0);
  if (deals === 0) return { deals: 0, averageDays: null, medianDays: null, minDays: null, maxDays: null };
  const totalDays = bins.reduce((n, b) => n + b.days * b.count, 0);
  return { deals, averageDays: totalDays / deals, medianDays: median(bins, deals), minDays: bins[0].days, maxDays: bins[bins.length - 1].days };
}

/** The value at 0-based rank `rank` of the expanded, sorted histogram. */
function valueAt(bins: CycleBin[], rank: number): number {
  let seen = 0;
  for (const b of bins) {
    seen += b.count;
    if (rank < seen) return b.days;
  }
  return bins[bins.length - 1].days;
}

/** The middle value; for an even count, the mean of the two middle values. */
function median(bins: CycleBin[], n: number): number {
  return n % 2 === 1 ? valueAt(bins, (n - 1) / 2) : (valueAt(bins, n / 2 - 1) + valueAt(bins, n / 2)) / 2;
}

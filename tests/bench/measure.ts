/** Timing helpers for `npm run bench`: benchmarks print figures, they never fail on time. */
export type Timing = { name: string; p50: number; p95: number; runs: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Runs `fn` `runs` times after `warmup` untimed runs; `fn` receives the run index to vary inputs. */
export async function timeIt(name: string, fn: (i: number) => Promise<unknown>, runs = 40, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i + warmup);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** Prints a timing beside its raw-SQL baseline so results read as ratios. */
export function printPair(app: Timing, raw: Timing, target?: string): void {
  const ratio = app.p95 / raw.p95;
  console.log(
    `  ${app.name.padEnd(52)} p50 ${formatMs(app.p50).padStart(9)}  p95 ${formatMs(app.p95).padStart(9)}` +
      `   | raw SQL p50 ${formatMs(raw.p50).padStart(9)} p95 ${formatMs(raw.p95).padStart(9)}  (x${ratio.toFixed(1)})` +
      (target ? `  target ${target}` : ""),
  );
}

/** The median of a few repeated timings (the upper middle one for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

/** "fastest-slowest" of a few repeated timings, printed beside their median. */
export function formatRange(values: readonly number[]): string {
  return `${formatMs(Math.min(...values))}-${formatMs(Math.max(...values))}`;
}

/** A synchronous piece of work timed cold once, then the median of `runs` warm runs. */
export function medianTime<T>(work: () => T, runs = 3): { ms: number; coldMs: number; result: T } {
  const coldStart = performance.now();
  let result = work();
  const coldMs = performance.now() - coldStart;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], coldMs, result };
}

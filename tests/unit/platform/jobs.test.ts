import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { platformJobs, startPeriodicJobs, stopPeriodicJobs } from "@/lib/platform/jobs";

/** The scheduler's timers are faked; no job here touches a database. */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  stopPeriodicJobs();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("periodic jobs", () => {
  test("the platform delivers mail every 15 s", () => {
    expect(platformJobs().map(({ name, everyMs }) => ({ name, everyMs }))).toEqual([{ name: "mail-delivery", everyMs: 15_000 }]);
  });

  test("a job runs every interval, and a slow run is never overlapped by the next", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const finishers: (() => void)[] = [];
    startPeriodicJobs([
      {
        name: "slow",
        everyMs: 1_000,
        run: () => {
          runs++;
          running++;
          most = Math.max(most, running);
          return new Promise<void>((resolve) => {
            finishers.push(() => {
              running--;
              resolve();
            });
          });
        },
      },
    ]);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    // Ten intervals pass while the first run is still going: nothing else starts.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
    finishers.shift()!();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  test("a failing job is logged with its name and keeps its schedule; other jobs are unaffected", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let good = 0;
    let bad = 0;
    startPeriodicJobs([
      { name: "flaky", everyMs: 100, run: async () => { bad++; throw new Error("boom"); } },
      { name: "steady", everyMs: 100, run: async () => { good++; } },
    ]);
    await vi.advanceTimersByTimeAsync(350);
    expect([bad, good]).toEqual([3, 3]);
    expect(errors).toHaveBeenCalledTimes(3);
    expect(errors.mock.calls[0][0]).toContain("flaky");
  });

  test("jobs start once per process; stopping ends them", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let runs = 0;
    const job = { name: "count", everyMs: 100, run: async () => { runs++; } };
    expect(startPeriodicJobs([job])).toBe(true);
    expect(startPeriodicJobs([job])).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(2);
    stopPeriodicJobs();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
  });
});

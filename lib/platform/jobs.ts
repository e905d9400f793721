import { deliverPendingMail } from "@/lib/platform/mail";

/**
 * A tiny in-process scheduler for background work every app server does (mail delivery now; SLA
 * checks and the like later). There is no leader: every server runs every job, so a job must be safe
 * to run on several servers at once (mail delivery claims its rows with SKIP LOCKED). Started once per
 * process from instrumentation.ts, after the database was opened.
 *
 * Each job waits `everyMs` after its previous run *ended* before it starts again, so a slow run never
 * overlaps the next one of the same job; jobs do not wait for each other. A failure is logged with the
 * job's name and the schedule goes on: a background job never takes the server down.
 */

export type PeriodicJob = { name: string; everyMs: number; run: () => Promise<unknown> };

type Running = { timers: Map<number, ReturnType<typeof setTimeout>>; stopped: boolean };

// On globalThis: dev-mode module reloads must not start a second set of timers in the same process.
const globalForJobs = globalThis as unknown as { summitJobs?: Running };

/** The jobs the platform itself needs. Features' jobs are added beside these in instrumentation.ts (the platform knows no feature). */
export function platformJobs(): PeriodicJob[] {
  return [{ name: "mail-delivery", everyMs: 15_000, run: () => deliverPendingMail() }];
}

/**
 * Starts `jobs`, once per process: a second call is ignored (and says so). Returns whether this call
 * started them. Never throws.
 */
export function startPeriodicJobs(jobs: PeriodicJob[]): boolean {
  if (globalForJobs.summitJobs && !globalForJobs.summitJobs.stopped) {
    console.warn("[jobs] periodic jobs already started in this process; ignoring a second start");
    return false;
  }
  const state: Running = { timers: new Map(), stopped: false };
  globalForJobs.summitJobs = state;
  for (const [index, job] of jobs.entries()) {
    if (!(job.everyMs > 0)) {
      console.error(`[jobs] ${job.name}: everyMs must be positive (got ${job.everyMs}); not scheduled`);
      continue;
    }
    const schedule = () => {
      if (state.stopped) return;
      const timer = setTimeout(async () => {
        try {
          await job.run();
        } catch (error) {
          console.error(`[jobs] ${job.name} failed:`, error);
        }
        schedule();
      }, job.everyMs);
      // Timers alone must not keep a process alive (a CLI, a test, a server shutting down).
      timer.unref();
      state.timers.set(index, timer);
    };
    schedule();
  }
  return true;
}

/** Stops every periodic job of this process (runs in progress finish; none start after). For shutdown and tests. */
export function stopPeriodicJobs(): void {
  const state = globalForJobs.summitJobs;
  if (!state) return;
  state.stopped = true;
  for (const timer of state.timers.values()) clearTimeout(timer);
  state.timers.clear();
  globalForJobs.summitJobs = undefined;
}

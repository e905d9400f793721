/**
 * Work started in the background right after a commit (deliver the mail just queued, queue a campaign's
 * next messages), so it happens at once rather than at the periodic job's next tick, without making the
 * caller wait or fail. Kicks during a run fold into one more run; a run never throws (its error is
 * logged with `failure`, and the periodic job does the work anyway). `settle` waits until no run is
 * going (a graceful shutdown, a test that must not overlap the next).
 */
export type Kicker = { kick(): void; settle(): Promise<void> };

export function kicker(run: () => Promise<void>, failure: string): Kicker {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    kick() {
      again = true;
      if (running) return;
      running = (async () => {
        try {
          while (again) {
            again = false;
            await run();
          }
        } catch (error) {
          console.error(failure, error);
        } finally {
          running = null;
          again = false;
        }
      })();
    },
    async settle() {
      while (running) await running;
    },
  };
}

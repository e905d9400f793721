/**
 * Runs a command-line tool's main and exits with its code. Exiting explicitly matters: the pg pool's
 * and PGlite's timers would otherwise keep the process alive after the work is done.
 */
export function exitWhenDone(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

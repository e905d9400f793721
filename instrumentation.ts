// Opens (and on first start creates, migrates and seeds) the database once at boot rather than on
// the first request: a fresh PGlite takes seconds to initialise.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootDatabase } = await import("./lib/db/bootstrap");
  await bootDatabase();
}

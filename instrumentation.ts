// Opens (and on first start creates, migrates and seeds) the database once at boot rather than on
// the first request: a fresh PGlite takes seconds to initialise. Nothing thrown here may escape:
// Next answers every request with 500 when register() fails, so a failure is logged and the pages
// serve (they report a database they cannot reach themselves).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request is routed: sign-in limits count the socket's address, which route handlers
  // never see otherwise (lib/platform/auth/client-address.ts).
  const { captureClientConnections } = await import("./lib/platform/auth/client-address");
  captureClientConnections();
  try {
    const { bootDatabase } = await import("./lib/platform/db/bootstrap");
    await bootDatabase();
  } catch (error) {
    console.error("[summit] database start failed; pages will retry on each request:", error);
  }
  // Background jobs (mail delivery every 15 s, …) start after the database was opened, or failed to:
  // each run reports its own errors, and a database that comes back later is simply used.
  try {
    const { platformJobs, startPeriodicJobs } = await import("./lib/platform/jobs");
    const { escalateBreaches } = await import("./lib/tickets/escalation");
    const { purgeExpired } = await import("./lib/recycle-bin/mutations");
    const { launchDueCampaigns } = await import("./lib/campaigns/launch");
    const { refreshChannelModels } = await import("./lib/campaigns/propensity-models");
    const { now } = await import("./lib/platform/clock");
    // Also registers the campaign mails' List-Unsubscribe headers with the outbox's delivery.
    const { runCampaignEmailSends } = await import("./lib/campaigns/email-send");
    const { buildServiceRollup, refreshServiceRollup } = await import("./lib/dashboards/service-rollup");
    const { getDatabase } = await import("./lib/platform/db/client");
    const { maintainEmbeddedDatabase, maintenanceSummary } = await import("./lib/platform/db/maintenance");
    let vacuumedOnce = false;
    // Features' jobs join the platform's here (the platform knows no feature).
    startPeriodicJobs([
      ...platformJobs(),
      // The embedded database runs without PostgreSQL's autovacuum (single-user mode): this applies
      // autovacuum's rule to its tables every minute (lib/platform/db/maintenance.ts). A no-op on a
      // server, whose own autovacuum does it.
      {
        name: "embedded-autovacuum",
        everyMs: 60_000,
        run: async () => {
          // The first run of a process goes over every table: the counters of the last one are lost
          // (cheap where nothing is due: VACUUM skips pages already marked all-visible).
          const summary = maintenanceSummary(await maintainEmbeddedDatabase(await getDatabase(), { full: !vacuumedOnce }));
          vacuumedOnce = true;
          if (summary) console.info(`[db] ${summary}`);
        },
      },
      { name: "sla-escalation", everyMs: 60_000, run: () => escalateBreaches() },
      // Erases records deleted longer ago than the recycle bin's retention (hourly: retention is in days).
      { name: "recycle-bin-purge", everyMs: 3_600_000, run: () => purgeExpired() },
      // Launches scheduled campaigns whose start has come, once across servers (lib/campaigns/launch.ts).
      { name: "campaign-launch", everyMs: 60_000, run: () => launchDueCampaigns() },
      // Retrains a channel's propensity model when its training data changed or it is a day old, so a
      // launch finds its model ready instead of training it (lib/campaigns/propensity-models.ts).
      { name: "propensity-models", everyMs: 3_600_000, run: () => refreshChannelModels(now()) },
      // Hands email campaigns' messages to the outbox at each campaign's rate; resumes a send after a
      // restart (a start or resume also sends at once in-process).
      { name: "campaign-email-send", everyMs: 5_000, run: () => runCampaignEmailSends() },
      // Keeps the service dashboard's daily rollup current (the days tickets changed on), so a read
      // seldom has to; builds it when missing.
      {
        name: "service-dashboard-rollup",
        everyMs: 300_000,
        run: async () => {
          await buildServiceRollup({ ifMissing: true });
          await refreshServiceRollup();
        },
      },
    ]);
  } catch (error) {
    console.error("[summit] background jobs could not start:", error);
  }
}

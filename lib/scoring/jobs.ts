import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { getDatabase } from "@/lib/platform/db/client";
import { FIRST_START_KEY, describeError, type FirstStartState } from "@/lib/platform/db/first-start";
import type { ModelReport } from "@/lib/scoring/rules/score-period";
import { nowMs } from "@/lib/platform/clock";
import { checkVersion, type Expected, fieldValue, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { type AnalyticsSettings, resolveAnalyticsSettings } from "@/lib/scoring/rules/settings";
import type { HistoryProgress } from "@/lib/scoring/history";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction } from "@/lib/platform/db/prisma";
import { RuleError } from "@/lib/platform/errors";
import { authorize, requireRight } from "@/lib/platform/auth/guard";

const STATUS_KEY = "scoreJob";
const SETTINGS_KEY = "analytics";
/** A "running" status not touched for this long was left by a server that stopped mid-run. */
const STALE_MS = 10 * 60 * 1000;

export type ScoreJobStatus =
  | { state: "idle" }
  | { state: "running"; phase: string; done: number; total: number; period: number; periods: number; startedAt: string; byUserId: number }
  | { state: "done"; startedAt: string; finishedAt: string; durationMs: number; periods: number; customers: number; byUserId: number }
  | { state: "failed"; startedAt: string; finishedAt: string; error: string; byUserId: number };

export type ScoreRunRow = {
  id: number;
  periodStart: string;
  periodEnd: string;
  customers: number;
  active: number;
  durationMs: number;
  finishedAt: Date;
  /** Which models spoke; null for runs from before models were recorded. */
  purchaseModel: string | null;
  spendModel: string | null;
  fallback: boolean;
  /** Reason codes of the fallback (e.g. "gamma-gamma:at-boundary"). */
  reasons: string[];
  rejectedCount: number;
};

async function readStatus(): Promise<ScoreJobStatus> {
  const prisma = await db();
  const row = await prisma.setting.findUnique({ where: { key: STATUS_KEY } });
  if (!row) return { state: "idle" };
  const status = row.value as ScoreJobStatus;
  if (status.state === "running" && nowMs() - row.updatedAt.getTime() > STALE_MS) {
    return { state: "failed", startedAt: status.startedAt, finishedAt: row.updatedAt.toISOString(), error: "interrupted", byUserId: status.byUserId };
  }
  return status;
}

async function writeStatus(status: ScoreJobStatus): Promise<void> {
  const prisma = await db();
  const value = status as unknown as Prisma.InputJsonValue;
  await prisma.setting.upsert({ where: { key: STATUS_KEY }, create: { key: STATUS_KEY, value }, update: { value } });
}

export async function getScoreJobStatus(actor: Actor): Promise<ScoreJobStatus> {
  await requireRight(actor, "score.recompute", "ScoreRun");
  return readStatus();
}

export async function listScoreRuns(actor: Actor): Promise<ScoreRunRow[]> {
  await requireRight(actor, "score.recompute", "ScoreRun");
  const prisma = await db();
  const runs = await prisma.scoreRun.findMany({ orderBy: { periodEnd: "desc" }, take: 20 });
  return runs.map((r) => {
    const report = isModelReport(r.model) ? r.model : null;
    return {
      id: r.id,
      periodStart: r.periodStart.toISOString().slice(0, 10),
      periodEnd: r.periodEnd.toISOString().slice(0, 10),
      customers: r.customerCount,
      active: r.activeCount,
      durationMs: r.durationMs,
      finishedAt: r.finishedAt,
      purchaseModel: report ? (report.purchase.used ?? "none") : null,
      spendModel: report ? report.spend.used : null,
      fallback: r.fallback,
      reasons: report ? report.reasons : [],
      rejectedCount: r.rejectedCount,
    };
  });
}

function isModelReport(value: unknown): value is ModelReport {
  return value !== null && typeof value === "object" && "purchase" in value && "spend" in value && "reasons" in value;
}

/**
 * How the embedded database's first start went: null when there was none (a server database, or
 * one from before first starts were recorded). A failure is shown on the admin Scores page.
 */
export async function getFirstStartStatus(actor: Actor): Promise<FirstStartState | null> {
  await requireRight(actor, "score.recompute", "ScoreRun");
  const prisma = await db();
  const row = await prisma.setting.findUnique({ where: { key: FIRST_START_KEY } });
  return (row?.value as FirstStartState | undefined) ?? null;
}

/** A successful recompute finishes a first start that failed while scoring: nothing is left to redo. */
async function settleFirstStart(): Promise<void> {
  const prisma = await db();
  const row = await prisma.setting.findUnique({ where: { key: FIRST_START_KEY } });
  const state = row?.value as FirstStartState | undefined;
  if (!state || (state.state !== "scoring" && !(state.state === "failed" && state.phase === "scoring"))) return;
  const settled: FirstStartState = { state: "done", startedAt: state.startedAt, finishedAt: new Date(nowMs()).toISOString(), demoToday: state.demoToday, customers: 0, periods: 0, fallbacks: 0 };
  await prisma.setting.update({ where: { key: FIRST_START_KEY }, data: { value: settled as unknown as Prisma.InputJsonValue } });
}

/**
 * Starts a recompute in the background of this server process and returns at once; progress is kept
 * in the database so any app server can show it. Only one run at a time (the job also takes a
 * database lock, for runs started elsewhere, e.g. `npm run scores`).
 */
export async function startScoreRecompute(actor: Actor, options: { historyQuarters: number }): Promise<void> {
  await requireRight(actor, "score.recompute", "ScoreRun");
  const current = await readStatus();
  if (current.state === "running") throw new RuleError("adminScores.alreadyRunning");
  const startedAt = new Date(nowMs()).toISOString();
  // Who started a recompute, and what it covers, is part of the audit trail.
  await writeAudit(await db(), { userId: actor.id, action: "RECOMPUTE_START", entity: "ScoreRun", entityId: null, detail: { historyQuarters: options.historyQuarters } });
  await writeStatus({ state: "running", phase: "aggregate", done: 0, total: 0, period: 1, periods: options.historyQuarters + 1, startedAt, byUserId: actor.id });
  const database = await getDatabase();
  const { recomputeWithHistory } = await import("@/lib/scoring/history");
  const settings = await getStoredSettings();
  let lastWrite = 0;
  const onProgress = async (p: HistoryProgress) => {
    // Progress is written at most a few times a second: enough for a live bar, cheap for the job.
    const now = nowMs();
    if (now - lastWrite < 400 && p.phase !== "done") return;
    lastWrite = now;
    await writeStatus({ state: "running", phase: p.phase, done: p.done, total: p.total, period: p.period, periods: p.periods, startedAt, byUserId: actor.id });
  };
  void recomputeWithHistory(database.sql, { quarters: options.historyQuarters, settings, triggeredById: actor.id, onProgress })
    .then(async (summaries) => {
      await writeStatus({
        state: "done",
        startedAt,
        finishedAt: new Date(nowMs()).toISOString(),
        durationMs: nowMs() - Date.parse(startedAt),
        periods: summaries.length,
        customers: summaries.at(-1)?.customers ?? 0,
        byUserId: actor.id,
      });
      await settleFirstStart();
    })
    .catch((error: unknown) => {
      console.error("[summit] score recompute failed:", error);
      return writeStatus({ state: "failed", startedAt, finishedAt: new Date(nowMs()).toISOString(), error: describeError(error), byUserId: actor.id });
    });
}

async function getStoredSettings(): Promise<AnalyticsSettings> {
  const prisma = await db();
  const row = await prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  return resolveAnalyticsSettings(row?.value ?? null);
}

export async function getAnalyticsSettings(actor: Actor): Promise<AnalyticsSettings> {
  await requireRight(actor, "admin.manage", "Setting");
  return getStoredSettings();
}

/** The settings as the form edits them: dotted keys, stored values (fractions, not the form's percent). */
function settingsSnapshot(settings: AnalyticsSettings): Snapshot {
  return Object.fromEntries(Object.entries(flatten(settings)).map(([k, v]) => [k, fieldValue(v)]));
}

export type AnalyticsSettingsEdit = { settings: AnalyticsSettings; version: number; snapshot: Snapshot };

/** The settings with the version the form saves against (0: still the defaults, nothing stored). */
export async function getAnalyticsSettingsForEdit(actor: Actor): Promise<AnalyticsSettingsEdit> {
  await requireRight(actor, "admin.manage", "Setting");
  const row = await (await db()).setting.findUnique({ where: { key: SETTINGS_KEY }, select: { value: true, version: true } });
  const settings = resolveAnalyticsSettings(row?.value ?? null);
  return { settings, version: row?.version ?? 0, snapshot: settingsSnapshot(settings) };
}

/**
 * Saves validated analytics settings; they apply from the next score run. Audited. `expected` is the
 * version the form loaded (0 when nothing was stored yet): two admins saving from the same page are
 * not both written; the second is told which settings the first changed.
 */
export async function updateAnalyticsSettings(actor: Actor, settings: AnalyticsSettings, expected: Expected): Promise<AnalyticsSettings> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", "Setting", null);
    const before = await tx.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const value = settings as unknown as Prisma.InputJsonValue;
    const stored = (row: { value: Prisma.JsonValue; version: number } | null): VersionedRecord => ({ version: row?.version ?? 0, snapshot: settingsSnapshot(resolveAnalyticsSettings(row?.value ?? null)) });
    checkVersion("Setting", SETTINGS_KEY, expected, stored(before));
    await writeAtVersion(
      "Setting",
      SETTINGS_KEY,
      expected,
      (version) =>
        version === 0
          ? // The first save creates the row; ON CONFLICT DO NOTHING turns a racing first save into a conflict.
            tx.setting.createMany({ data: [{ key: SETTINGS_KEY, value, updatedById: actor.id }], skipDuplicates: true })
          : tx.setting.updateMany({ where: { key: SETTINGS_KEY, version }, data: { value, updatedById: actor.id, version: { increment: 1 } } }),
      async () => stored(await tx.setting.findUnique({ where: { key: SETTINGS_KEY } })),
    );
    await writeAudit(tx, {
      userId: actor.id,
      action: before ? "UPDATE" : "CREATE",
      entity: "Setting",
      entityId: SETTINGS_KEY,
      before: before ? flatten(resolveAnalyticsSettings(before.value)) : null,
      after: flatten(settings),
    });
    return settings;
  });
}

/** Nested settings as dotted keys, so the audit diff lists exactly the fields that changed. */
function flatten(value: object, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === "object") Object.assign(out, flatten(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

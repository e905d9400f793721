import { runAsTestSession } from "@/lib/platform/auth/session";
import type { Database } from "@/lib/platform/db/client";

/**
 * Calling real server actions from a test: the session comes from the session module's test seam
 * (runAsTestSession), and Next's control-flow errors (redirect, notFound) are read back as outcomes.
 * A test file that calls actions must also replace `next/cache` (revalidatePath needs Next's request
 * store) and, for the language switch, `next/headers`: see mockNextRequestScope below.
 */

export type Outcome = { kind: "result"; result: unknown } | { kind: "redirect"; to: string } | { kind: "notFound" };

function digestOf(error: unknown): string | null {
  return typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string" ? error.digest : null;
}

/** Runs `fn` as `userId` (null: no session) and reports a redirect or not-found instead of throwing it. */
export async function callAs(userId: number | null, fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { kind: "result", result: await runAsTestSession(userId, fn) };
  } catch (error) {
    const digest = digestOf(error);
    if (digest?.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2] };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "notFound" };
    throw error;
  }
}

/** FormData from a plain record; an array value posts the field repeatedly. */
export function formOf(fields: Record<string, string | number | readonly (string | number)[]>): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) fd.append(key, String(v));
  }
  return fd;
}

/**
 * A fingerprint of every business table (all but the audit log, sign-in attempts and the migration
 * history): equal fingerprints mean no row was written, changed or deleted.
 */
export async function businessFingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('AuditLog', 'LoginAttempt', '_prisma_migrations')
      ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.sql.query<{ n: number; digest: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`);
    out[name] = `${row.n}:${row.digest ?? ""}`;
  }
  return out;
}

export type AuditRow = { id: bigint; action: string; entity: string; userId: number | null };

/** Audit rows written after `afterId`. */
export async function auditSince(db: Database, afterId: bigint): Promise<AuditRow[]> {
  return db.prisma.auditLog.findMany({ where: { id: { gt: afterId } }, select: { id: true, action: true, entity: true, userId: true }, orderBy: { id: "asc" } });
}

export async function lastAuditId(db: Database): Promise<bigint> {
  return (await db.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
}

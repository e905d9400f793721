import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { addMonths, centsToDecimal, type MonthKey, monthOf, monthsBetween, monthStart, parseCents } from "@/lib/dashboards/rules/forecast";
import { now as clockNow } from "@/lib/platform/clock";
import { type FieldChange, type FieldValue } from "@/lib/platform/concurrency";
import { cellKey, type TargetCell } from "@/lib/dashboards/schema";
import { accessWhere, teamOwnedRef } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction } from "@/lib/platform/db/prisma";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize, requireRight } from "@/lib/platform/auth/guard";

export const GRID_MONTHS = 6;

export type TargetGrid = {
  teams: { id: number; name: string }[];
  team: { id: number; name: string } | null;
  months: MonthKey[];
  rows: { kind: "team" | "user"; id: number; name: string; amounts: Record<MonthKey, string | null>; versions: Record<MonthKey, number | null> }[];
};

/** The targets table for one team: the team's row, then its reps, over GRID_MONTHS months from `from`. */
export async function getTargetGrid(actor: Actor, query: { team?: number; from?: MonthKey }, now = clockNow()): Promise<TargetGrid> {
  await requireRight(actor, "target.edit", "SalesTarget");
  const prisma = await db();
  const teams = await prisma.team.findMany({
    where: { AND: [accessWhere(actor, "target.edit", "Team"), { members: { some: { role: "REP" } } }] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const from = query.from ?? monthOf(now);
  const months = monthsBetween(from, addMonths(from, GRID_MONTHS - 1));
  const team = teams.find((t) => t.id === query.team) ?? teams[0] ?? null;
  if (!team) return { teams, team: null, months, rows: [] };
  const reps = await prisma.user.findMany({ where: { teamId: team.id, role: "REP", active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const targets = await prisma.salesTarget.findMany({
    where: {
      month: { gte: monthStart(months[0]), lt: monthStart(addMonths(months[months.length - 1], 1)) },
      OR: [{ teamId: team.id }, { userId: { in: reps.map((r) => r.id) } }],
    },
    select: { userId: true, teamId: true, month: true, amount: true, version: true },
  });
  const targetOf = (kind: "team" | "user", ownerId: number, m: MonthKey) => targets.find((x) => (kind === "team" ? x.teamId === ownerId : x.userId === ownerId) && monthOf(x.month) === m);
  const amountsFor = (kind: "team" | "user", ownerId: number): Record<MonthKey, string | null> =>
    Object.fromEntries(
      months.map((m) => {
        const t = targetOf(kind, ownerId, m);
        return [m, t ? t.amount.toFixed(2) : null];
      }),
    );
  // Each cell's version as loaded: the save's WHERE carries it (lib/platform/concurrency.ts).
  const versionsFor = (kind: "team" | "user", ownerId: number): Record<MonthKey, number | null> => Object.fromEntries(months.map((m) => [m, targetOf(kind, ownerId, m)?.version ?? null]));
  return {
    teams,
    team,
    months,
    rows: [
      { kind: "team" as const, id: team.id, name: team.name, amounts: amountsFor("team", team.id), versions: versionsFor("team", team.id) },
      ...reps.map((r) => ({ kind: "user" as const, id: r.id, name: r.name, amounts: amountsFor("user", r.id), versions: versionsFor("user", r.id) })),
    ],
  };
}

const sameAmount = (a: string | null, b: string | null) => (a === null || b === null ? a === b : parseCents(a) === parseCents(b));

type TargetRow = { id: number; amount: { toFixed(digits: number): string }; version: number };

/**
 * Saves changed cells of the targets table in one transaction, each change audited, by the one
 * concurrency protocol (lib/platform/concurrency.ts) with a cell as the record: each cell posts the
 * amount it was loaded with (`was`, its snapshot) and the target's version (`version`, none for an
 * empty cell). A cell someone saved meanwhile — version moved, target created or cleared — is a
 * conflict, and so is a write whose WHERE (id and version; ON CONFLICT DO NOTHING for a new target)
 * matches nothing because a save raced this one. Any conflict saves nothing: ConflictError lists
 * every such cell (field = "kind:id:month", old = `was`, current = stored now) with the cells'
 * versions now, so the editor can reload or deliberately save over them.
 */
export async function saveSalesTargets(actor: Actor, cells: TargetCell[]): Promise<{ changed: number }> {
  return transaction(async (tx) => {
    const changes: FieldChange[] = [];
    const current: Record<string, FieldValue> = {};
    const versions: Record<string, number | null> = {};
    let changed = 0;
    for (const cell of cells) {
      const month = monthStart(cell.month);
      let ownerTeamId: number | null;
      if (cell.kind === "user") {
        const user = await tx.user.findUnique({ where: { id: cell.id }, select: { id: true, teamId: true, role: true } });
        authorize(actor, "target.edit", "SalesTarget", null, { ownerId: user?.id ?? cell.id, ownerTeamId: user?.teamId ?? null });
        if (!user) throw new NotAllowedError();
        if (user.role !== "REP") throw new RuleError("salesTargets.errors.notRep");
        ownerTeamId = user.teamId;
      } else {
        const team = await tx.team.findUnique({ where: { id: cell.id }, select: { id: true, name: true } });
        // A team's own target belongs to the team, not to a person.
        authorize(actor, "target.edit", "SalesTarget", null, teamOwnedRef(team?.id ?? cell.id));
        if (!team) throw new NotAllowedError();
        ownerTeamId = team.id;
      }
      const where = cell.kind === "user" ? { userId: cell.id, month } : { teamId: cell.id, month };
      const key = cellKey(cell.kind, cell.id, cell.month);
      const refuse = (now: TargetRow | null) => {
        const stored = now ? now.amount.toFixed(2) : null;
        if (!sameAmount(stored, cell.was)) changes.push({ field: key, old: cell.was, current: stored });
        current[key] = stored;
        versions[key] = now?.version ?? null;
      };
      const reread = () => tx.salesTarget.findFirst({ where, select: { id: true, amount: true, version: true } });
      const existing = await reread();
      const stored = existing ? existing.amount.toFixed(2) : null;
      // A cell posted without a version (an older form) is judged on its amount, as before.
      const stale = cell.version === undefined ? !sameAmount(stored, cell.was) : (existing?.version ?? null) !== cell.version;
      if (stale) {
        refuse(existing);
        continue;
      }
      if (sameAmount(stored, cell.amount)) continue;
      const owner = cell.kind === "user" ? { userId: cell.id } : { teamId: cell.id };
      const label = { ...owner, ownerTeamId, month: cell.month };
      let written: number;
      if (cell.amount === null && existing) {
        written = (await tx.salesTarget.deleteMany({ where: { id: existing.id, version: existing.version } })).count;
        if (written) await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: "SalesTarget", entityId: existing.id, before: { ...label, amount: stored }, after: null });
      } else if (cell.amount !== null && existing) {
        const amount = centsToDecimal(parseCents(cell.amount));
        written = (await tx.salesTarget.updateMany({ where: { id: existing.id, version: existing.version }, data: { amount, version: { increment: 1 } } })).count;
        if (written) await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "SalesTarget", entityId: existing.id, before: { amount: stored }, after: { amount } });
      } else if (cell.amount !== null) {
        const amount = centsToDecimal(parseCents(cell.amount));
        // ON CONFLICT DO NOTHING: a target created meanwhile (the unique month) is a conflict, not an
        // error that would abort the transaction.
        written = (await tx.salesTarget.createMany({ data: [{ ...owner, month, amount }], skipDuplicates: true })).count;
        if (written) {
          const created = (await reread())!;
          await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "SalesTarget", entityId: created.id, before: null, after: { ...label, amount } });
        }
      } else {
        continue;
      }
      if (written === 0) {
        refuse(await reread());
        continue;
      }
      changed++;
    }
    // Throwing rolls back every cell saved before the conflicting one: a table is saved whole or not at all.
    if (Object.keys(versions).length > 0) throw new ConflictError("SalesTarget", "table", { version: 0, changes, current, versions });
    return { changed };
  });
}

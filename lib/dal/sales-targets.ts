import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { addMonths, centsToDecimal, type MonthKey, monthOf, monthsBetween, monthStart, parseCents } from "@/lib/domain/pipeline/forecast";
import { now as clockNow } from "@/lib/platform/clock";
import type { TargetCell } from "@/lib/validation/sales-target";
import { accessWhere, teamOwnedRef } from "./access-scopes";
import { writeAudit } from "./audit";
import { db, transaction } from "./db";
import { ConflictError, NotAllowedError, RuleError } from "./errors";
import { authorize, requireRight } from "./guard";

export const GRID_MONTHS = 6;

export type TargetGrid = {
  teams: { id: number; name: string }[];
  team: { id: number; name: string } | null;
  months: MonthKey[];
  rows: { kind: "team" | "user"; id: number; name: string; amounts: Record<MonthKey, string | null> }[];
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
    select: { userId: true, teamId: true, month: true, amount: true },
  });
  const amountsFor = (kind: "team" | "user", ownerId: number): Record<MonthKey, string | null> =>
    Object.fromEntries(
      months.map((m) => {
        const t = targets.find((x) => (kind === "team" ? x.teamId === ownerId : x.userId === ownerId) && monthOf(x.month) === m);
        return [m, t ? t.amount.toFixed(2) : null];
      }),
    );
  return {
    teams,
    team,
    months,
    rows: [{ kind: "team" as const, id: team.id, name: team.name, amounts: amountsFor("team", team.id) }, ...reps.map((r) => ({ kind: "user" as const, id: r.id, name: r.name, amounts: amountsFor("user", r.id) }))],
  };
}

export type TargetConflict = { kind: "user" | "team"; id: number; month: MonthKey; name: string; current: string | null };

const sameAmount = (a: string | null, b: string | null) => (a === null || b === null ? a === b : parseCents(a) === parseCents(b));

/**
 * Saves changed cells of the targets table in one transaction, each change audited. A cell whose
 * stored amount is no longer the one the editor loaded is a conflict: nothing is saved and the caller
 * gets the current amounts to show.
 */
export async function saveSalesTargets(actor: Actor, cells: TargetCell[]): Promise<{ changed: number }> {
  return transaction(async (tx) => {
    const conflicts: TargetConflict[] = [];
    let changed = 0;
    for (const cell of cells) {
      const month = monthStart(cell.month);
      let ownerTeamId: number | null;
      let name: string;
      if (cell.kind === "user") {
        const user = await tx.user.findUnique({ where: { id: cell.id }, select: { id: true, name: true, teamId: true, role: true } });
        authorize(actor, "target.edit", "SalesTarget", null, { ownerId: user?.id ?? cell.id, ownerTeamId: user?.teamId ?? null });
        if (!user) throw new NotAllowedError();
        if (user.role !== "REP") throw new RuleError("salesTargets.errors.notRep");
        ownerTeamId = user.teamId;
        name = user.name;
      } else {
        const team = await tx.team.findUnique({ where: { id: cell.id }, select: { id: true, name: true } });
        // A team's own target belongs to the team, not to a person.
        authorize(actor, "target.edit", "SalesTarget", null, teamOwnedRef(team?.id ?? cell.id));
        if (!team) throw new NotAllowedError();
        ownerTeamId = team.id;
        name = team.name;
      }
      const existing = await tx.salesTarget.findFirst({
        where: cell.kind === "user" ? { userId: cell.id, month } : { teamId: cell.id, month },
        select: { id: true, amount: true },
      });
      const current = existing ? existing.amount.toFixed(2) : null;
      if (!sameAmount(current, cell.was)) {
        conflicts.push({ kind: cell.kind, id: cell.id, month: cell.month, name, current });
        continue;
      }
      if (sameAmount(current, cell.amount)) continue;
      const owner = cell.kind === "user" ? { userId: cell.id } : { teamId: cell.id };
      const label = { ...owner, ownerTeamId, month: cell.month };
      if (cell.amount === null && existing) {
        await tx.salesTarget.delete({ where: { id: existing.id } });
        await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: "SalesTarget", entityId: existing.id, before: { ...label, amount: current }, after: null });
      } else if (cell.amount !== null && existing) {
        const amount = centsToDecimal(parseCents(cell.amount));
        await tx.salesTarget.update({ where: { id: existing.id }, data: { amount } });
        await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "SalesTarget", entityId: existing.id, before: { amount: current }, after: { amount } });
      } else if (cell.amount !== null) {
        const amount = centsToDecimal(parseCents(cell.amount));
        const created = await tx.salesTarget.create({ data: { ...owner, month, amount }, select: { id: true } });
        await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "SalesTarget", entityId: created.id, before: null, after: { ...label, amount } });
      }
      changed++;
    }
    // Throwing rolls back every cell saved before the conflicting one: a table is saved whole or not at all.
    if (conflicts.length > 0) throw new ConflictError({ conflicts });
    return { changed };
  });
}

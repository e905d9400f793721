import "server-only";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction } from "@/lib/platform/db/prisma";
import { OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";

export type Escalation = { ticketId: number; target: "firstResponse" | "resolution"; notified: number[] };

const BATCH = 200;

/**
 * Escalates SLA breaches to the manager of the assignee's team — its named manager (Team.managerId),
 * else its MANAGER members (the service teams' when the ticket waits unassigned; the administrators
 * when there is none): an in-app notification and an audit row, once per ticket and target.
 *
 * Durable and exactly once: the breach is found from stored instants (a restarted server finds what
 * it missed), and each escalation is claimed by an UPDATE that sets the ticket's escalation stamp only
 * while it is still empty, in the same transaction as the notifications. Of two servers sweeping at
 * once, one UPDATE matches the row and the other matches nothing, so nobody is told twice. Paused
 * tickets (waiting on the customer) are not escalated: their due moves on when the pause ends.
 */
export async function escalateBreaches(now: Date = clockNow()): Promise<Escalation[]> {
  const prisma = await db();
  const open = { status: { in: [...OPEN_TICKET_STATUSES] }, slaPausedAt: null };
  const [response, resolution] = await Promise.all([
    prisma.ticket.findMany({ where: { ...open, firstResponseAt: null, responseEscalatedAt: null, firstResponseDueAt: { lt: now } }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH }),
    prisma.ticket.findMany({ where: { ...open, resolvedAt: null, resolutionEscalatedAt: null, slaDueAt: { lt: now } }, select: { id: true }, orderBy: { id: "asc" }, take: BATCH }),
  ]);
  const done: Escalation[] = [];
  for (const [target, rows] of [["firstResponse", response], ["resolution", resolution]] as const) {
    for (const { id } of rows) {
      const escalation = await escalateOne(id, target, now);
      if (escalation) done.push(escalation);
    }
  }
  return done;
}

async function escalateOne(id: number, target: Escalation["target"], now: Date): Promise<Escalation | null> {
  return transaction(async (tx) => {
    const stamp = target === "firstResponse" ? { responseEscalatedAt: now } : { resolutionEscalatedAt: now };
    const still = target === "firstResponse" ? { responseEscalatedAt: null, firstResponseAt: null } : { resolutionEscalatedAt: null, resolvedAt: null };
    const { count } = await tx.ticket.updateMany({ where: { id, ...still }, data: stamp });
    if (count === 0) return null;
    const ticket = await tx.ticket.findUniqueOrThrow({ where: { id }, select: { subject: true, assignee: { select: { teamId: true } } } });
    // The assignee's team's managers; for a queued ticket, the managers of every team that has agents.
    const teamIds = ticket.assignee?.teamId
      ? [ticket.assignee.teamId]
      : (await tx.user.findMany({ where: { role: "AGENT", active: true, teamId: { not: null } }, select: { teamId: true }, distinct: ["teamId"] })).map((u) => u.teamId!);
    // Each team's named manager (Team.managerId) when it has an active one; otherwise its MANAGER members.
    const teams = await tx.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, manager: { select: { id: true, active: true } } } });
    const named = teams.flatMap((t) => (t.manager?.active ? [{ teamId: t.id, id: t.manager.id }] : []));
    const unnamed = teamIds.filter((teamId) => !named.some((n) => n.teamId === teamId));
    const members = unnamed.length > 0 ? await tx.user.findMany({ where: { role: "MANAGER", active: true, teamId: { in: unnamed } }, select: { id: true }, orderBy: { id: "asc" } }) : [];
    let managers = [...new Map([...named, ...members].map((m) => [m.id, { id: m.id }])).values()];
    // A team without a manager escalates to the administrators: a breach is never told to nobody.
    if (managers.length === 0) managers = await tx.user.findMany({ where: { role: "ADMIN", active: true }, select: { id: true } });
    const notified = managers.map((m) => m.id);
    if (notified.length > 0) {
      await tx.notification.createMany({
        data: notified.map((userId) => ({
          userId,
          message: target === "firstResponse" ? "service.notifications.responseBreached" : "service.notifications.resolutionBreached",
          params: { ticketId: id, subject: ticket.subject },
          entity: "Ticket",
          entityId: String(id),
          createdAt: now,
        })),
      });
    }
    await writeAudit(tx, { userId: null, action: "ESCALATE", entity: "Ticket", entityId: id, detail: { target, notified } });
    return { ticketId: id, target, notified };
  });
}

import "server-only";
import { enumArrayLiteral } from "@/lib/platform/db/enum-array";
import { type Db, type Tx } from "@/lib/platform/db/prisma";
import { OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";
import { type AgentCandidate, chooseAgent, parseAgentCapacity } from "@/lib/tickets/rules/routing";

/** The Setting row whose `capacity` caps each agent's open tickets for routing. */
export const ROUTING_SETTING_KEY = "service.routing";

// Advisory-lock key (two-int form) serialising routing decisions: a decision reads every agent's load
// and writes one assignment, so two at once (two app servers, two requests) would both see the same
// least-loaded agent. Held to the end of the routing transaction.
const ROUTING_LOCK = [0x5e53, 1] as const;

async function lockRouting(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROUTING_LOCK[0]}::int, ${ROUTING_LOCK[1]}::int)`;
}

/** The open statuses as one enum-array parameter (lib/platform/db/enum-array.ts). */
export const OPEN_STATUSES_PARAM = enumArrayLiteral(OPEN_TICKET_STATUSES);

/** Each agent's open tickets and latest assignment; $1 = OPEN_STATUSES_PARAM. */
export const AGENT_LOAD_SQL = `SELECT "assigneeId", count(*)::int AS "open", max("assignedAt") AS "lastAssignedAt"
  FROM "Ticket" WHERE "assigneeId" IS NOT NULL AND "status" = ANY($1::"TicketStatus"[])
  GROUP BY "assigneeId"`;

/** Active agents with their skills, open load and last assignment (the round-robin turn). */
async function candidates(client: Db): Promise<AgentCandidate[]> {
  const [agents, held] = await Promise.all([
    client.user.findMany({ where: { active: true, role: "AGENT" }, select: { id: true, skills: true } }),
    // Load and turn from the open assigned tickets' own index (migration ticket_open_load_index), read
    // index-only. In SQL because Prisma sends each status as CAST($n::text AS "TicketStatus"), which
    // the planner cannot fold, so it cannot prove the index's predicate: it read every open ticket's
    // row instead (at 200,000 tickets: ~15 ms against ~5 ms).
    client.$queryRawUnsafe<{ assigneeId: number; open: number; lastAssignedAt: Date | null }[]>(AGENT_LOAD_SQL, OPEN_STATUSES_PARAM),
  ]);
  const byAgent = new Map(held.map((r) => [r.assigneeId, r]));
  return agents.map((a) => {
    const h = byAgent.get(a.id);
    return { id: a.id, skills: a.skills, openLoad: h?.open ?? 0, lastAssignedAt: h?.lastAssignedAt?.getTime() ?? null };
  });
}

export type Routed = { ticketId: number; assigneeId: number };

/**
 * Gives queued (unassigned, open) tickets to agents, the given ticket first when named, then the
 * queue in its order (soonest due, then tier): each goes to whom lib/tickets/rules/routing.ts
 * chooses, until nobody can take the next one. The write is conditional on the ticket still being
 * unassigned, and decisions are serialised by an advisory lock, so a ticket never goes to two agents.
 * Runs inside the caller's transaction; returns the assignments made (for notifications and audit).
 */
export async function routeQueued(tx: Tx, now: Date, options: { ticketId?: number; limit?: number } = {}): Promise<Routed[]> {
  await lockRouting(tx);
  const pool = await candidates(tx);
  if (pool.length === 0) return [];
  // Read in the routing transaction (on the embedded database a read beside it would wait for it).
  const capacity = parseAgentCapacity((await tx.setting.findUnique({ where: { key: ROUTING_SETTING_KEY }, select: { value: true } }))?.value);
  const queued = await tx.ticket.findMany({
    where: { assigneeId: null, status: { in: [...OPEN_TICKET_STATUSES] }, ...(options.ticketId ? { id: options.ticketId } : {}) },
    select: { id: true, category: true, tier: true, status: true },
    orderBy: [{ slaDueAt: { sort: "asc", nulls: "last" } }, { tier: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    take: options.limit ?? 50,
  });
  const routed: Routed[] = [];
  for (const ticket of queued) {
    const chosen = chooseAgent(pool, { category: ticket.category, vip: ticket.tier === "VIP", capacity });
    if (chosen === null) continue;
    const { count } = await tx.ticket.updateMany({
      where: { id: ticket.id, assigneeId: null },
      data: { assigneeId: chosen, assignedAt: now, ...(ticket.status === "NEW" ? { status: "ASSIGNED" } : {}), version: { increment: 1 } },
    });
    if (count === 0) continue;
    const agent = pool.find((a) => a.id === chosen)!;
    agent.openLoad += 1;
    agent.lastAssignedAt = now.getTime();
    routed.push({ ticketId: ticket.id, assigneeId: chosen });
    await tx.notification.create({ data: { userId: chosen, message: "service.notifications.assigned", params: { ticketId: ticket.id }, entity: "Ticket", entityId: String(ticket.id) } });
  }
  return routed;
}

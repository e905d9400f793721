import "server-only";
import { z } from "zod";
import { phoneKey } from "@/lib/customers/rules/duplicates";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction } from "@/lib/platform/db/prisma";
import type { Role } from "@/lib/platform/enums";
import { publishEvent, userTopic } from "@/lib/platform/events";
import { recordInboundContact } from "@/lib/tickets/contact-log";

/** A telephony event as the phone system posts it (POST /api/cti/events, body-signed). */
export const ctiEventSchema = z.object({
  event: z.enum(["ringing", "answered", "ended"]),
  callId: z.string().trim().min(1).max(100),
  from: z.string().trim().min(1).max(50),
  extension: z.string().trim().min(1).max(20),
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
});
export type CtiEvent = z.infer<typeof ctiEventSchema>;

/** What an agent's open console receives (server-sent events). */
export type ConsoleEvent = { type: CtiEvent["event"]; callId: string; from: string; customerIds: number[]; touchpointId?: number };

export type CtiOutcome = { agentId: number | null; customerIds: number[]; touchpointId: number | null; duplicate: boolean };

/**
 * Handles one telephony event. The agent is found by extension; the caller by the digits of the
 * number, within what that agent may read. Ringing and answered pop the customer on the agent's open
 * console (through lib/platform/events.ts, so it reaches the app server the browser is connected to);
 * ended logs the call as a touchpoint with its duration when exactly one customer matches. A phone
 * system's retry of the same ended event (same call id) logs nothing twice.
 */
export async function handleCtiEvent(event: CtiEvent, now: Date = clockNow()): Promise<CtiOutcome> {
  const prisma = await db();
  const agent = await prisma.user.findFirst({ where: { phoneExtension: event.extension, active: true }, select: { id: true, role: true, teamId: true } });
  if (!agent) return { agentId: null, customerIds: [], touchpointId: null, duplicate: false };
  const actor = { id: agent.id, role: agent.role as Role, teamId: agent.teamId };
  const digits = phoneKey(event.from);
  const customers = digits
    ? await prisma.customer.findMany({ where: { AND: [accessWhere(actor, "customer.read", "Customer"), { phoneDigits: digits, deletedAt: null }] }, select: { id: true }, take: 5 })
    : [];
  const customerIds = customers.map((c) => c.id);
  let touchpointId: number | null = null;
  let duplicate = false;
  if (event.event === "ended" && customerIds.length === 1) {
    const logged = await logCall(actor.id, customerIds[0], event, now);
    touchpointId = logged.id;
    duplicate = logged.duplicate;
  }
  if (!duplicate) {
    const message: ConsoleEvent = { type: event.event, callId: event.callId, from: event.from, customerIds, ...(touchpointId ? { touchpointId } : {}) };
    await publishEvent(userTopic(agent.id), message);
  }
  return { agentId: agent.id, customerIds, touchpointId, duplicate };
}

async function logCall(userId: number, customerId: number, event: CtiEvent, now: Date): Promise<{ id: number; duplicate: boolean }> {
  return transaction(async (tx) => {
    // One call, one touchpoint: the call id is recorded with the touchpoint's audit row (serialised per call id).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${0x5e54}::int, hashtext(${event.callId}::text))`;
    const earlier = await tx.auditLog.findFirst({ where: { entity: "Touchpoint", action: "CREATE", changes: { path: ["callId"], equals: event.callId } }, select: { entityId: true } });
    if (earlier?.entityId) return { id: Number(earlier.entityId), duplicate: true };
    const seconds = event.durationSeconds ?? 0;
    const duration = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    const occurredAt = new Date(now.getTime() - seconds * 1000);
    const id = await recordInboundContact(
      tx,
      { customerId, userId, channel: "PHONE", occurredAt, summary: `Inbound call ${event.from} (${duration})`, outcome: seconds > 0 ? "Answered" : "Missed" },
      { callId: event.callId, durationSeconds: seconds, from: "cti" },
    );
    return { id, duplicate: false };
  });
}

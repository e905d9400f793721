import "server-only";
import { writeAudit } from "@/lib/platform/audit";
import type { Tx } from "@/lib/platform/db/prisma";
import type { Channel } from "@/lib/platform/enums";

/**
 * Records an inbound contact the service desk took (a console log, a call the phone system
 * reported) as a touchpoint, in the caller's transaction: the touchpoint, the customer's last-contact
 * time (denormalised for the customer list's recency filter, moved only forward) and the audit row,
 * whose detail carries `extra` (the call id a retried telephony event is recognised by). Inbound, so
 * no opt-out applies; the caller has checked the right to log it.
 */
export async function recordInboundContact(
  tx: Tx,
  contact: { customerId: number; userId: number; channel: Channel; occurredAt: Date; summary: string; outcome: string | null; ticketId?: number | null },
  extra: Record<string, unknown>,
): Promise<number> {
  const { customerId, userId, channel, occurredAt, summary, outcome } = contact;
  const ticketId = contact.ticketId ?? null;
  const touchpoint = await tx.touchpoint.create({ data: { customerId, channel, direction: "INBOUND", occurredAt, summary, outcome, userId, ticketId }, select: { id: true } });
  await tx.customer.updateMany({ where: { id: customerId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: occurredAt } }] }, data: { lastContactAt: occurredAt } });
  await writeAudit(tx, { userId, action: "CREATE", entity: "Touchpoint", entityId: touchpoint.id, detail: { customerId, channel, direction: "INBOUND", ticketId, ...extra } });
  return touchpoint.id;
}

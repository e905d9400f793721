import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { optOutRefusal } from "@/lib/customers/rules/contact-rules";
import type { TouchpointInput } from "@/lib/touchpoints/schema";
import { writeAudit } from "@/lib/platform/audit";
import { transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";

import { TOUCHPOINT_SELECT, type TouchpointDto, toDto } from "@/lib/touchpoints/queries";

/**
 * Logs a touchpoint (every role may, on any customer). Outbound contact on a channel the customer
 * opted out of is refused with the opt-out as the reason (a RuleError on the channel field). Links
 * must belong to the same customer, and an opportunity or ticket link only to one the actor may read.
 */
export async function logTouchpoint(actor: Actor, customerId: number, input: TouchpointInput): Promise<TouchpointDto> {
  return transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: customerId, deletedAt: null },
      select: { id: true, ownerId: true, lastContactAt: true, dncPhone: true, dncEmail: true, dncMail: true, dncSms: true, owner: { select: { teamId: true } } },
    });
    if (!customer) throw new NotAllowedError();
    const ref = { ownerId: customer.ownerId, ownerTeamId: customer.owner?.teamId ?? null };
    authorize(actor, "touchpoint.create", "Touchpoint", null, ref);
    const refusal = optOutRefusal(input.channel, input.direction, customer);
    if (refusal) throw new RuleError(`touchpoints.optedOut.${refusal}`, "channel");

    if (input.contactId && !(await tx.contact.findFirst({ where: { id: input.contactId, customerId, deletedAt: null }, select: { id: true } }))) {
      throw new RuleError("touchpoints.errors.badLink", "contactId");
    }
    if (input.campaignId) {
      const member = await tx.campaignMember.findFirst({ where: { campaignId: input.campaignId, customerId }, select: { isControl: true } });
      if (!member) throw new RuleError("touchpoints.errors.badLink", "campaignId");
      // The control group is never contacted for its campaign (DOMAIN.md §10): a contact logged under the
      // campaign would make the member treated in all but name and bias the lift.
      if (member.isControl) throw new RuleError("touchpoints.errors.controlMember", "campaignId");
    }
    if (input.opportunityId) {
      const opp = await tx.opportunity.findFirst({ where: { id: input.opportunityId, customerId }, select: { ownerId: true, owner: { select: { teamId: true } } } });
      if (!opp || !can(actor, "opportunity.read", { ownerId: opp.ownerId, ownerTeamId: opp.owner.teamId })) throw new RuleError("touchpoints.errors.badLink", "opportunityId");
    }
    if (input.ticketId) {
      const ticket = await tx.ticket.findFirst({ where: { id: input.ticketId, customerId }, select: { assigneeId: true } });
      if (!ticket || !can(actor, "ticket.read", { ...ref, assignedToId: ticket.assigneeId })) throw new RuleError("touchpoints.errors.badLink", "ticketId");
    }

    const created = await tx.touchpoint.create({
      data: { ...input, customerId, userId: actor.id },
      select: { id: true },
    });
    if (!customer.lastContactAt || customer.lastContactAt < input.occurredAt) {
      // Denormalised for the list's "last contact older than N days" filter; not a profile edit, so no version bump.
      await tx.customer.update({ where: { id: customerId }, data: { lastContactAt: input.occurredAt } });
    }
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Touchpoint", entityId: created.id, before: null, after: { customerId, ...input } });
    return toDto(await tx.touchpoint.findUniqueOrThrow({ where: { id: created.id }, select: TOUCHPOINT_SELECT }));
  });
}

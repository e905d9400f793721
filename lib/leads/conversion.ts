import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { canConvert } from "@/lib/leads/rules/status";
import { needsContact } from "@/lib/leads/rules/conversion";
import { DEFAULT_STAGE_PROBABILITY } from "@/lib/opportunities/rules/stages";
import { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import type { ConvertLeadInput } from "@/lib/leads/schema";
import { writeAudit } from "@/lib/platform/audit";
import { refOf } from "@/lib/customers/queries";
import { transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";
import { auditedLead, findLeadRow, leadRef, versionedLead, versionOfLead } from "@/lib/leads/mutations";

export type ConversionResult = { customerId: number; contactId: number | null; opportunityId: number };

async function ownerTeam(tx: Tx, userId: number): Promise<number | null> {
  const user = await tx.user.findFirst({ where: { id: userId, active: true }, select: { teamId: true } });
  if (!user) throw new RuleError("leads.errors.unknownOwner");
  return user.teamId;
}

/**
 * Converts a qualified lead in ONE transaction: the customer (linked or created), a contact for the
 * lead's person when the customer is a business, the opportunity at PROSPECTING with its first stage
 * change, and the lead marked CONVERTED pointing at both. Anything failing on the way rolls all of it
 * back. The lead's version guards against a second conversion racing this one.
 */
export async function convertLead(actor: Actor, leadId: number, expected: Expected, input: ConvertLeadInput): Promise<ConversionResult> {
  return transaction(async (tx) => {
    const lead = await findLeadRow(tx, leadId);
    if (!lead) throw new NotAllowedError();
    authorize(actor, "lead.edit", "Lead", leadId, leadRef(lead));
    // "Already converted" says more than "changed meanwhile", so it comes first.
    if (lead.status === "CONVERTED" || lead.opportunityId !== null) throw new RuleError("leads.convert.already");
    checkVersion("Lead", leadId, expected, versionOfLead(lead));
    if (!canConvert(lead.status)) throw new RuleError("leads.convert.notQualified");

    // The deal stays with whoever worked the lead; an unassigned lead goes to the one converting it.
    const ownerId = lead.ownerId ?? actor.id;
    const ownerTeamId = lead.ownerId !== null ? (lead.owner?.teamId ?? null) : actor.teamId;
    authorize(actor, "opportunity.edit", "Opportunity", null, { ownerId, ownerTeamId });

    let customerId: number;
    let kind: ConvertLeadInput["kind"];
    if (input.customerMode === "existing") {
      const existing = await tx.customer.findFirst({ where: { id: input.customerId ?? -1, deletedAt: null }, select: { id: true, kind: true, ownerId: true, owner: { select: { teamId: true } } } });
      if (!existing) throw new RuleError("leads.convert.customerGone", "customerId");
      authorize(actor, "customer.read", "Customer", existing.id, refOf(existing));
      customerId = existing.id;
      kind = existing.kind;
    } else {
      authorize(actor, "customer.create", "Customer", null, { ownerId, ownerTeamId: ownerId === actor.id ? actor.teamId : await ownerTeam(tx, ownerId) });
      const business = needsContact(input.kind);
      const data = {
        kind: input.kind,
        name: input.customerName,
        // A business customer's own email and phone are not the person's: those go on the contact.
        email: business ? null : lead.email,
        phone: business ? null : lead.phone,
        company: business ? null : lead.company,
        region: input.region,
        source: lead.source,
        ownerId,
      };
      const created = await tx.customer.create({ data, select: { id: true } });
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Customer", entityId: created.id, before: null, after: { ...data, fromLead: leadId } });
      customerId = created.id;
      kind = input.kind;
    }

    let contactId: number | null = null;
    if (needsContact(kind)) {
      const hasPrimary = (await tx.contact.count({ where: { customerId, deletedAt: null, isPrimary: true } })) > 0;
      const contact = { customerId, name: lead.name, email: lead.email, phone: lead.phone, isPrimary: !hasPrimary };
      contactId = (await tx.contact.create({ data: contact, select: { id: true } })).id;
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Contact", entityId: contactId, before: null, after: contact });
    }

    const opportunity = {
      name: input.opportunityName,
      customerId,
      amount: new Prisma.Decimal(input.amount),
      stage: "PROSPECTING" as const,
      probability: DEFAULT_STAGE_PROBABILITY.PROSPECTING,
      expectedCloseDate: input.expectedCloseDate,
      ownerId,
      source: lead.source,
    };
    const opportunityId = (await tx.opportunity.create({ data: opportunity, select: { id: true } })).id;
    await tx.opportunityStageChange.create({ data: { opportunityId, fromStage: null, toStage: "PROSPECTING", changedById: actor.id } });
    await writeAudit(tx, {
      userId: actor.id,
      action: "CREATE",
      entity: "Opportunity",
      entityId: opportunityId,
      before: null,
      after: { ...opportunity, amount: opportunity.amount.toFixed(2), fromLead: leadId },
    });

    await writeAtVersion(
      "Lead",
      leadId,
      expected,
      (version) =>
        tx.lead.updateMany({
          where: { id: leadId, version, status: "QUALIFIED", opportunityId: null },
          data: { status: "CONVERTED", convertedAt: clockNow(), customerId, opportunityId, version: { increment: 1 } },
        }),
      () => versionedLead(tx, leadId),
    );
    const after = (await findLeadRow(tx, leadId))!;
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: "Lead",
      entityId: leadId,
      before: { ...auditedLead(lead), customerId: lead.customerId, opportunityId: null },
      after: { ...auditedLead(after), customerId, opportunityId },
    });
    return { customerId, contactId, opportunityId };
  });
}

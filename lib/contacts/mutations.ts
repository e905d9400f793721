import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import type { ContactInput } from "@/lib/contacts/schema";
import { writeAudit } from "@/lib/platform/audit";
import { refOf } from "@/lib/customers/queries";
import { type Tx, transaction } from "@/lib/platform/db/prisma";
import { now as clockNow } from "@/lib/platform/clock";
import { NotAllowedError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";

import { CONTACT_SELECT, type ContactDto, contactSnapshot, toDto } from "@/lib/contacts/queries";

async function customerRef(tx: Tx, customerId: number) {
  const customer = await tx.customer.findFirst({ where: { id: customerId, deletedAt: null }, select: { ownerId: true, owner: { select: { teamId: true } } } });
  if (!customer) throw new NotAllowedError();
  return refOf(customer);
}

/** One primary contact per customer: making one primary demotes the others. */
async function demoteOthers(tx: Tx, customerId: number, keepId: number): Promise<void> {
  await tx.contact.updateMany({ where: { customerId, isPrimary: true, id: { not: keepId } }, data: { isPrimary: false, version: { increment: 1 } } });
}

/**
 * Adding a contact follows the matrix's "customer, contact: create" row, judged on the customer's
 * owner: a rep adds contacts to their own customers, a manager to the team's, an agent to unassigned ones.
 */
export async function createContact(actor: Actor, customerId: number, input: ContactInput): Promise<ContactDto> {
  return transaction(async (tx) => {
    authorize(actor, "customer.create", "Contact", null, await customerRef(tx, customerId));
    const created = await tx.contact.create({ data: { ...input, customerId }, select: CONTACT_SELECT });
    if (created.isPrimary) await demoteOthers(tx, customerId, created.id);
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Contact", entityId: created.id, before: null, after: { customerId, ...input } });
    return toDto(created);
  });
}

export async function updateContact(actor: Actor, contactId: number, expected: Expected, input: ContactInput): Promise<ContactDto> {
  return transaction(async (tx) => {
    const row = await tx.contact.findFirst({ where: { id: contactId, deletedAt: null }, select: { ...CONTACT_SELECT, customerId: true } });
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.edit", "Contact", contactId, await customerRef(tx, row.customerId));
    checkVersion("Contact", contactId, expected, { version: row.version, snapshot: contactSnapshot(row) });
    await writeAtVersion(
      "Contact",
      contactId,
      expected,
      (version) => tx.contact.updateMany({ where: { id: contactId, version, deletedAt: null }, data: { ...input, version: { increment: 1 } } }),
      async () => {
        const now = await tx.contact.findFirst({ where: { id: contactId, deletedAt: null }, select: CONTACT_SELECT });
        if (!now) throw new NotAllowedError();
        return { version: now.version, snapshot: contactSnapshot(now) };
      },
    );
    const before = { name: row.name, title: row.title, email: row.email, phone: row.phone, isPrimary: row.isPrimary };
    if (input.isPrimary) await demoteOthers(tx, row.customerId, contactId);
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Contact", entityId: contactId, before, after: { ...input } });
    return toDto(await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: CONTACT_SELECT }));
  });
}

/**
 * Soft delete: the contact leaves the customer's page and waits in the recycle bin (restorable by
 * whoever may edit its customer, until the bin's retention purges it). It stops being the primary
 * contact, so a restore never makes two primaries. Deleting follows the customer's edit right.
 */
export async function deleteContact(actor: Actor, contactId: number, expected: Expected): Promise<void> {
  await transaction(async (tx) => {
    const row = await tx.contact.findFirst({ where: { id: contactId, deletedAt: null }, select: { ...CONTACT_SELECT, customerId: true } });
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.edit", "Contact", contactId, await customerRef(tx, row.customerId));
    checkVersion("Contact", contactId, expected, { version: row.version, snapshot: contactSnapshot(row) });
    const deletedAt = clockNow();
    await writeAtVersion(
      "Contact",
      contactId,
      expected,
      (version) => tx.contact.updateMany({ where: { id: contactId, version, deletedAt: null }, data: { deletedAt, isPrimary: false, version: { increment: 1 } } }),
      async () => {
        const now = await tx.contact.findFirst({ where: { id: contactId, deletedAt: null }, select: CONTACT_SELECT });
        if (!now) throw new NotAllowedError();
        return { version: now.version, snapshot: contactSnapshot(now) };
      },
    );
    const before = { customerId: row.customerId, name: row.name, title: row.title, email: row.email, phone: row.phone, isPrimary: row.isPrimary, deletedAt: null };
    await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: "Contact", entityId: contactId, before, after: { ...before, isPrimary: false, deletedAt } });
  });
}

import "server-only";
import { createHash } from "node:crypto";
import { type AddressObject, simpleParser } from "mailparser";
import type { Actor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { RuleError } from "@/lib/platform/errors";
import { openTicket, receiveCustomerMessage } from "@/lib/tickets/mutations";
import { cleanSubject, stripQuotedReply, threadTokenOf } from "@/lib/tickets/rules/mail-threading";
import { serviceCalendar } from "@/lib/tickets/sla-clock";

export type InboundOutcome =
  | { outcome: "added"; ticketId: number }
  | { outcome: "opened"; ticketId: number }
  | { outcome: "triage"; inboundId: number }
  | { outcome: "duplicate" };

/** Text kept from one mail (a ticket's description holds at most 5,000 characters; the rest is cut). */
const MAX_TEXT = 20_000;
const MAX_ATTACHMENTS = 20;

/** "Attachments: a.pdf (120 KB), b.png (2 MB)" for a ticket opened by a mail (its description is text). */
function attachmentLine(attachments: { name: string; size: number }[]): string {
  if (attachments.length === 0) return "";
  const size = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return `\n\nAttachments: ${attachments.map((a) => `${a.name} (${size(a.size)})`).join(", ")}`;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter((a) => a !== "");
}

/** The ticket a reply belongs to: by the thread token, else by the In-Reply-To of a mail we sent. */
async function threadOf(tx: Tx, token: string | null, inReplyTo: string | null): Promise<number | null> {
  if (token) {
    const ticket = await tx.ticket.findUnique({ where: { threadToken: token }, select: { id: true } });
    if (ticket) return ticket.id;
  }
  if (inReplyTo) {
    const sent = await tx.outboxMessage.findUnique({ where: { messageId: inReplyTo }, select: { entity: true, entityId: true } });
    if (sent?.entity === "Ticket" && sent.entityId && /^\d{1,10}$/.test(sent.entityId)) {
      const ticket = await tx.ticket.findUnique({ where: { id: Number(sent.entityId) }, select: { id: true } });
      if (ticket) return ticket.id;
    }
  }
  return null;
}

/** The one live customer whose (or whose contact's) address this is; null when none or several. */
async function customerOf(tx: Tx, address: string): Promise<{ customerId: number; contactId: number | null } | null> {
  const [customers, contacts] = await Promise.all([
    tx.customer.findMany({ where: { emailKey: address, deletedAt: null }, select: { id: true }, take: 3 }),
    tx.contact.findMany({ where: { emailKey: address, deletedAt: null, customer: { deletedAt: null } }, select: { id: true, customerId: true }, take: 3 }),
  ]);
  const ids = new Set([...customers.map((c) => c.id), ...contacts.map((c) => c.customerId)]);
  if (ids.size !== 1) return null;
  const customerId = [...ids][0];
  const contact = contacts.find((c) => c.customerId === customerId);
  return { customerId, contactId: contact && contacts.length === 1 ? contact.id : null };
}

/**
 * Files one inbound mail (raw MIME, as the provider's webhook delivers it):
 * - a reply to a ticket (thread token in the subject or reply address, or In-Reply-To one of our
 *   mails) joins that ticket's conversation, and moves it (a wait ends, a resolved ticket reopens);
 * - a new mail from exactly one known customer (by the customer's or a contact's address) opens a
 *   ticket, routed like any other;
 * - anything else waits in the triage queue for an agent.
 * Idempotent: a provider's retry of the same mail (same Message-ID; else the same bytes) is a no-op.
 */
export async function receiveInboundMail(raw: Uint8Array, now: Date = clockNow()): Promise<InboundOutcome> {
  const mail = await simpleParser(Buffer.from(raw));
  const messageId = mail.messageId?.slice(0, 500) ?? `<sha256-${createHash("sha256").update(raw).digest("hex")}@inbound>`;
  const from = mail.from?.value[0];
  const fromAddress = (from?.address ?? "").toLowerCase();
  const subject = (mail.subject ?? "").slice(0, 500);
  const text = (mail.text ?? "").slice(0, MAX_TEXT);
  const token = threadTokenOf(subject, [...addressesOf(mail.to), ...addressesOf(mail.cc)]);
  const inReplyTo = typeof mail.inReplyTo === "string" ? mail.inReplyTo : null;
  // Metadata only: the files are not stored (a document store is not part of the CRM yet).
  const attachments = mail.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({ name: (a.filename ?? "attachment").slice(0, 200), type: a.contentType, size: a.size }));
  const calendar = await serviceCalendar();

  return transaction(async (tx) => {
    const seen = await tx.inboundMail.findUnique({ where: { messageId }, select: { id: true } });
    if (seen) return { outcome: "duplicate" };
    const record = (status: "TRIAGE" | "TICKETED", ticketId: number | null) =>
      tx.inboundMail.create({
        data: { messageId, fromAddress: fromAddress || "(unknown)", fromName: from?.name || null, subject: subject || "(no subject)", textBody: text, status, ticketId, receivedAt: now },
        select: { id: true },
      });

    const threaded = await threadOf(tx, token, inReplyTo);
    if (threaded !== null) {
      await receiveCustomerMessage(tx, threaded, { from: fromAddress, body: stripQuotedReply(text) || "(empty message)", attachments }, now, calendar);
      await record("TICKETED", threaded);
      return { outcome: "added", ticketId: threaded };
    }
    const known = fromAddress ? await customerOf(tx, fromAddress) : null;
    if (known) {
      const { id } = await openTicket(
        tx,
        {
          customerId: known.customerId,
          contactId: known.contactId,
          subject: cleanSubject(subject),
          description: (text.trim().slice(0, 4500) + attachmentLine(attachments)).trim() || null,
          category: "general",
          priority: "P3",
          channel: "EMAIL",
        },
        { userId: null, source: "email" },
        now,
        calendar,
      );
      await record("TICKETED", id);
      return { outcome: "opened", ticketId: id };
    }
    const { id } = await record("TRIAGE", null);
    await writeAudit(tx, { userId: null, action: "CREATE", entity: "InboundMail", entityId: id, after: { from: fromAddress, subject, status: "TRIAGE" } });
    return { outcome: "triage", inboundId: id };
  });
}

export type TriagedMail = { id: number; fromAddress: string; fromName: string | null; subject: string; textBody: string; receivedAt: Date };

/** Mail from senders nobody knows, oldest first: for agents, managers and admins (those who work tickets). */
export async function listTriage(actor: Actor, limit = 50): Promise<TriagedMail[]> {
  await requireRight(actor, "ticket.edit", "InboundMail");
  return (await db()).inboundMail.findMany({
    where: { status: "TRIAGE" },
    select: { id: true, fromAddress: true, fromName: true, subject: true, textBody: true, receivedAt: true },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/**
 * Files a triaged mail as a new ticket of the customer the agent chose (the sender may be a new
 * contact of a known customer, or a customer just created). Conditional on the mail still waiting,
 * so two agents filing the same mail open one ticket.
 */
export async function fileTriagedMail(actor: Actor, inboundId: number, customerId: number, now: Date = clockNow()): Promise<{ ticketId: number }> {
  await requireRight(actor, "ticket.edit", "InboundMail");
  const calendar = await serviceCalendar();
  return transaction(async (tx) => {
    const mail = await tx.inboundMail.findUnique({ where: { id: inboundId }, select: { subject: true, textBody: true, status: true } });
    if (!mail || mail.status !== "TRIAGE") throw new RuleError("service.triage.gone");
    const { id } = await openTicket(
      tx,
      { customerId, contactId: null, subject: cleanSubject(mail.subject), description: mail.textBody.trim().slice(0, 5000) || null, category: "general", priority: "P3", channel: "EMAIL" },
      { userId: actor.id, source: "email" },
      now,
      calendar,
    );
    const { count } = await tx.inboundMail.updateMany({ where: { id: inboundId, status: "TRIAGE" }, data: { status: "TICKETED", ticketId: id, handledById: actor.id } });
    if (count === 0) throw new RuleError("service.triage.gone");
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "InboundMail", entityId: inboundId, before: { status: "TRIAGE" }, after: { status: "TICKETED", ticketId: id } });
    return { ticketId: id };
  });
}

/** Discards a triaged mail (spam, a wrong address): kept, marked, audited. */
export async function discardTriagedMail(actor: Actor, inboundId: number): Promise<void> {
  await requireRight(actor, "ticket.edit", "InboundMail");
  await transaction(async (tx) => {
    const { count } = await tx.inboundMail.updateMany({ where: { id: inboundId, status: "TRIAGE" }, data: { status: "DISCARDED", handledById: actor.id } });
    if (count === 0) throw new RuleError("service.triage.gone");
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "InboundMail", entityId: inboundId, before: { status: "TRIAGE" }, after: { status: "DISCARDED" } });
  });
}

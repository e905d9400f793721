import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { type Snapshot, snapshotOf } from "@/lib/platform/concurrency";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { db } from "@/lib/platform/db/prisma";

export type ContactDto = {
  id: number;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
  version: number;
  /** The fields the contact form edits, at `version`: posted back with a save to explain a conflict. */
  snapshot: Snapshot;
};

export const CONTACT_SELECT = { id: true, name: true, title: true, email: true, phone: true, isPrimary: true, version: true } as const;
export const CONTACT_FIELDS = ["name", "title", "email", "phone", "isPrimary"] as const;

export type ContactRow = { id: number; name: string; title: string | null; email: string | null; phone: string | null; isPrimary: boolean; version: number };

export function contactSnapshot(row: Omit<ContactRow, "id" | "version">): Snapshot {
  return snapshotOf(row, CONTACT_FIELDS);
}

export const toDto = (row: ContactRow): ContactDto => ({ ...row, snapshot: contactSnapshot(row) });

/** Contacts share their customer's read rule (everyone signed in, today). */
export async function listContacts(actor: Actor, customerId: number): Promise<ContactDto[]> {
  if (!can(actor, "customer.read")) return [];
  const prisma = await db();
  const rows = await prisma.contact.findMany({
    where: { customerId, deletedAt: null, customer: { AND: [{ deletedAt: null }, accessWhere(actor, "customer.read", "Customer")] } },
    select: CONTACT_SELECT,
    orderBy: [{ isPrimary: "desc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows.map(toDto);
}


import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { accessSql } from "@/lib/platform/auth/scope-filters";
import { suggestCustomers } from "@/lib/customers/queries";
import { db } from "@/lib/platform/db/prisma";
import { escapeLike, SqlParams } from "@/lib/platform/db/sql-builder";

export type SearchHit = { kind: "customer" | "contact" | "lead" | "opportunity" | "ticket"; id: number; title: string; detail: string | null; href: string };

const PER_KIND = 5;

type Row = { id: number; title: string; detail: string | null; customerId: number | null };

/**
 * Ctrl/Cmd+K: customers, contacts, leads, opportunities and tickets whose name (subject) contains
 * the term, each kind through its own read rule, a few of each. Every query is a trigram-index
 * lookup with a small LIMIT, so the palette keeps up with typing.
 */
export async function globalSearch(actor: Actor, raw: string): Promise<SearchHit[]> {
  const q = raw.trim().slice(0, 100);
  if (q.length < 2) return [];
  const prisma = await db();
  const like = `%${escapeLike(q)}%`;
  const query = async (build: (p: SqlParams) => string): Promise<Row[]> => {
    const params = new SqlParams();
    const text = build(params);
    return prisma.$queryRawUnsafe<Row[]>(text, ...params.values);
  };
  const [customers, contacts, leads, opportunities, tickets] = await Promise.all([
    suggestCustomers(actor, q, PER_KIND),
    can(actor, "customer.read")
      ? query(
          (p) => `SELECT ct."id", ct."name" AS "title", c."name" AS "detail", ct."customerId" FROM "Contact" ct JOIN "Customer" c ON c."id" = ct."customerId"
            WHERE ct."deletedAt" IS NULL AND c."deletedAt" IS NULL AND ct."name" ILIKE ${p.add(like)} AND ${p.embed(accessSql(actor, "customer.read", "Customer", "c"))}
            LIMIT ${p.add(PER_KIND, "::int")}`,
        )
      : [],
    can(actor, "lead.read")
      ? query(
          (p) => `SELECT l."id", l."name" AS "title", l."company" AS "detail", l."customerId" FROM "Lead" l
            WHERE l."name" ILIKE ${p.add(like)} AND ${p.embed(accessSql(actor, "lead.read", "Lead", "l"))}
            LIMIT ${p.add(PER_KIND, "::int")}`,
        )
      : [],
    can(actor, "opportunity.read")
      ? query(
          (p) => `SELECT o."id", o."name" AS "title", c."name" AS "detail", o."customerId" FROM "Opportunity" o JOIN "Customer" c ON c."id" = o."customerId"
            WHERE c."deletedAt" IS NULL AND o."name" ILIKE ${p.add(like)} AND ${p.embed(accessSql(actor, "opportunity.read", "Opportunity", "o"))}
            LIMIT ${p.add(PER_KIND, "::int")}`,
        )
      : [],
    can(actor, "ticket.read")
      ? query(
          (p) => `SELECT t."id", t."subject" AS "title", c."name" AS "detail", t."customerId" FROM "Ticket" t JOIN "Customer" c ON c."id" = t."customerId"
            WHERE c."deletedAt" IS NULL AND t."subject" ILIKE ${p.add(like)} AND ${p.embed(accessSql(actor, "ticket.read", "Ticket", "t", "c"))}
            LIMIT ${p.add(PER_KIND, "::int")}`,
        )
      : [],
  ]);
  return [
    ...customers.map((c) => ({ kind: "customer" as const, id: c.id, title: c.name, detail: [c.company, c.email, c.region].filter(Boolean).join(" · ") || null, href: `/customers/${c.id}` })),
    ...contacts.map((r) => ({ kind: "contact" as const, id: r.id, title: r.title, detail: r.detail, href: `/customers/${r.customerId}#contacts` })),
    // Converted leads open their customer; others the lead itself (the leads section's page).
    ...leads.map((r) => ({ kind: "lead" as const, id: r.id, title: r.title, detail: r.detail, href: r.customerId ? `/customers/${r.customerId}` : `/leads/${r.id}` })),
    ...opportunities.map((r) => ({ kind: "opportunity" as const, id: r.id, title: r.title, detail: r.detail, href: `/customers/${r.customerId}#opportunities` })),
    ...tickets.map((r) => ({ kind: "ticket" as const, id: r.id, title: `#${r.id} ${r.title}`, detail: r.detail, href: `/customers/${r.customerId}#tickets` })),
  ];
}

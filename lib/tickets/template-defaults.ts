import type { SqlRunner } from "@/lib/platform/db/sql";
import { DEFAULT_REPLY_TEMPLATES } from "@/lib/tickets/rules/reply-templates";

/**
 * ensureDefaultReplyTemplates (lib/tickets/templates.ts) for callers that hold a SqlRunner rather than
 * the Prisma client: the demo seed. It lives apart because templates.ts is `server-only` (through the
 * Prisma accessor), and the seed also runs from `npm run seed`, a plain tsx process in which that
 * marker throws on import.
 *
 * Inserts DEFAULT_REPLY_TEMPLATES, stamped `at`, when the table is empty; returns how many it inserted.
 */
export async function ensureDefaultReplyTemplatesSql(sql: SqlRunner, at: Date): Promise<number> {
  const columns = {
    category: DEFAULT_REPLY_TEMPLATES.map((t) => t.category),
    locale: DEFAULT_REPLY_TEMPLATES.map((t) => t.locale),
    name: DEFAULT_REPLY_TEMPLATES.map((t) => t.name),
    body: DEFAULT_REPLY_TEMPLATES.map((t) => t.body),
  };
  // Timestamps are stored without a zone, in UTC, as Prisma writes them.
  const stamp = at.toISOString().replace("Z", "");
  const rows = await sql.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO "ReplyTemplate" ("category", "locale", "name", "body", "createdAt", "updatedAt")
       SELECT v.category, v.locale, v.name, v.body, $5::timestamp, $5::timestamp
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS v(category, locale, name, body, ord)
       WHERE NOT EXISTS (SELECT 1 FROM "ReplyTemplate")
       ORDER BY v.ord
       ON CONFLICT ("category", "locale", "name") DO NOTHING
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    [columns.category, columns.locale, columns.name, columns.body, stamp],
  );
  return rows[0]?.n ?? 0;
}

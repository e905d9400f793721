import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { type Cursor, type CustomerFilters, type CustomerListQuery, encodeCursor, type SortKey } from "@/lib/customers/rules/list-query";
import { type DuplicateMatch, type DuplicateProbe, findDuplicates, normaliseEmail, phoneKey } from "@/lib/customers/rules/duplicates";
import { nowMs } from "@/lib/platform/clock";
import { accessSql, teamFilterSql } from "@/lib/platform/auth/scope-filters";
import { currentScoreJoin, currentStageSql } from "@/lib/scoring/queries";
import { db } from "@/lib/platform/db/prisma";
import { hasRight } from "@/lib/platform/auth/guard";
import { escapeLike, SqlParams, type SqlStatement, utcTimestamp } from "@/lib/platform/db/sql-builder";

/** One row of the customer list (and of the CSV export). Money as exact decimal strings. */
export type CustomerListItem = {
  id: number;
  kind: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  region: string;
  industry: string | null;
  ownerId: number | null;
  ownerName: string | null;
  tier: string | null;
  abcSegment: string | null;
  lifecycleStage: string;
  rfmCode: string | null;
  rfmGroup: string | null;
  totalSpend: string;
  predictedClv: string | null;
  churnRisk: number | null;
  lastPurchaseAt: Date | null;
  lastContactAt: Date | null;
  dncPhone: boolean;
  dncEmail: boolean;
  dncMail: boolean;
  dncSms: boolean;
};

type Row = CustomerListItem & { sortValue: string | null };

export type CustomerListPage = {
  items: CustomerListItem[];
  /** Links to the neighbouring pages (keyset cursors), null at either end. */
  next: string | null;
  prev: string | null;
  /** Number of matching customers, exact up to COUNT_CAP; COUNT_CAP + 1 means "more than COUNT_CAP". */
  total: number;
  /** No substring matched the search, so these are similar names (trigram similarity). */
  fuzzy: boolean;
};

/**
 * `id` is the tie-breaker of the keyset. Score sorts walk the snapshot's (periodEnd, value,
 * customerId) index, so they order by the snapshot's customer id (the same number as c.id).
 */
const SORT_COLUMNS: Record<SortKey, { column: string; id: string; cast: string; nullable: boolean }> = {
  name: { column: `c."name"`, id: `c."id"`, cast: "::text", nullable: false },
  spend: { column: `c."totalSpend"`, id: `c."id"`, cast: "::numeric", nullable: false },
  clv: { column: `s."predictedClv"`, id: `s."customerId"`, cast: "::numeric", nullable: true },
  lastPurchase: { column: `c."lastPurchaseAt"`, id: `c."id"`, cast: "::timestamp", nullable: true },
  churn: { column: `s."churnRisk"`, id: `s."customerId"`, cast: "::float8", nullable: true },
};

/**
 * Customers (c) with their scores (s): the current ones (see current-score.ts), or those of the
 * period the query asks for. With `ids`, only those customers, behind an optimisation fence (OFFSET 0):
 * the few thousand matches of a search are then fetched by id and sorted, instead of walking the
 * whole name index in order and testing every row, which is what the planner otherwise does when it
 * expects the matches to be spread evenly (they are not: every "Wang" sorts under W, every 王 last).
 */
function fromCustomers(filters: CustomerFilters, params: SqlParams, ids?: readonly number[]): string {
  const customers = ids ? `(SELECT * FROM "Customer" WHERE "id" = ANY(${params.add(ids, "::int[]")}) OFFSET 0) c` : `"Customer" c`;
  if (!filters.period) return `${customers} ${currentScoreJoin("s", `c."id"`)}`;
  return `${customers} LEFT JOIN "CustomerScore" s ON s."customerId" = c."id" AND s."periodEnd" = ${params.add(filters.period, "::timestamp")}`;
}

const SELECT_COLUMNS = `c."id", c."kind"::text AS "kind", c."name", c."email", c."phone", c."company", c."region", c."industry",
  c."ownerId", u."name" AS "ownerName", s."tier"::text AS "tier", s."abcSegment"::text AS "abcSegment",
  ${currentStageSql("s")}::text AS "lifecycleStage", s."rfmCode", s."rfmGroup", c."totalSpend"::text AS "totalSpend",
  s."predictedClv"::text AS "predictedClv", s."churnRisk", c."lastPurchaseAt", c."lastContactAt",
  c."dncPhone", c."dncEmail", c."dncMail", c."dncSms"`;

/** Digits worth matching against phone numbers: a term that is mostly a phone number. */
function phoneTerm(q: string): string | null {
  if (!/^[+\d][\d\s()+-]*$/.test(q)) return null;
  const digits = q.replace(/\D/g, "");
  if (digits.length < 3) return null;
  return phoneKey(q) ?? digits;
}

/** Whether `q` has no character with an upper or lower case: LIKE and ILIKE then match the same rows. */
export function isCaseless(q: string): boolean {
  return q.toLowerCase() === q && q.toUpperCase() === q;
}

/**
 * Whether a search term gives the trigram indexes something to look up: pg_trgm takes its trigrams
 * from runs of letters and digits, so a run of three is needed (a word of CJK characters may count
 * as letters too, depending on the server's locale; only ASCII is sure to).
 */
export function hasTrigrams(q: string): boolean {
  return /[A-Za-z0-9]{3}/.test(q);
}

/**
 * Whether a search term has a character beyond ASCII, which the gram index (migration
 * customer_cjk_search) holds: an all-ASCII term has no grams there, so the index cannot narrow it.
 */
export function hasGrams(q: string): boolean {
  for (let i = 0; i < q.length; i++) if (q.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** The list reads under customer.read; the CSV export under customer.export (a rep exports only their own). */
type ListAction = "customer.read" | "customer.export";

/**
 * The WHERE conditions for the list's filters and search. `fuzzy` swaps the substring search for
 * trigram similarity on the name (the fallback when nothing contains the term). `action` narrows the
 * read scope further (an export lists what may be exported).
 */
export function filterConditions(actor: Actor, filters: CustomerFilters, params: SqlParams, fuzzy = false, action: ListAction = "customer.read"): string[] {
  const where = [`c."deletedAt" IS NULL`, params.embed(accessSql(actor, action, "Customer", "c"))];
  if (filters.q) {
    if (fuzzy) {
      where.push(`c."name" % ${params.add(filters.q)}`);
    } else {
      const pattern = params.add(`%${escapeLike(filters.q)}%`);
      // All three forms match the same rows. In UTF-8, ILIKE lower-cases the value and the pattern for
      // every row it tests. A term without upper or lower case (王, digits, "@163") needs neither: LIKE.
      // A term the trigram indexes can look up keeps ILIKE, which they serve. Any other term is tested
      // row by row, and lower(value) LIKE lower(pattern) is ILIKE without lower-casing the pattern each time.
      const contains = isCaseless(filters.q)
        ? (column: string) => `${column} LIKE ${pattern}`
        : hasTrigrams(filters.q)
          ? (column: string) => `${column} ILIKE ${pattern}`
          : (column: string) => `lower(${column}) LIKE lower(${pattern})`;
      const text = [contains(`c."name"`), contains(`c."email"`), contains(`c."company"`)].join(" OR ");
      // A term with characters beyond ASCII (王, 府井) is looked up in the gram index first (migration
      // customer_cjk_search): its characters and pairs must be among the customer's. Necessary for a
      // match in the name, e-mail or company, so the phone digits stay outside it.
      const parts = [hasGrams(filters.q) ? `(customer_search_grams(c."name", c."email", c."company") @> customer_search_grams(${params.add(filters.q)}, NULL, NULL) AND (${text}))` : `(${text})`];
      const digits = phoneTerm(filters.q);
      if (digits) parts.push(`c."phoneDigits" LIKE ${params.add(`%${digits}%`)}`);
      where.push(`(${parts.join(" OR ")})`);
    }
  }
  if (filters.kind) where.push(`c."kind" = ${params.add(filters.kind, `::"CustomerKind"`)}`);
  if (filters.region) where.push(`c."region" = ${params.add(filters.region)}`);
  if (filters.industry) where.push(`c."industry" = ${params.add(filters.industry)}`);
  if (filters.owner) {
    if (filters.owner.kind === "none") where.push(`c."ownerId" IS NULL`);
    else where.push(`c."ownerId" = ${params.add(filters.owner.kind === "me" ? actor.id : filters.owner.id, "::int")}`);
  }
  // Score filters read the snapshot row `s` (fromCustomers); unscored customers count as
  // Acquisition, the stage the lists show for them.
  if (filters.tier) where.push(`s."tier" = ${params.add(filters.tier, `::"Tier"`)}`);
  if (filters.abc) where.push(`s."abcSegment" = ${params.add(filters.abc, `::"AbcSegment"`)}`);
  if (filters.stage) {
    const stage = `s."lifecycleStage" = ${params.add(filters.stage, `::"LifecycleStage"`)}`;
    where.push(filters.stage === "ACQUISITION" ? `(${stage} OR s."customerId" IS NULL)` : stage);
  }
  if (filters.rfm) where.push(`s."rfmGroup" = ${params.add(filters.rfm)}`);
  if (filters.rf) where.push(`s."rfmCode" LIKE ${params.add(`${filters.rf}%`)}`);
  if (filters.team) where.push(params.embed(teamFilterSql(filters.team, "Customer", "c")));
  if (filters.segment) {
    where.push(`EXISTS (SELECT 1 FROM "SegmentMember" sm WHERE sm."segmentId" = ${params.add(filters.segment, "::int")} AND sm."customerId" = c."id")`);
  }
  if (filters.noContactDays) {
    const since = utcTimestamp(new Date(nowMs() - filters.noContactDays * 86_400_000));
    where.push(`(c."lastContactAt" IS NULL OR c."lastContactAt" < ${params.add(since, "::timestamp")})`);
  }
  if (filters.fromPeriod && filters.fromTier) {
    const earlier = `SELECT 1 FROM "CustomerScore" p WHERE p."customerId" = c."id" AND p."periodEnd" = ${params.add(filters.fromPeriod, "::timestamp")}`;
    where.push(filters.fromTier === "NEW" ? `NOT EXISTS (${earlier})` : `EXISTS (${earlier} AND p."tier" = ${params.add(filters.fromTier, `::"Tier"`)})`);
  }
  const anyDnc = `(c."dncPhone" OR c."dncEmail" OR c."dncMail" OR c."dncSms")`;
  switch (filters.dnc) {
    case "any":
      where.push(anyDnc);
      break;
    case "none":
      where.push(`NOT ${anyDnc}`);
      break;
    case "phone":
      where.push(`c."dncPhone"`);
      break;
    case "email":
      where.push(`c."dncEmail"`);
      break;
    case "mail":
      where.push(`c."dncMail"`);
      break;
    case "sms":
      where.push(`c."dncSms"`);
      break;
  }
  return where;
}

type Segment = "values" | "nulls";
type Order = "asc" | "desc";

/**
 * One keyset step within one part of the ordering. Rows with a value come first, rows without one
 * (scores not computed yet) after them, "nulls last" in both directions; each part is its own
 * index-backed scan on (column, id), so a deep page costs what the first one does.
 */
function segmentStatement(
  actor: Actor,
  query: CustomerListQuery,
  segment: Segment,
  order: Order,
  cursor: Cursor | undefined,
  limit: number,
  fuzzy: boolean,
  action: ListAction,
  ids?: readonly number[],
): SqlStatement {
  const params = new SqlParams();
  const sort = SORT_COLUMNS[query.sort];
  const from = fromCustomers(query, params, ids);
  // The ids already satisfy the search; the other conditions are cheap on a few thousand rows and keep
  // the page right should a customer change in between.
  const where = filterConditions(actor, ids ? { ...query, q: undefined } : query, params, fuzzy, action);
  const op = order === "asc" ? ">" : "<";
  const dir = order === "asc" ? "ASC" : "DESC";
  let orderBy: string;
  if (segment === "values") {
    if (sort.nullable) where.push(`${sort.column} IS NOT NULL`);
    if (cursor && cursor.v !== null) where.push(`(${sort.column}, ${sort.id}) ${op} (${params.add(cursor.v, sort.cast)}, ${params.add(cursor.id, "::int")})`);
    orderBy = `${sort.column} ${dir}, ${sort.id} ${dir}`;
  } else {
    where.push(`${sort.column} IS NULL`);
    if (cursor && cursor.v === null) where.push(`c."id" ${op} ${params.add(cursor.id, "::int")}`);
    orderBy = `c."id" ${dir}`;
  }
  const text = `SELECT ${SELECT_COLUMNS}, ${sort.column}::text AS "sortValue"
    FROM ${from} LEFT JOIN "User" u ON u."id" = c."ownerId"
    WHERE ${where.join(" AND ")}
    ORDER BY ${orderBy}
    LIMIT ${params.add(limit, "::int")}`;
  return { text, values: params.values };
}

/**
 * The statements one page runs, in order, until it has pageSize + 1 rows. Exposed so the benchmark
 * can time the very same SQL without the application around it. `ids`: the search's matches, when
 * matchStatement found them all (see listCustomers).
 */
export function listStatements(
  actor: Actor,
  query: CustomerListQuery,
  fuzzy = false,
  action: ListAction = "customer.read",
  ids?: readonly number[],
): { backward: boolean; steps: ((limit: number) => SqlStatement)[] } {
  const sort = SORT_COLUMNS[query.sort];
  const backward = query.before !== undefined;
  const cursor = query.after ?? query.before;
  const flip = (o: Order): Order => (o === "asc" ? "desc" : "asc");
  const order: Order = backward ? flip(query.dir) : query.dir;
  // Forward the values come before the nulls; walking backward from a cursor, the nulls come first.
  let segments: Segment[] = sort.nullable ? ["values", "nulls"] : ["values"];
  if (backward) segments = [...segments].reverse();
  const inNulls = cursor !== undefined && cursor.v === null && sort.nullable;
  const start = cursor === undefined ? 0 : segments.indexOf(inNulls ? "nulls" : "values");
  const steps = segments.slice(Math.max(0, start)).map((segment, i) => (limit: number) => segmentStatement(actor, query, segment, order, i === 0 ? cursor : undefined, limit, fuzzy, action, ids));
  return { backward, steps };
}

/**
 * Counting stops at this many matches: an exact count of 90,000 rows costs more than the page itself,
 * and "more than 10,000" tells a rep to narrow the filter just as well.
 */
export const COUNT_CAP = 10_000;

/**
 * The ids of the customers a search (with the list's other filters) matches, and how many, exact up
 * to COUNT_CAP (COUNT_CAP + 1 means more): the count of countStatement, with the ids the page then
 * needs. The ids come back as one comma-separated string: a row per id would cost more than the search.
 */
export function matchStatement(actor: Actor, filters: CustomerFilters): SqlStatement {
  const params = new SqlParams();
  const from = fromCustomers(filters, params);
  const where = filterConditions(actor, filters, params);
  return {
    text: `SELECT count(*)::int AS "n", string_agg(m."id"::text, ',') AS "ids"
      FROM (SELECT c."id" FROM ${from} WHERE ${where.join(" AND ")} LIMIT ${params.add(COUNT_CAP + 1, "::int")}) m`,
    values: params.values,
  };
}

export function countStatement(actor: Actor, filters: CustomerFilters, fuzzy = false): SqlStatement {
  const params = new SqlParams();
  const from = fromCustomers(filters, params);
  const where = filterConditions(actor, filters, params, fuzzy);
  return {
    text: `SELECT count(*)::int AS "n" FROM (SELECT 1 FROM ${from} WHERE ${where.join(" AND ")} LIMIT ${params.add(COUNT_CAP + 1, "::int")}) capped`,
    values: params.values,
  };
}

async function run<T>(statement: SqlStatement): Promise<T[]> {
  const prisma = await db();
  return prisma.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}

function toItem(row: Row): CustomerListItem {
  const item: CustomerListItem & { sortValue?: string | null } = { ...row };
  delete item.sortValue;
  return item;
}

async function fetchPage(
  actor: Actor,
  query: CustomerListQuery,
  fuzzy: boolean,
  action: ListAction = "customer.read",
  ids?: readonly number[],
): Promise<{ rows: Row[]; more: boolean; backward: boolean }> {
  const { backward, steps } = listStatements(actor, query, fuzzy, action, ids);
  const rows: Row[] = [];
  for (const step of steps) {
    const wanted = query.pageSize + 1 - rows.length;
    if (wanted <= 0) break;
    rows.push(...(await run<Row>(step(wanted))));
  }
  const more = rows.length > query.pageSize;
  const page = rows.slice(0, query.pageSize);
  if (backward) page.reverse();
  return { rows: page, more, backward };
}

const cursorOf = (row: Row): string => encodeCursor({ v: row.sortValue, id: row.id });

/**
 * The search's matches (see matchStatement). A term with trigrams is looked up in the trigram indexes:
 * the planner prices a sequential scan with ILIKE at a fraction of what it costs (lower-casing every
 * name, email and company), so left alone it scans 100,000 rows (~250 ms on PGlite) where the
 * indexes answer in a fraction of that. The hint lasts for this one read-only transaction.
 */
async function searchMatches(actor: Actor, filters: CustomerFilters): Promise<{ n: number; ids: number[] }> {
  const statement = matchStatement(actor, filters);
  const prisma = await db();
  const [row] = hasTrigrams(filters.q ?? "")
    ? await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
        return tx.$queryRawUnsafe<{ n: number; ids: string | null }[]>(statement.text, ...statement.values);
      })
    : await run<{ n: number; ids: string | null }>(statement);
  return { n: row.n, ids: row.ids ? row.ids.split(",").map(Number) : [] };
}

/**
 * A page of the customer list. Everyone signed in reads the shared customer base (the condition is
 * still built from the permission table, so a narrower policy would apply here by itself).
 */
export async function listCustomers(actor: Actor, query: CustomerListQuery): Promise<CustomerListPage> {
  if (!can(actor, "customer.read")) return { items: [], next: null, prev: null, total: 0, fuzzy: false };
  let fuzzy = false;
  let page: Awaited<ReturnType<typeof fetchPage>>;
  let total: number;
  if (query.q) {
    // A search finds its matches once (and counts them), then the page sorts just those: see
    // searchMatches and fromCustomers. More than COUNT_CAP matches are dense enough for the usual
    // page statement, which walks the sort order and stops at a page.
    const matches = await searchMatches(actor, query);
    total = matches.n;
    if (matches.n === 0) page = { rows: [], more: false, backward: query.before !== undefined };
    else page = await fetchPage(actor, query, false, "customer.read", matches.n <= COUNT_CAP ? matches.ids : undefined);
  } else {
    page = await fetchPage(actor, query, false);
    total = (await run<{ n: number }>(countStatement(actor, query)))[0].n;
  }
  // Nothing contains the term: show similar names instead. Pages of such a result find no substring
  // match either (next/prev links exist only where rows do), so they fall back the same way.
  if (page.rows.length === 0 && query.q && query.q.length >= 3) {
    fuzzy = true;
    page = await fetchPage(actor, query, true);
    total = (await run<{ n: number }>(countStatement(actor, query, true)))[0].n;
  }
  const { rows, more, backward } = page;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : query.after !== undefined;
  return {
    items: rows.map(toItem),
    next: hasNext && last ? cursorOf(last) : null,
    prev: hasPrev && first ? cursorOf(first) : null,
    total,
    fuzzy,
  };
}

/**
 * Every matching customer for the CSV export, a thousand at a time along the same keyset, so a
 * 100,000-row export never holds more than one batch in memory. The export right decides the rows
 * (a rep exports their own customers); a role without it gets nothing, and the refusal is logged.
 */
export async function* iterateCustomers(actor: Actor, query: CustomerListQuery, batchSize = 1000): AsyncGenerator<CustomerListItem[]> {
  if (!(await hasRight(actor, "customer.export", "Customer"))) return;
  let after: Cursor | undefined;
  for (;;) {
    const batch = await fetchPage(actor, { ...query, before: undefined, after, pageSize: batchSize }, false, "customer.export");
    if (batch.rows.length > 0) yield batch.rows.map(toItem);
    if (!batch.more) return;
    const last = batch.rows[batch.rows.length - 1];
    after = { v: last.sortValue, id: last.id };
  }
}

/** Only the customers with these ids (an export of a selection) that the actor may export, in the list's columns. */
export async function listCustomersByIds(actor: Actor, ids: number[]): Promise<CustomerListItem[]> {
  if (ids.length === 0 || !(await hasRight(actor, "customer.export", "Customer"))) return [];
  const params = new SqlParams();
  const from = fromCustomers({}, params);
  const where = filterConditions(actor, {}, params, false, "customer.export");
  where.push(`c."id" = ANY(${params.add(ids, "::int[]")})`);
  const rows = await run<Row>({
    text: `SELECT ${SELECT_COLUMNS}, NULL AS "sortValue" FROM ${from} LEFT JOIN "User" u ON u."id" = c."ownerId" WHERE ${where.join(" AND ")} ORDER BY c."name", c."id"`,
    values: params.values,
  });
  return rows.map(toItem);
}

export type CustomerSuggestion = { id: number; name: string; company: string | null; email: string | null; phone: string | null; region: string };

/** Search-as-you-type: the first few customers whose name, email, company or phone contains the term. */
/**
 * Deliberately unordered: ordering every match of a short term ("tra" matches thousands) costs
 * half a second, while the first few matches cost milliseconds; each typed letter narrows the set,
 * and the caller orders the few it got.
 */
export function suggestStatement(actor: Actor, q: string, limit: number): SqlStatement {
  const params = new SqlParams();
  const where = filterConditions(actor, { q }, params);
  return {
    text: `SELECT c."id", c."name", c."company", c."email", c."phone", c."region" FROM "Customer" c
      WHERE ${where.join(" AND ")} LIMIT ${params.add(limit, "::int")}`,
    values: params.values,
  };
}

/** Names that start with the term first, then alphabetical: what someone typing a name expects. */
export function rankSuggestions<T extends { name: string }>(rows: T[], q: string): T[] {
  const term = q.toLowerCase();
  const starts = (r: T) => (r.name.toLowerCase().startsWith(term) ? 0 : 1);
  return [...rows].sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name));
}

export async function suggestCustomers(actor: Actor, q: string, limit = 8): Promise<CustomerSuggestion[]> {
  const term = q.trim().slice(0, 100);
  if (term.length < 2 || !can(actor, "customer.read")) return [];
  return rankSuggestions(await run<CustomerSuggestion>(suggestStatement(actor, term, limit)), term);
}

export type FilterOptions = {
  regions: string[];
  industries: string[];
  owners: { id: number; name: string }[];
  segments: { id: number; name: string }[];
};

/**
 * The choices the filter bar offers. Distinct regions and industries come from a skip scan over
 * their indexes (a recursive CTE), which reads a few dozen index entries instead of 100,000 rows.
 */
export async function getFilterOptions(actor: Actor): Promise<FilterOptions> {
  const distinct = (column: string) => `WITH RECURSIVE r(v) AS (
      SELECT min(${column}) FROM "Customer"
      UNION ALL
      SELECT (SELECT min(${column}) FROM "Customer" WHERE ${column} > r.v) FROM r WHERE r.v IS NOT NULL
    ) SELECT v FROM r WHERE v IS NOT NULL`;
  const prisma = await db();
  const [regions, industries, owners, segments] = await Promise.all([
    run<{ v: string }>({ text: distinct(`"region"`), values: [] }),
    run<{ v: string }>({ text: distinct(`"industry"`), values: [] }),
    prisma.user.findMany({ where: { active: true, role: { in: ["ADMIN", "MANAGER", "REP"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    can(actor, "segment.read") ? prisma.segment.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
  ]);
  return { regions: regions.map((r) => r.v), industries: industries.map((r) => r.v), owners, segments };
}

/** A customer that looks like the one being entered, with why. */
export type DuplicateCandidateDto = DuplicateMatch & { name: string; email: string | null; phone: string | null; region: string; ownerName: string | null };

/**
 * Finds existing customers that look like `probe`: same email, same phone number (compared by
 * digits) or a similar name in the same region. The database narrows the candidates with its
 * indexes (trigram similarity for names); the domain rule makes the final call.
 */
export async function findDuplicateCustomers(actor: Actor, probe: DuplicateProbe, excludeId?: number): Promise<DuplicateCandidateDto[]> {
  if (!can(actor, "customer.read")) return [];
  const prisma = await db();
  const email = normaliseEmail(probe.email);
  const phone = phoneKey(probe.phone);
  const rows = await prisma.$queryRawUnsafe<{ id: number; name: string; email: string | null; phone: string | null; region: string; ownerName: string | null }[]>(
    `SELECT c."id", c."name", c."email", c."phone", c."region", u."name" AS "ownerName"
     FROM "Customer" c LEFT JOIN "User" u ON u."id" = c."ownerId"
     WHERE c."deletedAt" IS NULL AND c."id" <> $5::int AND (
       ($1::text IS NOT NULL AND c."email" = $1::text)
       OR ($2::text IS NOT NULL AND c."phoneDigits" = $2::text)
       OR (c."region" = $3::text AND c."name" % $4::text)
     )
     LIMIT 20`,
    email,
    phone,
    probe.region ?? "",
    probe.name,
    excludeId ?? 0,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return findDuplicates(probe, rows).map((m) => {
    const r = byId.get(m.id)!;
    return { ...m, name: r.name, email: r.email, phone: r.phone, region: r.region, ownerName: r.ownerName };
  });
}

export function refOf(row: { ownerId: number | null; owner: { teamId: number | null } | null }) {
  return { ownerId: row.ownerId, ownerTeamId: row.owner?.teamId ?? null };
}

/**
 * The deterministic demo-data generator behind `npm run seed` and the first-start seed.
 *
 * Everything is written with bulk `INSERT ... SELECT FROM unnest(...)` statements through the
 * SqlRunner, so it runs unchanged on PGlite and on PostgreSQL, and 100k customers with a million
 * orders take minutes rather than hours. Customers are generated and written in chunks (one
 * transaction each) to bound memory. Ids are assigned explicitly and the sequences are moved past
 * them at the end, so later inserts by the app work as usual.
 */
import type { SqlRunner } from "@/lib/platform/db/sql";
import { hashPassword } from "@/lib/platform/auth/password";
import { markDemoData } from "@/lib/platform/db/demo-data";
import { demoToday } from "@/lib/platform/clock";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "@/lib/platform/auth/demo-users";
import { TableWriter } from "@/lib/platform/db/bulk";
import { ensureDefaultReplyTemplatesSql } from "@/lib/tickets/template-defaults";
import { companyTimeZone, materialise } from "@/lib/segments/refresh";
import { createCalendarWriters, generateCalendar } from "./calendar";
import { CAMPAIGNS, CATEGORIES, PARTNERS, SEGMENTS, TEAM_REGIONS, type CategoryKey } from "./catalog";
import { OPPORTUNITIES_PER_CUSTOMER, generateCustomer } from "./customer";
import { IdentityRegistry } from "./people";
import { insertSalesTargets } from "./targets";
import { Random, labelOf } from "./random";
import {
  DAY,
  HISTORY_DAYS,
  HOUR,
  WRITE_ORDER,
  createWriters,
  resolveBundles,
  resolveProducts,
  type CampaignRef,
  type UserRef,
  type World,
} from "./world";

export const DEFAULT_CUSTOMERS = 2000;
export const DEFAULT_SEED = 20_260_101;
/** Customers per transaction: bounds memory (~10 orders and ~10 touchpoints each) and keeps statements large. */
export const CHUNK_CUSTOMERS = 5000;
/** Beyond this the pipeline stops growing with the customer base; a board of 20k deals is already a lot. */
export const MAX_OPPORTUNITIES = 20_000;

export type SeedOptions = {
  customers?: number;
  seed?: number;
  /** The "as of" instant; defaults to today 00:00 UTC. All dates are placed relative to it. */
  now?: Date;
  onProgress?: (step: string) => void;
};

export type SeedSummary = {
  seed: number;
  customers: number;
  now: string;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** Milliseconds per phase, for the CLI's report. */
  timings: Record<string, number>;
  elapsedMs: number;
};

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}

/** True when no user exists: the app seeds such a database on first start. */
export async function isDatabaseEmpty(sql: SqlRunner): Promise<boolean> {
  const rows = await sql.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM "User") AS "empty"`);
  return rows[0]?.empty === true;
}

/** Empties every application table (not the migration history) and restarts their id sequences. */
export async function resetDatabase(sql: SqlRunner): Promise<void> {
  const rows = await sql.query<{ name: string }>(
    `SELECT tablename AS "name" FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
     ORDER BY tablename`,
  );
  if (rows.length === 0) return;
  const list = rows.map((r) => `"${r.name.replace(/"/g, '""')}"`).join(", ");
  await sql.exec(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

/** Writes the company's global rows (teams, users, catalogue, partners, segments, campaigns). */
async function insertGlobals(
  tx: SqlRunner,
  world: World,
  passwordHash: string,
  categoryIds: Map<CategoryKey, number>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // Parents first: the writers come back in foreign-key order.
  for (const writer of buildGlobals(world, passwordHash, categoryIds)) {
    await writer.flush(tx);
    counts[writer.table] = writer.written;
  }
  return counts;
}

/**
 * Builds the global rows in memory and fills `world` with their ids (the writers hand out ids
 * before anything is written), so customers can be generated with or without a database.
 */
export function buildGlobals(world: World, passwordHash: string, categoryIds: Map<CategoryKey, number>): TableWriter<string>[] {
  const setupAt = world.windowStart - 120 * DAY;

  const teams = new TableWriter("Team", { name: "text", region: "text", createdAt: "timestamp" });
  for (const name of DEMO_TEAMS) {
    world.teamIds[name] = teams.add({ name, region: TEAM_REGIONS[name] ?? null, createdAt: setupAt });
  }

  const users = new TableWriter("User", {
    email: "text",
    name: "text",
    passwordHash: "text",
    role: "enum:Role",
    teamId: "int",
    skills: "csv",
    phoneExtension: "text",
    active: "bool",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });
  for (const u of DEMO_USERS) {
    const id = users.add({
      email: u.email,
      name: u.name,
      passwordHash,
      role: u.role,
      teamId: u.team ? (world.teamIds[u.team] ?? null) : null,
      skills: u.skills.join(","),
      phoneExtension: u.phoneExtension ?? null,
      active: true,
      createdAt: setupAt,
      updatedAt: setupAt,
    });
    const ref: UserRef = { id, role: u.role, team: u.team, name: u.name, email: u.email };
    world.users.push(ref);
    if (u.role === "REP") {
      world.reps.push(ref);
      if (u.team) (world.repsByTeam[u.team] ??= []).push(ref);
    } else if (u.role === "AGENT") world.agents.push(ref);
    else if (u.role === "MANAGER") world.managers.push(ref);
  }
  if (world.agents.length === 0 || !world.repsByTeam.East?.length || !world.repsByTeam.West?.length) {
    throw new Error("The demo users must include agents and reps in both the East and West teams");
  }

  const categories = new TableWriter("ProductCategory", { name: "text" });
  for (const c of CATEGORIES) categoryIds.set(c.key, categories.add({ name: c.name }));

  const products = new TableWriter("Product", {
    sku: "text",
    name: "text",
    categoryId: "int",
    listPrice: "money",
    unitCost: "money",
    active: "bool",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });
  for (const p of resolveProducts(categoryIds)) {
    const id = products.add({
      sku: p.sku,
      name: p.name,
      categoryId: categoryIds.get(p.category) ?? null,
      listPrice: p.priceCents,
      unitCost: p.costCents,
      active: true,
      createdAt: setupAt,
      updatedAt: setupAt,
    });
    world.products.push({ ...p, id });
  }
  for (const p of world.products) world.productBySku.set(p.sku, p);
  world.bundles = resolveBundles(world.productBySku);

  const partners = new TableWriter("Partner", {
    name: "text",
    region: "text",
    contactName: "text",
    email: "text",
    active: "bool",
    createdAt: "timestamp",
  });
  for (const p of PARTNERS) {
    const id = partners.add({ ...p, createdAt: setupAt });
    world.partners.push({ id, region: p.region, active: p.active });
  }

  const rng = new Random(world.seed, labelOf("globals"));
  const planners = world.managers.length > 0 ? world.managers : world.users;
  const segments = new TableWriter("Segment", {
    name: "text",
    description: "text",
    kind: "enum:SegmentKind",
    rule: "json",
    ownerId: "int",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });
  const segmentIds = new Map<string, number>();
  const admin = world.users.find((u) => u.role === "ADMIN");
  for (const s of SEGMENTS) {
    const createdAt = world.now - rng.uniform(30, 400) * DAY;
    const owner = s.owner === "admin" && admin ? admin : rng.pick(planners);
    const id = segments.add({
      name: s.name,
      description: s.description,
      kind: "DYNAMIC",
      rule: JSON.stringify(s.rule),
      ownerId: owner.id,
      createdAt,
      updatedAt: createdAt,
    });
    segmentIds.set(s.name, id);
  }

  const campaigns = new TableWriter("Campaign", {
    name: "text",
    type: "enum:CampaignType",
    status: "enum:CampaignStatus",
    description: "text",
    startsAt: "timestamp",
    endsAt: "timestamp",
    segmentId: "int",
    ownerId: "int",
    launchedAt: "timestamp",
    holdoutPct: "int",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  });
  for (const def of CAMPAIGNS) {
    // 09:00 China time on the start day.
    const startMs = Math.floor((world.now + def.startDay * DAY) / DAY) * DAY + HOUR;
    const endMs = startMs + def.days * DAY;
    const createdAt = Math.min(startMs, world.now) - rng.uniform(14, 45) * DAY;
    const id = campaigns.add({
      name: def.name,
      type: def.type,
      status: def.status,
      description: def.description,
      startsAt: startMs,
      endsAt: endMs,
      segmentId: def.segment ? (segmentIds.get(def.segment) ?? null) : null,
      ownerId: rng.pick(planners).id,
      // Launched at their start (drafts and scheduled ones not yet); the launch freezes the audience.
      launchedAt: def.status === "DRAFT" || def.status === "SCHEDULED" ? null : startMs,
      holdoutPct: def.holdoutPct ?? 0,
      createdAt,
      updatedAt: Math.min(world.now - HOUR, Math.max(createdAt, def.status === "DRAFT" || def.status === "SCHEDULED" ? createdAt : Math.min(endMs, world.now - HOUR))),
    });
    const ref: CampaignRef = { ...def, id, startMs, endMs };
    world.campaigns.push(ref);
  }

  return [teams, users, categories, products, partners, segments, campaigns] as TableWriter<string>[];
}

/** Budget follows the audience actually built; spend follows the campaign's status. */
async function priceCampaigns(tx: SqlRunner, world: World): Promise<void> {
  const rng = new Random(world.seed, labelOf("campaign-costs"));
  const ids: number[] = [];
  const budgets: number[] = [];
  const costs: number[] = [];
  const expected: number[] = [];
  for (const c of world.campaigns) {
    const members = world.campaignMemberCounts.get(c.id) ?? 0;
    const fixed = c.type === "EVENT" ? 20_000 : c.type === "ADVERTISING" ? 50_000 : 2_000;
    const budgetYuan = Math.ceil((members * c.costPerMember * 1.15 + fixed) / 1000) * 1000;
    let spent = 0;
    if (c.status === "COMPLETED") spent = budgetYuan * rng.uniform(0.85, 1.05);
    else if (c.status === "ACTIVE") {
      const elapsed = Math.min(1, Math.max(0, (world.now - c.startMs) / (c.endMs - c.startMs)));
      spent = budgetYuan * elapsed * rng.uniform(0.9, 1.1);
    } else if (c.status === "CANCELLED") spent = budgetYuan * rng.uniform(0.05, 0.2);
    ids.push(c.id);
    budgets.push(budgetYuan * 100);
    costs.push(Math.round(spent * 100));
    expected.push(Math.round(members * 0.15));
  }
  await tx.query(
    `UPDATE "Campaign" AS c
     SET "budget" = v.budget::numeric / 100, "cost" = v.cost::numeric / 100, "expectedResponses" = v.expected
     FROM unnest($1::int4[], $2::int8[], $3::int8[], $4::int4[]) AS v(id, budget, cost, expected)
     WHERE c."id" = v.id`,
    [ids, budgets, costs, expected],
  );
}

/**
 * Materialises the demo segments as the app does (lib/segments/refresh.ts), with their membership
 * history; rules over scores select nobody yet and fill at the first score run's refresh.
 */
async function fillSegments(tx: SqlRunner, world: World): Promise<number> {
  let total = 0;
  const ids = await tx.query<{ id: number; name: string }>(`SELECT "id", "name" FROM "Segment"`);
  const byName = new Map(ids.map((r) => [r.name, r.id]));
  const ctx = { now: new Date(world.now), timeZone: await companyTimeZone(tx) };
  for (const s of SEGMENTS) {
    const id = byName.get(s.name);
    if (id === undefined) continue;
    total += (await materialise(tx, id, s.rule, ctx, { runId: null, at: ctx.now })).memberCount;
  }
  return total;
}

const SERIAL_TABLES = [
  "Team",
  "User",
  "ProductCategory",
  "Product",
  "Partner",
  "Segment",
  "Campaign",
  "Customer",
  "Contact",
  "Opportunity",
  "OpportunityStageChange",
  "Quote",
  "QuoteLine",
  "Order",
  "OrderLine",
  "Ticket",
  "CampaignMember",
  "Touchpoint",
  "Lead",
  "Task",
  "Appointment",
];

/** Explicit ids bypass the sequences; move each past its table's max id so the app's inserts work. */
async function syncSequences(tx: SqlRunner): Promise<void> {
  const parts = SERIAL_TABLES.map(
    (t) =>
      `setval(pg_get_serial_sequence('"${t}"', 'id'), COALESCE((SELECT max("id") FROM "${t}"), 0) + 1, false)`,
  );
  await tx.query(`SELECT ${parts.join(", ")}`);
}

/**
 * Per-row foreign-key triggers cost more than half of the insert time on PGlite. A superuser (PGlite
 * always is one) can skip them with session_replication_role = replica; the generator builds every
 * reference itself, and `verifyForeignKeys` then checks all of them with one set-based query.
 */
async function canSkipForeignKeyTriggers(sql: SqlRunner): Promise<boolean> {
  const rows = await sql.query<{ superuser: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS "superuser"`);
  return rows[0]?.superuser === true;
}

type ForeignKey = { name: string; child: string; parent: string; columns: string[]; parentColumns: string[] };

/** Counts dangling references for every foreign key in the schema; throws if any exist. */
export async function verifyForeignKeys(sql: SqlRunner): Promise<void> {
  const keys = await sql.query<ForeignKey>(
    `SELECT c.conname AS "name", c.conrelid::regclass::text AS "child", c.confrelid::regclass::text AS "parent",
            array_agg(a.attname::text ORDER BY k.ord) AS "columns", array_agg(pa.attname::text ORDER BY k.ord) AS "parentColumns"
     FROM pg_constraint c
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, pcol, ord)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
     JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.pcol
     WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
     GROUP BY c.oid, c.conname, c.conrelid, c.confrelid
     ORDER BY c.conname`,
  );
  if (keys.length === 0) return;
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const checks = keys.map((k, i) => {
    const notNull = k.columns.map((col) => `x.${quote(col)} IS NOT NULL`).join(" AND ");
    const match = k.columns.map((col, j) => `p.${quote(k.parentColumns[j])} = x.${quote(col)}`).join(" AND ");
    return `SELECT ${i} AS "key", count(*)::int AS "dangling" FROM ${k.child} x
            WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${k.parent} p WHERE ${match})`;
  });
  const rows = await sql.query<{ key: number; dangling: number }>(checks.join("\nUNION ALL\n"));
  const broken = rows.filter((r) => r.dangling > 0).map((r) => `${keys[r.key].name} (${r.dangling})`);
  if (broken.length > 0) throw new Error(`Seed wrote dangling references: ${broken.join(", ")}`);
}

/** The generator's state: ids handed out so far, reservoirs, and a writer per table. */
export function createWorld(seed: number, now: number, customerCount: number): World {
  return {
    seed,
    now,
    windowStart: now - HISTORY_DAYS * DAY,
    customerCount,
    opportunityFactor: Math.min(1, MAX_OPPORTUNITIES / (customerCount * OPPORTUNITIES_PER_CUSTOMER)),
    users: [],
    reps: [],
    repsByTeam: {},
    agents: [],
    managers: [],
    teamIds: {},
    products: [],
    productBySku: new Map(),
    bundles: new Map(),
    partners: [],
    campaigns: [],
    identities: new IdentityRegistry(),
    writers: createWriters(),
    reservoirs: new Map(),
    campaignMemberCounts: new Map(),
    anchorTableCache: new Map(),
  };
}

export async function seedDemoData(sql: SqlRunner, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const customerCount = options.customers ?? DEFAULT_CUSTOMERS;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(customerCount) || customerCount < 1) throw new Error("customers must be a positive integer");
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error("seed must be an integer in [0, 2^32)");
  const nowDate = options.now ?? demoToday();
  const now = nowDate.getTime();
  const progress = options.onProgress ?? (() => undefined);
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + (performance.now() - t0);
    }
  };

  if (!(await isDatabaseEmpty(sql))) {
    throw new Error("The database already has users; reset it before seeding demo data.");
  }

  const world = createWorld(seed, now, customerCount);


  const skipTriggers = await canSkipForeignKeyTriggers(sql);

  progress("hashing the demo password");
  // One hash for every demo user: argon2 is deliberately slow, and they share the password anyway.
  const passwordHash = await timed("password hash", () => hashPassword(DEMO_PASSWORD));

  progress("teams, users, products, partners, segments, campaigns");
  const categoryIds = new Map<CategoryKey, number>();
  // The demo marker commits with the demo users: the app shows its "demo data" banner while they exist.
  const globalCounts = await timed("globals", () =>
    sql.transaction(async (tx) => {
      const written = await insertGlobals(tx, world, passwordHash, categoryIds);
      await markDemoData(tx, { customers: customerCount });
      // Fixed texts, no random draws: everything else the generator writes stays as it was.
      await ensureDefaultReplyTemplatesSql(tx, nowDate);
      return written;
    }),
  );

  for (let from = 0; from < customerCount; from += CHUNK_CUSTOMERS) {
    const to = Math.min(customerCount, from + CHUNK_CUSTOMERS);
    await timed("generate", async () => {
      for (let i = from; i < to; i++) generateCustomer(world, i);
    });
    const pendingOrders = world.writers.order.pending;
    const pendingTouchpoints = world.writers.touchpoint.pending;
    await timed("write", () =>
      sql.transaction(async (tx) => {
        if (skipTriggers) await tx.exec("SET LOCAL session_replication_role = replica");
        for (const key of WRITE_ORDER) {
          const writer = world.writers[key];
          await timed(`write ${writer.table}`, () => writer.flush(tx));
        }
      }),
    );
    progress(
      `customers ${to.toLocaleString("en-US")}/${customerCount.toLocaleString("en-US")} ` +
        `(+${pendingOrders.toLocaleString("en-US")} orders, +${pendingTouchpoints.toLocaleString("en-US")} touchpoints)`,
    );
  }

  progress("tasks, appointments, segment members, campaign budgets");
  const calendar = createCalendarWriters();
  let salesTargets = 0;
  generateCalendar(world, calendar);
  const segmentMembers = await timed("finish", () =>
    sql.transaction(async (tx) => {
      await calendar.task.flush(tx);
      await calendar.appointment.flush(tx);
      await calendar.attendee.flush(tx);
      await priceCampaigns(tx, world);
      const members = await fillSegments(tx, world);
      salesTargets = await insertSalesTargets(tx, world.now);
      await syncSequences(tx);
      return members;
    }),
  );

  if (skipTriggers) {
    // The orders went in without their triggers too: the customers' purchase timelines (migration
    // customer_purchase_timeline) are built once, for everyone, set-based.
    progress("purchase timelines");
    await timed("timelines", () => sql.exec(`SELECT "customer_purchase_timeline_rebuild"(NULL)`));
    progress("checking references");
    await timed("verify", () => verifyForeignKeys(sql));
  }

  progress("updating planner statistics");
  // Fresh statistics so the first queries after a big seed get sensible plans.
  await timed("analyze", () => sql.exec("ANALYZE"));

  const w = world.writers;
  const counts: Record<string, number> = {
    ...globalCounts,
    Customer: w.customer.written,
    Contact: w.contact.written,
    Order: w.order.written,
    OrderLine: w.orderLine.written,
    Touchpoint: w.touchpoint.written,
    Opportunity: w.opportunity.written,
    OpportunityStageChange: w.stageChange.written,
    Quote: w.quote.written,
    QuoteLine: w.quoteLine.written,
    Ticket: w.ticket.written,
    CampaignMember: w.campaignMember.written,
    Lead: w.lead.written,
    SegmentMember: segmentMembers,
    Task: calendar.task.written,
    Appointment: calendar.appointment.written,
    AppointmentAttendee: calendar.attendee.written,
    SalesTarget: salesTargets,
  };
  return {
    seed,
    customers: customerCount,
    now: new Date(now).toISOString(),
    counts,
    timings,
    elapsedMs: Math.round(performance.now() - started),
  };
}

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectPostgres, type Database } from "@/lib/platform/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Segment memberships and their history reference segments and customers through statement-level
 * triggers instead of row-level foreign keys (migration segment_statement_refs). These tests hold the
 * triggers to the foreign keys' rules: a missing segment or customer is refused with
 * foreign_key_violation and the whole statement writes nothing; deleting a segment cascades; deleting a
 * customer who is still a member is refused; id changes carry along; and — on PostgreSQL, where other
 * sessions exist — a concurrent delete of a referenced customer cannot slip past an insert either way.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await db.close();
});

let seq = 0;
async function customer(): Promise<number> {
  seq++;
  const [{ id }] = await db.sql.query<{ id: number }>(
    `INSERT INTO "Customer" (kind, name, region, "updatedAt") VALUES ('INDIVIDUAL', $1, 'East China', now()) RETURNING id`,
    [`Ref ${seq}`],
  );
  return id;
}

async function segment(): Promise<number> {
  seq++;
  const [{ id }] = await db.sql.query<{ id: number }>(`INSERT INTO "Segment" (name, kind, rule, "updatedAt") VALUES ($1, 'STATIC', '{}', now()) RETURNING id`, [
    `Ref segment ${seq}`,
  ]);
  return id;
}

type PgError = { code?: string; message: string; detail?: string };

/** The error a statement fails with (the test fails when it succeeds). */
async function failure(work: Promise<unknown>): Promise<PgError> {
  try {
    await work;
  } catch (error) {
    return error as PgError;
  }
  throw new Error("the statement succeeded");
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n;
}

describe("segment membership references", () => {
  test("a member of a missing customer or segment is refused as a foreign key would, and the statement writes nothing", async () => {
    const s = await segment();
    const [a, b] = [await customer(), await customer()];
    const missingCustomer = await failure(
      db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") SELECT $1::int, unnest($2::int[])`, [s, [a, 999_999_999, b]]),
    );
    expect(missingCustomer.code).toBe("23503");
    expect(missingCustomer.message).toContain("SegmentMember_customerId_fkey");
    expect(missingCustomer.detail).toContain("(999999999)");
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(0);

    const missingSegment = await failure(db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $2), (999999999, $3)`, [s, a, b]));
    expect(missingSegment.code).toBe("23503");
    expect(missingSegment.message).toContain("SegmentMember_segmentId_fkey");
    expect(missingSegment.detail).toContain("(999999999)");
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(0);

    const history = await failure(db.sql.query(`INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", joined) VALUES (999999999, $1, true)`, [a]));
    expect(history.code).toBe("23503");
    expect(history.message).toContain("SegmentMembershipChange_segmentId_fkey");

    // Valid rows go in; the history keeps customer ids without a reference (as it always did).
    await db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $2), ($1, $3)`, [s, a, b]);
    await db.sql.query(`INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", joined) VALUES ($1, $2, true)`, [s, a]);
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(2);
  });

  test("moving memberships (a merge) checks the customer they move to", async () => {
    const s = await segment();
    const [from, to] = [await customer(), await customer()];
    await db.prisma.segmentMember.create({ data: { segmentId: s, customerId: from } });
    const moved = await failure(db.sql.query(`UPDATE "SegmentMember" SET "customerId" = 999999999 WHERE "customerId" = $1`, [from]));
    expect(moved.code).toBe("23503");
    expect((await db.prisma.segmentMember.findMany({ where: { segmentId: s }, select: { customerId: true } })).map((m) => m.customerId)).toEqual([from]);
    await db.prisma.segmentMember.updateMany({ where: { customerId: from }, data: { customerId: to } });
    expect((await db.prisma.segmentMember.findMany({ where: { segmentId: s }, select: { customerId: true } })).map((m) => m.customerId)).toEqual([to]);
  });

  test("deleting a segment deletes its members and history; a customer still in a segment cannot be deleted", async () => {
    const [s, kept] = [await segment(), await segment()];
    const [a, b] = [await customer(), await customer()];
    await db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $3), ($1, $4), ($2, $3)`, [s, kept, a, b]);
    await db.sql.query(`INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", joined) VALUES ($1, $3, true), ($1, $4, true), ($2, $3, true)`, [s, kept, a, b]);

    const refused = await failure(db.sql.query(`DELETE FROM "Customer" WHERE "id" = ANY($1::int[])`, [[a, b]]));
    expect(refused.code).toBe("23503");
    expect(refused.message).toContain("SegmentMember_customerId_fkey");
    expect(await count(`"Customer" WHERE "id" = ANY($1::int[])`, [[a, b]])).toBe(2);

    await db.prisma.segment.delete({ where: { id: s } });
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(0);
    expect(await count(`"SegmentMembershipChange" WHERE "segmentId" = $1`, [s])).toBe(0);
    // The other segment keeps its rows.
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [kept])).toBe(1);
    expect(await count(`"SegmentMembershipChange" WHERE "segmentId" = $1`, [kept])).toBe(1);

    // b is in no segment any more: it can go; a is still in `kept`.
    await db.sql.query(`DELETE FROM "Customer" WHERE "id" = $1`, [b]);
    expect((await failure(db.sql.query(`DELETE FROM "Customer" WHERE "id" = $1`, [a]))).code).toBe("23503");
  });

  test("a changed segment or customer id carries its references along", async () => {
    const s = await segment();
    const a = await customer();
    await db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $2)`, [s, a]);
    await db.sql.query(`INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", joined) VALUES ($1, $2, true)`, [s, a]);
    const [newSegment, newCustomer] = [s + 1_000_000, a + 1_000_000];
    await db.sql.query(`UPDATE "Segment" SET "id" = $2 WHERE "id" = $1`, [s, newSegment]);
    await db.sql.query(`UPDATE "Customer" SET "id" = $2 WHERE "id" = $1`, [a, newCustomer]);
    expect(await db.sql.query(`SELECT "segmentId", "customerId" FROM "SegmentMember" WHERE "segmentId" = $1`, [newSegment])).toEqual([
      { segmentId: newSegment, customerId: newCustomer },
    ]);
    expect(await count(`"SegmentMembershipChange" WHERE "segmentId" = $1`, [newSegment])).toBe(1);
  });

  test("the embedded engine declares its single session (and skips the row locks); a server does not", async () => {
    const [{ setting }] = await db.sql.query<{ setting: string | null }>(`SELECT current_setting('summit.single_session', true) AS setting`);
    expect(setting === "on").toBe(db.label === "pglite");
  });
});

// PostgreSQL only: PGlite is one session, so there is no concurrent transaction to race with there.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("a concurrent customer delete (PostgreSQL)", () => {
  let wide: Database;

  beforeAll(async () => {
    const [{ name }] = await db.sql.query<{ name: string }>(`SELECT current_database() AS "name"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "4";
    wide = await connectPostgres(url.toString());
    process.env.DATABASE_POOL_SIZE = previous;
  });

  afterAll(async () => {
    await wide.close();
  });

  /** Resolves once some session of this database waits for a lock. */
  async function someoneWaits(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ n }] = await wide.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("no session ever waited for a lock");
  }

  /**
   * Runs one statement in a transaction on its own connection and keeps that transaction open:
   * resolves once the statement has run, with `commit` to let the transaction end.
   */
  async function heldOpen(statement: string, params: unknown[]): Promise<{ commit: () => Promise<void> }> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let ran!: () => void;
    const hasRun = new Promise<void>((resolve) => (ran = resolve));
    const done = wide.sql.transaction(async (tx) => {
      await tx.query(statement, params);
      ran();
      await held;
    });
    await hasRun;
    return {
      commit: async () => {
        release();
        await done;
      },
    };
  }

  test("waits for an open insert of a membership and is then refused", async () => {
    const s = await segment();
    const c = await customer();
    const insert = await heldOpen(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $2)`, [s, c]);
    const del = failure(wide.sql.query(`DELETE FROM "Customer" WHERE "id" = $1`, [c]));
    await someoneWaits();
    await insert.commit();
    expect((await del).code).toBe("23503");
    expect(await count(`"Customer" WHERE "id" = $1`, [c])).toBe(1);
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(1);
  });

  test("makes an insert of a membership wait, and the insert is refused once the delete commits", async () => {
    const s = await segment();
    const c = await customer();
    const del = await heldOpen(`DELETE FROM "Customer" WHERE "id" = $1`, [c]);
    const insert = failure(wide.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") VALUES ($1, $2)`, [s, c]));
    await someoneWaits();
    await del.commit();
    const error = await insert;
    expect(error.code).toBe("23503");
    expect(error.message).toContain("SegmentMember_customerId_fkey");
    expect(await count(`"SegmentMember" WHERE "segmentId" = $1`, [s])).toBe(0);
  });
});

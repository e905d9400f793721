import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pgPoolRunner, prepareStatement, type PreparedStatement, type SqlRunner, sqlLiteral } from "@/lib/platform/db/sql";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * SqlRunner.prepared on PGlite and (TEST_DATABASE_URL) PostgreSQL: values reach the statement
 * unchanged (quotes, backslashes, nulls), each connection prepares a statement once (also when its
 * first uses come at the same moment), the generic plan is used from the first execution and the
 * setting that asks for it does not outlive the statement, a dropped statement is prepared again, and
 * inside a transaction it is an ordinary query. On PostgreSQL the checks run on a one-connection pool,
 * so pg_prepared_statements (which is per connection) sees what the statement did.
 */

let db: TestDatabase;
let sql: SqlRunner;
let closeSession: () => Promise<void> = async () => {};

beforeAll(async () => {
  db = await createTestDatabase();
  if (db.engine === "postgres") {
    const [{ name }] = await db.sql.query<{ name: string }>(`SELECT current_database() AS "name"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const pool = new Pool({ connectionString: url.toString(), max: 1 });
    sql = pgPoolRunner(pool);
    closeSession = () => pool.end();
  } else {
    sql = db.sql;
  }
});

afterAll(async () => {
  await closeSession();
  await db.close();
});

let serial = 0;
/** A statement no earlier test prepared (the name follows the text). */
function fresh(text: string, types: string[]): PreparedStatement {
  serial += 1;
  return prepareStatement(`${text} /* ${serial} */`, types);
}

async function preparedOnSession(statement: PreparedStatement): Promise<{ generic: number; custom: number }[]> {
  return sql.query<{ generic: number; custom: number }>(
    `SELECT generic_plans::int AS "generic", custom_plans::int AS "custom" FROM pg_prepared_statements WHERE name = $1`,
    [statement.name],
  );
}

describe("SqlRunner.prepared", () => {
  test("values arrive unchanged, whatever they contain", async () => {
    const statement = fresh(`SELECT $1::text AS "t", $2::int AS "i", $3::text IS NULL AS "isNull", $4::boolean AS "b", $5::numeric::text AS "n"`, [
      "text",
      "int",
      "text",
      "boolean",
      "numeric",
    ]);
    const tricky = `O'Brien \\ 'quoted'; DROP TABLE "User"; -- 王`;
    const rows = await sql.prepared<{ t: string; i: number; isNull: boolean; b: boolean; n: string }>(statement, [tricky, -42, null, false, 1.5]);
    expect(rows).toEqual([{ t: tricky, i: -42, isNull: true, b: false, n: "1.5" }]);
  });

  test("prepared once per connection, planned generically from the first execution", async () => {
    const statement = fresh(`SELECT count(*)::int AS "n" FROM "Customer" WHERE "id" > $1::int`, ["int"]);
    expect(await preparedOnSession(statement)).toEqual([]);
    await sql.prepared(statement, [0]);
    await sql.prepared(statement, [5]);
    expect(await preparedOnSession(statement)).toEqual([{ generic: 2, custom: 0 }]);
    // The setting asked for the one statement only.
    const [{ mode }] = await sql.query<{ mode: string }>(`SELECT current_setting('plan_cache_mode') AS "mode"`);
    expect(mode).toBe("auto");
  });

  test("first uses at the same moment prepare the statement once", async () => {
    const statement = fresh(`SELECT $1::int * 2 AS "twice"`, ["int"]);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => sql.prepared<{ twice: number }>(statement, [i])));
    expect(results.map((rows) => rows[0].twice)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(await preparedOnSession(statement)).toEqual([{ generic: 8, custom: 0 }]);
  });

  test("a statement dropped from the session is prepared again", async () => {
    const statement = fresh(`SELECT $1::text || '!' AS "s"`, ["text"]);
    expect(await sql.prepared(statement, ["a"])).toEqual([{ s: "a!" }]);
    await sql.exec(`DEALLOCATE ALL`);
    expect(await sql.prepared(statement, ["b"])).toEqual([{ s: "b!" }]);
    expect(await preparedOnSession(statement)).toEqual([{ generic: 1, custom: 0 }]);
  });

  test("an error reaches the caller and the statement keeps working", async () => {
    const statement = fresh(`SELECT 10 / $1::int AS "q"`, ["int"]);
    await expect(sql.prepared(statement, [0])).rejects.toThrow(/division by zero/);
    expect(await sql.prepared(statement, [5])).toEqual([{ q: 2 }]);
  });

  test("the parameter count must match the declared types", async () => {
    const statement = fresh(`SELECT $1::int AS "x"`, ["int"]);
    await expect(sql.prepared(statement, [])).rejects.toThrow(/1 parameters expected, 0 given/);
  });

  test("inside a transaction it is an ordinary query", async () => {
    const statement = fresh(`SELECT $1::int + 1 AS "next"`, ["int"]);
    const rows = await sql.transaction((tx) => tx.prepared<{ next: number }>(statement, [41]));
    expect(rows).toEqual([{ next: 42 }]);
    expect(await preparedOnSession(statement)).toEqual([]);
  });
});

describe("sqlLiteral", () => {
  test("writes scalars as SQL constants and refuses anything else", () => {
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(undefined)).toBe("NULL");
    expect(sqlLiteral(7)).toBe("7");
    expect(sqlLiteral(-0.25)).toBe("-0.25");
    expect(sqlLiteral(12n)).toBe("12");
    expect(sqlLiteral(true)).toBe("true");
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => sqlLiteral(new Date(0))).toThrow(TypeError);
    expect(() => sqlLiteral([1, 2])).toThrow(TypeError);
  });

  test("the name follows the text and the types", () => {
    const a = prepareStatement(`SELECT $1::int`, ["int"]);
    expect(prepareStatement(`SELECT $1::int`, ["int"]).name).toBe(a.name);
    expect(prepareStatement(`SELECT $1::int `, ["int"]).name).not.toBe(a.name);
    expect(prepareStatement(`SELECT $1::int`, ["bigint"]).name).not.toBe(a.name);
    expect(a.name).toMatch(/^summit_[0-9a-f]{24}$/);
  });
});

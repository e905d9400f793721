import { describe, expect, test } from "vitest";
import * as Db from "@/lib/generated/prisma/enums";
import * as Domain from "@/lib/platform/enums";

// The compile-time check (lib/platform/db/enum-parity.ts) compares the types; this compares the values the
// code actually carries, in both directions.
describe("the domain's enums mirror the database's", () => {
  test.each(Object.keys(Domain))("%s", (name) => {
    const domain = (Domain as Record<string, Record<string, string>>)[name];
    const db = (Db as Record<string, Record<string, string> | undefined>)[name];
    expect(db, `${name} is a database enum`).toBeDefined();
    expect(domain).toEqual(db);
  });
});

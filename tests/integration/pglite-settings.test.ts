import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { embeddedSharedBuffersMb, openPglite } from "@/lib/platform/db/pglite";

const GB = 1024 ** 3;

describe("the embedded database's buffer pool", () => {
  test("a sixteenth of the machine's memory, never below PostgreSQL's 128 MB nor above 1 GB", () => {
    expect(embeddedSharedBuffersMb(1 * GB)).toBe(128);
    expect(embeddedSharedBuffersMb(2 * GB)).toBe(128);
    expect(embeddedSharedBuffersMb(4 * GB)).toBe(256);
    expect(embeddedSharedBuffersMb(8 * GB)).toBe(512);
    expect(embeddedSharedBuffersMb(16 * GB)).toBe(1024);
    expect(embeddedSharedBuffersMb(24 * GB)).toBe(1024);
    expect(embeddedSharedBuffersMb(256 * GB)).toBe(1024);
  });

  // PGlite-only: the PostgreSQL pass (TEST_DATABASE_URL) has its server's own settings.
  test.skipIf(Boolean(process.env.TEST_DATABASE_URL))("a database in a folder starts with it, keeping PGlite's own start parameters", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "summit-settings-")), "pglite");
    const { pg, close } = await openPglite(dir);
    try {
      const setting = async (name: string) => (await pg.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
      // pg_settings counts the pool in 8 kB pages (SHOW rounds to the largest unit: "1GB").
      const [{ mb }] = (await pg.query<{ mb: number }>(`SELECT setting::int * 8 / 1024 AS mb FROM pg_settings WHERE name = 'shared_buffers'`)).rows;
      expect(mb).toBe(embeddedSharedBuffersMb(os.totalmem()));
      // From PGlite's defaults: no parallel workers, the search path.
      expect(await setting("max_parallel_workers")).toBe("0");
      expect(await setting("search_path")).toBe("public");
    } finally {
      await close();
    }
  });
});

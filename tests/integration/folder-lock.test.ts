import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DatabaseInUseError } from "@/lib/platform/db/folder-lock";
import { openPglite } from "@/lib/platform/db/pglite";

const tmp = () => path.join(mkdtempSync(path.join(os.tmpdir(), "summit-lock-")), "pglite");

// PGlite-only: the PostgreSQL pass (TEST_DATABASE_URL) has no folder to lock.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("embedded database folder lock", () => {
  test("a second open of the same folder is refused with the holder's pid; the data stay intact", async () => {
    const dir = tmp();
    const first = await openPglite(dir);
    await first.pg.exec("CREATE TABLE t (v int); INSERT INTO t VALUES (42);");
    await expect(openPglite(dir)).rejects.toThrow(new DatabaseInUseError(path.resolve(dir), process.pid).message);
    expect((await first.pg.query<{ v: number }>("SELECT v FROM t")).rows).toEqual([{ v: 42 }]);
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await openPglite(dir);
    expect((await again.pg.query<{ v: number }>("SELECT v FROM t")).rows).toEqual([{ v: 42 }]);
    await again.close();
  });

  test("another process holding the folder is named in the error", async () => {
    const dir = tmp();
    const script = `
      import { openPglite } from ${JSON.stringify(path.resolve("lib/platform/db/pglite.ts"))};
      const db = await openPglite(${JSON.stringify(dir)});
      console.log("ready");
      setTimeout(async () => { await db.close(); process.exit(0); }, 60000);
      process.on("SIGTERM", async () => { await db.close(); process.exit(0); });
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
        child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
      });
      await expect(openPglite(dir)).rejects.toThrow(`in use by process ${child.pid}`);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    // Once the holder stopped, the folder opens normally.
    const db = await openPglite(dir);
    await db.close();
  });

  test("a lock left behind by a process that died is taken over", async () => {
    const dir = tmp();
    writeFileSync(`${dir}.lock`, "2147483646");
    const db = await openPglite(dir);
    await db.close();
  });
});

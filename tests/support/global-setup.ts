import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectPglite } from "@/lib/platform/db/client";

/**
 * Migrates one in-memory PGlite and dumps it; every integration file restores that dump instead of
 * creating and migrating its own database (seconds saved per file on two cores).
 */
export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const db = await connectPglite(undefined);
  const dump = await db.pglite!.dumpDataDir("gzip");
  await db.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "summit-test-"));
  const file = path.join(dir, "template.tar.gz");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.SUMMIT_TEST_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

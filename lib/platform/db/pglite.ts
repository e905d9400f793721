import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { lockFolder } from "./folder-lock";

export type OpenedPglite = { pg: PGlite; close: () => Promise<void> };

const MB = 1024 * 1024;

/**
 * The embedded database's buffer pool in MB: a sixteenth of the machine's memory, between
 * PostgreSQL's default of 128 MB and 1 GB. At the default the pool was smaller than the tables one
 * statement reads at 100,000 customers (orders 77 MB and touchpoints 126 MB, say), so they pushed each
 * other out and every run read them again through PGlite's file system: with 1 GB the segment preview
 * went from ~450 to ~300 ms. The memory is taken only as pages are read.
 */
export function embeddedSharedBuffersMb(totalMemoryBytes: number): number {
  return Math.max(128, Math.min(1024, Math.floor(totalMemoryBytes / 16 / MB)));
}

/**
 * Start parameters every embedded database gets: `summit.single_session = on` tells our SQL that this
 * server runs one session (PGlite is single-user PostgreSQL), so no other transaction can run beside
 * it; the segment membership checks skip row locks that would protect against nobody
 * (prisma/migrations/20261202070000_segment_statement_refs).
 */
const EMBEDDED_PARAMS = ["-c", "summit.single_session=on"];

/** Opens (creating if needed) an embedded PostgreSQL, with the extensions our migrations use. */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<OpenedPglite> {
  if (!dataDir) {
    // loadDataDir restores a dumped database (tests clone a migrated template instead of migrating).
    const pg = await PGlite.create({ extensions: { pg_trgm }, loadDataDir: options.loadDataDir, startParams: [...PGlite.defaultStartParams, ...EMBEDDED_PARAMS] });
    return { pg, close: () => pg.close() };
  }
  const dir = path.resolve(dataDir);
  const release = lockFolder(dir);
  try {
    // PGlite creates only the last path segment.
    mkdirSync(path.dirname(dir), { recursive: true });
    // PGlite's own start parameters (single-user mode and the like) plus the buffer pool's size. Only
    // for a database in a folder: the in-memory ones are the tests' small scratch databases.
    const startParams = [...PGlite.defaultStartParams, ...EMBEDDED_PARAMS, "-c", `shared_buffers=${embeddedSharedBuffersMb(os.totalmem())}MB`];
    const pg = await PGlite.create({ dataDir: dir, extensions: { pg_trgm }, startParams });
    return {
      pg,
      close: async () => {
        await pg.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { lockFolder } from "./folder-lock";

export type OpenedPglite = { pg: PGlite; close: () => Promise<void> };

/** Opens (creating if needed) an embedded PostgreSQL, with the extensions our migrations use. */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<OpenedPglite> {
  if (!dataDir) {
    // loadDataDir restores a dumped database (tests clone a migrated template instead of migrating).
    const pg = await PGlite.create({ extensions: { pg_trgm }, loadDataDir: options.loadDataDir });
    return { pg, close: () => pg.close() };
  }
  const dir = path.resolve(dataDir);
  const release = lockFolder(dir);
  try {
    // PGlite creates only the last path segment.
    mkdirSync(path.dirname(dir), { recursive: true });
    const pg = await PGlite.create({ dataDir: dir, extensions: { pg_trgm } });
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

import "server-only";
import type { AppPrismaClient } from "@/lib/platform/db/clock-defaults";
import { getPrisma } from "@/lib/platform/db/client";
import type { ITXClientDenyList } from "@prisma/client/runtime/client";
import { writeAudit } from "@/lib/platform/audit";
import { NotAllowedError } from "@/lib/platform/errors";

/** The client a `$transaction` callback receives (the extended client without its connection methods). */
export type Tx = Omit<AppPrismaClient, ITXClientDenyList>;
export type Db = AppPrismaClient | Tx;

/** The one place the DAL obtains its Prisma client. */
export function db(): Promise<AppPrismaClient> {
  return getPrisma();
}

/**
 * Runs a change in one transaction. A refusal rolls the change back, and is then logged on its own:
 * written inside the transaction, the denial row would have been rolled back with everything else.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const prisma = await db();
  try {
    return await prisma.$transaction(fn, { maxWait: 10_000, timeout: 60_000 });
  } catch (error) {
    await logDenial(prisma, error);
    throw error;
  }
}

/** Writes the DENIED row a refusal carries (a NotAllowedError with its denial); anything else is left alone. */
export async function logDenial(client: Db, error: unknown): Promise<void> {
  if (error instanceof NotAllowedError && error.denial) {
    const { userId, action, entity, entityId } = error.denial;
    await writeAudit(client, { userId, action: "DENIED", entity, entityId, detail: { action } });
  }
}

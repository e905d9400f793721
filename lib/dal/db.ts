import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "./audit";
import { NotAllowedError } from "./errors";

export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient | Tx;

/** The one place the DAL obtains its Prisma client. */
export function db(): Promise<PrismaClient> {
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
    if (error instanceof NotAllowedError && error.denial) {
      const { userId, action, entity, entityId } = error.denial;
      await writeAudit(prisma, { userId, action: "DENIED", entity, entityId, detail: { action } });
    }
    throw error;
  }
}

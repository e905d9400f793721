import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient | Tx;

/** The one place the DAL obtains its Prisma client. */
export function db(): Promise<PrismaClient> {
  return getPrisma();
}

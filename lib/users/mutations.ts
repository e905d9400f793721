import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import type { Locale } from "@/lib/i18n/config";
import { db } from "@/lib/platform/db/prisma";

/** A user's own language preference: personal, so not business data and not audited. */
export async function setOwnLocale(actor: Actor, locale: Locale): Promise<void> {
  const prisma = await db();
  await prisma.user.update({ where: { id: actor.id }, data: { locale } });
}

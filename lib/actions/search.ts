"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { globalSearch, type SearchHit } from "@/lib/dal/global-search";

const schema = z.string().trim().max(100);

/** The command palette's search; the DAL applies each record kind's read rule. */
export async function globalSearchAction(q: string): Promise<SearchHit[]> {
  const user = await getCurrentUser();
  if (!user) return [];
  const parsed = schema.safeParse(q);
  return parsed.success ? globalSearch(user, parsed.data) : [];
}

"use server";

import { z } from "zod";
import { globalSearch, type SearchHit } from "@/lib/search/queries";
import { dataAction } from "@/lib/platform/form-action";

/** The command palette's search; the DAL applies each record kind's read rule. Signed out: no hits. */
export const globalSearchAction = dataAction({
  name: "search.global",
  session: "optional",
  schema: z.string().trim().max(100),
  handler: async (q, user): Promise<{ ok: true; hits: SearchHit[] }> => ({ ok: true, hits: user ? await globalSearch(user, q) : [] }),
});

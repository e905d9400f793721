import "server-only";
import { cache } from "react";
import { getDatabase } from "@/lib/platform/db/client";
import { hasDemoData } from "@/lib/platform/db/demo-data";

/** Whether this database holds the demo company (once per request: the shell and sign-in page ask). */
export const demoDataInUse = cache(async (): Promise<boolean> => hasDemoData((await getDatabase()).sql));

"use server";

import { formAction } from "@/lib/platform/form-action";
import { purgeNow, restoreFromBin } from "@/lib/recycle-bin/mutations";
import { binRecordSchema, purgeNowSchema } from "@/lib/recycle-bin/schema";

/** Restores one customer or contact from the bin (the data layer decides who may, and what cannot be). */
export const restoreFromBinAction = formAction({
  name: "recycleBin.restore",
  schema: binRecordSchema,
  refuseOn: ["type", "id"],
  handler: async ({ type, id }, user) => {
    await restoreFromBin(user, type, id);
    return { ok: true, message: type === "Customer" ? "recycleBin.restoredCustomer" : "recycleBin.restoredContact" };
  },
  revalidate: ["/recycle-bin", "/customers"],
  // The restored row leaves the list, and its form with it: the page says what came back instead.
  redirect: ({ type, id }) => `/recycle-bin?restored=${type}-${id}`,
});

/** An administrator erases one record now, after ticking the confirmation. */
export const purgeNowAction = formAction({
  name: "recycleBin.purgeNow",
  schema: purgeNowSchema,
  refuseOn: ["type", "id"],
  handler: async ({ type, id }, user) => {
    await purgeNow(user, type, id);
    return { ok: true, message: "recycleBin.purged" };
  },
  revalidate: ["/recycle-bin"],
});

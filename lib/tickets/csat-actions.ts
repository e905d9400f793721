"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { rateByLink } from "@/lib/tickets/csat";

export type CsatFormResult = FormResult;

/**
 * The customer's rating through the one-time link of a resolved ticket. Public: the customer has no
 * account, and the link's token is the credential; the data layer checks it, uses it up and limits
 * refusals per address. The token is never echoed back.
 */
export const rateTicketAction = formAction({
  name: "csat.rate",
  session: "optional",
  schema: z.object({
    token: z.string().trim().min(1, "csat.errors.invalid").max(100, "csat.errors.invalid"),
    satisfaction: z.coerce.number({ message: "csat.errors.choose" }).int("csat.errors.choose").min(1, "csat.errors.choose").max(5, "csat.errors.choose"),
  }),
  messages: { invalid: "csat.errors.choose" },
  secret: ["token"],
  handler: async ({ token, satisfaction }) => {
    const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
    const outcome = await rateByLink(token, satisfaction, ip);
    if (outcome === "rated") return { ok: true, message: "csat.thanks" };
    return { ok: false, fieldErrors: {}, message: outcome === "rateLimited" ? "csat.errors.rateLimited" : "csat.errors.invalid" };
  },
});

"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { idField } from "@/lib/platform/form-fields";
import { discardTriagedMail, fileTriagedMail } from "@/lib/tickets/inbound";

export type TriageFormResult = FormResult<{ ticketId?: number }>;

export const fileTriagedMailAction = formAction({
  name: "triage.file",
  schema: z.object({ id: idField(), customerId: idField("service.triage.chooseCustomer") }),
  messages: { invalid: "service.errors.fixFields" },
  refuseOn: ["id"],
  handler: async ({ id, customerId }, user) => ({ ok: true, message: "service.triage.filed", ...(await fileTriagedMail(user, id, customerId)) }),
  revalidate: ["/tickets/triage", "/tickets"],
});

export const discardTriagedMailAction = formAction({
  name: "triage.discard",
  schema: z.object({ id: idField() }),
  messages: { invalid: "service.errors.fixFields" },
  refuseOn: ["id"],
  handler: async ({ id }, user) => {
    await discardTriagedMail(user, id);
    return { ok: true, message: "service.triage.discarded" };
  },
  revalidate: ["/tickets/triage"],
});

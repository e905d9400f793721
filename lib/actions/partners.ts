"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { createPartner, updatePartner } from "@/lib/dal/partners";
import { type ConflictView, expectedFromForm } from "@/lib/platform/concurrency";
import { versionSchema } from "@/lib/validation/customer";
import { partnerInputSchema } from "@/lib/validation/partner";
import { dalFailure, fieldErrorsOf, type FormFailure } from "./form-result";

export type PartnerFormResult = { ok: true; message: string } | (FormFailure & { values?: Record<string, string>; conflict?: ConflictView }) | null;

function read(formData: FormData) {
  const values: Record<string, string> = {};
  for (const k of ["name", "region", "contactName", "email"]) {
    const v = formData.get(k);
    if (typeof v === "string") values[k] = v;
  }
  return { values, parsed: partnerInputSchema.safeParse({ ...values, active: formData.get("active") === "on" }) };
}

export async function savePartnerAction(_prev: PartnerFormResult, formData: FormData): Promise<PartnerFormResult> {
  const user = await requireUser();
  const { values, parsed } = read(formData);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  const rawId = formData.get("id");
  let id: number;
  try {
    if (rawId) {
      const target = versionSchema.safeParse(rawId);
      const expected = expectedFromForm(formData);
      if (!target.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
      id = target.data;
      await updatePartner(user, id, expected, parsed.data);
    } else {
      id = (await createPartner(user, parsed.data)).id;
    }
  } catch (error) {
    return { ...dalFailure(error), values };
  }
  revalidatePath("/partners");
  revalidatePath(`/partners/${id}`);
  if (!rawId) redirect(`/partners/${id}`);
  return { ok: true, message: "partners.form.saved" };
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { type DuplicateCandidateDto, findDuplicateCustomers } from "@/lib/dal/customers";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/dal/errors";
import { convertLead } from "@/lib/dal/lead-conversion";
import { assignLead, assignLeadRoundRobin, changeLeadStatus, createLead, getLead, updateLead } from "@/lib/dal/leads";
import { convertLeadSchema, leadAssignSchema, leadInputSchema, leadProfileSchema, leadStatusSchema } from "@/lib/validation/lead";
import { versionSchema } from "@/lib/validation/customer";
import { type ConflictView, type Expected, expectedFromForm } from "@/lib/platform/concurrency";

/** What a lead form gets back; messages are i18n keys the form translates. */
export type LeadFormResult =
  | { ok: true; message?: string }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      message: string | null;
      /** What someone else changed meanwhile, for the conflict panel. */
      conflict?: ConflictView;
      /** Customers that look like the one a conversion would create: the user links one or confirms. */
      duplicates?: DuplicateCandidateDto[];
      /** What was submitted, shown again (React resets uncontrolled forms after an action). */
      values?: Record<string, string>;
    }
  | null;

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

function fields(formData: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

function failure(error: unknown, values?: Record<string, string>): LeadFormResult {
  if (error instanceof NotAllowedError) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
  if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "leads.errors.conflict", conflict: error.toView(), values };
  if (error instanceof RuleError) return { ok: false, fieldErrors: error.field ? { [error.field]: error.message } : {}, message: error.field ? "validation.fix" : error.message, values };
  throw error;
}

const LEAD_FIELDS = ["name", "company", "email", "phone", "region", "source", "ownerId"];

export async function createLeadAction(_prev: LeadFormResult, formData: FormData): Promise<LeadFormResult> {
  const user = await requireUser();
  const values = fields(formData, LEAD_FIELDS);
  const parsed = leadInputSchema.safeParse({ ...values, ownerId: values.ownerId || undefined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  let id: number;
  try {
    id = (await createLead(user, parsed.data)).id;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/leads");
  redirect(`/leads/${id}`);
}

function idAndVersion(formData: FormData): { id: number; version: Expected } | null {
  const id = versionSchema.safeParse(formData.get("id"));
  const expected = expectedFromForm(formData);
  return id.success && expected ? { id: id.data, version: expected } : null;
}

export async function updateLeadAction(_prev: LeadFormResult, formData: FormData): Promise<LeadFormResult> {
  const user = await requireUser();
  const ref = idAndVersion(formData);
  if (!ref) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, LEAD_FIELDS);
  const parsed = leadProfileSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  try {
    await updateLead(user, ref.id, ref.version, parsed.data);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/leads/${ref.id}`);
  revalidatePath("/leads");
  return { ok: true, message: "leads.detail.saved" };
}

export async function changeLeadStatusAction(_prev: LeadFormResult, formData: FormData): Promise<LeadFormResult> {
  const user = await requireUser();
  const ref = idAndVersion(formData);
  if (!ref) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, ["status", "reason"]);
  const parsed = leadStatusSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  try {
    await changeLeadStatus(user, ref.id, ref.version, parsed.data);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/leads/${ref.id}`);
  revalidatePath("/leads");
  return { ok: true, message: "leads.status.saved" };
}

export async function assignLeadAction(_prev: LeadFormResult, formData: FormData): Promise<LeadFormResult> {
  const user = await requireUser();
  const ref = idAndVersion(formData);
  if (!ref) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, ["mode", "ownerId"]);
  const parsed = leadAssignSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  try {
    if (parsed.data.mode === "roundRobin") await assignLeadRoundRobin(user, ref.id, ref.version);
    else await assignLead(user, ref.id, ref.version, parsed.data.ownerId);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/leads/${ref.id}`);
  revalidatePath("/leads");
  return { ok: true, message: "leads.assign.saved" };
}

const CONVERT_FIELDS = ["customerMode", "customerId", "kind", "customerName", "region", "opportunityName", "amount", "expectedCloseDate"];

/**
 * Converts a lead. Creating a new customer first runs the same duplicate check as the customer form:
 * when look-alikes exist, the user either links one of them or confirms that this is a new customer.
 */
export async function convertLeadAction(_prev: LeadFormResult, formData: FormData): Promise<LeadFormResult> {
  const user = await requireUser();
  const ref = idAndVersion(formData);
  if (!ref) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, CONVERT_FIELDS);
  const parsed = convertLeadSchema.safeParse({ ...values, customerId: values.customerMode === "existing" ? values.customerId || undefined : undefined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  let opportunityId: number;
  try {
    if (parsed.data.customerMode === "new" && formData.get("confirmNew") !== "yes") {
      const lead = await getLead(user, ref.id);
      const duplicates = await findDuplicateCustomers(user, { name: parsed.data.customerName, email: lead.email, phone: lead.phone, region: parsed.data.region });
      if (duplicates.length > 0) return { ok: false, fieldErrors: {}, message: "leads.convert.duplicatesFound", duplicates, values };
    }
    opportunityId = (await convertLead(user, ref.id, ref.version, parsed.data)).opportunityId;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/leads");
  revalidatePath(`/leads/${ref.id}`);
  redirect(`/opportunities/${opportunityId}`);
}

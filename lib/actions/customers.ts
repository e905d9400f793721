"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { mergeCustomers } from "@/lib/dal/customer-merge";
import { createContact, updateContact } from "@/lib/dal/contacts";
import {
  addToCampaign,
  addToSegment,
  bulkReassign,
  createCustomer,
  deleteCustomer,
  type DuplicateCandidateDto,
  findDuplicateCustomers,
  restoreCustomer,
  setDoNotContact,
  updateCustomer,
} from "@/lib/dal/customers";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/dal/errors";
import { logTouchpoint } from "@/lib/dal/touchpoints";
import { type ConflictView, expectedFromForm, parseSnapshot } from "@/lib/platform/concurrency";
import { contactInputSchema } from "@/lib/validation/contact";
import {
  bulkAssignSchema,
  bulkCampaignSchema,
  bulkSegmentSchema,
  customerInputSchema,
  doNotContactChangeSchema,
  mergeSchema,
  versionSchema,
} from "@/lib/validation/customer";
import { touchpointInputSchema } from "@/lib/validation/touchpoint";

/** What a form gets back: messages are i18n keys the form translates. */
export type FormResult =
  | { ok: true; message?: string; id?: number; count?: number }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      message: string | null;
      /** Customers that look like the one being created: the form asks before creating another. */
      duplicates?: DuplicateCandidateDto[];
      /** What someone else changed meanwhile (optimistic-concurrency conflict), for the conflict panel. */
      conflict?: ConflictView;
      /** What was submitted, so the form shows it again (React resets uncontrolled forms after an action). */
      values?: Record<string, string>;
    }
  | null;

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** Form fields as strings; empty fields stay empty strings (the schemas turn them into null). */
function fields(formData: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

/** Refusals and rule errors from the DAL become form results; anything else is a real failure. */
function failure(error: unknown, values?: Record<string, string>): FormResult {
  if (error instanceof NotAllowedError) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
  if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "customers.errors.conflict", conflict: error.toView(), values };
  if (error instanceof RuleError) return { ok: false, fieldErrors: error.field ? { [error.field]: error.message } : {}, message: error.field ? null : error.message, values };
  throw error;
}

const PROFILE_FIELDS = ["kind", "name", "email", "phone", "company", "region", "industry", "source", "notes", "ownerId"];

function profileInput(formData: FormData) {
  const raw = fields(formData, PROFILE_FIELDS);
  // An empty owner select means "leave as is / default", not "remove the owner".
  const input: Record<string, unknown> = { ...raw };
  if (!raw.ownerId) delete input.ownerId;
  return customerInputSchema.safeParse(input);
}

export async function createCustomerAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const values = fields(formData, PROFILE_FIELDS);
  const parsed = profileInput(formData);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields", values };
  let id: number;
  try {
    if (formData.get("confirmDuplicates") !== "yes") {
      const duplicates = await findDuplicateCustomers(user, parsed.data);
      if (duplicates.length > 0) return { ok: false, fieldErrors: {}, message: "customers.duplicates.found", duplicates, values };
    }
    id = (await createCustomer(user, parsed.data)).id;
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/customers");
  redirect(`/customers/${id}`);
}

export async function updateCustomerAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const id = versionSchema.safeParse(formData.get("id"));
  const expected = expectedFromForm(formData);
  if (!id.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, PROFILE_FIELDS);
  const parsed = profileInput(formData);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields", values };
  try {
    await updateCustomer(user, id.data, expected, parsed.data);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/customers/${id.data}`);
  revalidatePath("/customers");
  return { ok: true, message: "customers.profile.saved" };
}

export async function setDoNotContactAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const id = versionSchema.safeParse(formData.get("id"));
  const expected = expectedFromForm(formData);
  const change = doNotContactChangeSchema.safeParse(formData.get("change"));
  if (!id.success || !expected || !change.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    await setDoNotContact(user, id.data, expected, change.data);
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/customers/${id.data}`);
  return { ok: true, message: "customers.dnc.saved" };
}

export async function deleteCustomerAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const id = versionSchema.safeParse(formData.get("id"));
  const version = versionSchema.safeParse(formData.get("version"));
  if (!id.success || !version.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    await deleteCustomer(user, id.data, version.data);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/customers");
  redirect("/customers?deleted=1");
}

export async function restoreCustomerAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const id = versionSchema.safeParse(formData.get("id"));
  if (!id.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    await restoreCustomer(user, id.data);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/customers/recycle-bin");
  revalidatePath("/customers");
  return { ok: true, message: "customers.recycle.restored", id: id.data };
}

export async function mergeCustomersAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const parsed = mergeSchema.safeParse(fields(formData, ["survivorId", "mergedId", "survivorVersion"]));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields" };
  try {
    await mergeCustomers(user, parsed.data.survivorId, parsed.data.mergedId, { version: parsed.data.survivorVersion, seen: parseSnapshot(formData.get("survivorSnapshot")) });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/customers");
  redirect(`/customers/${parsed.data.survivorId}?merged=${parsed.data.mergedId}`);
}

const CONTACT_FIELDS = ["name", "title", "email", "phone", "isPrimary"];

export async function saveContactAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const customerId = versionSchema.safeParse(formData.get("customerId"));
  if (!customerId.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, CONTACT_FIELDS);
  const parsed = contactInputSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields", values };
  const contactId = formData.get("contactId");
  try {
    if (contactId) {
      const id = versionSchema.safeParse(contactId);
      const expected = expectedFromForm(formData);
      if (!id.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
      await updateContact(user, id.data, expected, parsed.data);
    } else {
      await createContact(user, customerId.data, parsed.data);
    }
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/customers/${customerId.data}`);
  return { ok: true, message: "contacts.saved" };
}

const TOUCHPOINT_FIELDS = ["channel", "direction", "occurredAt", "summary", "outcome", "contactId", "campaignId", "opportunityId", "ticketId"];

export async function logTouchpointAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const customerId = versionSchema.safeParse(formData.get("customerId"));
  if (!customerId.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const values = fields(formData, TOUCHPOINT_FIELDS);
  const parsed = touchpointInputSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields", values };
  try {
    await logTouchpoint(user, customerId.data, parsed.data);
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/customers/${customerId.data}`);
  return { ok: true, message: "touchpoints.logged" };
}

/** Bulk actions take the selection as repeated `ids` fields. */
function selection(formData: FormData): string[] {
  return formData.getAll("ids").filter((v): v is string => typeof v === "string");
}

export async function bulkAction(_prev: FormResult, formData: FormData): Promise<FormResult> {
  const user = await requireUser();
  const kind = formData.get("bulk");
  try {
    if (kind === "assign") {
      const parsed = bulkAssignSchema.safeParse({ ids: selection(formData), ownerId: formData.get("ownerId") });
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields" };
      const count = await bulkReassign(user, parsed.data.ids, parsed.data.ownerId);
      revalidatePath("/customers");
      return { ok: true, message: "customers.bulk.assigned", count };
    }
    if (kind === "segment") {
      const parsed = bulkSegmentSchema.safeParse({ ids: selection(formData), segmentId: formData.get("segmentId") });
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields" };
      const count = await addToSegment(user, parsed.data.ids, parsed.data.segmentId);
      revalidatePath("/customers");
      return { ok: true, message: "customers.bulk.addedToSegment", count };
    }
    if (kind === "campaign") {
      const parsed = bulkCampaignSchema.safeParse({ ids: selection(formData), campaignId: formData.get("campaignId") });
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "customers.errors.fixFields" };
      const count = await addToCampaign(user, parsed.data.ids, parsed.data.campaignId);
      return { ok: true, message: "customers.bulk.addedToCampaign", count };
    }
  } catch (error) {
    return failure(error);
  }
  return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
}

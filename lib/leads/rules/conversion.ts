/**
 * What converting a lead proposes before the user edits it, and the rules the conversion follows.
 * A lead with a company becomes a business customer (its person becomes a contact); a lead without
 * one is a private person and becomes an individual customer (no contact: the customer is the person).
 */
import type { CustomerKind } from "@/lib/platform/enums";

export type LeadForConversion = { name: string; company: string | null; region: string | null; email: string | null; phone: string | null };

export type ConversionDefaults = { kind: CustomerKind; customerName: string; region: string; opportunityName: string; expectedCloseDate: string };

/** Deals opened from leads are expected to close in about a quarter unless the rep says otherwise. */
export const DEFAULT_CLOSE_DAYS = 90;

export function conversionDefaults(lead: LeadForConversion, now: Date): ConversionDefaults {
  const customerName = lead.company?.trim() || lead.name;
  const close = new Date(now.getTime() + DEFAULT_CLOSE_DAYS * 86_400_000);
  return {
    kind: lead.company?.trim() ? "ENTERPRISE" : "INDIVIDUAL",
    customerName,
    region: lead.region ?? "",
    opportunityName: customerName,
    expectedCloseDate: close.toISOString().slice(0, 10),
  };
}

/** Business customers (enterprise, government) get the lead's person as a contact. */
export function needsContact(kind: CustomerKind): boolean {
  return kind !== "INDIVIDUAL";
}

/** The duplicate probe for the customer the lead would become: the organisation for a business, else the person. */
export function duplicateProbe(lead: LeadForConversion, customerName: string, region: string) {
  return { name: customerName, email: lead.email, phone: lead.phone, region };
}

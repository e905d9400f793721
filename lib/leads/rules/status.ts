/**
 * Lead status rules. A lead moves forward NEW → CONTACTED → QUALIFIED (a step may be skipped when
 * the first call already qualifies it, and a qualified lead may step back to CONTACTED when it turns
 * out premature). Any open lead may be disqualified, which needs a reason so the source's quality can
 * be judged later; a disqualified lead may be reopened as NEW. CONVERTED is reached only by converting
 * (which creates the customer and opportunity) and is final.
 */
import type { LeadStatus } from "@/lib/platform/enums";

export const MANUAL_STATUSES = ["NEW", "CONTACTED", "QUALIFIED", "DISQUALIFIED"] as const satisfies readonly LeadStatus[];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

const ALLOWED: Record<LeadStatus, readonly LeadStatus[]> = {
  NEW: ["CONTACTED", "QUALIFIED", "DISQUALIFIED"],
  CONTACTED: ["QUALIFIED", "DISQUALIFIED"],
  QUALIFIED: ["CONTACTED", "DISQUALIFIED"],
  DISQUALIFIED: ["NEW"],
  CONVERTED: [],
};

/** The statuses a user may choose next for a lead in `from`. */
export function nextStatuses(from: LeadStatus): readonly LeadStatus[] {
  return ALLOWED[from];
}

/** Why a status change is refused (an i18n key and the field it belongs to), or null when allowed. */
export function statusChangeProblem(from: LeadStatus, to: LeadStatus, reason: string | null | undefined): { field: "status" | "reason"; message: string } | null {
  if (to === "CONVERTED") return { field: "status", message: "leads.errors.convertOnly" };
  if (from === "CONVERTED") return { field: "status", message: "leads.errors.converted" };
  if (!ALLOWED[from].includes(to)) return { field: "status", message: "leads.errors.transition" };
  if (to === "DISQUALIFIED" && !reason?.trim()) return { field: "reason", message: "leads.errors.reasonRequired" };
  return null;
}

export function canConvert(status: LeadStatus): boolean {
  return status === "QUALIFIED";
}

import { getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { LeadStatus } from "@/lib/platform/enums";

const TONE: Record<LeadStatus, BadgeTone> = { NEW: "brand", CONTACTED: "neutral", QUALIFIED: "gold", DISQUALIFIED: "red", CONVERTED: "green" };

export async function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const t = await getTranslations("leads.statuses");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}

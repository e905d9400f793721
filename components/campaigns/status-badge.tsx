import { Badge } from "@/components/ui/badge";
import type { CampaignStatus } from "@/lib/platform/enums";

const STATUS_TONE = { DRAFT: "neutral", SCHEDULED: "gold", ACTIVE: "brand", COMPLETED: "green", CANCELLED: "red" } as const;

/** A campaign's status as a coloured badge; `label` is the translated status. */
export function CampaignStatusBadge({ status, label }: { status: CampaignStatus; label: string }) {
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

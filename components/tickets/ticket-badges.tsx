import { getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { TicketPriority, TicketStatus } from "@/lib/platform/enums";
import type { SlaFlag } from "@/lib/tickets/queries";

const STATUS_TONE: Record<TicketStatus, BadgeTone> = {
  NEW: "brand",
  ASSIGNED: "brand",
  IN_PROGRESS: "neutral",
  WAITING_ON_CUSTOMER: "gold",
  RESOLVED: "green",
  CLOSED: "neutral",
  REOPENED: "red",
};

const PRIORITY_TONE: Record<TicketPriority, BadgeTone> = { P1: "red", P2: "gold", P3: "neutral", P4: "neutral" };

const SLA_TONE: Record<SlaFlag, BadgeTone> = { met: "green", on_track: "brand", at_risk: "gold", breached: "red", paused: "neutral", none: "neutral" };

export async function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const t = await getTranslations("service.statuses");
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="ticket-status">
      {t(status)}
    </Badge>
  );
}

export async function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  const t = await getTranslations("service.priorities");
  return <Badge tone={PRIORITY_TONE[priority]}>{t(priority)}</Badge>;
}

/** One SLA target's state as of the page's render (the data layer computes it in business hours). */
export async function SlaBadge({ flag, testId }: { flag: SlaFlag; testId?: string }) {
  const t = await getTranslations("service.sla");
  return (
    <Badge tone={SLA_TONE[flag]} data-testid={testId}>
      {t(flag)}
    </Badge>
  );
}

import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { VIP: "gold", MAJOR: "brand", MEDIUM: "green", SMALL: "neutral" };

/** The customer's pyramid tier; "—" until the score job has ranked the customer. */
export function TierBadge({ tier }: { tier: string | null }) {
  const t = useTranslations();
  if (!tier) return <span className="text-slate-500">—</span>;
  return <Badge tone={TONE[tier] ?? "neutral"}>{t(`enums.tier.${tier}`)}</Badge>;
}

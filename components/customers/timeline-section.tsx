import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { TimelinePage } from "@/lib/touchpoints/queries";
import { CHANNELS } from "@/lib/customers/rules/contact-rules";
import { formatDateTime } from "@/lib/platform/format";

/** Every touchpoint across channels, newest first; the channel filter is a GET form (URL state). */
export async function TimelineSection({ customerId, page, channels, olderHref }: { customerId: number; page: TimelinePage; channels: string[]; olderHref: string | null }) {
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-3">
      <form method="get" action={`/customers/${customerId}`} className="flex flex-wrap items-end gap-2" aria-label={t("touchpoints.filter")}>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("touchpoints.filterChannels")}</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="channel" value={c} defaultChecked={channels.includes(c)} />
              {t(`enums.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="secondary">
          {t("customers.filters.apply")}
        </Button>
      </form>
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("touchpoints.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-2" aria-label={t("touchpoints.timeline")}>
          {page.items.map((tp) => (
            <li key={tp.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone="brand">{t(`enums.channel.${tp.channel}`)}</Badge>
                <span className="text-slate-600">{t(`enums.direction.${tp.direction}`)}</span>
                <time dateTime={tp.occurredAt.toISOString()} className="text-slate-600">
                  {formatDateTime(tp.occurredAt)}
                </time>
                {tp.userName ? <span className="text-slate-600">· {tp.userName}</span> : null}
                {tp.contactName ? <span className="text-slate-600">· {tp.contactName}</span> : null}
              </div>
              <p className="mt-1">{tp.summary}</p>
              {tp.outcome ? (
                <p className="text-slate-600">
                  {t("touchpoints.outcome")}: {tp.outcome}
                </p>
              ) : null}
              {tp.campaign || tp.opportunityId || tp.ticketId ? (
                <p className="text-xs text-slate-500">
                  {[tp.campaign ? `${t("touchpoints.campaign")}: ${tp.campaign.name}` : null, tp.opportunityId ? `${t("touchpoints.opportunity")} #${tp.opportunityId}` : null, tp.ticketId ? `${t("touchpoints.ticket")} #${tp.ticketId}` : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <div className="flex gap-2">
        {channels.length > 0 || olderHref ? (
          <Link href={`/customers/${customerId}${channels.length ? `?${channels.map((c) => `channel=${c}`).join("&")}` : ""}#timeline`} className="text-sm text-brand-700 underline">
            {t("touchpoints.newest")}
          </Link>
        ) : null}
        {olderHref ? (
          <Link href={olderHref} className="text-sm text-brand-700 underline">
            {t("touchpoints.older")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}

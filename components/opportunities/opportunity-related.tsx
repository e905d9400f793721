import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { OpportunityRelated } from "@/lib/opportunities/mutations";
import { formatDate, formatDateTime, formatMoney } from "@/lib/platform/format";

/** Stage history as a timeline, then the deal's quotes, tasks and touchpoints. */
export async function OpportunityRelatedSections({ opportunityId, related, canQuote }: { opportunityId: number; related: OpportunityRelated; canQuote: boolean }) {
  const t = await getTranslations();
  return (
    <>
      <Card aria-labelledby="quotes-h">
        <div className="flex items-center justify-between gap-2">
          <h2 id="quotes-h" className="text-lg font-semibold">
            {t("quotes.title")}
          </h2>
          {canQuote ? (
            <Link href={`/opportunities/${opportunityId}/quotes/new`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
              {t("quotes.new")}
            </Link>
          ) : null}
        </div>
        {related.quotes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("quotes.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {related.quotes.map((q) => (
              <li key={q.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/opportunities/${opportunityId}/quotes/${q.id}`} className="font-medium text-brand-700 hover:underline">
                  {t("quotes.name", { id: q.id })}
                </Link>
                <Badge tone={q.status === "ACCEPTED" ? "green" : q.status === "REJECTED" ? "red" : q.status === "SENT" ? "brand" : "neutral"}>{t(`quotes.status.${q.status}`)}</Badge>
                <span className="tabular-nums">{formatMoney(q.total)}</span>
                <span className="text-slate-500">{formatDate(q.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card aria-labelledby="history-h">
        <h2 id="history-h" className="text-lg font-semibold">
          {t("opportunities.detail.history")}
        </h2>
        <ol className="mt-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="stage-history">
          {related.history.map((h) => (
            <li key={h.id} className="relative py-1.5">
              <span className="absolute -left-[1.4rem] top-3 h-2.5 w-2.5 rounded-full bg-brand-500" aria-hidden="true" />
              {h.fromStage
                ? t("opportunities.detail.moved", { from: t(`enums.oppStage.${h.fromStage}`), to: t(`enums.oppStage.${h.toStage}`) })
                : t("opportunities.detail.createdIn", { to: t(`enums.oppStage.${h.toStage}`) })}{" "}
              <span className="text-slate-500">
                · {formatDateTime(h.changedAt)}
                {h.changedBy ? ` · ${h.changedBy}` : ""}
              </span>
            </li>
          ))}
        </ol>
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card aria-labelledby="tasks-h">
          <h2 id="tasks-h" className="text-lg font-semibold">
            {t("opportunities.detail.tasks")}
          </h2>
          {related.tasks.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("opportunities.detail.noTasks")}</p>
          ) : (
            <ul className="mt-2 text-sm">
              {related.tasks.map((task) => (
                <li key={task.id} className="py-1">
                  {task.title} <span className="text-slate-500">· {formatDateTime(task.dueAt)} · {task.status}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="tp-h">
          <h2 id="tp-h" className="text-lg font-semibold">
            {t("opportunities.detail.touchpoints")}
          </h2>
          {related.touchpoints.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("opportunities.detail.noTouchpoints")}</p>
          ) : (
            <ul className="mt-2 text-sm">
              {related.touchpoints.map((tp) => (
                <li key={tp.id} className="py-1">
                  {tp.summary}{" "}
                  <span className="text-slate-500">
                    · {t(`enums.channel.${tp.channel}`)} · {formatDateTime(tp.occurredAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

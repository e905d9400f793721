import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { getDisplayCurrency } from "@/lib/platform/format";
import type { CallerCard } from "@/lib/tickets/console";

/**
 * The screen pop: who the customer is, tier, CLV, churn risk, lifecycle stage, opt-outs, open tickets,
 * recent contacts and what to offer while they are on the line (lib/tickets/console.ts CallerCard).
 * The inbound console puts its "log this contact" form below it; the outbound call queue, the call's
 * script and outcome buttons beside it.
 */
export async function CallerCardView({ card: c, timeZone, children }: { card: CallerCard; timeZone: string; children?: ReactNode }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const money = (v: string) => format.number(Number(v), { style: "currency", currency: getDisplayCurrency(), maximumFractionDigits: 0 });
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const optedOut = (["phone", "email", "mail", "sms"] as const).filter((k) => c.doNotContact[k]);
  return (
    <section aria-labelledby={`caller-${c.id}`} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="caller-card">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`caller-${c.id}`} className="text-xl font-semibold">
            <Link href={`/customers/${c.id}`} className="text-brand-700 hover:underline">
              {c.name}
            </Link>
          </h2>
          <p className="text-sm text-slate-600">
            {[c.phone, c.email, c.region, c.owner ? t("console.card.owner", { name: c.owner }) : null].filter(Boolean).join(" · ")}
          </p>
          {c.viaContact ? <p className="text-sm text-slate-600">{t("console.card.viaContact", { name: c.viaContact })}</p> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {c.tier ? <Badge tone={c.tier === "VIP" ? "gold" : "brand"}>{t(`service.tiers.${c.tier}`)}</Badge> : <Badge>{t("console.card.unscored")}</Badge>}
          {c.lifecycleStage ? <Badge>{t(`console.stages.${c.lifecycleStage}`)}</Badge> : null}
        </div>
      </header>
      {optedOut.length > 0 ? (
        <p role="note" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800" data-testid="caller-dnc">
          {t("console.card.doNotContact", { channels: optedOut.map((k) => t(`console.dnc.${k}`)).join(", ") })}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">{t("console.card.clv")}</dt>
          <dd className="font-medium">{c.predictedClv !== null ? money(c.predictedClv) : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("console.card.churnRisk")}</dt>
          <dd className="font-medium">{c.churnRisk !== null ? format.number(c.churnRisk, { style: "percent" }) : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("console.card.openTickets")}</dt>
          <dd className="font-medium">{c.openTickets.length}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("console.card.kind")}</dt>
          <dd className="font-medium">{t(`console.kinds.${c.kind}`)}</dd>
        </div>
      </dl>
      <div className="grid gap-4 lg:grid-cols-3">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("console.card.tickets")}</h3>
          {c.openTickets.length === 0 ? (
            <p className="text-sm text-slate-500">{t("console.card.noTickets")}</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {c.openTickets.map((tk) => (
                <li key={tk.id}>
                  <Link href={`/tickets/${tk.id}`} className="text-brand-700 hover:underline">
                    #{tk.id} {tk.subject}
                  </Link>{" "}
                  <span className="text-slate-500">
                    · {t(`service.statuses.${tk.status}`)} · {tk.priority}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("console.card.recent")}</h3>
          {c.recentTouchpoints.length === 0 ? (
            <p className="text-sm text-slate-500">{t("console.card.noTouchpoints")}</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {c.recentTouchpoints.map((tp) => (
                <li key={tp.id}>
                  <span className="text-slate-500">{when(tp.occurredAt)}</span> · {tp.summary}
                  {tp.outcome ? <span className="text-slate-500"> ({tp.outcome})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("console.card.offer")}</h3>
          {c.crossSell.length === 0 ? (
            <p className="text-sm text-slate-500">{t("console.card.noOffer")}</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="caller-offers">
              {c.crossSell.map((o) => (
                <li key={o.product}>
                  <span className="font-medium">{o.product}</span>{" "}
                  <span className="text-slate-500">{t("console.card.because", { items: o.because.join(", "), confidence: format.number(o.confidence, { style: "percent" }) })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {children}
    </section>
  );
}

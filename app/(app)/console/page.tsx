import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConsoleLive } from "@/components/console/console-live";
import { LogContactForm } from "@/components/console/log-contact-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/platform/auth/session";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { type CallerCard, lookupCaller } from "@/lib/tickets/console";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";

export async function generateMetadata() {
  const t = await getTranslations("console");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The inbound contact console: type or paste a caller's number (any format) or email, or let the
 * phone system pop it (a ringing call opens this page on the caller), and the customer is on screen at
 * once with what to know and what to offer; the contact is logged, with a ticket, in one step.
 */
export default async function ConsolePage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 200) : "";
  const fromCall = typeof params.call === "string";
  const t = await getTranslations();
  const format = await getFormatter();
  const timeZone = await viewerTimeZone();
  const lookup = q ? await lookupCaller(user, q) : null;
  const money = (v: string) => format.number(Number(v), { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });

  const card = (c: CallerCard) => {
    const optedOut = (["phone", "email", "mail", "sms"] as const).filter((k) => c.doNotContact[k]);
    return (
      <section key={c.id} aria-labelledby={`caller-${c.id}`} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="caller-card">
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
        <details open className="rounded-md border border-slate-200 p-4">
          <summary className="cursor-pointer text-sm font-semibold">{t("console.log.title")}</summary>
          <div className="mt-3">
            <LogContactForm customerId={c.id} openTickets={c.openTickets.map(({ id, subject }) => ({ id, subject }))} categories={TICKET_CATEGORIES} channel={lookup?.query.kind === "email" ? "EMAIL" : "PHONE"} />
          </div>
        </details>
      </section>
    );
  };

  const unknownPrefill = lookup?.query.kind === "phone" ? `phone=${encodeURIComponent(q)}` : lookup?.query.kind === "email" ? `email=${encodeURIComponent(q)}` : "";
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("console.title")}</h1>
        <ConsoleLive />
      </div>
      <form method="get" action="/console" className="flex flex-wrap items-end gap-2" role="search">
        <div className="flex min-w-72 flex-1 flex-col gap-1">
          <label htmlFor="console-q" className="text-sm font-medium text-slate-700">
            {t("console.search.label")}
          </label>
          <input id="console-q" name="q" type="search" defaultValue={q} autoFocus autoComplete="off" placeholder={t("console.search.placeholder")} className="rounded-md border border-slate-300 px-3 py-2 text-base" />
        </div>
        <Button type="submit">{t("console.search.submit")}</Button>
      </form>
      {fromCall ? <p className="text-sm text-slate-600">{t("console.search.fromCall", { from: q })}</p> : null}
      {lookup === null ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("console.empty")}</p>
      ) : lookup.query.kind === "invalid" ? (
        <p role="alert" className="text-sm text-red-700">
          {t("console.search.invalid")}
        </p>
      ) : lookup.matches.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="caller-unknown">
          <h2 className="text-lg font-semibold">{t("console.unknown.title", { query: q })}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("console.unknown.hint")}</p>
          <Button asChild className="mt-4">
            <Link href={`/customers/new?${unknownPrefill}&source=${encodeURIComponent(t("console.unknown.source"))}`}>{t("console.unknown.create")}</Link>
          </Button>
        </div>
      ) : (
        <>
          {lookup.matches.length > 1 ? <p className="text-sm text-slate-600">{t("console.several", { count: lookup.matches.length })}</p> : null}
          {lookup.matches.map(card)}
        </>
      )}
    </div>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CallerCardView } from "@/components/console/caller-card";
import { ConsoleLive } from "@/components/console/console-live";
import { LogContactForm } from "@/components/console/log-contact-form";
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
  const timeZone = await viewerTimeZone();
  const lookup = q ? await lookupCaller(user, q) : null;

  const card = (c: CallerCard) => (
    <CallerCardView key={c.id} card={c} timeZone={timeZone}>
      <details open className="rounded-md border border-slate-200 p-4">
        <summary className="cursor-pointer text-sm font-semibold">{t("console.log.title")}</summary>
        <div className="mt-3">
          <LogContactForm customerId={c.id} openTickets={c.openTickets.map(({ id, subject }) => ({ id, subject }))} categories={TICKET_CATEGORIES} channel={lookup?.query.kind === "email" ? "EMAIL" : "PHONE"} />
        </div>
      </details>
    </CallerCardView>
  );

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

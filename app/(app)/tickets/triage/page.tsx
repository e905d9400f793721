import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { TriageForms } from "@/components/tickets/triage-forms";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { listTriage } from "@/lib/tickets/inbound";

export async function generateMetadata() {
  const t = await getTranslations("service.triage");
  return { title: t("title") };
}

/** Mail from senders no customer or contact has: an agent files each as a ticket of the right customer, or discards it. */
export default async function TriagePage() {
  const user = await requireUser();
  if (!can(user, "ticket.edit")) notFound();
  const [mails, t, format, timeZone] = await Promise.all([listTriage(user), getTranslations(), getFormatter(), viewerTimeZone()]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("service.triage.breadcrumb")} className="text-sm">
        <Link href="/tickets" className="text-brand-700 hover:underline">
          {t("service.nav")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">{t("service.triage.title")}</h1>
      <p className="text-sm text-slate-600">{t("service.triage.intro")}</p>
      {mails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("service.triage.empty")}</p>
      ) : (
        mails.map((mail) => (
          <section key={mail.id} aria-labelledby={`mail-${mail.id}`} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="triage-mail">
            <header>
              <h2 id={`mail-${mail.id}`} className="text-lg font-semibold">
                {mail.subject}
              </h2>
              <p className="text-sm text-slate-600">
                {mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress} · {format.dateTime(mail.receivedAt, { timeZone, dateStyle: "medium", timeStyle: "short" })}
              </p>
            </header>
            <details>
              <summary className="cursor-pointer text-sm text-brand-700">{t("service.triage.showText")}</summary>
              <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-slate-800">{mail.textBody}</pre>
            </details>
            <TriageForms id={mail.id} />
          </section>
        ))
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OutboxStatusFilter } from "@/components/admin/outbox-status-filter";
import { OutboxTable } from "@/components/admin/outbox-table";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listOutbox, parseOutboxStatus } from "@/lib/platform/mail";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { KeysetPager } from "@/components/ui/keyset-pager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mail");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OutboxPage({ searchParams }: Props) {
  const user = await requireUser();
  // Convenience only: listOutbox refuses non-admins itself.
  if (!can(user, "admin.manage")) notFound();
  const params = await searchParams;
  const status = parseOutboxStatus(params.status);
  const after = Array.isArray(params.after) ? params.after[0] : params.after;
  const [t, page, timeZone] = await Promise.all([getTranslations("mail"), listOutbox(user, { status, cursor: after }), viewerTimeZone()]);
  const base = status ? `/admin/outbox?status=${status}` : "/admin/outbox";
  const olderHref = page.next ? `${base}${status ? "&" : "?"}after=${page.next}` : null;
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <p role="status" data-testid="smtp-state" className={page.smtpConfigured ? "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" : "rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"}>
        {page.smtpConfigured ? t("smtpOn") : t("smtpOff")}
      </p>
      <OutboxStatusFilter current={status} counts={page.counts} />
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{status || after ? t("emptyFiltered") : t("empty")}</h2>
          {status || after ? (
            <Link href="/admin/outbox" className="mt-3 inline-block text-brand-700 underline">
              {t("showAll")}
            </Link>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
          )}
        </div>
      ) : (
        <OutboxTable items={page.items} timeZone={timeZone} />
      )}
      <KeysetPager newestHref={after ? base : null} olderHref={olderHref} labels={{ nav: t("pagination"), newest: t("newest"), older: t("older") }} />
    </div>
  );
}

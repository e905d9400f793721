import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditFilterForm, type AuditFormValues } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { FormMessage } from "@/components/ui/form-message";
import { type AuditPage as Page, auditFilterOptions, listAuditEntries, requireAuditReader } from "@/lib/audit/queries";
import { auditFilterParams, parseAuditFilters } from "@/lib/audit/schema";
import { scopeFor } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { KeysetPager } from "@/components/ui/keyset-pager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const [t, timeZone] = await Promise.all([getTranslations("audit"), viewerTimeZone()]);
  const parsed = parseAuditFilters(params);
  let page: Page = { entries: [], next: null };
  try {
    // The data layer is the guard: a rep or agent is refused there, and the refusal is logged.
    if (parsed.ok) page = await listAuditEntries(user, parsed.filters, { timeZone });
    else await requireAuditReader(user);
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
  const options = await auditFilterOptions(user);
  const admin = scopeFor(user, "audit.read") === "all";
  const values: AuditFormValues = { user: first(params.user), entity: first(params.entity), entityId: first(params.entityId), action: first(params.action), from: first(params.from), to: first(params.to) };
  const query = parsed.ok ? auditFilterParams(parsed.filters) : new URLSearchParams();
  const filtered = [...query.keys()].length > 0 || (parsed.ok && parsed.filters.after !== undefined);
  const base = `/admin/audit${query.size > 0 ? `?${query}` : ""}`;
  const olderHref = page.next ? `/admin/audit?${new URLSearchParams([...query, ["after", page.next]])}` : null;
  const exportHref = `/admin/audit/export${query.size > 0 ? `?${query}` : ""}`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100";
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{admin ? t("intro") : t("introManager")}</p>
        </div>
        {parsed.ok ? (
          <div className="flex flex-col items-end gap-1">
            <a href={exportHref} className={link} download>
              {t("export")}
            </a>
            <p className="max-w-xs text-right text-xs text-slate-500">{t("exportHint")}</p>
          </div>
        ) : null}
      </div>
      <AuditFilterForm values={values} errors={parsed.ok ? {} : parsed.errors} users={options.users} showSecurity={admin} />
      {!parsed.ok ? <FormMessage tone="error">{t("invalid")}</FormMessage> : null}
      {parsed.ok && page.entries.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="audit-empty">
          <h2 className="text-lg font-semibold">{filtered ? t("emptyFiltered") : t("empty")}</h2>
          {filtered ? (
            <Link href="/admin/audit" className="mt-3 inline-block text-brand-700 underline">
              {t("filters.reset")}
            </Link>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
          )}
        </div>
      ) : null}
      {page.entries.length > 0 ? <AuditTable entries={page.entries} timeZone={timeZone} /> : null}
      <KeysetPager newestHref={parsed.ok && parsed.filters.after ? base : null} olderHref={olderHref} labels={{ nav: t("pagination"), newest: t("newest"), older: t("older") }} />
    </div>
  );
}

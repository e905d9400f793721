import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BinTable } from "@/components/recycle-bin/bin-table";
import { FILTER_CONTROL, FilterField, FilterSelect } from "@/components/ui/filter-field";
import { FormMessage } from "@/components/ui/form-message";
import { requireUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { type BinPage, listRecycleBin } from "@/lib/recycle-bin/queries";
import { parseBinFilters } from "@/lib/recycle-bin/schema";
import { KeysetPager } from "@/components/ui/keyset-pager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("recycleBin");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function RecycleBinPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const [t, timeZone] = await Promise.all([getTranslations("recycleBin"), viewerTimeZone()]);
  const parsed = parseBinFilters(params);
  const filters = parsed.ok ? parsed.filters : {};
  let page: BinPage;
  try {
    // The data layer is the guard (reps and agents are refused there, and logged); unusable filters show everything.
    page = await listRecycleBin(user, filters);
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
  const query = new URLSearchParams();
  if (filters.type) query.set("type", filters.type);
  if (filters.q) query.set("q", filters.q);
  const filtered = query.size > 0 || filters.after !== undefined;
  const olderHref = page.next ? `/recycle-bin?${new URLSearchParams([...query, ["after", page.next]])}` : null;
  const errors = parsed.ok ? {} : parsed.errors;
  // Set by a restore (the restored row has left the list): say what came back, and link a customer.
  const restored = /^(Customer|Contact)-(\d{1,10})$/.exec(first(params.restored) ?? "");
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro", { days: page.retentionDays })}</p>
      </div>
      <form method="get" action="/recycle-bin" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={t("filters.legend")}>
        <FilterSelect
          id="bin-type"
          name="type"
          label={t("filters.type")}
          value={first(params.type)}
          anyLabel={t("filters.any")}
          options={[
            { value: "Customer", label: t("types.Customer") },
            { value: "Contact", label: t("types.Contact") },
          ]}
        />
        <FilterField id="bin-q" label={t("filters.q")}>
          <input id="bin-q" name="q" type="search" defaultValue={first(params.q) ?? ""} maxLength={100} className={FILTER_CONTROL} />
        </FilterField>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("filters.apply")}
        </button>
        <Link href="/recycle-bin" className="px-1 py-1.5 text-sm text-brand-700 underline">
          {t("filters.reset")}
        </Link>
      </form>
      {restored ? (
        <FormMessage tone="success">
          {t(restored[1] === "Customer" ? "restoredCustomer" : "restoredContact")}{" "}
          {restored[1] === "Customer" ? (
            <Link href={`/customers/${restored[2]}`} className="underline">
              {t("openRestored")}
            </Link>
          ) : null}
        </FormMessage>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <FormMessage tone="error">
          {t("invalid")}{" "}
          {Object.values(errors)
            .map((key) => t(key.replace(/^recycleBin\./, "")))
            .join(" ")}
        </FormMessage>
      ) : null}
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="bin-empty">
          <h2 className="text-lg font-semibold">{filtered ? t("emptyFiltered") : t("empty")}</h2>
          {filtered ? (
            <Link href="/recycle-bin" className="mt-3 inline-block text-brand-700 underline">
              {t("filters.reset")}
            </Link>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
          )}
        </div>
      ) : (
        <BinTable items={page.items} timeZone={timeZone} />
      )}
      <KeysetPager newestHref={filters.after ? `/recycle-bin${query.size > 0 ? `?${query}` : ""}` : null} olderHref={olderHref} labels={{ nav: t("pagination"), newest: t("newest"), older: t("older") }} />
    </div>
  );
}

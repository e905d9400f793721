import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { segmentDescription, segmentName } from "@/components/segments/segment-name";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { FilterSelect } from "@/components/ui/filter-field";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { listSegments } from "@/lib/segments/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Every segment the user may read (everyone reads all), with filters mine / built-in / kind. */
export default async function SegmentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const kind = one(params.kind) === "DYNAMIC" || one(params.kind) === "STATIC" ? (one(params.kind) as "DYNAMIC" | "STATIC") : undefined;
  const show = one(params.show);
  const mine = show === "mine";
  const builtIn = show === "builtIn" ? true : show === "custom" ? false : undefined;
  const q = one(params.q)?.trim().slice(0, 100) || undefined;
  const [t, rows] = await Promise.all([getTranslations(), listSegments(user, { q, kind, builtIn, mine })]);
  const mayEdit = can(user, "segment.edit");
  const filtered = kind !== undefined || show !== undefined || q !== undefined;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("segments.list.title")}</h1>
          <p className="text-sm text-slate-600">{t("segments.list.intro")}</p>
        </div>
        {mayEdit ? (
          <div className="flex flex-wrap gap-2">
            <Button asChild>
              <Link href="/segments/new">{t("segments.list.new")}</Link>
            </Button>
            <Button variant="secondary" asChild>
              <Link href="/segments/new#import">{t("segments.list.import")}</Link>
            </Button>
          </div>
        ) : null}
      </div>
      {one(params.deleted) === "1" ? <FormMessage tone="success">{t("segments.saved.deleted")}</FormMessage> : null}
      <form method="get" action="/segments" aria-label={t("segments.list.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="seg-q" className="text-xs font-medium text-slate-600">
            {t("segments.list.search")}
          </label>
          <input id="seg-q" name="q" type="search" defaultValue={q ?? ""} maxLength={100} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </div>
        <FilterSelect
          id="seg-show"
          name="show"
          label={t("segments.list.show")}
          value={show ?? ""}
          anyLabel={t("segments.list.showAll")}
          options={[
            ...(mayEdit ? [{ value: "mine", label: t("segments.list.showMine") }] : []),
            { value: "builtIn", label: t("segments.list.showBuiltIn") },
            { value: "custom", label: t("segments.list.showCustom") },
          ]}
        />
        <FilterSelect
          id="seg-kind"
          name="kind"
          label={t("segments.list.kind")}
          value={kind ?? ""}
          anyLabel={t("segments.list.anyKind")}
          options={[
            { value: "DYNAMIC", label: t("segments.kind.DYNAMIC") },
            { value: "STATIC", label: t("segments.kind.STATIC") },
          ]}
        />
        <Button type="submit" variant="secondary">
          {t("segments.list.apply")}
        </Button>
        {filtered ? (
          <Link href="/segments" className="py-2 text-sm text-brand-700 hover:underline">
            {t("segments.list.reset")}
          </Link>
        ) : null}
      </form>
      <p className="text-sm text-slate-600" role="status">
        {t("segments.list.count", { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("segments.list.emptyFiltered") : t("segments.list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("segments.list.emptyFilteredHint") : mayEdit ? t("segments.list.emptyHint") : t("segments.list.emptyHintReadOnly")}</p>
          {filtered ? (
            <Link href="/segments" className="mt-3 inline-block text-brand-700 underline">
              {t("segments.list.reset")}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="segment-table">
            <caption className="sr-only">{t("segments.list.caption")}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("segments.list.name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("segments.list.kind")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("segments.list.owner")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("segments.list.members")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("segments.list.refreshed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-t border-slate-100 hover:bg-slate-50">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/segments/${s.id}`} className="text-brand-700 hover:underline">
                      {segmentName(t, s)}
                    </Link>
                    {s.builtInKey ? (
                      <Badge tone="gold" className="ml-2">
                        {t("segments.builtInBadge")}
                      </Badge>
                    ) : null}
                    {segmentDescription(t, s) ? <span className="block text-xs font-normal text-slate-500">{segmentDescription(t, s)}</span> : null}
                  </th>
                  <td className="px-3 py-2">{t(`segments.kind.${s.kind}`)}</td>
                  <td className="px-3 py-2">{s.builtInKey ? t("segments.list.system") : (s.ownerName ?? "—")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link href={`/customers?segment=${s.id}`} className="text-brand-700 hover:underline" aria-label={t("segments.list.membersLink", { count: s.memberCount, name: segmentName(t, s) })}>
                      {s.memberCount.toLocaleString("en-US")}
                    </Link>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{s.refreshedAt ? formatDateTime(s.refreshedAt) : t("segments.list.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

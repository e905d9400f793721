import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AddMembersForm } from "@/components/segments/add-members-form";
import { RefreshForm } from "@/components/segments/refresh-form";
import { SegmentForm } from "@/components/segments/segment-form";
import { segmentDescription, segmentName } from "@/components/segments/segment-name";
import { StaticMembers } from "@/components/segments/static-members";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { VersionedDeleteButton } from "@/components/ui/versioned-delete-button";
import { listCustomers } from "@/lib/customers/queries";
import { parseListQuery } from "@/lib/customers/rules/list-query";
import { now } from "@/lib/platform/clock";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { requireIdParam } from "@/lib/platform/ids";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { deleteSegmentAction } from "@/lib/segments/actions";
import { editorOptions, getSegment, segmentHistory } from "@/lib/segments/queries";

type Props = { params: Promise<{ segmentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const isDay = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("segments");
  return { title: `${t("detail.title")} #${(await params).segmentId}` };
}

/**
 * One segment: its rule in the editor (read-only for built-ins and for whoever may not edit it), the
 * live preview, members with the link to the customer list filtered by it, refresh, the membership
 * history ("who entered this month"), export, delete and, for a static list, its members.
 */
export default async function SegmentPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).segmentId);
  const sp = await searchParams;
  const segment = await getSegment(user, id);
  if (!segment) notFound();
  const timeZone = await viewerTimeZone();
  const t = await getTranslations();

  // Membership history filters: a period (viewer's calendar days), joined or left, a keyset cursor.
  const today = localDateOf(now(), timeZone);
  const monthStart = `${today.slice(0, 8)}01`;
  const hFrom = isDay(one(sp.hfrom)) ? one(sp.hfrom) : undefined;
  const hTo = isDay(one(sp.hto)) ? one(sp.hto) : undefined;
  const hDir = one(sp.hdir) === "joined" || one(sp.hdir) === "left" ? one(sp.hdir) : undefined;
  const hAfter = one(sp.hafter)?.slice(0, 200) || undefined;
  const isBuiltIn = segment.builtInKey !== null;
  const canEdit = segment.canEdit && !isBuiltIn;
  // Built-ins are refreshed by admins (owner null: only the "all" scope reaches them); others by whoever may edit.
  const canRefresh = segment.kind === "DYNAMIC" && (isBuiltIn ? can(user, "segment.edit", { ownerId: null }) : segment.canEdit);

  const [options, history, members] = await Promise.all([
    editorOptions(user),
    segmentHistory(user, id, {
      from: hFrom ? dayRange(hFrom, timeZone).start : undefined,
      to: hTo ? dayRange(hTo, timeZone).end : undefined,
      joined: hDir === undefined ? undefined : hDir === "joined",
      after: hAfter,
      limit: 50,
    }),
    segment.kind === "STATIC" ? listCustomers(user, parseListQuery({ segment: String(id), size: "50" })) : Promise.resolve(null),
  ]);
  const name = segmentName(t, segment);
  const historyHref = (q: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined));
    return `/segments/${id}?${s.toString()}#history`;
  };
  const historyFiltered = hFrom !== undefined || hTo !== undefined || hDir !== undefined;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <nav aria-label={t("segments.breadcrumb")} className="text-sm">
        <Link href="/segments" className="text-brand-700 hover:underline">
          {t("segments.list.title")}
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold text-slate-900">
            {name}
            <Badge>{t(`segments.kind.${segment.kind}`)}</Badge>
            {isBuiltIn ? <Badge tone="gold">{t("segments.builtInBadge")}</Badge> : null}
          </h1>
          <p className="text-sm text-slate-600">
            {isBuiltIn ? t("segments.detail.builtInHelp") : t("segments.detail.owner", { name: segment.ownerName ?? "—" })}
            {" · "}
            {t("segments.detail.updated", { at: formatDateTime(segment.updatedAt) })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" asChild>
            <a href={`/segments/${id}/export`} download>
              {t("segments.detail.export")}
            </a>
          </Button>
          {canEdit ? (
            <VersionedDeleteButton
              id={id}
              version={segment.version}
              snapshot={{ name: segment.name, description: segment.description }}
              action={deleteSegmentAction}
              fieldLabels="segments.form"
              texts={{
                button: t("segments.delete.button"),
                title: t("segments.delete.title", { name }),
                body: t("segments.delete.body", { count: segment.memberCount }),
                cancel: t("segments.delete.cancel"),
                confirm: t("segments.delete.confirm"),
              }}
            />
          ) : null}
        </div>
      </div>
      {one(sp.created) === "1" ? <FormMessage tone="success">{t("segments.saved.created")}</FormMessage> : null}
      {one(sp.imported) === "1" ? <FormMessage tone="success">{t("segments.saved.imported")}</FormMessage> : null}

      <div className="grid gap-4 md:grid-cols-3">
        <Card aria-labelledby="members-title">
          <h2 id="members-title" className="text-sm font-medium text-slate-600">
            {t("segments.detail.members")}
          </h2>
          <p className="text-3xl font-semibold tabular-nums" data-testid="member-count">
            {segment.memberCount.toLocaleString("en-US")}
          </p>
          <Link href={`/customers?segment=${id}`} className="text-sm text-brand-700 hover:underline">
            {t("segments.detail.showCustomers")}
          </Link>
        </Card>
        <Card aria-labelledby="refreshed-title">
          <h2 id="refreshed-title" className="text-sm font-medium text-slate-600">
            {t("segments.detail.refreshed")}
          </h2>
          <p className="text-lg tabular-nums">{segment.refreshedAt ? formatDateTime(segment.refreshedAt) : t("segments.list.never")}</p>
          <p className="text-xs text-slate-500">{segment.kind === "DYNAMIC" ? t("segments.detail.dynamicHelp") : t("segments.detail.staticHelp")}</p>
          {canRefresh ? (
            <div className="mt-2">
              <RefreshForm id={id} />
            </div>
          ) : null}
        </Card>
        <Card aria-labelledby="history-summary-title">
          <h2 id="history-summary-title" className="text-sm font-medium text-slate-600">
            {t("segments.history.thisMonth")}
          </h2>
          <p className="text-sm">
            <Link href={historyHref({ hfrom: monthStart, hto: today, hdir: "joined" })} className="text-brand-700 hover:underline">
              {t("segments.history.presetJoined")}
            </Link>
          </p>
          <p className="text-sm">
            <Link href={historyHref({ hfrom: monthStart, hto: today, hdir: "left" })} className="text-brand-700 hover:underline">
              {t("segments.history.presetLeft")}
            </Link>
          </p>
        </Card>
      </div>

      {segmentDescription(t, segment) ? <p className="text-sm text-slate-700">{segmentDescription(t, segment)}</p> : null}
      {isBuiltIn ? <FormMessage tone="success">{t("segments.detail.builtInReadOnly")}</FormMessage> : !canEdit ? <p className="text-sm text-slate-600">{t("segments.detail.readOnly")}</p> : null}

      <SegmentForm
        segment={{ id, name: segment.name, description: segment.description, kind: segment.kind, rule: segment.rule, version: segment.version, snapshot: { name: segment.name, description: segment.description }, memberCount: segment.memberCount }}
        options={options}
        readOnly={!canEdit}
      />

      {members ? (
        <Card aria-labelledby="static-members-title" className="flex flex-col gap-3">
          <h2 id="static-members-title" className="text-lg font-semibold">
            {t("segments.members.title")}
          </h2>
          <StaticMembers segmentId={id} canEdit={canEdit} more={members.next !== null} members={members.items.map((m) => ({ id: m.id, name: m.name, region: m.region, ownerName: m.ownerName }))} />
          {canEdit ? (
            <div className="border-t border-slate-200 pt-3">
              <h3 className="mb-2 text-sm font-semibold">{t("segments.members.addTitle")}</h3>
              <AddMembersForm segmentId={id} />
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card aria-labelledby="history-title" id="history" className="flex flex-col gap-3">
        <h2 id="history-title" className="text-lg font-semibold">
          {t("segments.history.title")}
        </h2>
        <form method="get" action={`/segments/${id}#history`} aria-label={t("segments.history.filters")} className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="h-from" className="text-xs font-medium text-slate-600">
              {t("segments.history.from")}
            </label>
            <input id="h-from" name="hfrom" type="date" defaultValue={hFrom ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="h-to" className="text-xs font-medium text-slate-600">
              {t("segments.history.to")}
            </label>
            <input id="h-to" name="hto" type="date" defaultValue={hTo ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="h-dir" className="text-xs font-medium text-slate-600">
              {t("segments.history.change")}
            </label>
            <select id="h-dir" name="hdir" defaultValue={hDir ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              <option value="">{t("segments.history.both")}</option>
              <option value="joined">{t("segments.history.joinedOnly")}</option>
              <option value="left">{t("segments.history.leftOnly")}</option>
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("segments.history.apply")}
          </Button>
          <Link href={historyHref({ hfrom: monthStart, hto: today, hdir: "joined" })} className="py-2 text-sm text-brand-700 hover:underline">
            {t("segments.history.presetJoined")}
          </Link>
          {historyFiltered ? (
            <Link href={`/segments/${id}#history`} className="py-2 text-sm text-brand-700 hover:underline">
              {t("segments.history.reset")}
            </Link>
          ) : null}
        </form>
        <p className="text-sm text-slate-600" role="status" data-testid="history-counts">
          {t("segments.history.counts", { joined: history.joinedCount, left: history.leftCount })}
        </p>
        {history.rows.length === 0 ? (
          <p className="rounded-md bg-slate-50 p-4 text-center text-sm text-slate-600">{historyFiltered ? t("segments.history.emptyFiltered") : t("segments.history.empty")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("segments.history.title")}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2">
                  {t("segments.history.at")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("segments.preview.customer")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("segments.history.change")}
                </th>
                <th scope="col" className="py-1">
                  {t("segments.history.cause")}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((r, i) => (
                <tr key={`${r.customerId}-${String(r.at)}-${i}`} className="border-t border-slate-100">
                  <td className="py-1 pr-2 tabular-nums">{formatDateTime(r.at)}</td>
                  <td className="py-1 pr-2">
                    <Link href={`/customers/${r.customerId}`} className="text-brand-700 hover:underline">
                      {r.customerName}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">{r.joined ? <Badge tone="green">{t("segments.history.joined")}</Badge> : <Badge tone="red">{t("segments.history.left")}</Badge>}</td>
                  <td className="py-1 text-slate-600">{r.runId !== null ? t("segments.history.byRun", { run: r.runId }) : t("segments.history.byEdit")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {history.next ? (
          <Link href={historyHref({ hfrom: hFrom, hto: hTo, hdir: hDir, hafter: history.next })} className="self-start rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100" rel="next">
            {t("segments.history.more")}
          </Link>
        ) : null}
      </Card>
    </div>
  );
}

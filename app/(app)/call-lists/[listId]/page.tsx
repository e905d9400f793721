import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListAgentsForm, ListStatusControls } from "@/components/call-lists/list-controls";
import { CountBars, HourlyCallsChart } from "@/components/call-lists/progress-charts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ChartCard } from "@/components/ui/chart-card";
import { DataTable } from "@/components/ui/data-table";
import { FilterField, FILTER_CONTROL } from "@/components/ui/filter-field";
import { Pager } from "@/components/ui/pager";
import { buildFormOptions, callListProgress, type EntryFilter, getCallList, listEntries } from "@/lib/call-lists/queries";
import { CALL_OUTCOMES } from "@/lib/call-lists/rules/outcomes";
import { nextListStatuses } from "@/lib/call-lists/rules/status";
import { slotInfo } from "@/lib/campaigns/rules/best-time";
import { requireUser } from "@/lib/platform/auth/session";
import { CallEntryStatus, CallOutcome } from "@/lib/platform/enums";
import { parseIdParam, parsePageParam } from "@/lib/platform/id-param";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";

type Props = { params: Promise<{ listId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const ENTRY_STATUSES = Object.values(CallEntryStatus);
const TONE = { ACTIVE: "green", PAUSED: "gold", COMPLETED: "neutral" } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("callLists");
  const id = parseIdParam((await params).listId);
  const user = await requireUser();
  const list = id !== null ? await getCallList(user, id) : null;
  return { title: list?.name ?? t("list.title") };
}

/**
 * One call list: its source, script, agents and exclusions; progress (calls per hour, reach,
 * conversions, records remaining, projected finish) for the list and per agent, with charts and their
 * tables; the records, drilled down by status or last outcome; pause / resume / complete.
 */
export default async function CallListPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseIdParam((await params).listId);
  if (id === null) notFound();
  const list = await getCallList(user, id);
  if (!list) notFound();
  const sp = await searchParams;
  const statusParam = one(sp.status);
  const outcomeParam = one(sp.outcome);
  const filter: EntryFilter = {
    status: ENTRY_STATUSES.find((s) => s === statusParam),
    outcome: Object.values(CallOutcome).find((o) => o === outcomeParam),
    page: parsePageParam(one(sp.page)),
  };
  const [t, format, timeZone, progress, entries, options] = await Promise.all([
    getTranslations(),
    getFormatter(),
    viewerTimeZone(),
    callListProgress(user, id),
    listEntries(user, id, filter),
    list.canManage ? buildFormOptions(user) : Promise.resolve(null),
  ]);
  if (!progress || !entries) notFound();
  const pct = (v: number | null) => (v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const num = (v: number | null, digits = 1) => (v === null ? "—" : format.number(v, { maximumFractionDigits: digits }));
  const when = (d: Date | null) => (d ? format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" }) : "—");
  const slotText = (slot: number | null) => {
    if (slot === null) return "—";
    const info = slotInfo(slot);
    return t("callLists.slot", { weekend: info.weekend ? "yes" : "no", start: String(info.startHour).padStart(2, "0"), end: String(info.endHour).padStart(2, "0") });
  };
  const projection =
    progress.projection.kind === "finished"
      ? t("callLists.progress.finished")
      : progress.projection.kind === "none"
        ? t(`callLists.progress.noProjection.${progress.projection.reason}`)
        : t("callLists.progress.projected", { at: when(progress.projection.finishAt), hours: num(progress.projection.callingHours), agents: list.agents.length });
  const hourly = progress.hourly.map((h) => ({ label: format.dateTime(h.hour, { timeZone, hour: "2-digit", minute: "2-digit" }), calls: h.calls, reached: h.reached }));
  const hrefFor = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const merged = { status: filter.status, outcome: filter.outcome, page: String(filter.page), ...over };
    for (const [k, v] of Object.entries(merged)) if (v && !(k === "page" && v === "1")) q.set(k, v);
    const s = q.toString();
    return `/call-lists/${id}${s ? `?${s}` : ""}#records`;
  };
  const pages = Math.max(1, Math.ceil(entries.total / entries.pageSize));
  const versioned = { id: list.id, version: list.version, snapshot: list.snapshot };
  const figures: { key: string; label: string; value: string }[] = [
    { key: "records", label: t("callLists.progress.records"), value: String(progress.total) },
    { key: "remaining", label: t("callLists.progress.remaining"), value: String(progress.remaining) },
    { key: "calls", label: t("callLists.progress.calls"), value: String(progress.calls) },
    { key: "callsPerHour", label: t("callLists.progress.callsPerHour"), value: num(progress.callsPerHour) },
    { key: "reach", label: t("callLists.progress.reach"), value: pct(progress.reach) },
    { key: "conversions", label: t("callLists.progress.conversions"), value: String(progress.conversions) },
  ];

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/call-lists" className="text-brand-700 hover:underline">
              {t("callLists.list.title")}
            </Link>
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold text-slate-900">
            {list.name} <Badge tone={TONE[list.status]}>{t(`callLists.statuses.${list.status}`)}</Badge>
          </h1>
          <p className="text-sm text-slate-600">
            {list.campaignId !== null ? (
              <Link href={`/campaigns/${list.campaignId}`} className="text-brand-700 underline">
                {t("callLists.list.fromCampaign", { name: list.campaignName ?? "" })}
              </Link>
            ) : list.segmentName ? (
              t("callLists.list.fromSegment", { name: list.segmentName })
            ) : null}
            {" · "}
            {t("callLists.detail.settings", { max: list.maxAttempts, retry: list.retryMinutes })}
            {" · "}
            {t("callLists.detail.builtBy", { name: list.ownerName, at: when(list.builtAt) })}
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          {list.canWork && list.status === "ACTIVE" ? (
            <Button asChild>
              <Link href="/call-lists/queue">{t("callLists.list.openQueue")}</Link>
            </Button>
          ) : null}
          {list.canManage ? <ListStatusControls list={versioned} next={nextListStatuses(list.status)} /> : null}
        </div>
      </div>

      <section aria-labelledby="figures-title" className="flex flex-col gap-2">
        <h2 id="figures-title" className="sr-only">
          {t("callLists.progress.title")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {figures.map((f) => (
            <div key={f.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`figure-${f.key}`}>
              <dt className="text-xs text-slate-500">{f.label}</dt>
              <dd className="text-xl font-semibold tabular-nums">{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-700" data-testid="projection">
          {projection}
        </p>
        <p className="text-xs text-slate-500">
          {t("callLists.detail.exclusions", { dnc: list.excludedDoNotCall, noPhone: list.excludedNoPhone })} {t("callLists.progress.help")}
        </p>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard
          id="hourly"
          title={t("callLists.progress.hourlyTitle")}
          description={t("callLists.progress.hourlyHelp")}
          tableLabel={t("callLists.progress.showTable")}
          empty={progress.recentCalls === 0 ? t("callLists.progress.noRecent") : null}
          chart={<HourlyCallsChart data={hourly} labels={{ calls: t("callLists.progress.calls"), reached: t("callLists.progress.reached") }} />}
          table={
            <DataTable
              caption={t("callLists.progress.hourlyTitle")}
              rows={hourly.filter((h) => h.calls > 0)}
              rowKey={(r) => r.label}
              columns={[
                { key: "hour", header: t("callLists.progress.hour"), cell: (r) => r.label },
                { key: "calls", header: t("callLists.progress.calls"), cell: (r) => r.calls, numeric: true },
                { key: "reached", header: t("callLists.progress.reached"), cell: (r) => r.reached, numeric: true },
              ]}
            />
          }
        />
        <ChartCard
          id="outcomes"
          title={t("callLists.progress.outcomesTitle")}
          tableLabel={t("callLists.progress.showTable")}
          empty={progress.calls === 0 ? t("callLists.progress.noCalls") : null}
          chart={<CountBars data={progress.outcomes.map((o) => ({ label: t(`callLists.outcomes.${o.outcome}`), value: o.calls }))} />}
          table={
            <DataTable
              caption={t("callLists.progress.outcomesTitle")}
              rows={progress.outcomes}
              rowKey={(r) => r.outcome}
              columns={[
                {
                  key: "outcome",
                  header: t("callLists.progress.outcome"),
                  cell: (r) => (
                    <Link href={hrefFor({ outcome: r.outcome, status: undefined, page: "1" })} className="text-brand-700 hover:underline">
                      {t(`callLists.outcomes.${r.outcome}`)}
                    </Link>
                  ),
                },
                { key: "calls", header: t("callLists.progress.calls"), cell: (r) => r.calls, numeric: true },
              ]}
            />
          }
        />
      </div>

      <ChartCard
        id="agents"
        title={t("callLists.progress.agentsTitle")}
        description={t("callLists.progress.agentsHelp")}
        tableLabel={t("callLists.progress.showTable")}
        empty={progress.agents.length === 0 ? t("callLists.progress.noCalls") : null}
        chart={<CountBars data={progress.agents.map((a) => ({ label: a.name, value: a.calls }))} />}
        table={
          <DataTable
            caption={t("callLists.progress.agentsTitle")}
            rows={progress.agents}
            rowKey={(r) => r.agentId}
            columns={[
              { key: "name", header: t("callLists.progress.agent"), cell: (r) => r.name },
              { key: "calls", header: t("callLists.progress.calls"), cell: (r) => r.calls, numeric: true },
              { key: "cph", header: t("callLists.progress.callsPerHour"), cell: (r) => num(r.callsPerHour), numeric: true },
              { key: "reach", header: t("callLists.progress.reach"), cell: (r) => pct(r.reach), numeric: true },
              { key: "conversions", header: t("callLists.progress.conversions"), cell: (r) => r.conversions, numeric: true },
            ]}
          />
        }
      />

      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="script-title">
          <h2 id="script-title" className="mb-2 text-base font-semibold">
            {t("callLists.queue.script")}
          </h2>
          {list.script ? <p className="whitespace-pre-wrap text-sm">{list.script}</p> : <p className="text-sm text-slate-500">{t("callLists.queue.noScript")}</p>}
        </Card>
        <Card aria-labelledby="agents-title" className="flex flex-col gap-2">
          <h2 id="agents-title" className="text-base font-semibold">
            {t("callLists.detail.agents")}
          </h2>
          <p className="text-sm">{list.agents.map((a) => a.name).join(", ") || "—"}</p>
          {list.canManage && options && list.status !== "COMPLETED" ? <ListAgentsForm list={versioned} agents={options.agents} seated={list.agents.map((a) => a.id)} /> : null}
        </Card>
      </div>

      <Card aria-labelledby="records-title" className="flex flex-col gap-3" id="records">
        <h2 id="records-title" className="text-base font-semibold">
          {t("callLists.detail.records")}
        </h2>
        <form method="get" action={`/call-lists/${id}#records`} className="flex flex-wrap items-end gap-3" aria-label={t("callLists.detail.filter")}>
          <FilterField id="f-status" label={t("callLists.list.status")}>
            <select id="f-status" name="status" defaultValue={filter.status ?? ""} className={FILTER_CONTROL}>
              <option value="">{t("callLists.detail.any")}</option>
              {ENTRY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`callLists.entryStatuses.${s}`)} ({progress.counts[s]})
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField id="f-outcome" label={t("callLists.detail.lastOutcome")}>
            <select id="f-outcome" name="outcome" defaultValue={filter.outcome ?? ""} className={FILTER_CONTROL}>
              <option value="">{t("callLists.detail.any")}</option>
              {CALL_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`callLists.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </FilterField>
          <Button type="submit" variant="secondary">
            {t("callLists.detail.apply")}
          </Button>
        </form>
        <div className="overflow-x-auto">
          <DataTable
            caption={t("callLists.detail.records")}
            rows={entries.items}
            rowKey={(r) => r.id}
            empty={t("callLists.detail.noRecords")}
            columns={[
              {
                key: "customer",
                header: t("callLists.detail.customer"),
                cell: (r) => (
                  <Link href={`/customers/${r.customerId}`} className="text-brand-700 hover:underline">
                    {r.customerName}
                  </Link>
                ),
              },
              { key: "phone", header: t("callLists.detail.phone"), cell: (r) => r.phone ?? "—" },
              { key: "status", header: t("callLists.list.status"), cell: (r) => t(`callLists.entryStatuses.${r.status}`) },
              { key: "priority", header: t("callLists.detail.priority"), cell: (r) => num(r.priority, 2), numeric: true },
              { key: "attempts", header: t("callLists.detail.attempts"), cell: (r) => r.attempts, numeric: true },
              { key: "due", header: t("callLists.detail.due"), cell: (r) => when(r.dueAt) },
              { key: "slot", header: t("callLists.detail.bestSlot"), cell: (r) => slotText(r.bestSlot) },
              { key: "outcome", header: t("callLists.detail.lastOutcome"), cell: (r) => (r.lastOutcome ? t(`callLists.outcomes.${r.lastOutcome}`) : "—") },
              { key: "agent", header: t("callLists.detail.agent"), cell: (r) => r.agentName ?? "—" },
            ]}
          />
        </div>
        <Pager
          page={entries.page}
          pages={pages}
          hrefFor={(p) => hrefFor({ page: String(p) })}
          labels={{ nav: t("callLists.detail.pages"), prev: t("callLists.detail.prev"), next: t("callLists.detail.next"), position: t("callLists.detail.position", { page: entries.page, pages }) }}
        />
      </Card>
    </div>
  );
}

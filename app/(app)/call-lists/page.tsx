import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { listCallLists } from "@/lib/call-lists/queries";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callLists");
  return { title: t("list.title") };
}

const TONE = { ACTIVE: "green", PAUSED: "gold", COMPLETED: "neutral" } as const;

/** The call lists the user may see (all for admins and managers, assigned ones for reps and agents) with their progress. */
export default async function CallListsPage() {
  const user = await requireUser();
  const [t, lists] = await Promise.all([getTranslations(), listCallLists(user)]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("callLists.list.title")}</h1>
          <p className="text-sm text-slate-600">{t("callLists.list.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="secondary">
            <Link href="/call-lists/queue">{t("callLists.list.openQueue")}</Link>
          </Button>
          {can(user, "callList.manage") ? (
            <Button asChild>
              <Link href="/call-lists/new">{t("callLists.list.new")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      {lists.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("callLists.list.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("callLists.list.title")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-3 py-2 font-medium">{t("callLists.list.name")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("callLists.list.source")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("callLists.list.status")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("callLists.list.records")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("callLists.list.remaining")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("callLists.list.calls")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("callLists.list.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => {
                const done = l.total - l.remaining;
                const share = l.total > 0 ? done / l.total : 0;
                return (
                  <tr key={l.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-2">
                      <Link href={`/call-lists/${l.id}`} className="font-medium text-brand-700 hover:underline">
                        {l.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-slate-600">
                      {l.campaignName ? t("callLists.list.fromCampaign", { name: l.campaignName }) : l.segmentName ? t("callLists.list.fromSegment", { name: l.segmentName }) : "—"}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={TONE[l.status]}>{t(`callLists.statuses.${l.status}`)}</Badge>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.total}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.remaining}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.calls}</td>
                    <td className="px-3 py-2">
                      <div className="flex items-center gap-2">
                        <progress value={done} max={Math.max(1, l.total)} className="h-2 w-32" aria-label={t("callLists.list.progressOf", { name: l.name })} />
                        <span className="tabular-nums text-slate-600">{`${Math.round(share * 100)}%`}</span>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

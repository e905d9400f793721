import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CallerCardView } from "@/components/console/caller-card";
import { CallOutcomeForm, NextCallButton } from "@/components/call-lists/queue-controls";
import { Card } from "@/components/ui/card";
import { queueState } from "@/lib/call-lists/queries";
import { slotInfo } from "@/lib/campaigns/rules/best-time";
import { requireUser } from "@/lib/platform/auth/session";
import { now } from "@/lib/platform/clock";
import { localDateTimeOf } from "@/lib/platform/time-zone";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { lookupCaller } from "@/lib/tickets/console";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("callLists");
  return { title: t("queue.title") };
}

/**
 * The agent's queue: "Next call" takes the next due record of the lists the user works (under a row
 * lock); the call in progress shows the customer as the contact console pops it, the list's script
 * and the outcome buttons. A held call survives a reload: "next call" gives it back.
 */
export default async function CallQueuePage() {
  const user = await requireUser();
  const [t, format, timeZone] = await Promise.all([getTranslations(), getFormatter(), viewerTimeZone()]);
  const { lists, held } = await queueState(user);
  const lookup = held?.phone ? await lookupCaller(user, held.phone) : null;
  const card = lookup?.matches.find((m) => m.id === held?.customerId) ?? null;
  const dueTotal = lists.reduce((s, l) => s + l.due, 0);
  const slotText = (slot: number | null) => {
    if (slot === null) return "—";
    const info = slotInfo(slot);
    return t("callLists.slot", { weekend: info.weekend ? "yes" : "no", start: String(info.startHour).padStart(2, "0"), end: String(info.endHour).padStart(2, "0") });
  };

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("callLists.queue.title")}</h1>
          <p className="text-sm text-slate-600">{t("callLists.queue.intro")}</p>
        </div>
        <Link href="/call-lists" className="text-sm text-brand-700 hover:underline">
          {t("callLists.queue.allLists")}
        </Link>
      </div>

      {held ? (
        <div className="flex flex-col gap-4" data-testid="call-in-progress">
          <Card aria-labelledby="call-title" className="flex flex-col gap-2">
            <h2 id="call-title" className="text-lg font-semibold">
              {t("callLists.queue.inCall", { name: held.customerName })}
            </h2>
            <p className="text-sm text-slate-600">
              {t("callLists.queue.callMeta", { list: held.listName, attempt: held.attempts + 1, max: held.maxAttempts })} · {t("callLists.queue.bestSlot", { slot: slotText(held.bestSlot) })}
            </p>
            <p className="text-2xl font-semibold tabular-nums" data-testid="call-phone">
              {held.phone ?? "—"}
            </p>
            {held.takenAt ? <p className="text-xs text-slate-500">{t("callLists.queue.takenAt", { at: format.dateTime(held.takenAt, { timeZone, timeStyle: "short" }) })}</p> : null}
          </Card>
          {card ? <CallerCardView card={card} timeZone={timeZone} /> : null}
          <div className="grid gap-4 lg:grid-cols-2">
            <Card aria-labelledby="script-title">
              <h2 id="script-title" className="mb-2 text-base font-semibold">
                {t("callLists.queue.script")}
              </h2>
              {held.script ? <p className="whitespace-pre-wrap text-sm text-slate-800">{held.script}</p> : <p className="text-sm text-slate-500">{t("callLists.queue.noScript")}</p>}
            </Card>
            <Card aria-labelledby="outcome-title">
              <h2 id="outcome-title" className="sr-only">
                {t("callLists.queue.outcomeTitle")}
              </h2>
              <CallOutcomeForm key={`${held.entryId}-${held.version}`} entryId={held.entryId} version={held.version} defaultCallback={localDateTimeOf(new Date(now().getTime() + 2 * 3_600_000), timeZone)} timeZone={timeZone} />
            </Card>
          </div>
        </div>
      ) : (
        <Card aria-labelledby="next-title" className="flex flex-col gap-3">
          <h2 id="next-title" className="text-lg font-semibold">
            {t("callLists.queue.ready")}
          </h2>
          {lists.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="queue-empty">
              {t("callLists.queue.noLists")}
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("callLists.queue.dueTotal", { count: dueTotal })}</p>
              <NextCallButton listId={null} label={t("callLists.queue.next")} primary />
              <table className="w-full text-sm">
                <caption className="sr-only">{t("callLists.queue.listsCaption")}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="px-2 py-1.5 font-medium">
                      {t("callLists.list.name")}
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      {t("callLists.queue.due")}
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      {t("callLists.queue.callbacksDue")}
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      {t("callLists.list.remaining")}
                    </th>
                    <th scope="col" className="px-2 py-1.5">
                      <span className="sr-only">{t("callLists.queue.next")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {lists.map((l) => (
                    <tr key={l.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-2 py-1.5">
                        <Link href={`/call-lists/${l.id}`} className="text-brand-700 hover:underline">
                          {l.name}
                        </Link>
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{l.due}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{l.callbacksDue}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{l.remaining}</td>
                      <td className="px-2 py-1.5 text-right">
                        <NextCallButton listId={l.id} label={t("callLists.queue.nextFrom", { name: l.name })} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
      )}
    </div>
  );
}

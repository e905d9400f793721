import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TicketTable } from "@/components/tickets/ticket-table";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/platform/auth/permissions";
import { queueState } from "@/lib/call-lists/queries";
import { agentQueueSummary, listTickets } from "@/lib/tickets/queries";

const QUEUE_SIZE = 10;

/**
 * The agent's day: how the queue stands (each count opens the list filtered alike), the calls due in
 * the call lists they are seated on (when there are any), and the open tickets they hold, soonest due first.
 */
export async function AgentHome({ user, timeZone }: { user: Actor; timeZone: string }) {
  const [t, page, summary, calls] = await Promise.all([
    getTranslations("service"),
    listTickets(user, { status: "open", assignee: "me", sort: "due" }),
    agentQueueSummary(user),
    queueState(user),
  ]);
  const callsDue = calls.lists.reduce((sum, l) => sum + l.due, 0) + (calls.held ? 1 : 0);
  const mine = page.items.slice(0, QUEUE_SIZE);
  // "Due within a day" has no list filter of its own: the list sorted by due time shows those first.
  const counts = [
    { key: "mine", value: summary.mine, href: "/tickets?assignee=me", tone: "text-slate-900" },
    { key: "dueSoon", value: summary.dueSoon, href: "/tickets?assignee=me&sort=due", tone: summary.dueSoon > 0 ? "text-amber-700" : "text-slate-900" },
    { key: "breached", value: summary.breached, href: "/tickets?assignee=me&sla=breached", tone: summary.breached > 0 ? "text-red-700" : "text-slate-900" },
    { key: "unassigned", value: summary.unassigned, href: "/tickets?assignee=unassigned", tone: "text-slate-900" },
  ] as const;
  return (
    <div className="flex flex-col gap-4" data-testid="agent-home">
      <section aria-labelledby="agent-summary">
        <h2 id="agent-summary" className="sr-only">
          {t("agentHome.summary")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
          {counts.map((c) => (
            <li key={c.key}>
              <Link
                href={c.href}
                className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                data-testid={`agent-count-${c.key}`}
              >
                <span className={`text-3xl font-semibold tabular-nums ${c.tone}`}>{c.value}</span>
                <span className="text-sm text-slate-600">{t(`agentHome.${c.key}`)}</span>
              </Link>
            </li>
          ))}
          {calls.lists.length > 0 ? (
            <li>
              <Link
                href="/call-lists/queue"
                className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-300 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                data-testid="agent-count-calls"
              >
                <span className="text-3xl font-semibold tabular-nums text-slate-900">{callsDue}</span>
                <span className="text-sm text-slate-600">{t("agentHome.callsDue", { lists: calls.lists.length })}</span>
              </Link>
            </li>
          ) : null}
          <li>
            <div className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="agent-csat">
              <span className="text-3xl font-semibold tabular-nums text-slate-900">{summary.csat.average === null ? "—" : summary.csat.average.toFixed(1)}</span>
              <span className="text-sm text-slate-600">{t("agentHome.csat", { count: summary.csat.count })}</span>
            </div>
          </li>
        </ul>
      </section>
      <Card aria-labelledby="agent-queue">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="agent-queue" className="text-lg font-semibold">
            {t("agentHome.title")}
          </h2>
          <Link href="/tickets?assignee=me" className="text-sm text-brand-700 underline">
            {t("agentHome.all")}
          </Link>
        </div>
        {mine.length === 0 ? (
          <div className="rounded-md border border-dashed border-slate-300 p-6 text-center">
            <p className="font-medium">{t("agentHome.empty")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("agentHome.emptyHint")}</p>
          </div>
        ) : (
          <>
            <TicketTable tickets={mine} timeZone={timeZone} caption={t("agentHome.queueCaption")} compact />
            {page.total > mine.length ? <p className="mt-2 text-sm text-slate-600">{t("agentHome.shown", { shown: mine.length, total: page.total })}</p> : null}
          </>
        )}
      </Card>
    </div>
  );
}

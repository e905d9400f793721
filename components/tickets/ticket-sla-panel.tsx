import { getFormatter, getTranslations } from "next-intl/server";
import type { TicketDto } from "@/lib/tickets/queries";
import { SlaBadge } from "./ticket-badges";

/** The two SLA targets (first response, resolution): due instant, state, when met; and the pause while waiting on the customer. */
export async function TicketSlaPanel({ ticket, timeZone }: { ticket: TicketDto; timeZone: string }) {
  const t = await getTranslations("service.slaPanel");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" }) : null);
  const rows = [
    { key: "firstResponse", due: ticket.firstResponseDueAt, flag: ticket.firstResponseSla, done: ticket.firstResponseAt },
    { key: "resolution", due: ticket.slaDueAt, flag: ticket.sla, done: ticket.resolvedAt },
  ] as const;
  return (
    <div className="flex flex-col gap-3">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              {t("target")}
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              {t("due")}
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              {t("state")}
            </th>
            <th scope="col" className="py-1 font-medium">
              {t("done")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-100 align-top">
              <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                {t(r.key)}
              </th>
              <td className="py-1.5 pr-3 tabular-nums">{when(r.due) ?? t("noDue")}</td>
              <td className="py-1.5 pr-3">
                <SlaBadge flag={r.flag} testId={`sla-${r.key}`} />
              </td>
              <td className="py-1.5 tabular-nums">{when(r.done) ?? t("notYet")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ticket.slaPausedAt ? (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="sla-paused">
          {t("paused", { time: when(ticket.slaPausedAt) ?? "" })}
        </p>
      ) : null}
    </div>
  );
}

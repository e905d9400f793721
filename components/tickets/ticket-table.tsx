import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TicketDto } from "@/lib/tickets/queries";
import { SlaBadge, TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";

type Props = {
  tickets: TicketDto[];
  timeZone: string;
  caption: string;
  /** The home page's short form: no category, assignee or opening time. */
  compact?: boolean;
};

/** Tickets as a table: subject (detail link), customer, category, priority, status, assignee, SLA with due time, opened. */
export async function TicketTable({ tickets, timeZone, caption, compact }: Props) {
  const t = await getTranslations("service");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const th = "px-3 py-2 font-medium";
  // A category retired from the list still reads as itself.
  const category = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}`) : c);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={th}>
              {t("fields.subject")}
            </th>
            <th scope="col" className={th}>
              {t("fields.customer")}
            </th>
            {compact ? null : (
              <th scope="col" className={th}>
                {t("fields.category")}
              </th>
            )}
            <th scope="col" className={th}>
              {t("fields.priority")}
            </th>
            <th scope="col" className={th}>
              {t("fields.status")}
            </th>
            {compact ? null : (
              <th scope="col" className={th}>
                {t("fields.assignee")}
              </th>
            )}
            <th scope="col" className={th}>
              {t("fields.sla")}
            </th>
            {compact ? null : (
              <th scope="col" className={th}>
                {t("fields.createdAt")}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id} className="border-b border-slate-100 align-top last:border-0" data-testid="ticket-row">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link href={`/tickets/${ticket.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {ticket.subject}
                </Link>
                <span className="ml-1 text-xs font-normal text-slate-500">{t("detail.number", { id: ticket.id })}</span>
              </th>
              <td className="px-3 py-2">
                <Link href={`/customers/${ticket.customer.id}`} className="text-brand-700 hover:underline">
                  {ticket.customer.name}
                </Link>
              </td>
              {compact ? null : <td className="px-3 py-2">{category(ticket.category)}</td>}
              <td className="whitespace-nowrap px-3 py-2">
                <TicketPriorityBadge priority={ticket.priority} />
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <TicketStatusBadge status={ticket.status} />
              </td>
              {compact ? null : <td className="px-3 py-2">{ticket.assignee?.name ?? <span className="text-slate-500">{t("list.queue")}</span>}</td>}
              <td className="whitespace-nowrap px-3 py-2">
                <SlaBadge flag={ticket.sla} />
                {ticket.slaDueAt ? <span className="mt-0.5 block text-xs text-slate-600">{t("list.due", { time: when(ticket.slaDueAt) })}</span> : null}
              </td>
              {compact ? null : <td className="whitespace-nowrap px-3 py-2 tabular-nums">{when(ticket.createdAt)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

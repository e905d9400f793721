import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/calendar/time-zone-sync";
import { TicketAssignForm, TicketTakeButton } from "@/components/tickets/ticket-assign-form";
import { TicketPriorityBadge, TicketStatusBadge } from "@/components/tickets/ticket-badges";
import { TicketConversation } from "@/components/tickets/ticket-conversation";
import { TicketCsatForm } from "@/components/tickets/ticket-csat-form";
import { TicketMessageForm } from "@/components/tickets/ticket-message-form";
import { TicketSlaPanel } from "@/components/tickets/ticket-sla-panel";
import { TicketStatusButtons } from "@/components/tickets/ticket-status-buttons";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { requireUser } from "@/lib/platform/auth/session";
import { requireIdParam } from "@/lib/platform/ids";
import { can } from "@/lib/platform/auth/permissions";
import { HistoryLink } from "@/components/audit/history-link";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { getTicket, ticketAssignees } from "@/lib/tickets/queries";
import { isOpenTicket } from "@/lib/tickets/rules/status";
import { isTicketCategory } from "@/lib/tickets/rules/categories";
import { inViewerOrder } from "@/lib/tickets/rules/reply-templates";
import { listReplyTemplates } from "@/lib/tickets/templates";

type Props = { params: Promise<{ ticketId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("service");
  return { title: `${t("detail.title")} #${(await params).ticketId}` };
}

export default async function TicketPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).ticketId);
  // A ticket the user may not read looks exactly like a missing one.
  const ticket = await getTicket(user, id);
  if (!ticket) notFound();
  const [t, format, timeZone, query] = await Promise.all([getTranslations("service"), getFormatter(), viewerTimeZone(), searchParams]);
  const agents = ticket.can.reassign ? await ticketAssignees(user) : [];
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const category = t.has(`categories.${ticket.category}`) ? t(`categories.${ticket.category}`) : ticket.category;
  const channel = t.has(`channels.${ticket.channel}`) ? t(`channels.${ticket.channel}`) : ticket.channel;
  // Where a reply goes: the contact's address, else the customer's (as the data layer sends it).
  const replyTo = ticket.contact?.email ?? ticket.customer.email;
  const open = isOpenTicket(ticket.status);
  const takeable = user.role === "AGENT" && ticket.assignee === null && ticket.can.edit && open;
  const resolved = ticket.status === "RESOLVED" || ticket.status === "CLOSED";
  const people = ticket.assignee && !agents.some((a) => a.id === ticket.assignee?.id) ? [...agents, ticket.assignee] : agents;
  const justCreated = query.created === "1";
  // The reply form's templates: this category's, the viewer's language first, filled in for this ticket.
  const templates =
    ticket.can.edit && isTicketCategory(ticket.category)
      ? {
          items: inViewerOrder(await listReplyTemplates(user, { category: ticket.category }), await getLocale()).map(({ id: templateId, name, locale, body }) => ({ id: templateId, name, locale, body })),
          values: { customer: ticket.customer.name, contact: ticket.contact?.name ?? ticket.customer.name, agent: user.name, ticket: String(ticket.id), subject: ticket.subject },
        }
      : undefined;

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <TimeZoneSync current={timeZone} />
      <nav aria-label={t("detail.breadcrumb")} className="text-sm">
        <Link href="/tickets" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      {justCreated ? (
        <FormMessage tone="success">
          {t("detail.created")} {ticket.assignee ? t("detail.routedTo", { name: ticket.assignee.name }) : t("detail.queued")}
        </FormMessage>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{ticket.subject}</h1>
        <span className="text-slate-500">{t("detail.number", { id: ticket.id })}</span>
        <TicketStatusBadge status={ticket.status} />
        <TicketPriorityBadge priority={ticket.priority} />
        {can(user, "audit.read") ? <HistoryLink entity="Ticket" id={ticket.id} /> : null}
      </div>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-slate-500">{t("fields.customer")}</dt>
          <dd>
            <Link href={`/customers/${ticket.customer.id}`} className="font-medium text-brand-700 hover:underline">
              {ticket.customer.name}
            </Link>
            {ticket.customer.email ? <span className="block text-slate-600">{ticket.customer.email}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.contact")}</dt>
          <dd>
            {ticket.contact ? (
              <>
                {ticket.contact.name}
                <span className="block text-slate-600">{ticket.contact.email ?? t("detail.noEmail")}</span>
              </>
            ) : (
              t("detail.noContact")
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.tier")}</dt>
          <dd>{ticket.tier ? t(`tiers.${ticket.tier}`) : t("detail.noTier")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.category")}</dt>
          <dd>{category}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.channel")}</dt>
          <dd>{channel}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.assignee")}</dt>
          <dd data-testid="ticket-assignee">{ticket.assignee?.name ?? t("list.queue")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.createdAt")}</dt>
          <dd>
            <time dateTime={ticket.createdAt.toISOString()}>{when(ticket.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.satisfaction")}</dt>
          <dd>{ticket.satisfaction !== null ? t("detail.satisfactionValue", { score: ticket.satisfaction }) : "—"}</dd>
        </div>
      </dl>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <Card aria-labelledby="ticket-conversation">
            <h2 id="ticket-conversation" className="mb-3 text-lg font-semibold">
              {t("conversation.title")}
            </h2>
            <TicketConversation ticket={ticket} timeZone={timeZone} />
          </Card>
          {ticket.can.edit ? (
            <Card aria-labelledby="ticket-compose">
              <h2 id="ticket-compose" className="mb-3 text-lg font-semibold">
                {t("messageForm.title")}
              </h2>
              <TicketMessageForm id={ticket.id} replyTo={replyTo} closed={ticket.status === "CLOSED"} templates={templates} />
            </Card>
          ) : (
            <p className="text-sm text-slate-600" data-testid="ticket-read-only">
              {t("detail.readOnly")}
            </p>
          )}
        </div>
        <div className="flex flex-col gap-4">
          {ticket.can.next.length > 0 ? (
            <Card aria-labelledby="ticket-status">
              <h2 id="ticket-status" className="mb-1 text-lg font-semibold">
                {t("status.title")}
              </h2>
              <p className="mb-3 text-sm text-slate-600">{t("status.now", { status: t(`statuses.${ticket.status}`) })}</p>
              <TicketStatusButtons id={ticket.id} version={ticket.version} snapshot={ticket.snapshot} next={ticket.can.next} people={people} />
            </Card>
          ) : null}
          {(ticket.can.reassign && open) || takeable ? (
            <Card aria-labelledby="ticket-assign">
              <h2 id="ticket-assign" className="mb-3 text-lg font-semibold">
                {t("assign.title")}
              </h2>
              {takeable ? <TicketTakeButton id={ticket.id} version={ticket.version} snapshot={ticket.snapshot} userId={user.id} /> : null}
              {ticket.can.reassign && open ? <TicketAssignForm id={ticket.id} version={ticket.version} snapshot={ticket.snapshot} agents={agents} current={ticket.assignee} /> : null}
            </Card>
          ) : null}
          <Card aria-labelledby="ticket-sla">
            <h2 id="ticket-sla" className="mb-3 text-lg font-semibold">
              {t("slaPanel.title")}
            </h2>
            <TicketSlaPanel ticket={ticket} timeZone={timeZone} />
          </Card>
          {resolved ? (
            <Card aria-labelledby="ticket-csat">
              <h2 id="ticket-csat" className="mb-3 text-lg font-semibold">
                {t("csat.title")}
              </h2>
              <TicketCsatForm id={ticket.id} satisfaction={ticket.satisfaction} satisfactionBy={ticket.satisfactionBy} canRecord={ticket.can.edit} />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

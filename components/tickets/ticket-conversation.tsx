import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { TicketDetail } from "@/lib/tickets/queries";

const MAIL_TONE: Record<string, BadgeTone> = { QUEUED: "gold", SENDING: "gold", SENT: "green", FAILED: "red" };

/**
 * The ticket's conversation, oldest first: the description it was opened with, then internal notes
 * (marked, never sent), replies with the state of their email, and the customer's inbound messages.
 */
export async function TicketConversation({ ticket, timeZone }: { ticket: TicketDetail; timeZone: string }) {
  const t = await getTranslations("service");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const mailLabel = (status: string | null) => (status && t.has(`mailStatus.${status}`) ? t(`mailStatus.${status}`) : status ?? t("mailStatus.none"));
  return (
    <ol className="flex flex-col gap-3" aria-label={t("conversation.label")}>
      {ticket.description ? (
        <li>
          <article className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
            <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
              <span className="font-medium text-slate-800">{t("conversation.opened")}</span>
              <time dateTime={ticket.createdAt.toISOString()}>{when(ticket.createdAt)}</time>
            </header>
            <p className="whitespace-pre-wrap">{ticket.description}</p>
          </article>
        </li>
      ) : null}
      {ticket.messages.map((m) => (
        <li key={m.id}>
          <article
            className={cn(
              "rounded-md border p-3 text-sm",
              m.kind === "NOTE" && "border-amber-300 border-l-4 bg-amber-50",
              m.kind === "REPLY" && "border-brand-100 bg-white",
              m.kind === "INBOUND" && "border-slate-200 bg-slate-50",
            )}
            data-testid={`message-${m.kind.toLowerCase()}`}
          >
            <header className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
              {m.kind === "NOTE" ? (
                <Badge tone="gold">{t("conversation.note")}</Badge>
              ) : m.kind === "REPLY" ? (
                <Badge tone="brand">{t("conversation.reply")}</Badge>
              ) : (
                <Badge tone="neutral">{t("conversation.inbound")}</Badge>
              )}
              <span className="font-medium text-slate-800">{m.author?.name ?? (m.kind === "INBOUND" ? ticket.contact?.name ?? ticket.customer.name : t("conversation.system"))}</span>
              {m.kind === "INBOUND" && m.fromAddress ? <span>{t("conversation.from", { address: m.fromAddress })}</span> : null}
              <time dateTime={m.createdAt.toISOString()}>{when(m.createdAt)}</time>
              {m.kind === "NOTE" ? <span className="italic">({t("conversation.noteHint")})</span> : null}
              {m.kind === "REPLY" ? (
                <Badge tone={m.mailStatus ? (MAIL_TONE[m.mailStatus] ?? "neutral") : "neutral"} data-testid="mail-status" title={t("conversation.mailStatus")}>
                  {mailLabel(m.mailStatus)}
                </Badge>
              ) : null}
            </header>
            <p className="whitespace-pre-wrap">{m.body}</p>
            {m.attachments.length > 0 ? (
              <ul className="mt-2 flex flex-wrap gap-2 text-xs text-slate-600" aria-label={t("conversation.attachments")} data-testid="message-attachments">
                {m.attachments.map((a, i) => (
                  <li key={`${a.name}-${i}`} className="rounded border border-slate-200 bg-white px-2 py-0.5">
                    {a.name} · {a.size >= 1_048_576 ? `${(a.size / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(a.size / 1024))} KB`}
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        </li>
      ))}
      {ticket.messages.length === 0 ? <li className="text-sm text-slate-500">{t("conversation.empty")}</li> : null}
    </ol>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OutboxStatus } from "@/lib/platform/enums";
import type { OutboxItem } from "@/lib/platform/mail";
import { RecordTable } from "@/components/ui/record-table";

const TONES: Record<OutboxStatus, BadgeTone> = { QUEUED: "gold", SENDING: "brand", SENT: "green", FAILED: "red" };

/** One row per mail: status, recipient, subject with the text body behind a disclosure, attempts, last error, times. */
export async function OutboxTable({ items, timeZone }: { items: OutboxItem[]; timeZone: string }) {
  const t = await getTranslations("mail");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <RecordTable
      caption={t("title")}
      columns={[
        { key: "status", header: t("columns.status") },
        { key: "to", header: t("columns.to") },
        { key: "subject", header: t("columns.subject") },
        { key: "attempts", header: t("columns.attempts"), numeric: true },
        { key: "lastError", header: t("columns.lastError") },
        { key: "created", header: t("columns.created") },
        { key: "sent", header: t("columns.sent") },
      ]}
    >
    <tbody>
      {items.map((mail) => (
        <tr key={mail.id} className="border-t border-slate-100 align-top" data-testid="outbox-row">
          <td className="px-3 py-2 whitespace-nowrap">
            <Badge tone={TONES[mail.status]}>{t(`status.${mail.status}`)}</Badge>
            {mail.status === "QUEUED" && mail.attempts > 0 ? <p className="mt-1 text-xs text-slate-500">{t("nextAttempt", { at: when(mail.nextAttemptAt) })}</p> : null}
            {mail.status === "SENDING" ? <p className="mt-1 text-xs text-slate-500">{t("claimedUntil", { at: when(mail.nextAttemptAt) })}</p> : null}
          </td>
          <td className="px-3 py-2 break-all">{mail.to}</td>
          <td className="px-3 py-2">
            <details>
              <summary className="cursor-pointer font-medium text-slate-900">
                {mail.subject}
                <span className="sr-only"> — {t("showText")}</span>
              </summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-2 font-sans text-xs whitespace-pre-wrap text-slate-700">{mail.text}</pre>
            </details>
            {mail.entity ? <p className="mt-1 text-xs text-slate-500">{t("about", { entity: mail.entity, id: mail.entityId ?? "" })}</p> : null}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{mail.attempts}</td>
          <td className="px-3 py-2 text-xs break-words text-red-800">{mail.lastError ?? "—"}</td>
          <td className="px-3 py-2 whitespace-nowrap">{when(mail.createdAt)}</td>
          <td className="px-3 py-2 whitespace-nowrap">{mail.sentAt ? when(mail.sentAt) : "—"}</td>
        </tr>
      ))}
    </tbody>
    </RecordTable>
  );
}

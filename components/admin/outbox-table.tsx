import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OutboxStatus } from "@/lib/platform/enums";
import type { OutboxItem } from "@/lib/platform/mail";

const TONES: Record<OutboxStatus, BadgeTone> = { QUEUED: "gold", SENDING: "brand", SENT: "green", FAILED: "red" };

/** One row per mail: status, recipient, subject with the text body behind a disclosure, attempts, last error, times. */
export async function OutboxTable({ items, timeZone }: { items: OutboxItem[]; timeZone: string }) {
  const t = await getTranslations("mail");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("columns.status")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.to")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.subject")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("columns.attempts")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.lastError")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.created")}</th>
            <th scope="col" className="px-3 py-2">{t("columns.sent")}</th>
          </tr>
        </thead>
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
      </table>
    </div>
  );
}

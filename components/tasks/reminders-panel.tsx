import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { TaskDto } from "@/lib/tasks/queries";

/**
 * Reminders whose time has passed on open tasks. Shown in the app only: there is no e-mail or push
 * delivery (no mail service is part of the product).
 */
export async function RemindersPanel({ reminders, total, timeZone }: { reminders: TaskDto[]; total: number; timeZone: string }) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <section aria-labelledby="reminders-heading" className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="reminders">
      <h2 id="reminders-heading" className="flex items-center gap-2 text-base font-semibold text-amber-900">
        {t("tasks.reminders.title")}
        <Badge tone={total > 0 ? "gold" : "neutral"} aria-label={t("tasks.reminders.count", { count: total })}>
          {total}
        </Badge>
      </h2>
      {reminders.length === 0 ? (
        <p className="mt-1 text-sm text-amber-900">{t("tasks.reminders.none")}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {reminders.map((r) => (
            <li key={r.id}>
              <Link href={`/tasks/${r.id}`} className="font-medium text-amber-950 underline-offset-2 hover:underline">
                {r.title}
              </Link>{" "}
              <span className="text-amber-900">{t("tasks.reminders.due", { when: format.dateTime(r.dueAt, { timeZone, dateStyle: "medium", timeStyle: "short" }) })}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-amber-800">{t("tasks.reminders.inAppOnly")}</p>
    </section>
  );
}

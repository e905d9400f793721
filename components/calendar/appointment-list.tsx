import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { AppointmentDto } from "@/lib/calendar/queries";
import { allDayOn, layoutDay } from "@/lib/calendar/rules/grid";
import { dayRange } from "@/lib/platform/time-zone";

/** The accessible alternative to the grid: each day a heading and its appointments in time order. */
export async function AppointmentList({ days, items, timeZone, showOwner }: { days: string[]; items: AppointmentDto[]; timeZone: string; showOwner: boolean }) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="flex flex-col gap-4" data-testid="appointment-list">
      {days.map((day) => {
        const whole = allDayOn(items, day, timeZone);
        const timed = layoutDay(items, day, timeZone).map((p) => p.item);
        const dayLabel = format.dateTime(dayRange(day, timeZone).start, { timeZone, weekday: "long", month: "long", day: "numeric" });
        return (
          <section key={day} aria-label={dayLabel}>
            <h3 className="text-sm font-semibold text-slate-800">{dayLabel}</h3>
            {whole.length + timed.length === 0 ? (
              <p className="text-sm text-slate-500">{t("calendar.noAppointments")}</p>
            ) : (
              <ul className="mt-1 flex flex-col gap-1">
                {[...whole, ...timed].map((a) => (
                  <li key={a.id} className="flex flex-wrap items-baseline gap-2 text-sm">
                    <span className="w-40 shrink-0 text-slate-600">
                      {a.allDay ? t("calendar.allDay") : format.dateTimeRange(a.startsAt, a.endsAt, { timeZone, hour: "2-digit", minute: "2-digit" })}
                    </span>
                    {a.busyOnly ? (
                      <span className="text-slate-500">{t("calendar.busy")}</span>
                    ) : (
                      <Link href={`/calendar/${a.id}`} className="font-medium text-brand-700 hover:underline">
                        {a.title}
                      </Link>
                    )}
                    {showOwner ? <span className="text-slate-500">{a.owner.name}</span> : null}
                    {a.location ? <span className="text-slate-500">{a.location}</span> : null}
                    {a.completedAt ? <Badge tone="green">{t("calendar.done")}</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

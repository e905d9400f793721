import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AppointmentDto } from "@/lib/calendar/queries";
import { allDayOn, clockOf, dayMinutes, layoutDay } from "@/lib/calendar/rules/grid";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";

/** Pixels per minute of the hour grid. */
const SCALE = 0.8;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * The day or week grid: a column per day, all-day items above, timed items placed by minutes from
 * local midnight, overlapping ones side by side. The list layout carries the same content for screen
 * readers and keyboard users who prefer it; each item here is a link too.
 */
export async function WeekGrid({ days, items, timeZone, showOwner, now }: { days: string[]; items: AppointmentDto[]; timeZone: string; showOwner: boolean; now: Date }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const today = localDateOf(now, timeZone);
  const height = Math.round(1440 * SCALE);
  const label = (a: AppointmentDto) => (a.busyOnly ? t("calendar.busy") : (a.title ?? ""));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="calendar-grid">
      <div className="grid min-w-[720px]" style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(0, 1fr))` }}>
        <div />
        {days.map((day) => (
          <div key={day} className={`border-l border-slate-200 px-2 py-1 text-center text-sm ${day === today ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700"}`}>
            {format.dateTime(dayRange(day, timeZone).start, { timeZone, weekday: "short", month: "numeric", day: "numeric" })}
          </div>
        ))}
        <div className="border-t border-slate-200 px-1 py-1 text-right text-xs text-slate-500">{t("calendar.allDay")}</div>
        {days.map((day) => (
          <div key={day} className="flex min-h-8 flex-col gap-0.5 border-t border-l border-slate-200 p-0.5">
            {allDayOn(items, day, timeZone).map((a) =>
              // A meeting the viewer may not read shows as "busy" and opens nothing (its page is not theirs).
              a.busyOnly ? (
                <span key={a.id} className="truncate rounded bg-slate-100 px-1 text-xs text-slate-600">
                  {label(a)}
                </span>
              ) : (
                <Link key={a.id} href={`/calendar/${a.id}`} className="truncate rounded bg-amber-100 px-1 text-xs text-amber-950 hover:underline">
                  {label(a)}
                </Link>
              ),
            )}
          </div>
        ))}
      </div>
      <div className="max-h-[640px] overflow-y-auto" tabIndex={0} aria-label={t("calendar.gridScroll")}>
        <div className="grid min-w-[720px]" style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(0, 1fr))` }}>
          <div className="relative" style={{ height }}>
            {HOURS.map((h) => (
              <div key={h} className="absolute right-1 text-xs text-slate-500" style={{ top: h * 60 * SCALE }}>
                {String(h).padStart(2, "0")}:00
              </div>
            ))}
          </div>
          {days.map((day) => {
            const minutes = dayMinutes(day, timeZone);
            return (
              <div key={day} className="relative border-l border-slate-200" style={{ height: Math.round(minutes * SCALE) }}>
                {HOURS.map((h) => (
                  <div key={h} className="absolute inset-x-0 border-t border-slate-100" style={{ top: h * 60 * SCALE }} />
                ))}
                {layoutDay(items, day, timeZone).map((p) => {
                  const a = p.item;
                  const width = 100 / p.lanes;
                  const style = { top: p.top * SCALE, height: p.height * SCALE, left: `${p.lane * width}%`, width: `calc(${width}% - 2px)` };
                  const body = (
                    <>
                      <span className="font-medium">{label(a)}</span>
                      <span className="block text-[11px] opacity-80">
                        {clockOf(a.startsAt, timeZone)}–{clockOf(a.endsAt, timeZone)}
                        {showOwner ? ` · ${a.owner.name}` : ""}
                      </span>
                    </>
                  );
                  // A meeting the viewer may not read shows as "busy" and opens nothing (its page is not theirs).
                  if (a.busyOnly) {
                    return (
                      <div key={a.id} data-testid="grid-appointment" className="absolute overflow-hidden rounded border border-slate-300 bg-slate-100 px-1 text-xs leading-tight text-slate-600" style={style}>
                        {body}
                      </div>
                    );
                  }
                  return (
                    <Link
                      key={a.id}
                      href={`/calendar/${a.id}`}
                      data-testid="grid-appointment"
                      className={`absolute overflow-hidden rounded border px-1 text-xs leading-tight hover:z-10 hover:shadow ${a.completedAt ? "border-emerald-300 bg-emerald-50 text-emerald-950" : "border-brand-500 bg-brand-50 text-brand-900"}`}
                      style={style}
                    >
                      {body}
                    </Link>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

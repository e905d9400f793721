import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppointmentList } from "@/components/calendar/appointment-list";
import { CalendarKeys } from "@/components/calendar/calendar-keys";
import { TimeZoneSync } from "@/components/calendar/time-zone-sync";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { WeekGrid } from "@/components/calendar/week-grid";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listAppointments, listCalendarPeople } from "@/lib/calendar/queries";
import { NotAllowedError } from "@/lib/platform/errors";
import { type CalendarQuery, daysOf, parseCalendarQuery, serializeCalendarQuery, stepDate, viewWindow } from "@/lib/calendar/rules/grid";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { now as clockNow } from "@/lib/platform/clock";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CalendarPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const timeZone = await viewerTimeZone();
  const now = clockNow();
  const today = localDateOf(now, timeZone);
  const q = parseCalendarQuery(params, today);
  const t = await getTranslations();
  const format = await getFormatter();
  const days = daysOf(q.view, q.date);
  const window = viewWindow(q.view, q.date, timeZone);
  let items;
  try {
    items = await listAppointments(user, q.who, window.from, window.to);
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
  const people = await listCalendarPeople(user);
  const href = (over: Partial<CalendarQuery>) => `/calendar?${serializeCalendarQuery({ ...q, ...over })}`;
  const prev = href({ date: stepDate(q.view, q.date, -1) });
  const next = href({ date: stepDate(q.view, q.date, 1) });
  const first = dayRange(days[0], timeZone).start;
  const last = dayRange(days[days.length - 1], timeZone).start;
  const period =
    q.view === "day"
      ? format.dateTime(first, { timeZone, dateStyle: "full" })
      : format.dateTimeRange(first, last, { timeZone, year: "numeric", month: "short", day: "numeric" });
  const showOwner = q.who !== "me";
  const whoName = typeof q.who === "number" ? (people.find((p) => p.id === q.who)?.name ?? "") : "";

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <TimeZoneSync current={timeZone} />
      <CalendarKeys prev={prev} next={next} today={href({ date: today })} day={href({ view: "day" })} week={href({ view: "week" })} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("calendar.title")}</h1>
        {can(user, "appointment.edit") ? (
          <Button asChild>
            <Link href={`/calendar/new?date=${q.date}`}>{t("calendar.new")}</Link>
          </Button>
        ) : null}
      </div>
      {params.saved === "1" ? <FormMessage tone="success">{t("calendar.saved")}</FormMessage> : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t("calendar.nav.label")} className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" asChild>
            <Link href={prev} aria-label={t(q.view === "day" ? "calendar.nav.prevDay" : "calendar.nav.prevWeek")} aria-keyshortcuts="ArrowLeft">
              ‹
            </Link>
          </Button>
          <Button variant="secondary" asChild>
            <Link href={href({ date: today })} aria-keyshortcuts="T">
              {t("calendar.nav.today")}
            </Link>
          </Button>
          <Button variant="secondary" asChild>
            <Link href={next} aria-label={t(q.view === "day" ? "calendar.nav.nextDay" : "calendar.nav.nextWeek")} aria-keyshortcuts="ArrowRight">
              ›
            </Link>
          </Button>
          <h2 className="ml-2 text-lg font-semibold text-slate-800" aria-live="polite" data-testid="calendar-period">
            {period}
          </h2>
        </nav>
        <div className="flex flex-wrap items-end gap-2">
          <div role="group" aria-label={t("calendar.nav.viewLabel")} className="flex">
            {(["day", "week"] as const).map((v) => (
              <Link
                key={v}
                href={href({ view: v })}
                aria-current={q.view === v ? "true" : undefined}
                aria-keyshortcuts={v === "day" ? "D" : "W"}
                className={`border border-slate-300 px-3 py-2 text-sm first:rounded-l-md last:rounded-r-md ${q.view === v ? "bg-brand-600 text-white" : "bg-white text-slate-800 hover:bg-slate-100"}`}
              >
                {t(`calendar.nav.${v}`)}
              </Link>
            ))}
          </div>
          <Link href={href({ layout: q.layout === "list" ? "grid" : "list" })} className="px-2 py-2 text-sm text-brand-700 underline">
            {t(q.layout === "list" ? "calendar.nav.showGrid" : "calendar.nav.showList")}
          </Link>
          {people.length > 1 ? (
            <form method="get" action="/calendar" className="flex items-end gap-2">
              <input type="hidden" name="view" value={q.view} />
              <input type="hidden" name="date" value={q.date} />
              {q.layout === "list" ? <input type="hidden" name="layout" value="list" /> : null}
              <div className="flex flex-col gap-1">
                <label htmlFor="calendar-who" className="text-sm font-medium text-slate-700">
                  {t("calendar.who.label")}
                </label>
                <select id="calendar-who" name="user" defaultValue={String(q.who)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
                  <option value="me">{t("calendar.who.me")}</option>
                  <option value="team">{t("calendar.who.team")}</option>
                  {people
                    .filter((p) => p.id !== user.id)
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
              </div>
              <Button type="submit" variant="secondary">
                {t("calendar.who.show")}
              </Button>
            </form>
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-600">
        {t("calendar.keysHint")} · {t("calendar.zoneNote", { zone: timeZone })}
        {q.who !== "me" && !can(user, "appointment.edit", { ownerId: -1, ownerTeamId: user.teamId }) ? ` · ${t("calendar.readOnlyTeam")}` : ""}
        {whoName ? ` · ${t("calendar.who.showing", { name: whoName })}` : ""}
      </p>
      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
          <h2 className="text-lg font-semibold">{t("calendar.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("calendar.emptyHint")}</p>
        </div>
      ) : null}
      {q.layout === "list" ? (
        <AppointmentList days={days} items={items} timeZone={timeZone} showOwner={showOwner} />
      ) : (
        <WeekGrid days={days} items={items} timeZone={timeZone} showOwner={showOwner} now={now} />
      )}
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppointmentForm } from "@/components/calendar/appointment-form";
import { CompleteAppointmentButton } from "@/components/calendar/complete-appointment-button";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { getAppointment, listInvitees } from "@/lib/calendar/queries";
import { linkOptions } from "@/lib/tasks/queries";
import { localDateOf, localDateTimeOf } from "@/lib/platform/time-zone";
import { requireIdParam } from "@/lib/platform/ids";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("detail.title") };
}

export default async function AppointmentPage({ params }: { params: Promise<{ appointmentId: string }> }) {
  const user = await requireUser();
  const id = requireIdParam((await params).appointmentId);
  const a = await getAppointment(user, id);
  if (!a || a.busyOnly) notFound();
  const t = await getTranslations();
  const format = await getFormatter();
  const viewerZone = await viewerTimeZone();
  const [people, links] = a.canEdit ? await Promise.all([listInvitees(user), linkOptions(user)]) : [[], { customers: [], opportunities: [] }];
  const withCurrent = <T extends { id: number; name: string }>(list: T[], cur: { id: number; name: string } | null) => (cur && !list.some((x) => x.id === cur.id) ? [...list, cur] : list);
  // All-day rows end at local midnight after the last day; the form shows the last day itself.
  const lastDay = a.allDay ? localDateOf(new Date(Math.max(a.startsAt.getTime(), a.endsAt.getTime() - 1)), a.timeZone) : "";
  const when = a.allDay
    ? t("calendar.detail.allDayRange", { from: localDateOf(a.startsAt, a.timeZone), to: lastDay })
    : format.dateTimeRange(a.startsAt, a.endsAt, { timeZone: viewerZone, dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <Link href={`/calendar?view=week&date=${localDateOf(a.startsAt, viewerZone)}`} className="text-sm text-brand-700 underline">
        {t("calendar.detail.back")}
      </Link>
      <h1 className="flex items-center gap-2 text-2xl font-semibold text-slate-900">
        {a.title}
        {a.completedAt ? <Badge tone="green">{t("calendar.done")}</Badge> : null}
      </h1>
      <Card>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium text-slate-600">{t("calendar.detail.when")}</dt>
          <dd>
            {when} <span className="text-slate-500">({a.timeZone})</span>
          </dd>
          <dt className="font-medium text-slate-600">{t("calendar.detail.owner")}</dt>
          <dd>{a.owner.name}</dd>
          <dt className="font-medium text-slate-600">{t("calendar.form.attendees")}</dt>
          <dd>{a.attendees.length > 0 ? a.attendees.map((p) => p.name).join(", ") : "—"}</dd>
          <dt className="font-medium text-slate-600">{t("calendar.form.location")}</dt>
          <dd>{a.location ?? "—"}</dd>
          <dt className="font-medium text-slate-600">{t("calendar.form.customer")}</dt>
          <dd>{a.customer ? <Link href={`/customers/${a.customer.id}`} className="text-brand-700 hover:underline">{a.customer.name}</Link> : "—"}</dd>
          <dt className="font-medium text-slate-600">{t("calendar.form.opportunity")}</dt>
          <dd>{a.opportunity ? <Link href={`/opportunities/${a.opportunity.id}`} className="text-brand-700 hover:underline">{a.opportunity.name}</Link> : "—"}</dd>
        </dl>
      </Card>
      {a.canComplete ? (
        <Card aria-labelledby="complete-heading">
          <h2 id="complete-heading" className="mb-2 text-lg font-semibold">
            {t("calendar.complete.title")}
          </h2>
          {a.started ? <CompleteAppointmentButton id={a.id} hasCustomer={a.customer !== null} /> : <p className="text-sm text-slate-600">{t("calendar.complete.notYet")}</p>}
        </Card>
      ) : null}
      {a.canEdit ? (
        <Card aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-3 text-lg font-semibold">
            {t("calendar.form.editTitle")}
          </h2>
          <AppointmentForm
            initial={{
              id: a.id,
              version: a.version,
              snapshot: a.snapshot,
              title: a.title ?? "",
              location: a.location ?? "",
              allDay: a.allDay,
              start: a.allDay ? localDateOf(a.startsAt, a.timeZone) : localDateTimeOf(a.startsAt, a.timeZone),
              end: a.allDay ? lastDay : localDateTimeOf(a.endsAt, a.timeZone),
              timeZone: a.timeZone,
              attendeeIds: a.attendees.map((p) => p.id),
              customerId: a.customer?.id ?? null,
              opportunityId: a.opportunity?.id ?? null,
            }}
            fallbackZone={viewerZone}
            people={people.filter((p) => p.id !== a.owner.id).concat(a.attendees.filter((x) => !people.some((p) => p.id === x.id)))}
            customers={withCurrent(links.customers, a.customer)}
            opportunities={withCurrent<{ id: number; name: string }>(links.opportunities, a.opportunity)}
          />
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t("calendar.detail.readOnly")}</p>
      )}
    </div>
  );
}

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppointmentForm } from "@/components/calendar/appointment-form";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listInvitees } from "@/lib/calendar/queries";
import { linkOptions } from "@/lib/tasks/queries";
import { localDateOf, parseDate } from "@/lib/platform/time-zone";
import { now } from "@/lib/platform/clock";

export async function generateMetadata() {
  const t = await getTranslations("calendar");
  return { title: t("form.newTitle") };
}

export default async function NewAppointmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "appointment.edit")) redirect("/calendar");
  const params = await searchParams;
  const timeZone = await viewerTimeZone();
  const date = typeof params.date === "string" && parseDate(params.date) ? params.date : localDateOf(now(), timeZone);
  const t = await getTranslations();
  const [people, links] = await Promise.all([listInvitees(user), linkOptions(user)]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("calendar.form.newTitle")}</h1>
      <Card>
        <AppointmentForm
          initial={{ title: "", location: "", allDay: false, start: `${date}T09:00`, end: `${date}T10:00`, timeZone: null, attendeeIds: [], customerId: null, opportunityId: null }}
          fallbackZone={timeZone}
          people={people.filter((p) => p.id !== user.id)}
          customers={links.customers}
          opportunities={links.opportunities}
        />
      </Card>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { type AppointmentFormResult, saveAppointmentAction } from "@/lib/calendar/actions";
import type { Snapshot } from "@/lib/platform/concurrency";
import { useBrowserTimeZone } from "./use-browser";

export type AppointmentFormValues = {
  id?: number;
  /** The version and snapshot an edit starts from. */
  version?: number;
  snapshot?: Snapshot;
  title: string;
  location: string;
  allDay: boolean;
  /** Wall-clock values in `timeZone`: "2026-11-23T09:00", or "2026-11-23" when all-day. */
  start: string;
  end: string;
  /** Null for a new appointment: the browser's zone is filled in. */
  timeZone: string | null;
  attendeeIds: number[];
  customerId: number | null;
  opportunityId: number | null;
};

type Option = { id: number; name: string };

const COMMON_ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo", "Asia/Singapore", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"];

export function AppointmentForm({ initial, fallbackZone, people, customers, opportunities }: { initial: AppointmentFormValues; fallbackZone: string; people: Option[]; customers: Option[]; opportunities: Option[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, action, pending] = useActionState<AppointmentFormResult, FormData>(saveAppointmentAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values;
  const [allDay, setAllDay] = useState(values ? values.allDay === "on" : initial.allDay);
  // A new appointment defaults to the zone the user is in now, which only the browser knows.
  const browserZone = useBrowserTimeZone();
  const [zoneEdit, setZone] = useState<string | null>(values?.timeZone ?? initial.timeZone);
  const zone = zoneEdit ?? browserZone ?? fallbackZone;
  const errors = failed?.fieldErrors ?? {};
  const err = (f: string) => {
    const key = Object.keys(errors).find((k) => k === f || k.startsWith(`${f}.`));
    return key ? t(errors[key]) : undefined;
  };
  const attendees = new Set(failed?.values ? (failed.lists?.attendeeIds ?? []).map(Number) : initial.attendeeIds);
  const start = values?.start ?? initial.start;
  const end = values?.end ?? initial.end;
  const asDate = (v: string) => v.slice(0, 10);
  const asDateTime = (v: string, hour: string) => (v.length > 10 ? v : `${v.slice(0, 10)}T${hour}`);
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase(initial.version !== undefined && initial.snapshot ? { version: initial.version, snapshot: initial.snapshot } : null, conflict);
  const fieldLabel = (f: string) => t(`calendar.fields.${f === "customer" ? "customerId" : f === "opportunity" ? "opportunityId" : f === "attendees" ? "attendeeIds" : f}`);
  const showValue = (f: string, v: string) =>
    f === "startsAt" || f === "endsAt" ? format.dateTime(new Date(v), { timeZone: zone, dateStyle: "medium", timeStyle: "short" }) : undefined;
  const when = (c: { startsAt: string; endsAt: string; allDay: boolean; timeZone: string }) =>
    c.allDay
      ? t("calendar.conflicts.allDay", { date: format.dateTime(new Date(c.startsAt), { timeZone: c.timeZone, dateStyle: "medium" }) })
      : format.dateTimeRange(new Date(c.startsAt), new Date(c.endsAt), { timeZone: zone, dateStyle: "medium", timeStyle: "short" });

  return (
    <form ref={formRef} action={action} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={t(initial.id ? "calendar.form.editTitle" : "calendar.form.newTitle")}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <VersionFields base={base} />
      <div className="sm:col-span-2">
        <Field id="appt-title" name="title" label={t("calendar.form.title")} defaultValue={values?.title ?? initial.title} error={err("title")} required maxLength={200} />
      </div>
      <div className="sm:col-span-2">
        <Field id="appt-location" name="location" label={t("calendar.form.location")} defaultValue={values?.location ?? initial.location} error={err("location")} maxLength={200} />
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="appt-allday" type="checkbox" name="allDay" checked={allDay} onChange={(e) => setAllDay(e.target.checked)} className="h-4 w-4" />
        <label htmlFor="appt-allday" className="text-sm font-medium text-slate-700">
          {t("calendar.form.allDay")}
        </label>
      </div>
      <Field
        key={`start-${allDay}`}
        id="appt-start"
        name="start"
        type={allDay ? "date" : "datetime-local"}
        label={t(allDay ? "calendar.form.startDate" : "calendar.form.start")}
        defaultValue={allDay ? asDate(start) : asDateTime(start, "09:00")}
        error={err("start")}
        required
      />
      <Field
        key={`end-${allDay}`}
        id="appt-end"
        name="end"
        type={allDay ? "date" : "datetime-local"}
        label={t(allDay ? "calendar.form.endDate" : "calendar.form.end")}
        defaultValue={allDay ? asDate(end) : asDateTime(end, "10:00")}
        error={err("end")}
        required
      />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="appt-zone" className="text-sm font-medium text-slate-700">
          {t("calendar.form.timeZone")}
        </label>
        <input
          id="appt-zone"
          name="timeZone"
          list="appt-zone-list"
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          aria-describedby={err("timeZone") ? "appt-zone-error appt-zone-hint" : "appt-zone-hint"}
          aria-invalid={err("timeZone") ? true : undefined}
          className={`rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${err("timeZone") ? "border-red-500" : "border-slate-300"}`}
        />
        <datalist id="appt-zone-list">
          {COMMON_ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <p id="appt-zone-hint" className="text-xs text-slate-500">
          {t("calendar.form.timeZoneHint")}
        </p>
        {err("timeZone") ? (
          <p id="appt-zone-error" className="text-sm text-red-700">
            {err("timeZone")}
          </p>
        ) : null}
      </div>
      {people.length > 0 ? (
        <fieldset className="sm:col-span-2" aria-describedby={err("attendeeIds") ? "appt-attendees-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">{t("calendar.form.attendees")}</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-3">
            {people.map((p) => (
              <label key={p.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="attendeeIds" value={p.id} defaultChecked={attendees.has(p.id)} className="h-4 w-4" />
                {p.name}
              </label>
            ))}
          </div>
          {err("attendeeIds") ? (
            <p id="appt-attendees-error" className="text-sm text-red-700">
              {err("attendeeIds")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <SelectField id="appt-customer" name="customerId" label={t("calendar.form.customer")} defaultValue={values?.customerId ?? String(initial.customerId ?? "")} error={err("customerId")}>
        <option value="">{t("calendar.form.none")}</option>
        {customers.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="appt-opportunity" name="opportunityId" label={t("calendar.form.opportunity")} defaultValue={values?.opportunityId ?? String(initial.opportunityId ?? "")} error={err("opportunityId")}>
        <option value="">{t("calendar.form.none")}</option>
        {opportunities.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>

      <div className="flex flex-col gap-3 sm:col-span-2">
        {failed?.conflicts && failed.conflicts.length > 0 ? (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="conflicts">
            <p className="font-semibold">{t("calendar.conflicts.found", { count: failed.conflicts.length })}</p>
            <ul className="mt-2 flex flex-col gap-1" aria-label={t("calendar.conflicts.listLabel")}>
              {failed.conflicts.map((c, i) => (
                <li key={c.id ?? `busy-${i}`}>
                  <span className="font-medium">{c.title ?? t("calendar.busy")}</span> · {c.who.join(", ")} · {when(c)}
                </li>
              ))}
            </ul>
            <p className="mt-2">{t("calendar.conflicts.confirmHint")}</p>
            <Button type="submit" name="confirmConflicts" value="yes" variant="danger" className="mt-2" disabled={pending}>
              {t("calendar.conflicts.saveAnyway")}
            </Button>
          </div>
        ) : failed?.message ? (
          <FormMessage tone="error">{t(failed.message)}</FormMessage>
        ) : null}
        {conflict ? <ConflictPanel conflict={conflict} label={fieldLabel} show={showValue} onOverwrite={overwrite} pending={pending} /> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {t("calendar.form.save")}
          </Button>
          <Button variant="secondary" asChild>
            <Link href="/calendar">{t("calendar.form.cancel")}</Link>
          </Button>
        </div>
      </div>
    </form>
  );
}

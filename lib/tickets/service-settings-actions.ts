"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, snapshotField, versionField } from "@/lib/platform/form-fields";
import { DEFAULT_SLA_MATRIX, SLA_PRIORITIES, SLA_TIER_KEYS, type SlaMatrix, type SlaTargets, type SlaTierKey, type WeeklyHours } from "@/lib/tickets/rules/service-settings";
import type { TicketPriority } from "@/lib/platform/enums";
import { saveBusinessHours, saveRoutingCapacity, saveSlaMatrix } from "@/lib/tickets/service-settings-admin";

export type ServiceSettingsFormResult = FormResult<{ message: string }>;

/** The select's choice for a zone typed by hand (in `customTimeZone`). */
const OTHER_ZONE = "other";

/** A text input: anything missing reads as blank; the data layer's schemas judge the content. */
const text = () => z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

/** "9:00" is what people type for 09:00. */
const time = () => text().transform((v) => (/^\d:\d\d$/.test(v) ? `0${v}` : v));

const slot = z.object({ start: time(), end: time() });
const DAYS = ["0", "1", "2", "3", "4", "5", "6"] as const;

/**
 * Per weekday two optional intervals (`weekly.1.0.start` … `weekly.1.1.end`). A slot left wholly
 * blank is no interval; a half-filled one is kept so that the time rule names the missing half.
 */
const weeklyForm = z.object(Object.fromEntries(DAYS.map((d) => [d, z.object({ "0": slot, "1": slot })])) as Record<(typeof DAYS)[number], z.ZodObject<{ "0": typeof slot; "1": typeof slot }>>).transform(
  (week) => DAYS.map((d) => [week[d]["0"], week[d]["1"]].filter((s) => s.start !== "" || s.end !== "")) as WeeklyHours,
);

/** One date per line (commas and spaces also separate), blanks skipped. */
const dateLines = () => text().transform((v) => v.split(/[\s,;]+/).filter((line) => line !== ""));

const target = z.object({ version: versionField(), snapshot: snapshotField() });

const hoursForm = z.object({
  timeZone: text(),
  customTimeZone: text(),
  weekly: weeklyForm,
  holidays: dateLines(),
  workdays: dateLines(),
});

export const saveBusinessHoursAction = formAction({
  name: "serviceSettings.saveHours",
  schema: z.intersection(target, hoursForm),
  refuseOn: ["version"],
  messages: { conflict: "service.settings.conflict" },
  handler: async ({ version, snapshot, timeZone, customTimeZone, weekly, holidays, workdays }, user) => {
    await saveBusinessHours(user, { timeZone: timeZone === OTHER_ZONE || timeZone === "" ? customTimeZone : timeZone, weekly, holidays, workdays }, expectedOf({ version, snapshot }));
    return { ok: true, message: "service.settings.saved" };
  },
  revalidate: ["/admin/service"],
});

/**
 * A cell's target in business hours as the form shows it (decimals allowed: 0.5 = 30 min), stored in
 * minutes. Blank takes the default, which the form shows as the placeholder.
 */
const hoursCell = (fallback: number) =>
  z.unknown().transform((v, ctx) => {
    const raw = typeof v === "string" ? v.trim().replace(",", ".") : "";
    if (raw === "") return fallback;
    const hours = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(hours)) {
      ctx.addIssue({ code: "custom", message: "validation.number" });
      return z.NEVER;
    }
    return Math.round(hours * 60);
  });

const cellForm = (defaults: SlaTargets) => z.object({ firstResponseMinutes: hoursCell(defaults.firstResponseMinutes), resolutionMinutes: hoursCell(defaults.resolutionMinutes) });

const matrixForm = z.object(
  Object.fromEntries(SLA_PRIORITIES.map((p) => [p, z.object(Object.fromEntries(SLA_TIER_KEYS.map((t) => [t, cellForm(DEFAULT_SLA_MATRIX[p][t])])) as Record<SlaTierKey, ReturnType<typeof cellForm>>)])) as Record<
    TicketPriority,
    z.ZodObject<Record<SlaTierKey, ReturnType<typeof cellForm>>>
  >,
);

export const saveSlaMatrixAction = formAction({
  name: "serviceSettings.saveMatrix",
  schema: z.intersection(target, matrixForm),
  refuseOn: ["version"],
  messages: { conflict: "service.settings.conflict" },
  handler: async ({ version, snapshot, ...cells }, user) => {
    const matrix = Object.fromEntries(SLA_PRIORITIES.map((p) => [p, cells[p]])) as SlaMatrix;
    await saveSlaMatrix(user, matrix, expectedOf({ version, snapshot }));
    return { ok: true, message: "service.settings.saved" };
  },
  revalidate: ["/admin/service"],
});

const capacityForm = z.object({
  capacity: text().transform((v, ctx) => {
    if (v === "") {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return z.NEVER;
    }
    if (!/^\d{1,9}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "validation.integer" });
      return z.NEVER;
    }
    return Number(v);
  }),
});

export const saveRoutingCapacityAction = formAction({
  name: "serviceSettings.saveRouting",
  schema: z.intersection(target, capacityForm),
  refuseOn: ["version"],
  messages: { conflict: "service.settings.conflict" },
  handler: async ({ version, snapshot, capacity }, user) => {
    await saveRoutingCapacity(user, { capacity }, expectedOf({ version, snapshot }));
    return { ok: true, message: "service.settings.saved" };
  },
  revalidate: ["/admin/service"],
});

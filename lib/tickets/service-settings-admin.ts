import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { type Expected, fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import { db } from "@/lib/platform/db/prisma";
import { saveSettingAtVersion, type VersionedSetting, versionedSetting } from "@/lib/platform/settings";
import { BUSINESS_HOURS_KEY, SLA_MATRIX_KEY } from "@/lib/tickets/sla-clock";
import { ROUTING_SETTING_KEY } from "@/lib/tickets/routing";
import { parseAgentCapacity } from "@/lib/tickets/rules/routing";
import {
  type BusinessHours,
  businessHoursSchema,
  parseBusinessHours,
  parseSlaMatrix,
  SLA_PRIORITIES,
  SLA_TIER_KEYS,
  type SlaMatrix,
  type SlaTierKey,
  slaTargetsSchema,
} from "@/lib/tickets/rules/service-settings";
import type { TicketPriority } from "@/lib/platform/enums";

/**
 * The admin's service settings screen: business hours, the SLA matrix and the routing capacity, each
 * a Setting row of its own, saved with its own version (0 while never stored: the documented default
 * applies) and audited with the effective values before and after. New values apply to tickets opened,
 * and pauses ended, from then on: due instants already stored stay as they were computed.
 */

export const MIN_AGENT_CAPACITY = 1;
export const MAX_AGENT_CAPACITY = 10_000;

const row = (tier: z.ZodType) => z.object(Object.fromEntries(SLA_TIER_KEYS.map((t) => [t, tier])) as Record<SlaTierKey, z.ZodType>);

/** Every priority × tier cell, each checked with the rules' own cell schema (range, resolution ≥ response). */
export const slaMatrixSchema = z.object(Object.fromEntries(SLA_PRIORITIES.map((p) => [p, row(slaTargetsSchema)])) as Record<TicketPriority, ReturnType<typeof row>>);

export const capacitySchema = z
  .number({ message: "validation.number" })
  .int({ message: "validation.integer" })
  .min(MIN_AGENT_CAPACITY, { message: "validation.range" })
  .max(MAX_AGENT_CAPACITY, { message: "validation.range" });

type Versioned<T> = VersionedSetting<T>;

export type ServiceSettingsEdit = {
  hours: Versioned<BusinessHours>;
  matrix: Versioned<SlaMatrix>;
  routing: Versioned<{ capacity: number }>;
};


/** One interval list as the conflict panel and the audit show it: "09:00–12:00, 13:00–18:00". */
function intervalsText(day: BusinessHours["weekly"][number]): string {
  return day.map((i) => `${i.start}–${i.end}`).join(", ");
}

/** Business hours as flat fields (the form's field names where they are single inputs). */
export function hoursSnapshot(hours: BusinessHours): Snapshot {
  const out: Record<string, string | null> = { timeZone: hours.timeZone };
  hours.weekly.forEach((day, d) => (out[`weekly.${d}`] = fieldValue(intervalsText(day))));
  out.holidays = fieldValue(hours.holidays.join(", "));
  out.workdays = fieldValue((hours.workdays ?? []).join(", "));
  return out;
}

/** The matrix as `P1.VIP.firstResponseMinutes` → minutes (the form's field names). */
export function matrixSnapshot(matrix: SlaMatrix): Snapshot {
  const out: Record<string, string | null> = {};
  for (const p of SLA_PRIORITIES) {
    for (const t of SLA_TIER_KEYS) {
      out[`${p}.${t}.firstResponseMinutes`] = fieldValue(matrix[p][t].firstResponseMinutes);
      out[`${p}.${t}.resolutionMinutes`] = fieldValue(matrix[p][t].resolutionMinutes);
    }
  }
  return out;
}

function routingSnapshot(capacity: number): Snapshot {
  return { capacity: fieldValue(capacity) };
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** How each key's stored value reads (defaults where missing or malformed) and how it is shown. */
const KEYS = {
  hours: { key: BUSINESS_HOURS_KEY, read: (v: unknown) => parseBusinessHours(v), snapshot: hoursSnapshot },
  matrix: { key: SLA_MATRIX_KEY, read: (v: unknown) => parseSlaMatrix(v), snapshot: matrixSnapshot },
  routing: { key: ROUTING_SETTING_KEY, read: (v: unknown) => ({ capacity: parseAgentCapacity(v) }), snapshot: (r: { capacity: number }) => routingSnapshot(r.capacity) },
} as const;


/** The three settings with the version each form saves against (0: still the default, nothing stored). */
export async function getServiceSettingsForEdit(actor: Actor): Promise<ServiceSettingsEdit> {
  await requireRight(actor, "admin.manage", "Setting");
  const prisma = await db();
  const read = (key: string) => prisma.setting.findUnique({ where: { key }, select: { value: true, version: true } });
  const [hours, matrix, routing] = await Promise.all([read(KEYS.hours.key), read(KEYS.matrix.key), read(KEYS.routing.key)]);
  return { hours: versionedSetting(KEYS.hours, hours), matrix: versionedSetting(KEYS.matrix, matrix), routing: versionedSetting(KEYS.routing, routing) };
}


/** Saves the company's time zone, weekly open intervals, holidays and make-up workdays. */
export async function saveBusinessHours(actor: Actor, value: BusinessHours, expected: Expected): Promise<BusinessHours> {
  return saveSettingAtVersion(
    actor,
    KEYS.hours,
    () => {
      const parsed = businessHoursSchema.parse(value);
      return { ...parsed, workdays: parsed.workdays ?? [] } as BusinessHours;
    },
    (valid) => valid,
    expected,
  );
}

/** Saves the SLA matrix: every priority × tier cell, in business minutes. */
export async function saveSlaMatrix(actor: Actor, value: SlaMatrix, expected: Expected): Promise<SlaMatrix> {
  return saveSettingAtVersion(actor, KEYS.matrix, () => slaMatrixSchema.parse(value) as SlaMatrix, (valid) => valid, expected);
}

/** Saves how many open tickets an agent holds before new ones queue. */
export async function saveRoutingCapacity(actor: Actor, value: { capacity: number }, expected: Expected): Promise<{ capacity: number }> {
  return saveSettingAtVersion(
    actor,
    KEYS.routing,
    () => ({ capacity: z.object({ capacity: capacitySchema }).parse(value).capacity }),
    // Other keys of the routing setting (none today) are kept as they are.
    (valid, before) => ({ ...asObject(before), capacity: valid.capacity }),
    expected,
  );
}

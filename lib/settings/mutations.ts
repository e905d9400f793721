import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { type Expected, fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import { db } from "@/lib/platform/db/prisma";
import { saveSettingAtVersion } from "@/lib/platform/settings";
import { PIPELINE_SETTING_KEY } from "@/lib/opportunities/queries";
import {
  GENERAL_KEY,
  parsePipeline,
  parseQuotes,
  parseRecycleBin,
  parseRegional,
  pipelineSchema,
  type PipelineSettings,
  QUOTES_KEY,
  type QuoteSettings,
  quotesSchema,
  RECYCLE_BIN_KEY,
  type RecycleBinSettings,
  recycleBinSchema,
  regionalSchema,
  type RegionalSettings,
} from "@/lib/settings/rules/general-settings";

/**
 * The admin's general settings: four groups, each a Setting row saved at its own version (0 while
 * never stored: the documented default applies), validated inside the write (so a refused value is
 * still a refusal with nothing written), audited with the effective values before and after. Keys of
 * a row this screen does not edit are kept as they are. New values apply from the next read: the
 * next page for currency, language and stale deals, the next quote for the threshold, the next purge
 * for the retention.
 */

type GroupSpec<T extends Record<string, unknown>> = {
  key: string;
  read: (stored: unknown) => T;
  schema: z.ZodType<T, unknown>;
};

export const SETTING_GROUPS = {
  regional: { key: GENERAL_KEY, read: parseRegional, schema: regionalSchema } as GroupSpec<RegionalSettings>,
  pipeline: { key: PIPELINE_SETTING_KEY, read: parsePipeline, schema: pipelineSchema } as GroupSpec<PipelineSettings>,
  quotes: { key: QUOTES_KEY, read: parseQuotes, schema: quotesSchema } as GroupSpec<QuoteSettings>,
  recycleBin: { key: RECYCLE_BIN_KEY, read: parseRecycleBin, schema: recycleBinSchema } as GroupSpec<RecycleBinSettings>,
};

export type SettingGroup = keyof typeof SETTING_GROUPS;
type GroupValue<G extends SettingGroup> = (typeof SETTING_GROUPS)[G] extends GroupSpec<infer T> ? T : never;

export type VersionedGroup<T> = { value: T; version: number; snapshot: Snapshot };
export type GeneralSettingsEdit = { [G in SettingGroup]: VersionedGroup<GroupValue<G>> };

/** A group's values as the form and the conflict panel show them (field name → text). */
function snapshotOf(value: Record<string, unknown>): Snapshot {
  return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, fieldValue(v)]));
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}


/** Every group with the version its form saves against. */
export async function getGeneralSettingsForEdit(actor: Actor): Promise<GeneralSettingsEdit> {
  await requireRight(actor, "admin.manage", "Setting");
  const prisma = await db();
  const groups = Object.keys(SETTING_GROUPS) as SettingGroup[];
  const rows = await prisma.setting.findMany({ where: { key: { in: groups.map((g) => SETTING_GROUPS[g].key) } }, select: { key: true, value: true, version: true } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const entry = <T extends Record<string, unknown>>(spec: GroupSpec<T>): VersionedGroup<T> => {
    const stored = byKey.get(spec.key) ?? null;
    const value = spec.read(stored?.value ?? null);
    return { value, version: stored?.version ?? 0, snapshot: snapshotOf(value) };
  };
  return {
    regional: entry(SETTING_GROUPS.regional),
    pipeline: entry(SETTING_GROUPS.pipeline),
    quotes: entry(SETTING_GROUPS.quotes),
    recycleBin: entry(SETTING_GROUPS.recycleBin),
  };
}

/**
 * Saves one group at the version the form loaded: an insert when nothing was stored yet (a racing
 * first save becomes a conflict), else an update whose WHERE carries the version.
 */
export async function saveSettingGroup<G extends SettingGroup>(actor: Actor, group: G, input: unknown, expected: Expected): Promise<GroupValue<G>> {
  const spec = SETTING_GROUPS[group] as unknown as GroupSpec<GroupValue<G>>;
  return saveSettingAtVersion(
    actor,
    { key: spec.key, read: spec.read, snapshot: snapshotOf },
    () => spec.schema.parse(input),
    // Other keys of the row (another screen's, or a later version's) stay as they are.
    (valid, stored) => ({ ...asObject(stored), ...valid }),
    expected,
  );
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { checkVersion, type Expected, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { db, transaction } from "@/lib/platform/db/prisma";

/**
 * Company settings are rows of the Setting table: a key and a JSON value, versioned for concurrent
 * edits. Features read their own keys through here and parse the value with their own rules, so a
 * missing or malformed value falls back to the feature's documented default instead of failing.
 */
export async function readSetting(key: string): Promise<unknown> {
  const row = await (await db()).setting.findUnique({ where: { key }, select: { value: true } });
  return row?.value ?? null;
}

/** A setting whose value is a JSON object; anything else (never set, an array, a number) reads as {}. */
export async function readSettingObject(key: string): Promise<Record<string, unknown>> {
  const value = await readSetting(key);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** How one setting key reads (defaults where missing or malformed) and how a form shows its value. */
export type SettingSpec<T> = { key: string; read: (stored: unknown) => T; snapshot: (value: T) => Snapshot };
export type VersionedSetting<T> = { value: T; version: number; snapshot: Snapshot };

type StoredSetting = { value: Prisma.JsonValue; version: number } | null;

/** A stored row as its form edits it: the effective value and the version to save against (0: never stored). */
export function versionedSetting<T>(spec: SettingSpec<T>, stored: StoredSetting): VersionedSetting<T> {
  const value = spec.read(stored?.value ?? null);
  return { value, version: stored?.version ?? 0, snapshot: spec.snapshot(value) };
}

/**
 * An admin's save of one setting key: validates inside the transaction (so a refused value is still a
 * refusal with nothing written), then writes `toStore(valid, stored value)` at the version the form
 * loaded — an insert when nothing was stored yet (a racing first save becomes a conflict), else an
 * update whose WHERE carries the version — and audits the effective values before and after.
 */
export async function saveSettingAtVersion<T>(
  actor: Actor,
  spec: SettingSpec<T>,
  validate: () => T,
  toStore: (valid: T, stored: unknown) => unknown,
  expected: Expected,
): Promise<T> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", "Setting", null);
    // A ZodError here is the admin's input: the action factory turns it into field errors.
    const valid = validate();
    const read = async () => tx.setting.findUnique({ where: { key: spec.key }, select: { value: true, version: true } });
    const before = await read();
    const stored = (row: StoredSetting): VersionedRecord => ({ version: row?.version ?? 0, snapshot: spec.snapshot(spec.read(row?.value ?? null)) });
    checkVersion("Setting", spec.key, expected, stored(before));
    const value = toStore(valid, before?.value ?? null) as Prisma.InputJsonValue;
    await writeAtVersion(
      "Setting",
      spec.key,
      expected,
      (version) =>
        version === 0
          ? tx.setting.createMany({ data: [{ key: spec.key, value, updatedById: actor.id }], skipDuplicates: true })
          : tx.setting.updateMany({ where: { key: spec.key, version }, data: { value, updatedById: actor.id, version: { increment: 1 } } }),
      async () => stored(await read()),
    );
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: "Setting",
      entityId: spec.key,
      before: { ...spec.snapshot(spec.read(before?.value ?? null)) },
      after: { ...spec.snapshot(valid) },
    });
    return valid;
  });
}

import "server-only";
import { db } from "@/lib/platform/db/prisma";

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

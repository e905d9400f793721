"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { startScoreRecompute, updateAnalyticsSettings } from "@/lib/dal/score-jobs";
import { analyticsSettingsSchema } from "@/lib/domain/scoring/settings";
import { type ConflictView, expectedFromForm } from "@/lib/platform/concurrency";
import { dalFailure, fieldErrorsOf, type FormFailure } from "./form-result";

export type ScoreFormResult = { ok: true; message: string } | (FormFailure & { values?: Record<string, string>; conflict?: ConflictView }) | null;

const recomputeSchema = z.object({ history: z.coerce.number({ message: "validation.number" }).int("validation.number").min(0, "validation.range").max(8, "validation.range") });

export async function recomputeScoresAction(_prev: ScoreFormResult, formData: FormData): Promise<ScoreFormResult> {
  const user = await requireUser();
  const parsed = recomputeSchema.safeParse({ history: formData.get("history") ?? 0 });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: null };
  try {
    await startScoreRecompute(user, { historyQuarters: parsed.data.history });
  } catch (error) {
    return dalFailure(error);
  }
  revalidatePath("/admin/scores");
  return { ok: true, message: "adminScores.started" };
}

const num = (message = "validation.number") => z.coerce.number({ message }).refine(Number.isFinite, message);
const percent = () => num().transform((v) => v / 100);

/** The settings form speaks percent; the stored settings are fractions. */
const settingsFormSchema = z.object({
  periodMonths: num(),
  pyramid: z.object({ vip: percent(), major: percent(), medium: percent() }),
  abc: z.object({ shareA: percent(), shareB: percent() }),
  clv: z.object({ horizonMonths: num(), annualDiscountRate: percent() }),
  purchaseModel: z.string(),
  churnAlertThreshold: percent(),
  lifecycle: z.object({
    acquisitionDays: num(),
    buildUpDays: num(),
    declineInactiveDays: num(),
    exitInactiveDays: num(),
    declinePAlive: num(),
    exitPAlive: num(),
    declineDrop: percent(),
    growthRise: percent(),
  }),
  upgradeHorizonDays: num(),
  rules: z.object({ minSupport: percent(), minConfidence: percent(), minLift: num() }),
});

/** Keys that would reach Object.prototype through `node[part] ??= {}`: never walked. */
const FORBIDDEN_KEY_PARTS = new Set(["__proto__", "constructor", "prototype"]);

function nested(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$")) continue;
    const parts = key.split(".");
    if (parts.some((part) => FORBIDDEN_KEY_PARTS.has(part))) continue;
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= Object.create(null)) as Record<string, unknown>;
    node[parts.at(-1) as string] = value.trim() === "" ? undefined : value;
  }
  return out;
}

export async function saveAnalyticsSettingsAction(_prev: ScoreFormResult, formData: FormData): Promise<ScoreFormResult> {
  // The session comes before anything of the request is decoded.
  const user = await requireUser();
  // Sent back on failure: React resets an uncontrolled form after an action, and the user's input
  // must survive a validation error.
  const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string" && !e[0].startsWith("$")));
  const form = settingsFormSchema.safeParse(nested(formData));
  if (!form.success) return { ok: false, fieldErrors: fieldErrorsOf(form.error), message: "validation.fix", values };
  const settings = analyticsSettingsSchema.safeParse(form.data);
  if (!settings.success) return { ok: false, fieldErrors: fieldErrorsOf(settings.error), message: "validation.fix", values };
  const expected = expectedFromForm(formData);
  if (!expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
  try {
    await updateAnalyticsSettings(user, settings.data, expected);
  } catch (error) {
    return { ...dalFailure(error), values };
  }
  revalidatePath("/admin/scores");
  return { ok: true, message: "adminScores.settingsSaved" };
}

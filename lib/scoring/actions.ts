"use server";

import { z } from "zod";
import { startScoreRecompute, updateAnalyticsSettings } from "@/lib/scoring/jobs";
import { analyticsSettingsSchema } from "@/lib/scoring/rules/settings";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { blankAsMissing, expectedOf, snapshotField, versionField } from "@/lib/platform/form-fields";

export type ScoreFormResult = FormResult<{ message: string }>;

const recomputeSchema = z.object({
  history: z.preprocess((v) => (v === undefined || v === "" ? 0 : v), z.coerce.number({ message: "validation.number" }).int("validation.number").min(0, "validation.range").max(8, "validation.range")),
});

export const recomputeScoresAction = formAction({
  name: "scores.recompute",
  schema: recomputeSchema,
  messages: { invalid: null },
  handler: async ({ history }, user) => {
    await startScoreRecompute(user, { historyQuarters: history });
    return { ok: true, message: "adminScores.started" };
  },
  revalidate: ["/admin/scores"],
});

// A blank field is "required", not zero: z.coerce would read "" as 0.
const num = (message = "validation.number") => blankAsMissing(z.coerce.number({ message }).refine(Number.isFinite, message));
const percent = () => num().transform((v) => v / 100);

/** The settings form speaks percent (dotted field names: `pyramid.vip`); the stored settings are fractions. */
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

/** The settings' version as loaded (0 while still at the defaults) and what the form showed. */
const settingsTarget = z.object({ version: versionField(), snapshot: snapshotField() });

export const saveAnalyticsSettingsAction = formAction({
  name: "scores.saveSettings",
  schema: z.intersection(settingsTarget, settingsFormSchema.pipe(analyticsSettingsSchema)),
  refuseOn: ["version"],
  handler: async ({ version, snapshot, ...settings }, user) => {
    await updateAnalyticsSettings(user, settings, expectedOf({ version, snapshot }));
    return { ok: true, message: "adminScores.settingsSaved" };
  },
  revalidate: ["/admin/scores"],
});

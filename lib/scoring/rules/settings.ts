import { z } from "zod";
import { DEFAULT_LIFECYCLE_THRESHOLDS } from "@/lib/scoring/rules/lifecycle";
import { PURCHASE_MODELS } from "@/lib/scoring/rules/purchase-model";
import { DEFAULT_PYRAMID_SHARES } from "@/lib/scoring/rules/pyramid";

// Messages are i18n keys: the admin form shows them next to the field.
const share = z.number().gt(0, "validation.range").lt(1, "validation.range");
const int = (min: number, max = 100_000) => z.number().int("validation.integer").min(min, "validation.range").max(max, "validation.range");
const fraction = (min = 0, max = 1) => z.number().min(min, "validation.range").max(max, "validation.range");

/**
 * Everything an admin may tune about the value analytics, with the defaults of DOMAIN.md. Stored as
 * one JSON setting ("analytics"); every score run records the settings it used.
 */
export const analyticsSettingsSchema = z
  .object({
    periodMonths: int(1, 60),
    pyramid: z.object({ vip: share, major: share, medium: share }),
    abc: z.object({ shareA: share, shareB: share }),
    clv: z.object({ horizonMonths: int(1, 120), annualDiscountRate: fraction() }),
    /** Which model gives P(alive), churn risk and expected purchases (the other is the fallback). */
    purchaseModel: z.enum(PURCHASE_MODELS, { message: "validation.choose" }),
    churnAlertThreshold: share,
    lifecycle: z.object({
      acquisitionDays: int(1),
      buildUpDays: int(1),
      declineInactiveDays: int(1),
      exitInactiveDays: int(1),
      declinePAlive: fraction(),
      exitPAlive: fraction(),
      declineDrop: fraction(),
      growthRise: fraction(0, 10),
    }),
    upgradeHorizonDays: int(7, 365),
    rules: z.object({ minSupport: share, minConfidence: z.number().gt(0, "validation.range").max(1, "validation.range"), minLift: fraction(0, 1000) }),
  })
  .refine((s) => s.pyramid.vip + s.pyramid.major + s.pyramid.medium < 1, { message: "validation.sharesTooLarge", path: ["pyramid"] })
  .refine((s) => s.abc.shareA + s.abc.shareB < 1, { message: "validation.sharesTooLarge", path: ["abc"] })
  .refine((s) => s.lifecycle.exitPAlive <= s.lifecycle.declinePAlive, { message: "validation.exitBelowDecline", path: ["lifecycle", "exitPAlive"] })
  .refine((s) => s.lifecycle.declineInactiveDays <= s.lifecycle.exitInactiveDays, {
    message: "validation.exitBelowDecline",
    path: ["lifecycle", "exitInactiveDays"],
  });

export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = {
  periodMonths: 12,
  pyramid: { ...DEFAULT_PYRAMID_SHARES },
  abc: { shareA: 0.1, shareB: 0.2 },
  clv: { horizonMonths: 12, annualDiscountRate: 0.1 },
  purchaseModel: "pareto-nbd",
  churnAlertThreshold: 0.5,
  lifecycle: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
  upgradeHorizonDays: 90,
  rules: { minSupport: 0.01, minConfidence: 0.3, minLift: 1.2 },
};

/** Stored settings over the defaults; anything stored that no longer validates falls back to them. */
export function resolveAnalyticsSettings(stored: unknown): AnalyticsSettings {
  if (stored === null || typeof stored !== "object") return DEFAULT_ANALYTICS_SETTINGS;
  const merged = { ...DEFAULT_ANALYTICS_SETTINGS, ...(stored as Record<string, unknown>) };
  const parsed = analyticsSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ANALYTICS_SETTINGS;
}

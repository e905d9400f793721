import { z } from "zod";
import { DEFAULT_LIFECYCLE_THRESHOLDS } from "./lifecycle";
import { DEFAULT_PYRAMID_SHARES } from "./pyramid";

const share = z.number().gt(0).lt(1);

/**
 * Everything an admin may tune about the value analytics, with the defaults of DOMAIN.md. Stored as
 * one JSON setting ("analytics"); every score run records the settings it used.
 */
export const analyticsSettingsSchema = z
  .object({
    periodMonths: z.number().int().min(1).max(60),
    pyramid: z.object({ vip: share, major: share, medium: share }),
    abc: z.object({ shareA: share, shareB: share }),
    clv: z.object({ horizonMonths: z.number().int().min(1).max(120), annualDiscountRate: z.number().min(0).max(1) }),
    churnAlertThreshold: z.number().gt(0).lt(1),
    lifecycle: z.object({
      acquisitionDays: z.number().int().min(1),
      buildUpDays: z.number().int().min(1),
      declineInactiveDays: z.number().int().min(1),
      exitInactiveDays: z.number().int().min(1),
      declinePAlive: z.number().min(0).max(1),
      exitPAlive: z.number().min(0).max(1),
      declineDrop: z.number().min(0).max(1),
      growthRise: z.number().min(0).max(10),
    }),
    upgradeHorizonDays: z.number().int().min(7).max(365),
    rules: z.object({ minSupport: z.number().gt(0).lt(1), minConfidence: z.number().gt(0).max(1), minLift: z.number().min(0) }),
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

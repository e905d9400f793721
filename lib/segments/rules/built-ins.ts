/**
 * The built-in segments every company has, kept current by the score job (lib/segments/refresh.ts
 * ensureBuiltInSegments + refreshDynamicSegments after each run): each value-pyramid tier, each ABC
 * segment, each lifecycle stage, each RFM group, golden customers and high-value customers at risk.
 * All read the current scoring period. Nobody edits or deletes them; an admin may refresh them.
 *
 * Names are English (the stored, unique name); the UI shows `segments.builtIn.<key>` instead.
 *
 * Definitions of the two named lists:
 * - golden customers (黄金客户, DOMAIN.md §5: "highest and most stable spenders"): tier VIP or Major
 *   (highest spend) and RFM group champions or loyal (buying recently and often — stable);
 * - high-value at risk (DOMAIN.md §7, 离网预警; README "VIP/Major customers at or above 50% are the
 *   early-warning list"): tier VIP or Major and churn risk ≥ 0.5.
 */
import { AbcSegment, LifecycleStage, Tier } from "@/lib/platform/enums";
import { RFM_GROUP_VALUES, type Condition, type Rule } from "@/lib/segments/rules/rule";

export type BuiltInSegment = { key: string; name: string; description: string; rule: Rule };

const only = (...children: Condition[]): Rule => ({ type: "group", op: "and", children });

const TIER_NAMES: Record<Tier, string> = { VIP: "VIP", MAJOR: "Major", MEDIUM: "Medium", SMALL: "Small" };
const STAGE_NAMES: Record<LifecycleStage, string> = { ACQUISITION: "Acquisition", BUILD_UP: "Build-up", CLIMAX: "Climax", DECLINE: "Decline", EXIT: "Exit" };
const RFM_NAMES: Record<(typeof RFM_GROUP_VALUES)[number], string> = {
  champions: "Champions",
  loyal: "Loyal",
  potential_loyalist: "Potential loyalists",
  new: "New",
  promising: "Promising",
  need_attention: "Need attention",
  about_to_sleep: "About to sleep",
  at_risk: "At risk",
  cant_lose: "Can't lose",
  hibernating: "Hibernating",
  lost: "Lost",
};

export const BUILT_IN_SEGMENTS: readonly BuiltInSegment[] = [
  ...Object.values(Tier).map((tier) => ({
    key: `tier_${tier}`,
    name: `Tier: ${TIER_NAMES[tier]}`,
    description: `Customers in the ${TIER_NAMES[tier]} tier of the value pyramid (current period).`,
    rule: only({ type: "condition", field: "tier", period: "current", op: "in", value: [tier] }),
  })),
  ...Object.values(AbcSegment).map((abc) => ({
    key: `abc_${abc}`,
    name: `ABC segment ${abc}`,
    description: `Customers in value segment ${abc} (current period).`,
    rule: only({ type: "condition", field: "abc", period: "current", op: "in", value: [abc] }),
  })),
  ...Object.values(LifecycleStage).map((stage) => ({
    key: `stage_${stage}`,
    name: `Lifecycle: ${STAGE_NAMES[stage]}`,
    description: `Customers in the ${STAGE_NAMES[stage]} lifecycle stage (current period).`,
    rule: only({ type: "condition", field: "lifecycleStage", period: "current", op: "in", value: [stage] }),
  })),
  ...RFM_GROUP_VALUES.map((group) => ({
    key: `rfm_${group}`,
    name: `RFM: ${RFM_NAMES[group]}`,
    description: `Customers in the RFM group "${RFM_NAMES[group]}" (current period).`,
    rule: only({ type: "condition", field: "rfmGroup", period: "current", op: "in", value: [group] }),
  })),
  {
    key: "golden",
    name: "Golden customers",
    description: "The highest and most stable spenders: tier VIP or Major, RFM group champions or loyal.",
    rule: only(
      { type: "condition", field: "tier", period: "current", op: "in", value: ["VIP", "MAJOR"] },
      { type: "condition", field: "rfmGroup", period: "current", op: "in", value: ["champions", "loyal"] },
    ),
  },
  {
    key: "high_value_at_risk",
    name: "High-value customers at risk",
    description: "Churn early warning: tier VIP or Major with a churn risk of 50% or more.",
    rule: only(
      { type: "condition", field: "tier", period: "current", op: "in", value: ["VIP", "MAJOR"] },
      { type: "condition", field: "churnRisk", period: "current", op: "gte", value: 0.5 },
    ),
  },
];

/** The i18n key the UI shows for a built-in segment's name. */
export function builtInMessageKey(key: string): string {
  return `segments.builtIn.${key}`;
}

import { createTranslator } from "next-intl";
import { describe, expect, test } from "vitest";
import { attributionWindow, beforeAfterRanges, campaignDays, lastAttributedDay, sameMonthsRanges } from "@/lib/campaigns/rules/attribution";
import { campaignEffectiveness, effectivenessVerdict } from "@/lib/campaigns/rules/effectiveness";
import { controlSize } from "@/lib/campaigns/rules/holdout-sql";
import { parseCampaignListQuery, serializeCampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { canMoveCampaign, CAMPAIGN_OPT_OUT, nextCampaignStatuses, responseRefusal, responseStamps } from "@/lib/campaigns/rules/status";
import { cumulativeCutCounts } from "@/lib/platform/math/ranking";
import en from "@/lib/i18n/messages/en/campaigns.json";
import zh from "@/lib/i18n/messages/zh-CN/campaigns.json";

const TZ = "Asia/Shanghai";

describe("campaign workflow", () => {
  test.each([
    ["DRAFT", "SCHEDULED", true],
    ["DRAFT", "ACTIVE", true],
    ["DRAFT", "COMPLETED", false],
    ["SCHEDULED", "DRAFT", true],
    ["SCHEDULED", "CANCELLED", true],
    ["ACTIVE", "COMPLETED", true],
    ["ACTIVE", "DRAFT", false],
    ["COMPLETED", "ACTIVE", false],
    ["CANCELLED", "DRAFT", false],
  ] as const)("%s → %s allowed: %s", (from, to, ok) => {
    expect(canMoveCampaign(from, to)).toBe(ok);
  });

  test("going ACTIVE is the launch, never offered as a plain change", () => {
    expect(nextCampaignStatuses("DRAFT")).toEqual(["SCHEDULED", "CANCELLED"]);
    expect(nextCampaignStatuses("ACTIVE")).toEqual(["COMPLETED", "CANCELLED"]);
  });

  test("opt-out flag per channel", () => {
    expect(CAMPAIGN_OPT_OUT).toEqual({ EMAIL: "dncEmail", PHONE: "dncPhone", DIRECT_MAIL: "dncMail", SMS: "dncSms", EVENT: null, ADVERTISING: null });
  });

  test("responses: control refused, only launched campaigns, never back to targeted; stamps", () => {
    const member = { isControl: false, status: "TARGETED" as const };
    expect(responseRefusal("ACTIVE", { ...member, isControl: true }, "CONTACTED")).toBe("control");
    expect(responseRefusal("DRAFT", member, "CONTACTED")).toBe("campaignNotRunning");
    expect(responseRefusal("CANCELLED", member, "CONTACTED")).toBe("campaignNotRunning");
    expect(responseRefusal("COMPLETED", member, "RESPONDED")).toBeNull();
    expect(responseRefusal("ACTIVE", { ...member, status: "CONTACTED" }, "TARGETED")).toBe("backToTargeted");
    expect(responseStamps("CONVERTED")).toEqual({ contacted: true, responded: true, converted: true });
    expect(responseStamps("DECLINED")).toEqual({ contacted: true, responded: false, converted: false });
  });
});

describe("control size", () => {
  test("equals cumulativeCutCounts (assignHoldoutExact's size) for every n up to 2000 and percent 0..50", () => {
    for (let pct = 0; pct <= 50; pct++) {
      for (let n = 0; n <= 2000; n += 7) expect(controlSize(pct, n)).toBe(cumulativeCutCounts([pct / 100], n)[0]);
    }
    expect(controlSize(10, 95)).toBe(10);
    expect(controlSize(5, 10)).toBe(1);
  });
});

describe("measurement windows in the company zone", () => {
  const c = { launchedAt: new Date("2026-06-10T02:00:00Z"), startsAt: new Date("2026-06-09T16:00:00Z"), endsAt: new Date("2026-06-29T16:00:00Z"), graceDays: 5 };

  test("attribution: [launch, end of day E + g)", () => {
    expect(lastAttributedDay(c, TZ)).toBe("2026-07-05");
    expect(attributionWindow(c, TZ)).toEqual({ start: c.launchedAt, end: new Date("2026-07-05T16:00:00Z") });
    // Not launched yet: from the planned start.
    expect(attributionWindow({ ...c, launchedAt: null }, TZ).start).toEqual(c.startsAt);
    // A campaign ending at 09:00 on its last day still counts that whole day and the grace days.
    expect(attributionWindow({ ...c, endsAt: new Date("2026-06-30T01:00:00Z"), graceDays: 0 }, TZ).end).toEqual(new Date("2026-06-30T16:00:00Z"));
  });

  test("before/after spans d = E − L + 1 days; the same months a year earlier", () => {
    expect(campaignDays(c, TZ)).toBe(21);
    const ba = beforeAfterRanges(c, TZ);
    expect(ba.after).toEqual({ start: c.launchedAt, end: new Date(c.launchedAt.getTime() + 21 * 86_400_000) });
    expect(ba.before.end).toEqual(c.launchedAt);
    const sm = sameMonthsRanges({ ...c, endsAt: new Date("2026-07-14T16:00:00Z") }, TZ);
    expect(sm.months).toBe(2);
    expect(sm.current).toEqual({ start: new Date("2026-05-31T16:00:00Z"), end: new Date("2026-07-31T16:00:00Z") });
    expect(sm.lastYear).toEqual({ start: new Date("2025-05-31T16:00:00Z"), end: new Date("2025-07-31T16:00:00Z") });
    // Across a year end.
    const dec = sameMonthsRanges({ launchedAt: new Date("2026-12-20T02:00:00Z"), startsAt: new Date("2026-12-20T02:00:00Z"), endsAt: new Date("2027-01-10T02:00:00Z"), graceDays: 0 }, TZ);
    expect(dec.current).toEqual({ start: new Date("2026-11-30T16:00:00Z"), end: new Date("2027-01-31T16:00:00Z") });
  });
});

describe("list query", () => {
  test("parses what it knows, drops the rest, and serialises only what differs from the defaults", () => {
    const q = parseCampaignListQuery({ status: "ACTIVE", type: "FAX", from: "2026-02-30", to: "2026-07-01", owner: "7", sort: "name", page: "0" });
    expect(q).toEqual({ status: "ACTIVE", to: "2026-07-01", owner: 7, sort: "name", dir: "asc", page: 1 });
    expect(serializeCampaignListQuery(q).toString()).toBe("status=ACTIVE&to=2026-07-01&owner=7&sort=name");
  });
});

describe("verdict messages", () => {
  const base = {
    treated: { members: 100, converted: 60, revenueCents: { sum: 0n, sumSquares: 0n }, marginCents: { sum: 100_000n, sumSquares: 1_000_000_000n }, units: { sum: 0n, sumSquares: 0n } },
    control: { members: 100, converted: 20, revenueCents: { sum: 0n, sumSquares: 0n }, marginCents: { sum: 0n, sumSquares: 0n }, units: { sum: 0n, sumSquares: 0n } },
    costCents: 50_000n,
    treatedResponses: 60,
    expectedResponses: null,
    previousCampaign: null,
    sameMonths: null,
    beforeAfter: null,
  };

  test("every key effectivenessVerdict returns is worded in both languages with its numbers", () => {
    const messages = effectivenessVerdict(campaignEffectiveness(base));
    expect(messages.map((m) => m.key)).toEqual(["liftUp", "roi"]);
    const tEn = createTranslator({ locale: "en", messages: en, namespace: "campaigns.verdict" });
    const tZh = createTranslator({ locale: "zh-CN", messages: zh, namespace: "campaigns.verdict" });
    expect(tEn(messages[0].key, messages[0].params)).toMatch(/lift 40\.0% \(95% interval 2\d\.\d% to 5\d\.\d%\)/);
    expect(tZh(messages[0].key, messages[0].params)).toContain("提升度 40.0%");
    // ROI: (1000.00 − 500.00) / 500.00 = 100%.
    expect(tEn("roi", messages[1].params as { roi: number })).toContain("100.0%");
    for (const key of ["liftDown", "liftInconclusive", "noControlGroup", "emptyGroup", "noCost"] as const) {
      expect(tEn(key, { lift: 0.01, lower: -0.02, upper: 0.04, confidence: 0.95 })).not.toContain("campaigns.verdict");
      expect(tZh(key, { lift: 0.01, lower: -0.02, upper: 0.04, confidence: 0.95 })).not.toContain("campaigns.verdict");
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fitTrainingRows,
  propensityFeatureRows,
  propensityForAudience,
  propensityTrainingRows,
  scoreFeatureRows,
  scorePropensity,
  trainPropensityModel,
  expectedResponses,
  unpackFeatureRows,
  type FeatureRow,
} from "@/lib/campaigns/propensity-data";
import { txRunner } from "@/lib/campaigns/launch";
import { channelModel, MAX_AGE_MS, refreshChannelModels } from "@/lib/campaigns/propensity-models";
import { aucMannWhitney, predictPropensity } from "@/lib/campaigns/rules/propensity";
import { encodeRows, PROPENSITY_FEATURES, trainingImputation } from "@/lib/campaigns/rules/propensity-features";
import { recomputeWithHistory } from "@/lib/scoring/history";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { resetDatabase, seedDemoData } from "@/prisma/seed/generate";
import { createPeople } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const days = (from: string, to: string) => (at(to).getTime() - at(from).getTime()) / DAY;

let db: TestDatabase;
let ownerId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ownerId = (await createPeople(db)).managerEast.id;
});
afterAll(() => db.close());

async function customer(name: string, createdAt: string): Promise<number> {
  const row = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name, region: "East China", createdAt: at(createdAt) } });
  return row.id;
}

async function order(customerId: number, orderedAt: string, total: string, status: "COMPLETED" | "RETURNED" = "COMPLETED"): Promise<void> {
  await db.prisma.order.create({ data: { customerId, orderedAt: at(orderedAt), total, margin: "0", status } });
}

async function touch(customerId: number, occurredAt: string): Promise<void> {
  await db.prisma.touchpoint.create({ data: { customerId, occurredAt: at(occurredAt), channel: "PHONE", direction: "OUTBOUND", summary: "call" } });
}

type CampaignType = "EMAIL" | "SMS" | "PHONE";
async function campaign(name: string, type: CampaignType, status: "ACTIVE" | "COMPLETED" | "CANCELLED" | "DRAFT", startsAt: string, endsAt: string, launchedAt?: string): Promise<number> {
  const row = await db.prisma.campaign.create({
    data: { name, type, status, startsAt: at(startsAt), endsAt: at(endsAt), launchedAt: launchedAt ? at(launchedAt) : null, ownerId },
  });
  return row.id;
}

type MemberStatus = "TARGETED" | "CONTACTED" | "RESPONDED" | "CONVERTED" | "DECLINED";
async function member(campaignId: number, customerId: number, status: MemberStatus, extra: { respondedAt?: string; convertedAt?: string; isControl?: boolean } = {}) {
  await db.prisma.campaignMember.create({
    data: {
      campaignId,
      customerId,
      status,
      isControl: extra.isControl ?? false,
      respondedAt: extra.respondedAt ? at(extra.respondedAt) : null,
      convertedAt: extra.convertedAt ? at(extra.convertedAt) : null,
    },
  });
}

async function scoreRun(periodEnd: string): Promise<number> {
  const end = at(periodEnd);
  const run = await db.prisma.scoreRun.create({
    data: { periodStart: new Date(end.getTime() - 365 * DAY), periodEnd: end, settings: {}, customerCount: 0, activeCount: 0, durationMs: 0, startedAt: end },
  });
  return run.id;
}

async function score(runId: number, periodEnd: string, customerId: number, s: { tier: "VIP" | "MAJOR" | "MEDIUM" | "SMALL"; stage: "ACQUISITION" | "BUILD_UP" | "CLIMAX" | "DECLINE" | "EXIT"; clv: string; pAlive: number | null }) {
  const end = at(periodEnd);
  await db.prisma.customerScore.create({
    data: {
      customerId,
      runId,
      periodStart: new Date(end.getTime() - 365 * DAY),
      periodEnd: end,
      region: "East China",
      kind: "INDIVIDUAL",
      frequency: 0,
      monetary: "0",
      margin: "0",
      rScore: 1,
      fScore: 1,
      mScore: 1,
      rfmCode: "111",
      rfmGroup: "hibernating",
      tier: s.tier,
      tierRank: 1,
      abcSegment: "C",
      historicalClv: "0",
      predictedClv: s.clv,
      pAlive: s.pAlive,
      churnRisk: s.pAlive === null ? null : 1 - s.pAlive,
      lifecycleStage: s.stage,
    },
  });
}

/** The fields the SQL computes, for comparing with hand-computed rows. */
function facts(row: FeatureRow) {
  const { rowId, customerId, responded, ...rest } = row;
  void rowId;
  return { customerId, responded, ...rest };
}

describe("propensity features from a constructed database", () => {
  const AS_OF = "2026-05-01";
  let c1: number;
  let c2: number;
  let c3: number;
  let campaignA: number;
  let campaignB: number;

  beforeAll(async () => {
    c1 = await customer("Ada", "2025-01-01");
    c2 = await customer("Bo", "2026-04-01");
    c3 = await customer("Cai", "2024-01-01");
    // Snapshots: periods ending 2025-12-31, 2026-04-30 (its last day is over at the as-of instant) and
    // 2026-05-31 (not over: never used as of 2026-05-01).
    const r1 = await scoreRun("2025-12-31");
    const r2 = await scoreRun("2026-04-30");
    const r3 = await scoreRun("2026-05-31");
    await score(r1, "2025-12-31", c1, { tier: "MAJOR", stage: "BUILD_UP", clv: "500.00", pAlive: 0.7 });
    await score(r2, "2026-04-30", c1, { tier: "VIP", stage: "CLIMAX", clv: "999.00", pAlive: 0.9 });
    await score(r3, "2026-05-31", c1, { tier: "SMALL", stage: "EXIT", clv: "1.00", pAlive: 0.1 });
    await score(r2, "2026-04-30", c3, { tier: "SMALL", stage: "DECLINE", clv: "0.00", pAlive: null });

    await order(c1, "2026-04-21", "100.10");
    await order(c1, "2025-12-01", "50.05");
    await order(c1, "2025-03-01", "10.00"); // outside the 365-day window, still the first purchase
    await order(c1, "2026-04-30T12:00:00Z", "70.00", "RETURNED"); // not completed
    await order(c3, "2025-06-01", "20.00");
    await order(c3, "2025-07-01", "30.00");
    await touch(c1, "2026-04-26T12:00:00Z");
    await touch(c3, "2026-01-01");

    const sms = await campaign("Text offer", "SMS", "COMPLETED", "2025-11-01", "2025-12-01");
    campaignA = await campaign("Email A", "EMAIL", "COMPLETED", "2026-01-01", "2026-02-01");
    campaignB = await campaign("Email B", "EMAIL", "COMPLETED", "2026-02-20", "2026-04-01", "2026-03-01");
    const running = await campaign("Email C", "EMAIL", "ACTIVE", "2026-04-15", "2026-06-01");
    const draft = await campaign("Email D", "EMAIL", "DRAFT", "2026-04-20", "2026-06-01");
    await member(sms, c1, "CONVERTED", { convertedAt: "2025-11-05" });
    await member(campaignA, c1, "RESPONDED", { respondedAt: "2026-01-10" });
    await member(campaignA, c3, "RESPONDED", { respondedAt: "2026-05-03" }); // known only after the as-of instant
    await member(campaignB, c1, "CONTACTED");
    await member(campaignB, c2, "RESPONDED", { respondedAt: "2026-04-02", isControl: true }); // control: never counted
    await member(campaignB, c3, "TARGETED"); // never reached: no contact, not a training row
    await member(running, c1, "RESPONDED", { respondedAt: "2026-04-20" }); // a response known before as-of
    await member(draft, c3, "CONTACTED"); // a draft contacted nobody
  });

  const expected = () => [
    {
      customerId: c1,
      responded: false,
      recencyDays: 10,
      orders365: 2,
      spend365: 150.15,
      tier: "VIP",
      stage: "CLIMAX",
      predictedClv: 999,
      pAlive: 0.9,
      scored: true,
      // Email A (responded 2026-01-10) and the running Email C (responded 2026-04-20, before as-of).
      channelResponses: 2,
      // Email A, B and C: launched before as-of with a status past TARGETED.
      channelContacts: 3,
      otherResponses: 1,
      touchDays: 4.5,
      tenureDays: days("2025-01-01", AS_OF),
    },
    {
      customerId: c2,
      responded: false,
      recencyDays: null,
      orders365: 0,
      spend365: 0,
      tier: null,
      stage: null,
      predictedClv: null,
      pAlive: null,
      scored: false,
      channelResponses: 0,
      channelContacts: 0,
      otherResponses: 0,
      touchDays: null,
      tenureDays: 30,
    },
    {
      customerId: c3,
      responded: false,
      recencyDays: days("2025-07-01", AS_OF),
      orders365: 2,
      spend365: 50,
      tier: "SMALL",
      stage: "DECLINE",
      predictedClv: 0,
      pAlive: null,
      scored: true,
      channelResponses: 0,
      channelContacts: 1,
      otherResponses: 0,
      touchDays: days("2026-01-01", AS_OF),
      tenureDays: days("2024-01-01", AS_OF),
    },
  ];

  // Both plans of the scoring statement (events of the audience only, or of every customer, which a
  // large audience uses) must give the same rows; the constructed database is small, so both are forced.
  it.each(["audience", "all"] as const)("builds the design rows of the documented features in one query, equal to hand-computed ones (reach: %s)", async (reach) => {
    const rows = await propensityFeatureRows("EMAIL", [c3, c1, c2, c1, 999_999], at(AS_OF), { reach });
    // Sorted by customer, duplicates and unknown ids dropped.
    expect(rows.map((r) => r.customerId)).toEqual([c1, c2, c3]);
    const got = rows.map(facts);
    // One customer alone gets the same row: the others' events (aggregated too under "all") stay theirs.
    expect((await propensityFeatureRows("EMAIL", [c2], at(AS_OF), { reach })).map(facts)).toEqual([got[1]]);
    expected().forEach((e, i) => {
      const g = got[i];
      expect({ ...g, spend365: undefined, recencyDays: undefined, touchDays: undefined, tenureDays: undefined }).toEqual({
        ...e,
        spend365: undefined,
        recencyDays: undefined,
        touchDays: undefined,
        tenureDays: undefined,
      });
      expect(g.spend365).toBeCloseTo(e.spend365, 10);
      for (const k of ["recencyDays", "touchDays", "tenureDays"] as const) {
        if (e[k] === null) expect(g[k], k).toBeNull();
        else expect(g[k], k).toBeCloseTo(e[k] as number, 9);
      }
    });
    // The encoded design matrix: medians of the present values fill the gaps (tier 1 and 4 → 2.5).
    const imputation = trainingImputation(rows);
    expect(imputation.tier).toBe(2.5);
    expect(imputation.logPredictedClv).toBeCloseTo(Math.log(1000) / 2, 12);
    expect(imputation.pAlive).toBe(0.9);
    const x = encodeRows(rows, imputation);
    const p = PROPENSITY_FEATURES.length;
    const row2 = Array.from(x.subarray(p, 2 * p));
    [730, 0, 0, 2.5, Math.log(1000) / 2, 0.9, 0, 0, 0, 0, 0, 1, 0, 0, 0, 365, 30].forEach((v, j) => expect(row2[j], PROPENSITY_FEATURES[j]).toBeCloseTo(v, 12));
  });

  it("does not leak: data recorded after the as-of instant changes no feature", async () => {
    const before = (await propensityFeatureRows("EMAIL", [c1, c2, c3], at(AS_OF))).map(facts);
    expect((await propensityFeatureRows("EMAIL", [c1, c2, c3], at(AS_OF), { reach: "all" })).map(facts)).toEqual(before);
    await order(c2, "2026-05-01T00:00:00.001Z", "999.00");
    await order(c3, "2026-05-02", "5.00");
    await touch(c2, "2026-05-01T00:00:01Z");
    // c3, targeted by B but not reached by its end, is reached and responds after the as-of instant.
    await db.prisma.campaignMember.updateMany({
      where: { campaignId: campaignB, customerId: c3 },
      data: { status: "RESPONDED", contactedAt: at("2026-05-04"), respondedAt: at("2026-05-05") },
    });
    const late = await campaign("Email late", "EMAIL", "COMPLETED", "2026-05-02", "2026-05-20");
    await member(late, c1, "RESPONDED", { respondedAt: "2026-05-03" });
    const after = (await propensityFeatureRows("EMAIL", [c1, c2, c3], at(AS_OF))).map(facts);
    expect(after).toEqual(before);
    expect((await propensityFeatureRows("EMAIL", [c1, c2, c3], at(AS_OF), { reach: "all" })).map(facts)).toEqual(before);
    // As of a later instant the same data do count.
    const later = await propensityFeatureRows("EMAIL", [c2], at("2026-05-10"));
    expect(later[0].orders365).toBe(1);
  });

  it("reads the spend window's edges exactly: from as-of minus 365 days inclusive to as-of exclusive", async () => {
    const asOf = at(AS_OF).getTime();
    const edge = await customer("Edge", "2024-01-01");
    const iso = (ms: number) => new Date(ms).toISOString();
    await order(edge, iso(asOf - 365 * DAY - 1), "1000.00"); // a millisecond before the window
    await order(edge, iso(asOf - 365 * DAY), "1.25"); // the window's first instant
    await order(edge, iso(asOf - 1), "2.50"); // the last instant before as-of: the last purchase
    await order(edge, iso(asOf), "4000.00"); // at as-of: not before it
    for (const reach of ["audience", "all"] as const) {
      const [row] = await propensityFeatureRows("EMAIL", [edge], at(AS_OF), { reach });
      expect(row.orders365, reach).toBe(2);
      expect(row.spend365, reach).toBeCloseTo(3.75, 10);
      expect(row.recencyDays, reach).toBeCloseTo(1 / DAY, 12);
    }
    // Training reads the same edges as of a campaign's launch (aggregated in TypeScript, not SQL).
    const sms = await campaign("Edge SMS", "SMS", "COMPLETED", AS_OF, "2026-05-10");
    await member(sms, edge, "CONTACTED");
    // A later campaign, so the statement reads events past the edge row's instant and the row must skip them.
    await member(await campaign("Edge SMS later", "SMS", "COMPLETED", "2026-05-05", "2026-05-20"), await customer("Edge later", "2024-01-01"), "CONTACTED");
    const trainingRow = (await propensityTrainingRows("SMS", at("2026-06-01"))).toArray().find((r) => r.customerId === edge);
    expect(trainingRow?.orders365).toBe(2);
    expect(trainingRow?.spend365).toBeCloseTo(3.75, 10);
    expect(trainingRow?.recencyDays).toBeCloseTo(1 / DAY, 12);
  });

  it("trains on ended campaigns of the channel with features as of each launch, and outcomes known by as-of", async () => {
    const rows = (await propensityTrainingRows("EMAIL", at(AS_OF))).toArray();
    // A (c1 responded, c3 responded only after as-of → 0) and B (c1 contacted, c3 responded after as-of → 0;
    // c2 in the control group left out).
    const byKey = rows.map((r) => ({ customerId: r.customerId, responded: r.responded, tier: r.tier, stage: r.stage, channelResponses: r.channelResponses, otherResponses: r.otherResponses }));
    expect(byKey).toEqual([
      // c1 in A, as of 2026-01-01: the 2025-12-31 period is over → MAJOR / BUILD_UP; the SMS conversion counts.
      { customerId: c1, responded: true, tier: "MAJOR", stage: "BUILD_UP", channelResponses: 0, otherResponses: 1 },
      // c3 in A: no snapshot as of 2026-01-01.
      { customerId: c3, responded: false, tier: null, stage: null, channelResponses: 0, otherResponses: 0 },
      // c1 in B, as of its launch 2026-03-01 (launchedAt, not startsAt): A's response counts.
      { customerId: c1, responded: false, tier: "MAJOR", stage: "BUILD_UP", channelResponses: 1, otherResponses: 1 },
      { customerId: c3, responded: false, tier: null, stage: null, channelResponses: 0, otherResponses: 0 },
    ]);
    const c1InB = rows[2];
    expect(c1InB.recencyDays).toBeCloseTo(days("2025-12-01", "2026-03-01"), 9);
    expect(c1InB.orders365).toBe(2);
    // The same data as of a later day: c3's response in A is known by then.
    const laterRows = (await propensityTrainingRows("EMAIL", at("2026-05-04"))).toArray();
    expect(laterRows.find((r) => r.customerId === c3)?.responded).toBe(true);
  });

  it("returns no model with too few responders, and refuses λ ≤ 0", async () => {
    expect(await trainPropensityModel("EMAIL", at(AS_OF))).toBeNull();
    expect(await propensityForAudience("EMAIL", [c1, c2], at(AS_OF))).toBeNull();
    await expect(trainPropensityModel("EMAIL", at(AS_OF), { lambda: 0 })).rejects.toThrow(/lambda/);
  });
});

/** Independent objective of DOMAIN.md §10a over an encoded design: standardise by hand, then f and ∇f. */
function referenceObjective(x: Float64Array, y: Uint8Array, p: number, lambda: number) {
  const n = y.length;
  const z: number[][] = [];
  for (let j = 0; j < p; j++) {
    const col = Array.from({ length: n }, (_, i) => x[i * p + j]);
    const mean = col.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    // StandardScaler: a constant column keeps scale 1, i.e. z = 0.
    z.push(col.map((v) => (sd === 0 ? 0 : (v - mean) / sd)));
  }
  const eta = (b: number[], i: number) => b[0] + z.reduce((s, col, j) => s + b[j + 1] * col[i], 0);
  const f = (b: number[]) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const e = eta(b, i);
      v += y[i] === 1 ? Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    }
    return v + (lambda / 2) * b.slice(1).reduce((s, c) => s + c * c, 0);
  };
  const grad = (b: number[]) => {
    const g = new Array<number>(p + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const r = 1 / (1 + Math.exp(-eta(b, i))) - y[i];
      g[0] += r;
      for (let j = 0; j < p; j++) g[j + 1] += r * z[j][i];
    }
    for (let j = 1; j <= p; j++) g[j] += lambda * b[j];
    return g;
  };
  return { f, grad };
}

describe("propensity fit on features built by SQL", () => {
  const LAUNCH = "2026-02-01";
  let ids: number[];

  beforeAll(async () => {
    await resetDatabase(db.sql);
    ownerId = (await createPeople(db)).managerEast.id;
    // 240 customers with deterministic, varied histories; responses depend on recency and orders.
    ids = [];
    for (let i = 0; i < 240; i++) ids.push(await customer(`Fit ${i}`, `202${3 + (i % 3)}-0${1 + (i % 9)}-15`));
    const run = await scoreRun("2025-12-31");
    const tiers = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;
    const stages = ["ACQUISITION", "BUILD_UP", "CLIMAX", "DECLINE", "EXIT"] as const;
    const k = await campaign("Fit email", "EMAIL", "COMPLETED", LAUNCH, "2026-03-01");
    const launch = at(LAUNCH).getTime();
    for (const [i, id] of ids.entries()) {
      const orders = i % 5;
      const recency = 5 + ((i * 37) % 400);
      for (let o = 0; o < orders; o++) await order(id, new Date(launch - (recency + o * 45) * DAY).toISOString(), `${(10 + ((i * 7 + o * 13) % 90)).toFixed(2)}`);
      if (i % 4 !== 0) await touch(id, new Date(launch - ((i * 11) % 200) * DAY - 3_600_000).toISOString());
      if (i % 6 !== 0) await score(run, "2025-12-31", id, { tier: tiers[i % 4], stage: stages[(i * 3) % 5], clv: `${(i * 13) % 700}.25`, pAlive: i % 10 === 0 ? null : ((i * 29) % 100) / 100 });
      // A logistic rule plus a deterministic "noise" term.
      const eta = -0.5 - recency / 150 + orders * 0.5 + (((i * 7919) % 100) / 100 - 0.5) * 2;
      const responded = ((i * 104_729) % 1000) / 1000 < 1 / (1 + Math.exp(-eta));
      await member(k, id, responded ? "RESPONDED" : "DECLINED", responded ? { respondedAt: new Date(launch + 3 * DAY).toISOString() } : {});
    }
  });

  it("equals an independent solution of the documented objective (∇f = 0, strictly convex) for λ = 1 and λ = 0.3", async () => {
    const rows = (await propensityTrainingRows("EMAIL", at("2026-06-01"))).toArray();
    expect(rows).toHaveLength(240);
    const positives = rows.filter((r) => r.responded).length;
    expect(positives).toBeGreaterThanOrEqual(30);
    expect(240 - positives).toBeGreaterThanOrEqual(30);
    for (const lambda of [1, 0.3]) {
      const trained = await trainPropensityModel("EMAIL", at("2026-06-01"), { lambda });
      expect(trained).not.toBeNull();
      if (trained === null) continue;
      expect(trained.n).toBe(240);
      expect(trained.positives).toBe(positives);
      expect(trained.converged).toBe(true);
      expect(trained.cvAuc).toBeGreaterThan(0.6);
      // Independently: encode the rows, standardise by hand and evaluate the objective's gradient.
      const p = PROPENSITY_FEATURES.length;
      const x = encodeRows(rows, trainingImputation(rows));
      const y = Uint8Array.from(rows, (r) => (r.responded ? 1 : 0));
      const { f, grad } = referenceObjective(x, y, p, lambda);
      const b = [trained.model.intercept, ...trained.model.coefficients];
      expect(Math.max(...grad(b).map(Math.abs))).toBeLessThan(1e-7);
      // f is strictly convex, so a zero gradient is the unique minimum: every nearby point is worse.
      const best = f(b);
      for (let j = 0; j < b.length; j++) {
        for (const step of [1e-3, -1e-3]) {
          const moved = [...b];
          moved[j] += step;
          expect(f(moved)).toBeGreaterThan(best);
        }
      }
      // The same fit from the pure step on the same rows.
      const again = fitTrainingRows("EMAIL", at("2026-06-01"), rows, lambda);
      expect(again?.model.intercept).toBe(trained.model.intercept);
    }
  });

  it("gives every training row the features that scoring computes for its customer at the row's instant", async () => {
    // Training aggregates raw events per row in TypeScript; scoring aggregates in SQL. Both must agree.
    const training = (await propensityTrainingRows("EMAIL", at("2026-06-01"))).toArray();
    expect(training).toHaveLength(ids.length);
    const features = (row: FeatureRow) => ({
      customerId: row.customerId,
      recencyDays: row.recencyDays,
      orders365: row.orders365,
      spend365: row.spend365,
      tier: row.tier,
      stage: row.stage,
      predictedClv: row.predictedClv,
      pAlive: row.pAlive,
      scored: row.scored,
      channelResponses: row.channelResponses,
      channelContacts: row.channelContacts,
      otherResponses: row.otherResponses,
      touchDays: row.touchDays,
      tenureDays: row.tenureDays,
    });
    const scored = await propensityFeatureRows("EMAIL", ids, at(LAUNCH), { reach: "audience" });
    expect(training.map(features).sort((a, b) => a.customerId - b.customerId)).toEqual(scored.map(features));
    // The histories vary: with and without orders in the window, touchpoints and snapshots.
    expect(new Set(training.map((r) => r.orders365)).size).toBeGreaterThan(3);
    expect(training.some((r) => r.touchDays === null) && training.some((r) => r.touchDays !== null)).toBe(true);
    expect(training.some((r) => r.recencyDays === null) && training.some((r) => r.spend365 > 0)).toBe(true);
  });

  it("scores a large audience's plan inside a launch's Prisma transaction as outside it", async () => {
    // The "all" plan sets its planner options first; Prisma prepares every statement and refused the
    // three settings as one exec, so launches of 5,000+ members stored no propensities at all.
    const trained = await trainPropensityModel("EMAIL", at("2026-06-01"));
    expect(trained).not.toBeNull();
    if (trained === null) return;
    const audience = ids.slice(0, 40);
    const outside = await scorePropensity(trained, audience, at("2026-06-01"), { reach: "all" });
    const inside = await db.prisma.$transaction((tx) => scorePropensity(trained, audience, at("2026-06-01"), { sql: txRunner(tx), reach: "all" }));
    expect(inside.size).toBe(audience.length);
    for (const id of audience) expect(inside.get(id)).toEqual(outside.get(id));
  });

  it("scores an audience with its top three reasons, and the expected responses are the sum of p", async () => {
    const trained = await trainPropensityModel("EMAIL", at("2026-06-01"));
    expect(trained).not.toBeNull();
    if (trained === null) return;
    const audience = ids.slice(0, 50);
    const scores = await propensityForAudience("EMAIL", audience, at("2026-06-01"), { model: trained });
    expect(scores?.size).toBe(50);
    const rows = await propensityFeatureRows("EMAIL", audience, at("2026-06-01"));
    const direct = scoreFeatureRows(trained, rows);
    let sum = 0;
    for (const id of audience) {
      const s = scores?.get(id);
      expect(s).toBeDefined();
      if (!s) continue;
      expect(s.p).toBeGreaterThan(0);
      expect(s.p).toBeLessThan(1);
      // The launch's path (packed rows encoded straight into the matrix) = rows first, then scored.
      expect(s).toEqual(direct.get(id));
      expect(s.reasons.length).toBeLessThanOrEqual(3);
      for (let r = 1; r < s.reasons.length; r++) expect(s.reasons[r - 1].contribution).toBeGreaterThanOrEqual(s.reasons[r].contribution);
      for (const reason of s.reasons) {
        const j = trained.featureNames.indexOf(reason.feature);
        const zj = (reason.value - trained.model.standardization.means[j]) / trained.model.standardization.scales[j];
        expect(reason.contribution).toBeCloseTo(trained.model.coefficients[j] * zj, 12);
        expect(reason.direction).toBe(zj > 0 ? "high" : "low");
      }
      sum += s.p;
    }
    expect(scores && expectedResponses(scores)).toBeCloseTo(sum, 9);
    // Rows in any order are found by customer id all the same; unknown ids have no score.
    const shuffled = scoreFeatureRows(trained, [...rows].reverse());
    expect(shuffled.size).toBe(rows.length);
    for (const id of audience) expect(shuffled.get(id)).toEqual(direct.get(id));
    expect(shuffled.get(999_999_999)).toBeUndefined();
    expect(() => scoreFeatureRows(trained, [rows[0], rows[1], rows[0]])).toThrow(/scored twice/);
    // Trained inside propensityForAudience by default: the same model, the same scores.
    const fresh = await propensityForAudience("EMAIL", audience.slice(0, 5), at("2026-06-01"));
    expect(fresh?.get(audience[0])?.p).toBeCloseTo(scores?.get(audience[0])?.p ?? -1, 12);
  });
});

describe("the demo company's campaigns", () => {
  const NOW = at("2026-06-10");

  beforeAll(async () => {
    await resetDatabase(db.sql);
    await seedDemoData(db.sql, { customers: 2000, now: NOW });
    await recomputeWithHistory(db.sql, { asOf: NOW, quarters: 4, settings: DEFAULT_ANALYTICS_SETTINGS });
  }, 600_000);

  /** AUC of the channel's model as of a campaign's launch on that campaign's contacted members. */
  async function heldOut(name: string, channel: "EMAIL" | "PHONE") {
    const [k] = await db.sql.query<{ id: number; launch: Date }>(`SELECT id, coalesce("launchedAt", "startsAt") AS launch FROM "Campaign" WHERE name = $1`, [name]);
    const members = await db.sql.query<{ customerId: number; y: boolean }>(
      `SELECT "customerId", status IN ('RESPONDED', 'CONVERTED') AS y FROM "CampaignMember"
       WHERE "campaignId" = $1 AND NOT "isControl" AND status <> 'TARGETED' ORDER BY "customerId"`,
      [k.id],
    );
    const scores = await propensityForAudience(channel, members.map((m) => m.customerId), k.launch);
    if (scores === null) return null;
    const auc = aucMannWhitney(members.map((m) => scores.get(m.customerId)?.p ?? Number.NaN), members.map((m) => (m.y ? 1 : 0)));
    return { members: members.length, responders: members.filter((m) => m.y).length, auc: auc.value };
  }

  it("respond in a way the model can rank: cross-validated and held-out AUC well above 0.5", async () => {
    const report: Record<string, unknown> = {};
    for (const channel of ["DIRECT_MAIL", "EMAIL", "PHONE", "EVENT", "ADVERTISING", "SMS"] as const) {
      const trained = await trainPropensityModel(channel, NOW);
      report[channel] = trained === null ? null : { n: trained.n, positives: trained.positives, cvAuc: trained.cvAuc };
    }
    // Held out in time: the email model as of the SME Security Bundle's launch (trained on the Fiber
    // launch mailing before it) ranks the SME campaign's contacted members by what they then did; the
    // same for the phone model on the Retention Call List (trained on the Win-back program).
    const email = await heldOut("SME Security Bundle", "EMAIL");
    report.heldOutEmail = email;
    report.heldOutPhone = await heldOut("Retention Call List", "PHONE");
    console.log(`demo propensity AUC: ${JSON.stringify(report)}`);
    // Measured (default seed, 2,000 customers, 2026-06-10): email 5-fold CV AUC 0.73 on 192 members with
    // 33 responders; held out on the SME campaign 0.82 (88 members, 25 responders). The phone programmes
    // call only lapsed customers, a narrow slice where recency and value vary little: their AUC is
    // reported (about 0.4–0.5 on ~300 rows) but not asserted. Too few responders for a model: direct
    // mail (27), events, advertising, text messages.
    const emailModel = report.EMAIL as { cvAuc: number | null } | null;
    expect(emailModel?.cvAuc).toBeGreaterThan(0.65);
    expect(email?.auc).toBeGreaterThan(0.7);
  }, 120_000);

  describe("the kept channel models", () => {
    const HOUR = 3_600_000;
    const later = (ms: number) => new Date(NOW.getTime() + ms);
    const kept = async () => {
      const [row] = await db.sql.query<{ trainedMs: number; asOfMs: number }>(
        `SELECT round(date_part('epoch', "trainedAt") * 1000)::float8 AS "trainedMs", round(date_part('epoch', "asOf") * 1000)::float8 AS "asOfMs" FROM "PropensityModel" WHERE "channel" = 'EMAIL'`,
      );
      return row;
    };

    it("a first call trains as of its instant and keeps the model; a later one with the same data reuses it, predicting exactly as the fresh fit", async () => {
      await db.sql.query(`DELETE FROM "PropensityModel"`);
      const first = await channelModel("EMAIL", NOW);
      expect(first.reused).toBe(false);
      expect(first.model).not.toBeNull();
      expect(await kept()).toEqual({ trainedMs: NOW.getTime(), asOfMs: NOW.getTime() });

      const again = await channelModel("EMAIL", later(2 * HOUR));
      expect(again.reused).toBe(true);
      expect(again.model!.asOf).toEqual(NOW);
      // The stored model is the fitted one, every double intact: the same predictions on the same rows.
      const fresh = (await trainPropensityModel("EMAIL", NOW))!;
      const rows = await propensityFeatureRows("EMAIL", (await db.sql.query<{ id: number }>(`SELECT id FROM "Customer" ORDER BY id LIMIT 300`)).map((r) => r.id), later(2 * HOUR));
      const x = encodeRows(rows, fresh.imputation);
      expect(Array.from(predictPropensity(again.model!.model, encodeRows(rows, again.model!.imputation)))).toEqual(Array.from(predictPropensity(fresh.model, x)));
      expect(again.model!.imputation).toEqual(fresh.imputation);
      expect({ n: again.model!.n, positives: again.model!.positives, cvAuc: again.model!.cvAuc, lambda: again.model!.lambda }).toEqual({ n: fresh.n, positives: fresh.positives, cvAuc: fresh.cvAuc, lambda: fresh.lambda });
    }, 120_000);

    it("a changed outcome, a day's age or an earlier instant retrains; the job retrains only what is stale", async () => {
      await db.sql.query(`DELETE FROM "PropensityModel"`);
      await channelModel("EMAIL", NOW);
      // A contacted member of an ended email campaign responds after the model was trained.
      const [m] = await db.sql.query<{ id: number }>(
        `SELECT m.id FROM "CampaignMember" m JOIN "Campaign" k ON k.id = m."campaignId"
          WHERE k.type = 'EMAIL' AND k.status IN ('ACTIVE', 'COMPLETED') AND k."endsAt" <= $1::timestamp AND NOT m."isControl" AND m.status = 'CONTACTED' ORDER BY m.id LIMIT 1`,
        [NOW.toISOString()],
      );
      const before = (await channelModel("EMAIL", later(HOUR))).model!;
      await db.sql.query(`UPDATE "CampaignMember" SET status = 'RESPONDED', "respondedAt" = $2::timestamp WHERE id = $1`, [m.id, later(90 * 60_000).toISOString()]);
      const changed = await channelModel("EMAIL", later(2 * HOUR));
      expect(changed.reused).toBe(false);
      expect(changed.model!.positives).toBe(before.positives + 1);
      expect(await kept()).toEqual({ trainedMs: later(2 * HOUR).getTime(), asOfMs: later(2 * HOUR).getTime() });

      expect((await channelModel("EMAIL", later(2 * HOUR + MAX_AGE_MS - 1))).reused).toBe(true);
      expect((await channelModel("EMAIL", later(2 * HOUR + MAX_AGE_MS))).reused).toBe(false);
      // Asked as of an instant before the kept model was trained: trained as of that instant instead.
      expect((await channelModel("EMAIL", later(HOUR))).reused).toBe(false);
      expect(await kept()).toEqual({ trainedMs: later(HOUR).getTime(), asOfMs: later(HOUR).getTime() });

      // The job: every channel with an ended campaign is looked at; only a stale one is trained again.
      const trained = await refreshChannelModels(later(HOUR + 1));
      expect(trained).not.toContain("EMAIL");
      expect(await refreshChannelModels(later(HOUR + 2))).toEqual([]);
    }, 300_000);
  });
});

describe("packed feature rows", () => {
  const line = (fields: string[]) => fields.join(",");
  // rid, cid, y, recency ms, n365, m365, tier, stage, clv, pAlive, scored, ch_resp, ch_contacts, other_resp, touch ms, tenure ms
  const full = ["7", "42", "1", "172800000", "3", "1234.50", "VIP", "CLIMAX", "880.25", "0.75", "1", "2", "5", "1", "", "864000000"];

  it("reads every field, empty fields as missing", () => {
    const blank = ["8", "43", "", "", "0", "0", "", "", "", "", "0", "0", "0", "0", "-86400000", "0"];
    expect(unpackFeatureRows(`${line(full)}\n${line(blank)}`)).toEqual([
      {
        rowId: 7, customerId: 42, responded: true, recencyDays: 2, orders365: 3, spend365: 1234.5, tier: "VIP", stage: "CLIMAX",
        predictedClv: 880.25, pAlive: 0.75, scored: true, channelResponses: 2, channelContacts: 5, otherResponses: 1, touchDays: null, tenureDays: 10,
      },
      {
        rowId: 8, customerId: 43, responded: false, recencyDays: null, orders365: 0, spend365: 0, tier: null, stage: null,
        predictedClv: null, pAlive: null, scored: false, channelResponses: 0, channelContacts: 0, otherResponses: 0, touchDays: -1, tenureDays: 0,
      },
    ]);
    expect(unpackFeatureRows(null)).toEqual([]);
    expect(unpackFeatureRows("")).toEqual([]);
  });

  it("refuses a line with a field too many or too few, wherever it is", () => {
    expect(() => unpackFeatureRows(`${line([...full, "9"])}\n${line(full)}`)).toThrow(/line 1 does not have 16 fields/);
    expect(() => unpackFeatureRows(`${line(full)}\n${line(full.slice(0, 15))}\n${line(full)}`)).toThrow(/line 2 does not have 16 fields/);
    expect(() => unpackFeatureRows(`${line(full)}\n${line(full.slice(0, 15))}`)).toThrow(/line 2 does not have 16 fields/);
  });
});


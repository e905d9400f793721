import type { Database } from "@/lib/platform/db/client";
import type { EvalCustomer, EvalScore } from "@/lib/segments/rules/evaluate";

/**
 * A random but reproducible little company for the segment property test: customers with every
 * attribute (some missing), scores in two periods (some customers unscored, some without P(alive)),
 * completed / cancelled / returned orders with lines, touchpoints on several channels, campaign
 * memberships and tickets — and instants placed exactly on the boundaries rules test (N × 24 h before
 * now, local midnights). Written to a real database and returned as the evaluator's plain records.
 */

const DAY = 86_400_000;

/** Mulberry32: a tiny seeded generator, so the data set is the same on every run and engine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const POOL = {
  regions: ["East China", "North China", "South China", "Shanghai", "Southwest"],
  industries: ["Retail", "Finance", "Logistics", "Energy", "retail", "  "],
  sources: ["Web", "Referral", "Trade show", "Partner", ""],
  kinds: ["ENTERPRISE", "INDIVIDUAL", "GOVERNMENT"] as const,
  tiers: ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const,
  abc: ["A", "B", "C"] as const,
  stages: ["ACQUISITION", "BUILD_UP", "CLIMAX", "DECLINE", "EXIT"] as const,
  rfmGroups: ["champions", "loyal", "at_risk", "hibernating", "lost", "new"] as const,
  channels: ["PHONE", "WEB", "EMAIL", "SALES_VISIT", "SERVICE"] as const,
  orderStatuses: ["COMPLETED", "COMPLETED", "COMPLETED", "CANCELLED", "RETURNED"] as const,
  ticketStatuses: ["NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED", "CLOSED", "REOPENED"] as const,
  memberStatuses: ["TARGETED", "CONTACTED", "RESPONDED", "CONVERTED", "DECLINED"] as const,
  /** Window lengths rules use; data is placed exactly this many days before now too. */
  windowDays: [1, 7, 30, 90, 365],
  /** Score periods: two scored, and one nobody has a row in. */
  periods: ["2026-03-31", "2026-06-09"],
  unscoredPeriod: "2025-12-31",
};

type Score = EvalScore & { tier: (typeof POOL.tiers)[number]; abcSegment: (typeof POOL.abc)[number]; lifecycleStage: (typeof POOL.stages)[number] };

export type SegmentDataSet = {
  customers: EvalCustomer[];
  /** Every customer id written, deleted ones included. */
  allIds: number[];
  deletedIds: number[];
  ownerIds: number[];
  teamIds: number[];
  productIds: number[];
  categoryIds: number[];
  campaignIds: number[];
  /** Stored money values and probabilities, so rules can hit them exactly. */
  moneyValues: string[];
  probabilities: number[];
  /** Calendar days near the data (for before/after/between). */
  days: string[];
  runIds: number[];
};

function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Writes `count` customers (about a tenth deleted) with their history into `db`, `now` being the
 * evaluation instant rules are compiled against. Returns the records the evaluator reads.
 */
export async function writeSegmentDataSet(db: Database, options: { seed: number; count: number; now: Date }): Promise<SegmentDataSet> {
  const rnd = seededRandom(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const now = options.now.getTime();
  const prisma = db.prisma;

  const teams = await Promise.all(["Seg East", "Seg West"].map((name) => prisma.team.create({ data: { name } })));
  const owners = [];
  for (let i = 0; i < 4; i++) {
    owners.push(await prisma.user.create({ data: { email: `seg-owner-${i}@test.local`, name: `Owner ${i}`, role: "REP", teamId: i < 3 ? teams[i % 2].id : null, passwordHash: "x" } }));
  }
  const categories = await Promise.all(["Mobile", "Fiber", "Cloud"].map((name) => prisma.productCategory.create({ data: { name: `Seg ${name}` } })));
  const products: { id: number; categoryId: number }[] = [];
  for (let i = 0; i < 6; i++) {
    const category = categories[i % 3];
    products.push({ ...(await prisma.product.create({ data: { sku: `SEG-${i}`, name: `Product ${i}`, categoryId: category.id, listPrice: "10.00", unitCost: "5.00" } })), categoryId: category.id });
  }
  const campaigns = [];
  for (let i = 0; i < 3; i++) {
    campaigns.push(await prisma.campaign.create({ data: { name: `Seg campaign ${i}`, type: "EMAIL", startsAt: new Date(now - 90 * DAY), endsAt: new Date(now - 30 * DAY), ownerId: owners[0].id } }));
  }

  // Instants rules test the edges of: exactly N × 24 h before now, now itself, local midnights in
  // the zones the test compiles with (Shanghai +8, New York, UTC) and a millisecond either side.
  const boundary: number[] = [now];
  for (const d of POOL.windowDays) boundary.push(now - d * DAY, now - d * DAY - 1, now - d * DAY + 1);
  for (const offset of [8, -4, -5, 0]) {
    const midnightUtc = Math.floor(now / DAY) * DAY - 30 * DAY - offset * 3_600_000;
    boundary.push(midnightUtc, midnightUtc - 1);
  }
  const instant = (): number => (chance(0.35) ? pick(boundary) : now - Math.floor(rnd() * 800 * DAY) + (chance(0.05) ? 5 * DAY : 0));

  const customers: EvalCustomer[] = [];
  const allIds: number[] = [];
  const deletedIds: number[] = [];
  const moneyValues = new Set<string>(["0.00", "100.00"]);
  const probabilities = new Set<number>([0, 0.5, 1]);
  const runs = [];
  for (const period of POOL.periods) {
    const end = Date.parse(`${period}T00:00:00Z`);
    runs.push(await prisma.scoreRun.create({ data: { periodStart: new Date(end - 365 * DAY), periodEnd: new Date(end), settings: {}, customerCount: 0, activeCount: 0, durationMs: 0, startedAt: new Date(end) } }));
  }

  for (let i = 0; i < options.count; i++) {
    const owner = chance(0.2) ? null : pick(owners);
    const kind = pick(POOL.kinds);
    const createdAt = new Date(instant());
    const row = await prisma.customer.create({
      data: {
        kind,
        name: `Segment customer ${i}`,
        region: pick(POOL.regions),
        industry: chance(0.2) ? null : pick(POOL.industries),
        source: chance(0.3) ? null : pick(POOL.sources),
        ownerId: owner?.id ?? null,
        externalId: chance(0.4) ? `EXT-${i}` : chance(0.1) ? ` ${" ".repeat(i)}` : null,
        dncPhone: chance(0.2),
        dncEmail: chance(0.2),
        dncMail: chance(0.1),
        dncSms: chance(0.1),
        createdAt,
        deletedAt: chance(0.08) ? new Date(now - DAY) : null,
      },
    });
    allIds.push(row.id);
    const scores: Record<string, EvalScore> = {};
    for (const [p, period] of POOL.periods.entries()) {
      if (chance(0.2)) continue;
      const pAlive = chance(0.2) ? null : chance(0.3) ? pick([0, 0.5, 1, 0.25]) : Math.round(rnd() * 1e6) / 1e6;
      const score: Score = {
        tier: pick(POOL.tiers),
        abcSegment: pick(POOL.abc),
        rScore: int(1, 5),
        fScore: int(1, 5),
        mScore: int(1, 5),
        rfmGroup: pick(POOL.rfmGroups),
        predictedClv: money(int(0, 500_000)),
        historicalClv: money(int(0, 500_000)),
        pAlive,
        churnRisk: pAlive === null ? null : 1 - pAlive,
        lifecycleStage: pick(POOL.stages),
      };
      moneyValues.add(score.predictedClv);
      moneyValues.add(score.historicalClv);
      if (pAlive !== null) probabilities.add(pAlive).add(1 - pAlive);
      scores[period] = score;
      const end = Date.parse(`${period}T00:00:00Z`);
      await prisma.customerScore.create({
        data: {
          customerId: row.id,
          runId: runs[p].id,
          periodStart: new Date(end - 365 * DAY),
          periodEnd: new Date(end),
          region: row.region,
          kind,
          ownerId: row.ownerId,
          frequency: 1,
          monetary: "1.00",
          margin: "0.50",
          rScore: score.rScore,
          fScore: score.fScore,
          mScore: score.mScore,
          rfmCode: `${score.rScore}${score.fScore}${score.mScore}`,
          rfmGroup: score.rfmGroup,
          tier: score.tier,
          tierRank: i + 1,
          abcSegment: score.abcSegment,
          historicalClv: score.historicalClv,
          predictedClv: score.predictedClv,
          pAlive: score.pAlive,
          churnRisk: score.churnRisk,
          lifecycleStage: score.lifecycleStage,
        },
      });
    }
    const orders: EvalCustomer["orders"] = [];
    for (let k = int(0, 6); k > 0; k--) {
      const total = int(0, 300_000);
      const lines = Array.from({ length: int(1, 2) }, () => pick(products));
      const order = { orderedAt: new Date(instant()), status: pick(POOL.orderStatuses), total: money(total) };
      moneyValues.add(order.total);
      await prisma.order.create({
        data: {
          customerId: row.id,
          orderedAt: order.orderedAt,
          status: order.status,
          total: order.total,
          margin: "0.00",
          lines: { create: lines.map((p) => ({ productId: p.id, quantity: 1, unitPrice: "1.00", lineTotal: "1.00", lineCost: "0.50" })) },
        },
      });
      orders.push({ ...order, lines: lines.map((p) => ({ productId: p.id, categoryId: p.categoryId })) });
    }
    const touchpoints: EvalCustomer["touchpoints"] = [];
    for (let k = int(0, 5); k > 0; k--) {
      const t = { channel: pick(POOL.channels), occurredAt: new Date(instant()) };
      touchpoints.push(t);
      await prisma.touchpoint.create({ data: { customerId: row.id, channel: t.channel, direction: "OUTBOUND", occurredAt: t.occurredAt, summary: "call" } });
    }
    const members: EvalCustomer["campaigns"] = [];
    for (const campaign of campaigns) {
      if (!chance(0.3)) continue;
      const status = pick(POOL.memberStatuses);
      members.push({ campaignId: campaign.id, status });
      await prisma.campaignMember.create({ data: { campaignId: campaign.id, customerId: row.id, status } });
    }
    const tickets: EvalCustomer["tickets"] = [];
    for (let k = chance(0.5) ? int(1, 3) : 0; k > 0; k--) {
      const status = pick(POOL.ticketStatuses);
      tickets.push({ status });
      await prisma.ticket.create({ data: { customerId: row.id, subject: "Help", status } });
    }
    if (row.deletedAt) {
      deletedIds.push(row.id);
      continue;
    }
    customers.push({
      id: row.id,
      kind,
      region: row.region,
      industry: row.industry,
      source: row.source,
      ownerId: row.ownerId,
      ownerTeamId: owner?.teamId ?? null,
      createdAt,
      externalId: row.externalId,
      dnc: { phone: row.dncPhone, email: row.dncEmail, mail: row.dncMail, sms: row.dncSms },
      scores,
      orders,
      touchpoints,
      campaigns: members,
      tickets,
    });
  }

  const days = new Set<string>();
  for (const b of boundary) {
    days.add(isoDay(b));
    days.add(isoDay(b + DAY));
  }
  for (let k = 0; k < 12; k++) days.add(isoDay(now - int(0, 800) * DAY));
  return {
    customers,
    allIds,
    deletedIds,
    ownerIds: owners.map((o) => o.id),
    teamIds: teams.map((t) => t.id),
    productIds: products.map((p) => p.id),
    categoryIds: categories.map((c) => c.id),
    campaignIds: campaigns.map((c) => c.id),
    moneyValues: [...moneyValues],
    probabilities: [...probabilities],
    days: [...days].sort(),
    runIds: runs.map((r) => r.id),
  };
}

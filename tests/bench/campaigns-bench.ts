/**
 * Campaigns at 100,000 customers / 1M orders (issue 13 targets: launch a 50,000-member audience with a
 * 10% control group <= 5 s; campaign page p95 <= 300 ms with 100 campaigns and 500,000 members), each
 * beside a raw-SQL baseline. Benchmarks print; they never fail on time.
 *
 * Setup (set-based, removed afterwards): for the launch, a static segment of the customers not opted out of
 * email, in id order, up to the one that makes 50,000 who are not fatigued (contacted for another campaign
 * in the last 30 days, the launch's own rule) — so the launch writes 50,000 members after excluding the
 * fatigued ones among the ~57,000 candidates (a segment of 50,000 gave ~44,000 members); and 100
 * completed campaigns of 5,000 members each (10% control) for the page.
 *
 * Called by the benchmark runner with an open, seeded database. On its own:
 *   SUMMIT_BENCH_DIR=/tmp/campaigns-bench/pglite npx tsx --conditions react-server tests/bench/campaigns-bench.ts [--customers N]
 *   (or DATABASE_URL=postgresql://… for a server); an empty database is seeded with N demo customers first.
 */
import type { Database } from "@/lib/platform/db/client";
import { maintainEmbeddedDatabase } from "@/lib/platform/db/maintenance";
import { setDatabase } from "@/lib/platform/db/client";
import { nowMs } from "@/lib/platform/clock";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { getCampaignEffectiveness, groupStatement, listFigures } from "@/lib/campaigns/effectiveness-data";
import { launchCampaign } from "@/lib/campaigns/launch";
import { propensityForAudience } from "@/lib/campaigns/propensity-data";
import { refreshChannelModels } from "@/lib/campaigns/propensity-models";
import { createCampaign } from "@/lib/campaigns/mutations";
import { campaignTouchpoints, findCampaign, getCampaign, listCampaigns, listMembers } from "@/lib/campaigns/queries";
import { attributionWindow } from "@/lib/campaigns/rules/attribution";
import { parseCampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { campaignFieldsSchema } from "@/lib/campaigns/schema";
import { formatMs, printPair, timeIt } from "./measure";
import { firstActor, invokedDirectly, runStandalone } from "./standalone";

const AUDIENCE = 50_000;
const PAGE_CAMPAIGNS = 100;
const PER_CAMPAIGN = 5_000;
const PREFIX = "Campaign bench";
const DAY = 86_400_000;
const FATIGUE_DAYS = 30;

export async function benchCampaigns(db: Database): Promise<void> {
  setDatabase(db);
  const admin = await firstActor(db, "ADMIN");
  const now = new Date(nowMs());
  const [{ id: segmentId }] = await db.sql.query<{ id: number }>(
    `INSERT INTO "Segment" (name, kind, rule, "memberCount", "createdAt", "updatedAt") VALUES ($1, 'STATIC', '{"type":"group","op":"and","children":[]}'::jsonb, 0, $2::timestamp, $2::timestamp) RETURNING id`,
    [`${PREFIX} audience`, utcTimestamp(now)],
  );
  try {
    await db.sql.query(
      `INSERT INTO "SegmentMember" ("segmentId", "customerId", "addedAt")
       SELECT $1::int, x.id, $2::timestamp FROM (
         SELECT c.id, count(*) FILTER (WHERE f."customerId" IS NULL) OVER (ORDER BY c.id) AS kept
           FROM "Customer" c
           LEFT JOIN (SELECT m."customerId" FROM "CampaignMember" m WHERE m."contactedAt" >= $3::timestamp
                      UNION SELECT t."customerId" FROM "Touchpoint" t
                             WHERE t."campaignId" IS NOT NULL AND t.direction = 'OUTBOUND' AND t."occurredAt" >= $3::timestamp) f ON f."customerId" = c.id
          WHERE c."deletedAt" IS NULL AND NOT c."dncEmail") x
        WHERE x.kept <= ${AUDIENCE}`,
      [segmentId, utcTimestamp(now), utcTimestamp(new Date(now.getTime() - FATIGUE_DAYS * DAY))],
    );
    await db.sql.exec(`ANALYZE "SegmentMember"`);

    // ---- launch ---------------------------------------------------------------------------------
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const draft = (name: string) =>
      createCampaign(
        admin,
        campaignFieldsSchema.parse({
          name,
          type: "EMAIL",
          startDate: day(now),
          endDate: day(new Date(now.getTime() + 30 * DAY)),
          budget: "50000",
          ownerId: admin.id,
          holdoutPct: "10",
          fatigueDays: String(FATIGUE_DAYS),
          audience: "segment",
          segmentId,
        }),
      );
    const { id } = await draft(`${PREFIX} launch`);
    // The hourly job keeps each channel's model current (lib/campaigns/propensity-models.ts): the launch
    // below finds the email model ready, as it would in the app. Its training is timed here, apart.
    const j0 = performance.now();
    const retrained = await refreshChannelModels(now, { sql: db.sql });
    console.log(`  (the propensity-model job: ${retrained.length > 0 ? `trained ${retrained.join(", ")}` : "every model current"} in ${formatMs(performance.now() - j0)})`);
    const t0 = performance.now();
    const result = await launchCampaign(admin, id, 1);
    const launchMs = performance.now() - t0;
    const [{ scored }] = await db.sql.query<{ scored: number }>(`SELECT count(*) FILTER (WHERE propensity IS NOT NULL)::int AS scored FROM "CampaignMember" WHERE "campaignId" = $1`, [id]);
    // The launch trains the channel's model and scores its members (part of the time above): the same work again, timed alone.
    const memberIds = (await db.sql.query<{ id: number }>(`SELECT "customerId" AS id FROM "CampaignMember" WHERE "campaignId" = $1`, [id])).map((r) => r.id);
    const p0 = performance.now();
    await propensityForAudience("EMAIL", memberIds, now, { sql: db.sql });
    const propensityMs = performance.now() - p0;
    // Baseline: the bare INSERT … SELECT of the same audience (no exclusions, no draw), rolled back.
    const r0 = performance.now();
    await db.sql
      .transaction(async (tx) => {
        await tx.query(`DELETE FROM "CampaignMember" WHERE "campaignId" = $1`, [id]);
        await tx.query(
          `INSERT INTO "CampaignMember" ("campaignId", "customerId", status, "createdAt", "updatedAt")
           SELECT $1::int, sm."customerId", 'TARGETED', now(), now() FROM "SegmentMember" sm WHERE sm."segmentId" = $2::int`,
          [id, segmentId],
        );
        throw new Error("rollback");
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error) || e.message !== "rollback") throw e;
      });
    const rawMs = performance.now() - r0;
    // The same launch again in this process: the first ran PGlite's statements for the first time,
    // and V8 compiles WebAssembly to optimised code only once it is hot (a server that has been up
    // for a while is past that). Both are printed; the target is read on the first.
    const { id: second } = await draft(`${PREFIX} launch again`);
    const s0 = performance.now();
    await launchCampaign(admin, second, 1);
    const againMs = performance.now() - s0;
    await db.sql.query(`DELETE FROM "Campaign" WHERE id = $1`, [second]);
    console.log(
      `  launch ${result.members.toLocaleString("en")} members (${result.control.toLocaleString("en")} control, ${result.excludedOptOut} opted out, ${result.excludedFatigue} fatigued; ${scored.toLocaleString("en")} with propensity): ${formatMs(launchMs)}, with the kept model (the same launch again: ${formatMs(againMs)}); training and scoring alone ~${formatMs(propensityMs)}   | raw INSERT … SELECT ${formatMs(rawMs)} (x${(launchMs / rawMs).toFixed(1)})  target <= 5 s`,
    );

    // ---- campaign page at 100 campaigns / 500,000 members ---------------------------------------
    const [owner] = await db.sql.query<{ id: number }>(`SELECT id FROM "User" WHERE role = 'MANAGER' ORDER BY id LIMIT 1`);
    const types = ["EMAIL", "DIRECT_MAIL", "PHONE", "SMS", "EVENT"];
    const g0 = performance.now();
    for (let k = 0; k < PAGE_CAMPAIGNS; k++) {
      const start = new Date(now.getTime() - (400 - k * 3) * DAY);
      const end = new Date(start.getTime() + 30 * DAY);
      const [campaign] = await db.sql.query<{ id: number }>(
        `INSERT INTO "Campaign" (name, type, status, "startsAt", "endsAt", "launchedAt", "ownerId", "holdoutPct", cost, "expectedResponses", "createdAt", "updatedAt")
         VALUES ($1, $2::"CampaignType", 'COMPLETED', $3::timestamp, $4::timestamp, $3::timestamp, $5, 10, 25000, 400, $3::timestamp, $4::timestamp) RETURNING id`,
        [`${PREFIX} ${k + 1}`, types[k % types.length], utcTimestamp(start), utcTimestamp(end), owner.id],
      );
      await db.sql.query(
        `INSERT INTO "CampaignMember" ("campaignId", "customerId", status, "isControl", "contactedAt", "createdAt", "updatedAt")
         SELECT $1::int, x.id,
                CASE WHEN x.rn <= ${PER_CAMPAIGN / 10} THEN 'TARGETED'::"CampaignMemberStatus"
                     WHEN abs(hashtext(x.id::text || ':r')) % 10 = 0 THEN 'RESPONDED'::"CampaignMemberStatus" ELSE 'CONTACTED'::"CampaignMemberStatus" END,
                x.rn <= ${PER_CAMPAIGN / 10}, CASE WHEN x.rn <= ${PER_CAMPAIGN / 10} THEN NULL ELSE $2::timestamp END, $2::timestamp, $2::timestamp
           FROM (SELECT c.id, row_number() OVER (ORDER BY hashtext(c.id::text || ':' || $1::int::text)) AS rn FROM "Customer" c WHERE c."deletedAt" IS NULL) x
          WHERE x.rn <= ${PER_CAMPAIGN}`,
        [campaign.id, utcTimestamp(start)],
      );
    }
    await db.sql.exec(`ANALYZE "CampaignMember"; ANALYZE "Campaign"`);
    // The app's autovacuum job would have caught up with these inserts within a minute (PGlite only).
    await maintainEmbeddedDatabase(db);
    console.log(`  (setup: ${PAGE_CAMPAIGNS} campaigns × ${PER_CAMPAIGN.toLocaleString("en")} members in ${formatMs(performance.now() - g0)})`);
    const ids = (await db.sql.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name LIKE $1 ORDER BY id`, [`${PREFIX} %`])).map((r) => r.id).filter((x) => x !== id);
    const page = await timeIt(
      "campaign page data (detail, effectiveness, members, touchpoints)",
      async (i) => {
        const cid = ids[(i * 37) % ids.length];
        await Promise.all([getCampaign(admin, cid), getCampaignEffectiveness(admin, cid), listMembers(admin, cid, { page: 1 }), campaignTouchpoints(admin, cid)]);
      },
      30,
      3,
    );
    const rows = await Promise.all(ids.map((cid) => findCampaign(db.prisma, cid)));
    const raw = await timeIt(
      "raw",
      async (i) => {
        const row = rows[(i * 37) % rows.length]!;
        const statement = groupStatement(row, attributionWindow(row, "Asia/Shanghai"));
        await db.sql.query(statement.text, statement.values);
      },
      30,
      3,
    );
    printPair(page, raw, "p95 <= 300 ms");
    const list = await timeIt(
      "campaign list page (25 campaigns with figures)",
      async () => {
        const p = await listCampaigns(admin, parseCampaignListQuery({}));
        await listFigures(
          admin,
          p.items.map((c) => c.id),
        );
      },
      10,
      2,
    );
    printPair(list, raw);
  } finally {
    await db.sql.query(`DELETE FROM "Campaign" WHERE name LIKE $1`, [`${PREFIX} %`]);
    await db.sql.query(`DELETE FROM "Segment" WHERE id = $1`, [segmentId]);
  }
}

if (invokedDirectly(import.meta.url)) runStandalone(benchCampaigns, 100_000);

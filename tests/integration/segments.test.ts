import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listCustomers } from "@/lib/customers/queries";
import { parseListQuery } from "@/lib/customers/rules/list-query";
import type { Actor } from "@/lib/platform/auth/permissions";
import { ConflictError } from "@/lib/platform/concurrency";
import { NotAllowedError } from "@/lib/platform/errors";
import { recomputeScores, type RecomputeSummary } from "@/lib/scoring/recompute";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import {
  addStaticMembers,
  createSegment,
  createStaticSegment,
  deleteSegment,
  importDefinition,
  refreshSegment,
  removeStaticMembers,
  SegmentRuleError,
  updateSegment,
} from "@/lib/segments/mutations";
import { editorOptions, exportDefinition, getSegment, listSegments, previewRule, segmentChoices, segmentHistory } from "@/lib/segments/queries";
import { refreshDynamicSegments } from "@/lib/segments/refresh";
import { BUILT_IN_SEGMENTS } from "@/lib/segments/rules/built-ins";
import type { Rule } from "@/lib/segments/rules/rule";
import { seedDemoData } from "@/prisma/seed/generate";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The segment data layer on a small demo company: built-ins and dynamic segments following two score
 * runs (membership history with the runs' ids), who may build and use segments, the audit trail,
 * static lists, import/export and the preview — on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
const FIRST = new Date("2026-03-31T00:00:00Z");
const SECOND = new Date("2026-06-30T00:00:00Z");

let db: TestDatabase;
let admin: Actor;
let manager: Actor;
let otherManager: Actor;
let rep: Actor;
let agent: Actor;
const runs: RecomputeSummary[] = [];

async function actor(email: string): Promise<Actor> {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, teamId: u.teamId };
}

const rule = (...children: Rule["children"]): Rule => ({ type: "group", op: "and", children });
const kindIs = (...value: ("ENTERPRISE" | "INDIVIDUAL" | "GOVERNMENT")[]) => ({ type: "condition" as const, field: "kind" as const, op: "in" as const, value });

async function memberIds(segmentId: number): Promise<number[]> {
  const rows = await db.prisma.segmentMember.findMany({ where: { segmentId }, select: { customerId: true }, orderBy: { customerId: "asc" } });
  return rows.map((r) => r.customerId);
}

async function currentTierIds(tier: string): Promise<number[]> {
  const rows = await db.sql.query<{ id: number }>(
    `SELECT s."customerId" AS id FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId"
     WHERE s."periodEnd" = (SELECT max("periodEnd") FROM "ScoreRun") AND s.tier = $1::"Tier" AND c."deletedAt" IS NULL ORDER BY 1`,
    [tier],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { customers: 150, now: FIRST });
  [admin, manager, otherManager, rep, agent] = await Promise.all(
    ["admin@summit.test", "manager.east@summit.test", "manager.west@summit.test", "rep.east1@summit.test", "agent1@summit.test"].map(actor),
  );
});

afterAll(async () => {
  await db?.close();
});

describe("segments after score runs", () => {
  test("the first run creates every built-in and fills it from the new scores, history carrying the run id", async () => {
    runs.push(await recomputeScores(db.sql, { asOf: FIRST, settings: DEFAULT_ANALYTICS_SETTINGS }));
    expect(runs[0].segments?.failed).toEqual([]);
    const builtIns = await db.prisma.segment.findMany({ where: { builtInKey: { not: null } } });
    expect(builtIns.map((s) => s.builtInKey).sort()).toEqual(BUILT_IN_SEGMENTS.map((b) => b.key).sort());
    const vip = builtIns.find((s) => s.builtInKey === "tier_SMALL")!;
    expect(await memberIds(vip.id)).toEqual(await currentTierIds("SMALL"));
    expect(vip.memberCount).toBe((await currentTierIds("SMALL")).length);
    expect(vip.refreshedAt).not.toBeNull();
    const joined = await db.prisma.segmentMembershipChange.count({ where: { segmentId: vip.id, joined: true, runId: runs[0].runId } });
    expect(joined).toBe(vip.memberCount);
    // The seeded score-based demo segment filled too.
    const top = await db.prisma.segment.findFirstOrThrow({ where: { name: "VIP and major customers" } });
    expect(top.memberCount).toBe((await currentTierIds("VIP")).length + (await currentTierIds("MAJOR")).length);
  });

  test("the second run moves customers between tier segments; joiners and leavers are in the history with its run id", async () => {
    runs.push(await recomputeScores(db.sql, { asOf: SECOND, settings: DEFAULT_ANALYTICS_SETTINGS }));
    const second = runs[1];
    expect(second.segments?.refreshed).toBeGreaterThanOrEqual(BUILT_IN_SEGMENTS.length);
    const changes = await db.prisma.segmentMembershipChange.count({ where: { runId: second.runId } });
    expect(changes).toBeGreaterThan(0);
    for (const tier of ["VIP", "MAJOR", "MEDIUM", "SMALL"]) {
      const segment = await db.prisma.segment.findUniqueOrThrow({ where: { builtInKey: `tier_${tier}` } });
      const members = await memberIds(segment.id);
      expect(members).toEqual(await currentTierIds(tier));
      expect(segment.memberCount).toBe(members.length);
      // Replaying the history gives today's members: everyone who joined and did not leave since.
      const history = await db.prisma.segmentMembershipChange.findMany({ where: { segmentId: segment.id }, orderBy: { id: "asc" } });
      const replay = new Set<number>();
      for (const h of history) {
        if (h.joined) replay.add(h.customerId);
        else replay.delete(h.customerId);
      }
      expect([...replay].sort((a, b) => a - b)).toEqual(members);
    }
    // "Who entered a segment with this run" is answerable through segmentHistory.
    const moved = await db.sql.query<{ segmentId: number; n: number }>(
      `SELECT "segmentId", count(*)::int AS n FROM "SegmentMembershipChange" WHERE "runId" = $1 AND joined GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      [second.runId],
    );
    const page = await segmentHistory(rep, moved[0].segmentId, { joined: true, limit: 500 });
    expect(page.rows.filter((r) => r.runId === second.runId)).toHaveLength(moved[0].n);
    expect(page.rows.every((r) => r.joined)).toBe(true);
  });

  test("history pages with a keyset cursor and counts joins and leaves", async () => {
    const segment = await db.prisma.segment.findUniqueOrThrow({ where: { builtInKey: "tier_SMALL" } });
    const all = await segmentHistory(admin, segment.id, { limit: 500 });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await segmentHistory(admin, segment.id, { limit: 7, after });
      seen.push(...page.rows.map((r) => `${r.customerId}:${r.joined}:${r.runId}`));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(all.rows.map((r) => `${r.customerId}:${r.joined}:${r.runId}`));
    expect(all.joinedCount + all.leftCount).toBe(all.rows.length);
  });

  test("refreshing again without new scores changes nothing", async () => {
    const before = await db.prisma.segmentMembershipChange.count();
    const report = await refreshDynamicSegments({ runId: runs[1].runId });
    expect(report.failed).toEqual([]);
    expect(await db.prisma.segmentMembershipChange.count()).toBe(before);
  });
});

describe("who may build and use segments", () => {
  let mine: number;

  test("a manager builds their own segment; reps and agents may not", async () => {
    const created = await createSegment(manager, { name: "East enterprises (manager)", description: null, kind: "DYNAMIC", rule: rule(kindIs("ENTERPRISE")) });
    mine = created.id;
    const enterprises = await db.prisma.customer.count({ where: { kind: "ENTERPRISE", deletedAt: null } });
    expect(created.memberCount).toBe(enterprises);
    await expect(createSegment(rep, { name: "Rep segment", description: null, kind: "DYNAMIC", rule: rule(kindIs("INDIVIDUAL")) })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createSegment(agent, { name: "Agent segment", description: null, kind: "DYNAMIC", rule: rule(kindIs("INDIVIDUAL")) })).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: rep.id, entity: "Segment" } })).toBeGreaterThan(0);
  });

  test("another manager may not edit it; an admin may; nobody edits a built-in", async () => {
    const segment = (await getSegment(otherManager, mine))!;
    expect(segment.canEdit).toBe(false);
    await expect(updateSegment(otherManager, mine, segment.version, { name: "Taken over", description: null, rule: segment.rule })).rejects.toBeInstanceOf(NotAllowedError);
    await expect(deleteSegment(otherManager, mine, segment.version)).rejects.toBeInstanceOf(NotAllowedError);
    expect((await getSegment(admin, mine))!.canEdit).toBe(true);
    const builtIn = await db.prisma.segment.findUniqueOrThrow({ where: { builtInKey: "golden" } });
    await expect(updateSegment(admin, builtIn.id, builtIn.version, { name: "Mine now", description: null, rule: rule(kindIs("ENTERPRISE")) })).rejects.toThrow("segments.errors.builtIn");
    await expect(deleteSegment(admin, builtIn.id, builtIn.version)).rejects.toThrow("segments.errors.builtIn");
    // An admin may refresh a built-in; a manager may not.
    await expect(refreshSegment(admin, builtIn.id)).resolves.toMatchObject({ joined: 0, left: 0 });
    await expect(refreshSegment(manager, builtIn.id)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("every role reads segments and uses them as a customer filter", async () => {
    for (const who of [admin, manager, rep, agent]) {
      const rows = await listSegments(who, {});
      expect(rows.some((r) => r.id === mine)).toBe(true);
      expect(rows.at(-1)!.builtInKey).not.toBeNull();
      expect((await segmentChoices(who)).length).toBe(rows.length);
      const page = await listCustomers(who, parseListQuery(new URLSearchParams(`segment=${mine}`)));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((c) => c.kind === "ENTERPRISE")).toBe(true);
      expect((await previewRule(who, rule(kindIs("ENTERPRISE")), { segmentId: mine })).saved).toMatchObject({ joining: 0, leaving: 0 });
    }
    const own = await listSegments(manager, { mine: true });
    expect(own.map((r) => r.id)).toContain(mine);
    expect(own.every((r) => r.ownerId === manager.id && r.canEdit)).toBe(true);
  });

  test("the preview's sample is the first members by id that the actor may read (every role reads every customer)", async () => {
    const everyone = await db.prisma.customer.count({ where: { kind: "ENTERPRISE", deletedAt: null } });
    for (const who of [admin, manager, rep, agent]) {
      const readable = await listCustomers(who, parseListQuery(new URLSearchParams(`segment=${mine}&size=100`)));
      expect(readable.total).toBeLessThanOrEqual(100);
      const firstIds = readable.items.map((c) => c.id).sort((a, b) => a - b).slice(0, 5);
      const preview = await previewRule(who, rule(kindIs("ENTERPRISE")), { sampleSize: 5 });
      expect(preview.count).toBe(everyone);
      expect(preview.sample.map((c) => c.id)).toEqual(firstIds);
      for (const c of preview.sample) {
        const stored = await db.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
        expect(c).toMatchObject({ name: stored.name, region: stored.region });
      }
    }
    expect(await previewRule(rep, rule(kindIs("GOVERNMENT"), kindIs("ENTERPRISE")))).toMatchObject({ count: 0, sample: [] });
  });

  test("the editor's options list the catalogue and the scored periods, newest first", async () => {
    const options = await editorOptions(rep);
    expect(options.periods).toEqual(["2026-06-30", "2026-03-31"]);
    expect(options.regions.length).toBeGreaterThan(0);
    expect(options.products.length).toBeGreaterThan(0);
    expect(options.owners.some((o) => o.id === rep.id)).toBe(true);
  });
});

describe("editing, the audit trail and the preview", () => {
  test("create, update, refresh, export, import and delete are audited with before/after", async () => {
    const { id } = await createSegment(admin, { name: "Audited", description: "first", kind: "DYNAMIC", rule: rule(kindIs("GOVERNMENT")) });
    const created = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Segment", entityId: String(id), action: "CREATE" } });
    expect(created.changes).toMatchObject({ name: { from: null, to: "Audited" } });
    const v1 = (await getSegment(admin, id))!;
    const outcome = await updateSegment(admin, id, v1.version, { name: "Audited and edited", description: "second", rule: rule(kindIs("GOVERNMENT", "ENTERPRISE")) });
    expect(outcome.joined).toBeGreaterThan(0);
    expect(outcome.left).toBe(0);
    const updated = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Segment", entityId: String(id), action: "UPDATE" } });
    expect(updated.changes).toMatchObject({ name: { from: "Audited", to: "Audited and edited" }, description: { from: "first", to: "second" } });
    // A save at the version the form loaded before that edit is a conflict, and changes nothing.
    await expect(updateSegment(admin, id, v1.version, { name: "Stale", description: null, rule: v1.rule })).rejects.toBeInstanceOf(ConflictError);
    await refreshSegment(admin, id);
    const refreshed = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Segment", entityId: String(id), action: "REFRESH" } });
    expect(refreshed.changes).toMatchObject({ joined: 0, left: 0, memberCount: outcome.memberCount });

    const definition = await exportDefinition(rep, id);
    expect(definition).toMatchObject({ format: "summit-segment", version: 1, name: "Audited and edited", kind: "DYNAMIC" });
    expect(await db.prisma.auditLog.count({ where: { entity: "Segment", entityId: String(id), action: "EXPORT", userId: rep.id } })).toBe(1);
    const copy = await importDefinition(manager, JSON.parse(JSON.stringify(definition)));
    const imported = (await getSegment(manager, copy.id))!;
    expect(imported).toMatchObject({ name: "Audited and edited (2)", ownerId: manager.id, memberCount: outcome.memberCount, canEdit: true });
    expect(await db.prisma.auditLog.count({ where: { entity: "Segment", entityId: String(copy.id), action: "IMPORT" } })).toBe(1);
    await expect(importDefinition(manager, { ...definition, format: "other" })).rejects.toThrow("segments.errors.importFormat");
    await expect(importDefinition(manager, { ...definition, version: 2 })).rejects.toThrow("segments.errors.importVersion");

    const current = (await getSegment(admin, id))!;
    await deleteSegment(admin, id, current.version);
    const deleted = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Segment", entityId: String(id), action: "DELETE" } });
    expect(deleted.changes).toMatchObject({ name: { from: "Audited and edited", to: null } });
    expect(await db.prisma.segmentMember.count({ where: { segmentId: id } })).toBe(0);
  });

  test("a rule problem is refused naming the condition; a used segment is not deleted; names are unique", async () => {
    const bad = { type: "group", op: "and", children: [kindIs("ENTERPRISE"), { type: "group", op: "or", children: [{ type: "condition", field: "tier", op: "in", value: ["PLATINUM"] }] }] } as unknown as Rule;
    const error = await createSegment(admin, { name: "Bad", description: null, kind: "DYNAMIC", rule: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentRuleError);
    expect(error).toMatchObject({ message: "segments.validation.choice", field: "rule.2.1", issue: { path: "2.1", field: "tier" } });
    const imported = await importDefinition(admin, { format: "summit-segment", version: 1, name: "x", kind: "DYNAMIC", rule: bad }).catch((e: unknown) => e);
    expect(imported).toMatchObject({ field: "rule.2.1" });
    await expect(createSegment(admin, { name: "government accounts", description: null, kind: "DYNAMIC", rule: rule(kindIs("GOVERNMENT")) })).rejects.toThrow("segments.errors.nameTaken");
    const used = await db.prisma.campaign.findFirstOrThrow({ where: { segmentId: { not: null } }, include: { segment: true } });
    await expect(deleteSegment(admin, used.segmentId!, used.segment!.version)).rejects.toThrow("segments.errors.inUse");
    expect(await db.prisma.segment.count({ where: { name: "Bad" } })).toBe(0);
  });

  test("the preview counts what a save would materialise and the change against the saved members", async () => {
    const { id, memberCount } = await createSegment(manager, { name: "Preview base", description: null, kind: "DYNAMIC", rule: rule(kindIs("INDIVIDUAL")) });
    const same = await previewRule(manager, rule(kindIs("INDIVIDUAL")), { segmentId: id, sampleSize: 5 });
    expect(same).toMatchObject({ count: memberCount, saved: { count: memberCount, joining: 0, leaving: 0 } });
    expect(same.sample).toHaveLength(Math.min(5, memberCount));
    const wider = await previewRule(manager, rule({ type: "group", op: "or", children: [kindIs("GOVERNMENT"), kindIs("INDIVIDUAL")] }), { segmentId: id });
    const government = await db.prisma.customer.count({ where: { kind: "GOVERNMENT", deletedAt: null } });
    expect(wider).toMatchObject({ count: memberCount + government, saved: { count: memberCount, joining: government, leaving: 0 } });
    const other = await previewRule(manager, rule(kindIs("GOVERNMENT")), { segmentId: id });
    expect(other.saved).toMatchObject({ joining: government, leaving: memberCount });
    expect(await previewRule(manager, rule(kindIs("GOVERNMENT")))).toMatchObject({ count: government, saved: null });
  });

  test("two refreshes of one segment at once neither double-insert nor corrupt the count", async () => {
    const { id } = await createSegment(admin, { name: "Raced", description: null, kind: "DYNAMIC", rule: rule(kindIs("ENTERPRISE")) });
    // Change the rule under the segment so both refreshes have joiners and leavers to write.
    await db.prisma.segment.update({ where: { id }, data: { rule: rule(kindIs("INDIVIDUAL")) as object } });
    const results = await Promise.all([refreshSegment(admin, id), refreshSegment(admin, id)]);
    const individuals = await db.prisma.customer.count({ where: { kind: "INDIVIDUAL", deletedAt: null } });
    expect(results.map((r) => r.joined).sort((a, b) => a - b)).toEqual([0, individuals]);
    expect(await db.prisma.segmentMember.count({ where: { segmentId: id } })).toBe(individuals);
    expect((await db.prisma.segment.findUniqueOrThrow({ where: { id } })).memberCount).toBe(individuals);
    expect(await db.prisma.segmentMembershipChange.count({ where: { segmentId: id, joined: true } })).toBe(individuals + (await db.prisma.customer.count({ where: { kind: "ENTERPRISE", deletedAt: null } })));
  });
});

describe("one refresh statement: members diffed both ways", () => {
  test("a refresh adds joiners, removes leavers and deleted customers, logs each once and stores the count", async () => {
    const { id } = await createSegment(admin, { name: "Diffed", description: null, kind: "DYNAMIC", rule: rule(kindIs("GOVERNMENT")) });
    const before = await memberIds(id);
    expect(before.length).toBeGreaterThan(2);
    const [gone, deleted] = before;
    const [{ id: joiner, kind: joinerKind }] = await db.sql.query<{ id: number; kind: string }>(`SELECT id, kind::text AS kind FROM "Customer" WHERE kind <> 'GOVERNMENT' AND "deletedAt" IS NULL ORDER BY id LIMIT 1`);
    await db.sql.query(`UPDATE "Customer" SET kind = 'ENTERPRISE' WHERE id = $1`, [gone]);
    await db.sql.query(`UPDATE "Customer" SET "deletedAt" = now() WHERE id = $1`, [deleted]);
    await db.sql.query(`UPDATE "Customer" SET kind = 'GOVERNMENT' WHERE id = $1`, [joiner]);
    try {
      const historyBefore = await db.prisma.segmentMembershipChange.count({ where: { segmentId: id } });
      expect(await refreshSegment(admin, id)).toEqual({ memberCount: before.length - 1, joined: 1, left: 2 });
      const expected = [...before.filter((c) => c !== gone && c !== deleted), joiner].sort((a, b) => a - b);
      expect(await memberIds(id)).toEqual(expected);
      expect((await db.prisma.segment.findUniqueOrThrow({ where: { id } })).memberCount).toBe(expected.length);
      const logged = await db.prisma.segmentMembershipChange.findMany({ where: { segmentId: id }, orderBy: { id: "asc" }, skip: historyBefore });
      expect(logged.map((h) => `${h.customerId}:${h.joined}`).sort()).toEqual([`${joiner}:true`, `${gone}:false`, `${deleted}:false`].sort());
      // Nothing changed since: a second refresh writes nothing.
      expect(await refreshSegment(admin, id)).toEqual({ memberCount: expected.length, joined: 0, left: 0 });
    } finally {
      await db.sql.query(`UPDATE "Customer" SET kind = 'GOVERNMENT' WHERE id = $1`, [gone]);
      await db.sql.query(`UPDATE "Customer" SET "deletedAt" = NULL WHERE id = $1`, [deleted]);
      await db.sql.query(`UPDATE "Customer" SET kind = $2::"CustomerKind" WHERE id = $1`, [joiner, joinerKind]);
    }
  });

  test("an empty segment (new, or emptied by its rule) and a full one both keep a history that replays to the members", async () => {
    // A segment without members skips the diff (lib/segments/refresh.ts): cover both shapes in turn.
    const { id, memberCount } = await createSegment(admin, { name: "Replayed", description: null, kind: "DYNAMIC", rule: rule(kindIs("GOVERNMENT")) });
    const nobody = rule({ type: "condition", field: "createdAt", op: "isEmpty" });
    const steps: [Rule, number][] = [
      [rule(kindIs("ENTERPRISE")), await db.prisma.customer.count({ where: { kind: "ENTERPRISE", deletedAt: null } })],
      [nobody, 0],
      [rule(kindIs("GOVERNMENT", "ENTERPRISE")), await db.prisma.customer.count({ where: { kind: { in: ["GOVERNMENT", "ENTERPRISE"] }, deletedAt: null } })],
    ];
    const replay = async () => {
      const history = await db.prisma.segmentMembershipChange.findMany({ where: { segmentId: id }, orderBy: { id: "asc" } });
      const members = new Set<number>();
      for (const h of history) {
        // Exact: nobody joins twice without leaving in between, nobody leaves who was not in.
        expect(members.has(h.customerId)).toBe(!h.joined);
        if (h.joined) members.add(h.customerId);
        else members.delete(h.customerId);
      }
      return [...members].sort((a, b) => a - b);
    };
    expect(memberCount).toBeGreaterThan(0);
    expect(await replay()).toEqual(await memberIds(id));
    for (const [next, expected] of steps) {
      await db.prisma.segment.update({ where: { id }, data: { rule: next as object } });
      const result = await refreshSegment(admin, id);
      expect(result.memberCount).toBe(expected);
      const members = await memberIds(id);
      expect(members).toHaveLength(expected);
      expect(await replay()).toEqual(members);
      expect((await db.prisma.segment.findUniqueOrThrow({ where: { id } })).memberCount).toBe(expected);
    }
  });
});

describe("static segments", () => {
  test("a CSV of ids and external ids becomes a frozen list; unknown and deleted customers are reported", async () => {
    const [a, b, c] = await db.prisma.customer.findMany({ where: { deletedAt: null }, orderBy: { id: "asc" }, take: 3 });
    await db.prisma.customer.update({ where: { id: c.id }, data: { externalId: "ERP-0042" } });
    const gone = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name: "Gone", region: "East China", deletedAt: new Date("2026-01-01T00:00:00Z") } });
    const csv = `customer\n${a.id}\n${b.id}\nERP-0042\nNOPE-1\n${gone.id}\n`;
    const created = await createStaticSegment(manager, { name: "Trade show list", description: null, csv });
    expect(created).toMatchObject({ added: 3, unmatched: ["NOPE-1", String(gone.id)] });
    expect(await memberIds(created.id)).toEqual([a.id, b.id, c.id].sort((x, y) => x - y));
    // Frozen: a refresh after a score run leaves it alone, and it cannot be refreshed by hand.
    await refreshDynamicSegments({});
    expect(await memberIds(created.id)).toHaveLength(3);
    await expect(refreshSegment(manager, created.id)).rejects.toThrow("segments.errors.staticRefresh");

    const header = await createStaticSegment(admin, { name: "By column", description: null, csv: `name,external_id\nx,ERP-0042\ny,\n` });
    expect(header).toMatchObject({ added: 1, unmatched: [] });

    expect(await removeStaticMembers(manager, created.id, [a.id])).toBe(1);
    expect(await addStaticMembers(manager, created.id, [a.id, b.id, gone.id])).toBe(1);
    const history = await segmentHistory(manager, created.id, {});
    expect(history).toMatchObject({ joinedCount: 4, leftCount: 1 });
    await expect(addStaticMembers(rep, created.id, [a.id])).rejects.toBeInstanceOf(NotAllowedError);
    const dynamic = await db.prisma.segment.findFirstOrThrow({ where: { name: "Government accounts" } });
    await expect(addStaticMembers(admin, dynamic.id, [a.id])).rejects.toThrow("segments.errors.notStatic");
  });

  test("a static segment from a rule is a snapshot: later edits of the rule do not change its members", async () => {
    const created = await createSegment(manager, { name: "Snapshot", description: null, kind: "STATIC", rule: rule(kindIs("GOVERNMENT")) });
    const before = await memberIds(created.id);
    const segment = (await getSegment(manager, created.id))!;
    const outcome = await updateSegment(manager, created.id, segment.version, { name: "Snapshot", description: null, rule: rule(kindIs("ENTERPRISE")) });
    expect(outcome).toMatchObject({ joined: 0, left: 0, memberCount: before.length });
    expect(await memberIds(created.id)).toEqual(before);
  });
});

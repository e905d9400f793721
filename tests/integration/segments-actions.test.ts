import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as exportRoute } from "@/app/(app)/segments/[segmentId]/export/route";
import * as segments from "@/lib/segments/actions";
import { listCustomers } from "@/lib/customers/queries";
import { parseListQuery } from "@/lib/customers/rules/list-query";
import type { Actor } from "@/lib/platform/auth/permissions";
import { runAsTestSession } from "@/lib/platform/auth/session";
import type { Rule } from "@/lib/segments/rules/rule";
import { auditSince, businessFingerprint, callAs, formOf, lastAuditId, type Outcome } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The segment actions called as each role with FormData (or the preview's client payload), against
 * a real database on both engines: what PERMISSIONS.md allows succeeds, what it refuses answers the
 * plain refusal, changes nothing and leaves a DENIED row; rule problems name their condition.
 */

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;
let managerWest: Actor;
const c = {} as { east1: number; east2: number; west1: number; ext: number; deleted: number };

/** Region East China, any kind: the east customers (3 of them, one by external id). */
const EAST: Rule = { type: "group", op: "and", children: [{ type: "condition", field: "region", op: "in", value: ["East China"] }] };
/** Three levels: East China AND (kind Government OR NOT (kind Individual)). */
const NESTED: Rule = {
  type: "group",
  op: "and",
  children: [
    { type: "condition", field: "region", op: "in", value: ["East China"] },
    {
      type: "group",
      op: "or",
      children: [
        { type: "condition", field: "kind", op: "in", value: ["GOVERNMENT"] },
        { type: "group", op: "and", not: true, children: [{ type: "condition", field: "kind", op: "in", value: ["INDIVIDUAL"] }] },
      ],
    },
  ],
};

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const west = await db.prisma.team.findFirstOrThrow({ where: { name: "West" } });
  const m = await db.prisma.user.create({ data: { email: "manager.west@test.local", name: "manager.west", role: "MANAGER", teamId: west.id, passwordHash: "x" } });
  managerWest = { id: m.id, role: m.role, teamId: m.teamId };
  const customer = (name: string, region: string, kind: "ENTERPRISE" | "INDIVIDUAL" | "GOVERNMENT", ownerId: number, extra: object = {}) =>
    db.prisma.customer.create({ data: { kind, name, region, ownerId, ...extra } }).then((x) => x.id);
  c.east1 = await customer("East One", "East China", "ENTERPRISE", people.repEast.id);
  c.east2 = await customer("East Two", "East China", "INDIVIDUAL", people.repEast.id);
  c.ext = await customer("East External", "East China", "GOVERNMENT", people.repEast2.id, { externalId: "ERP-77" });
  c.west1 = await customer("West One", "West China", "ENTERPRISE", people.repWest.id);
  c.deleted = await customer("East Deleted", "East China", "ENTERPRISE", people.repEast.id, { deletedAt: new Date("2026-06-01T00:00:00Z"), deletedById: people.admin.id });
});
afterAll(() => db.close());

type Result = { ok: boolean; message?: string | null; fieldErrors?: Record<string, string> } & Record<string, unknown>;
const result = (o: Outcome) => (o.kind === "result" ? o.result : o) as Result;

async function expectDenied(actor: Actor, call: () => Promise<unknown>): Promise<void> {
  const before = await businessFingerprint(db);
  const auditFrom = await lastAuditId(db);
  const outcome = await callAs(actor.id, call);
  expect(result(outcome)).toMatchObject({ ok: false, message: "errors.notAllowed" });
  expect(await businessFingerprint(db)).toEqual(before);
  const added = await auditSince(db, auditFrom);
  expect(added.length).toBeGreaterThan(0);
  expect(added.every((row) => row.action === "DENIED" && row.userId === actor.id)).toBe(true);
}

/** Creates through the action (a redirect to the new segment) and returns the new id. */
async function create(actor: Actor, name: string, rule: Rule = EAST, kind: "DYNAMIC" | "STATIC" = "DYNAMIC"): Promise<number> {
  const outcome = await callAs(actor.id, () => segments.createSegmentAction(null, formOf({ name, kind, description: "", rule: JSON.stringify(rule) })));
  expect(outcome).toMatchObject({ kind: "redirect" });
  const to = (outcome as { to: string }).to;
  expect(to).toMatch(/^\/segments\/\d+\?created=1$/);
  return Number(/\/segments\/(\d+)/.exec(to)?.[1]);
}

const segment = (id: number) => db.prisma.segment.findUniqueOrThrow({ where: { id } });
const members = async (id: number) => (await db.prisma.segmentMember.findMany({ where: { segmentId: id }, select: { customerId: true }, orderBy: { customerId: "asc" } })).map((m) => m.customerId);

describe("who may create and edit", () => {
  test("a rep and an agent may not create a segment: refused, nothing written, the denial audited", async () => {
    for (const actor of [people.repEast, people.agent]) {
      await expectDenied(actor, () => segments.createSegmentAction(null, formOf({ name: `Not mine ${actor.id}`, kind: "DYNAMIC", rule: JSON.stringify(EAST) })));
    }
  });

  test("a manager creates a nested (3-level) segment of their own, evaluated at once with joins in the history", async () => {
    const id = await create(people.managerEast, "East non-individuals", NESTED);
    const row = await segment(id);
    expect(row).toMatchObject({ ownerId: people.managerEast.id, kind: "DYNAMIC", builtInKey: null, memberCount: 2 });
    expect(await members(id)).toEqual([c.east1, c.ext].sort((a, b) => a - b));
    const joins = await db.prisma.segmentMembershipChange.findMany({ where: { segmentId: id } });
    expect(joins.map((j) => [j.customerId, j.joined]).sort()).toEqual([[c.east1, true], [c.ext, true]].sort());
  });

  test("a manager edits their own segment at its version; another manager is refused; an admin edits anyone's", async () => {
    const id = await create(people.managerEast, "Manager East's");
    const form = (version: number, name: string, rule: Rule = EAST) => formOf({ id, version, name, description: "", rule: JSON.stringify(rule) });
    const v1 = (await segment(id)).version;
    const saved = result(await callAs(people.managerEast.id, () => segments.updateSegmentAction(null, form(v1, "Manager East's (all East)", NESTED))));
    expect(saved).toMatchObject({ ok: true, message: "segments.saved.updated", memberCount: 2, left: 1, joined: 0 });
    const v2 = (await segment(id)).version;
    expect(v2).toBeGreaterThan(v1);
    await expectDenied(managerWest, () => segments.updateSegmentAction(null, form(v2, "Taken over")));
    await expectDenied(people.repEast, () => segments.updateSegmentAction(null, form(v2, "Taken over")));
    expect(result(await callAs(people.admin.id, () => segments.updateSegmentAction(null, form(v2, "Admin renamed"))))).toMatchObject({ ok: true });
    expect((await segment(id)).name).toBe("Admin renamed");
  });

  test("a save at an old version is refused as a conflict and changes nothing", async () => {
    const id = await create(people.managerEast, "Conflicted");
    const v = (await segment(id)).version;
    await callAs(people.managerEast.id, () => segments.updateSegmentAction(null, formOf({ id, version: v, name: "Conflicted 2", rule: JSON.stringify(EAST) })));
    const before = await businessFingerprint(db);
    const stale = result(await callAs(people.managerEast.id, () => segments.updateSegmentAction(null, formOf({ id, version: v, snapshot: JSON.stringify({ name: "Conflicted" }), name: "Stale", rule: JSON.stringify(EAST) }))));
    expect(stale).toMatchObject({ ok: false, message: "segments.errors.conflict" });
    expect(stale.conflict).toBeDefined();
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("built-in segments are refused for everyone's edit and delete, admins' too", async () => {
    const builtIn = await db.prisma.segment.create({ data: { name: "Test built-in", kind: "DYNAMIC", builtInKey: "test_builtin", rule: EAST as object } });
    const before = await businessFingerprint(db);
    const edit = result(await callAs(people.admin.id, () => segments.updateSegmentAction(null, formOf({ id: builtIn.id, version: builtIn.version, name: "Hacked", rule: JSON.stringify(EAST) }))));
    expect(edit).toMatchObject({ ok: false, message: "segments.errors.builtIn" });
    const del = result(await callAs(people.admin.id, () => segments.deleteSegmentAction(null, formOf({ id: builtIn.id, version: builtIn.version }))));
    expect(del).toMatchObject({ ok: false, message: "segments.errors.builtIn" });
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("delete at the loaded version: the owner may, a rep may not", async () => {
    const id = await create(people.managerEast, "To delete");
    const v = (await segment(id)).version;
    await expectDenied(people.repEast, () => segments.deleteSegmentAction(null, formOf({ id, version: v })));
    const outcome = await callAs(people.managerEast.id, () => segments.deleteSegmentAction(null, formOf({ id, version: v })));
    expect(outcome).toEqual({ kind: "redirect", to: "/segments?deleted=1" });
    expect(await db.prisma.segment.findUnique({ where: { id } })).toBeNull();
  });
});

describe("rule problems", () => {
  test("a bad rule is refused with the failing condition's position and message; nothing is saved", async () => {
    const bad: unknown = {
      type: "group",
      op: "and",
      children: [
        { type: "condition", field: "region", op: "in", value: ["East China"] },
        { type: "group", op: "or", children: [{ type: "condition", field: "tier", op: "in", value: [] }] },
      ],
    };
    const before = await businessFingerprint(db);
    const outcome = result(await callAs(people.managerEast.id, () => segments.createSegmentAction(null, formOf({ name: "Broken", kind: "DYNAMIC", rule: JSON.stringify(bad) }))));
    expect(outcome).toMatchObject({ ok: false, message: "segments.errors.fix", fieldErrors: { "rule.2.1": "segments.validation.chooseOne" } });
    // Not JSON at all: the rule's own message, still no 500.
    const garbage = result(await callAs(people.managerEast.id, () => segments.createSegmentAction(null, formOf({ name: "Garbage", kind: "DYNAMIC", rule: "{not json" }))));
    expect(garbage.ok).toBe(false);
    expect(Object.keys(garbage.fieldErrors ?? {}).some((k) => k === "rule" || k.startsWith("rule"))).toBe(true);
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("the preview answers a half-built rule with its issues (naming the condition), a valid one with count, diff and sample", async () => {
    const half = { type: "group", op: "and", children: [{ type: "condition", field: "region", op: "in", value: ["East China"] }, { type: "condition", field: "tier", op: "in", value: [] }, { type: "condition", field: "", op: "" }] };
    const answer = result(await callAs(people.repEast.id, () => segments.previewSegmentAction({ rule: JSON.stringify(half) })));
    expect(answer).toMatchObject({ ok: false, message: "segments.preview.invalid" });
    expect(answer.issues).toEqual(expect.arrayContaining([{ path: "2", field: "tier", message: "segments.validation.chooseOne" }, { path: "3", message: "segments.validation.field" }]));
    // Rubbish of every kind is an answer too.
    for (const rule of [null, 42, "[]", { type: "group" }, "{"]) {
      expect(result(await callAs(people.repEast.id, () => segments.previewSegmentAction({ rule })))).toMatchObject({ ok: false });
    }
    const id = await create(people.managerEast, "Preview base");
    const ok = result(await callAs(people.managerEast.id, () => segments.previewSegmentAction({ rule: NESTED, segmentId: id })));
    expect(ok).toMatchObject({ ok: true, preview: { count: 2, saved: { count: 3, joining: 0, leaving: 1 } } });
    const sample = (ok.preview as { sample: { id: number }[] }).sample.map((s) => s.id).sort((a, b) => a - b);
    expect(sample).toEqual([c.east1, c.ext].sort((a, b) => a - b));
  });
});

describe("static segments", () => {
  test("from a CSV of ids and external ids: matched ones are members, the rest reported", async () => {
    // One column without a header: each value an external id or else a customer id.
    const csv = `${c.east1}\nERP-77\nNOPE-1\n${c.deleted}\n`;
    const outcome = result(await callAs(people.managerEast.id, () => segments.createStaticFromCsvAction(null, formOf({ name: "Uploaded", csv }))));
    expect(outcome).toMatchObject({ ok: true, message: "segments.saved.staticCreated", added: 2 });
    expect(outcome.unmatched).toEqual(expect.arrayContaining(["NOPE-1", String(c.deleted)]));
    const id = outcome.id as number;
    expect(await segment(id)).toMatchObject({ kind: "STATIC", ownerId: people.managerEast.id, memberCount: 2 });
    expect(await members(id)).toEqual([c.east1, c.ext].sort((a, b) => a - b));
    // Removing a member: a history row, the count follows.
    expect(result(await callAs(people.managerEast.id, () => segments.removeStaticMembersAction(null, formOf({ id, ids: [c.ext] }))))).toMatchObject({ ok: true });
    expect(await members(id)).toEqual([c.east1]);
    expect((await segment(id)).memberCount).toBe(1);
    expect(await db.prisma.segmentMembershipChange.count({ where: { segmentId: id, customerId: c.ext, joined: false } })).toBe(1);
    await expectDenied(people.repEast, () => segments.removeStaticMembersAction(null, formOf({ id, ids: [c.east1] })));
    // Back in from a CSV of ids; what is no customer id is reported; a dynamic segment takes no hand-made members.
    const added = result(await callAs(people.managerEast.id, () => segments.addStaticMembersFromCsvAction(null, formOf({ id, csv: `customer_id\n${c.ext}\nERP-x\n` }))));
    expect(added).toMatchObject({ ok: true, added: 1, unmatched: ["ERP-x"] });
    expect(await members(id)).toEqual([c.east1, c.ext].sort((a, b) => a - b));
    expect(result(await callAs(people.managerEast.id, () => segments.addStaticMembersFromCsvAction(null, formOf({ id, csv: "ERP-x\n" }))))).toMatchObject({ ok: false, fieldErrors: { csv: "segments.validation.csvNoIds" } });
    const dynamic = await create(people.managerEast, "Not a list");
    expect(result(await callAs(people.managerEast.id, () => segments.addStaticMembersFromCsvAction(null, formOf({ id: dynamic, csv: String(c.west1) }))))).toMatchObject({ ok: false, message: "segments.errors.notStatic" });
  });

  test("from a selection of the customer list (the bulk action); a rep may not", async () => {
    const outcome = result(await callAs(people.admin.id, () => segments.createStaticFromIdsAction(null, formOf({ name: "Picked", ids: [c.west1, c.east2] }))));
    expect(outcome).toMatchObject({ ok: true, added: 2 });
    expect(await members(outcome.id as number)).toEqual([c.east2, c.west1].sort((a, b) => a - b));
    await expectDenied(people.repWest, () => segments.createStaticFromIdsAction(null, formOf({ name: "Rep picked", ids: [c.west1] })));
    const empty = result(await callAs(people.admin.id, () => segments.createStaticFromIdsAction(null, formOf({ name: "Nothing" }))));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { ids: "segments.validation.selectCustomers" } });
  });
});

describe("export and import", () => {
  test("the exported definition imports back as an equal segment; a clashing name gets a suffix", async () => {
    const id = await create(people.managerEast, "Round trip", NESTED);
    const response = await runAsTestSession(people.repEast.id, () => exportRoute(new Request(`http://localhost/segments/${id}/export`), { params: Promise.resolve({ segmentId: String(id) }) }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment/);
    const json = await response.text();
    const definition = JSON.parse(json) as { format: string; version: number; name: string; rule: Rule };
    expect(definition).toMatchObject({ format: "summit-segment", version: 1, name: "Round trip", kind: "DYNAMIC" });
    const outcome = await callAs(people.admin.id, () => segments.importDefinitionAction(null, formOf({ json })));
    expect(outcome).toMatchObject({ kind: "redirect" });
    const newId = Number(/\/segments\/(\d+)/.exec((outcome as { to: string }).to)?.[1]);
    const imported = await segment(newId);
    expect(imported.name).toBe("Round trip (2)");
    expect(imported.ownerId).toBe(people.admin.id);
    expect(JSON.parse(JSON.stringify(imported.rule))).toEqual(JSON.parse(JSON.stringify((await segment(id)).rule)));
    expect(await members(newId)).toEqual(await members(id));
    // Export is audited; an unknown id is a 404, no session a 401.
    expect(await db.prisma.auditLog.count({ where: { action: "EXPORT", userId: people.repEast.id } })).toBeGreaterThan(0);
    expect((await runAsTestSession(people.admin.id, () => exportRoute(new Request("http://localhost/x"), { params: Promise.resolve({ segmentId: "999999" }) }))).status).toBe(404);
    expect((await runAsTestSession(null, () => exportRoute(new Request("http://localhost/x"), { params: Promise.resolve({ segmentId: String(id) }) }))).status).toBe(401);
  });

  test("a file that is not a definition, or carries a bad rule, is refused and nothing is saved", async () => {
    const before = await businessFingerprint(db);
    const notJson = result(await callAs(people.admin.id, () => segments.importDefinitionAction(null, formOf({ json: "hello" }))));
    expect(notJson).toMatchObject({ ok: false, message: "segments.errors.importFormat" });
    const wrong = result(await callAs(people.admin.id, () => segments.importDefinitionAction(null, formOf({ json: JSON.stringify({ format: "other", version: 1, name: "x", rule: EAST }) }))));
    expect(wrong.ok).toBe(false);
    const badRule = { format: "summit-segment", version: 1, name: "Bad", description: null, kind: "DYNAMIC", rule: { type: "group", op: "and", children: [{ type: "condition", field: "tier", op: "in", value: ["GOLD"] }] } };
    const bad = result(await callAs(people.admin.id, () => segments.importDefinitionAction(null, formOf({ json: JSON.stringify(badRule) }))));
    expect(bad.ok).toBe(false);
    expect(await businessFingerprint(db)).toEqual(before);
    await expectDenied(people.agent, () => segments.importDefinitionAction(null, formOf({ json: JSON.stringify({ ...badRule, rule: EAST }) })));
  });
});

describe("using segments", () => {
  test("every role filters the customer list by a segment and sees its live members", async () => {
    const id = await create(people.admin, "Filter me");
    for (const actor of [people.admin, people.managerEast, people.repEast, people.repWest, people.agent]) {
      const page = await listCustomers(actor, parseListQuery({ segment: String(id) }));
      expect({ role: actor.role, ids: page.items.map((i) => i.id).sort((a, b) => a - b) }).toEqual({ role: actor.role, ids: [c.east1, c.east2, c.ext].sort((a, b) => a - b) });
    }
  });

  test("refresh re-evaluates a dynamic segment and reports the change; a rep may not refresh", async () => {
    const id = await create(people.managerEast, "Refreshable");
    await db.prisma.customer.update({ where: { id: c.west1 }, data: { region: "East China" } });
    try {
      await expectDenied(people.repEast, () => segments.refreshSegmentAction(null, formOf({ id })));
      const outcome = result(await callAs(people.managerEast.id, () => segments.refreshSegmentAction(null, formOf({ id }))));
      expect(outcome).toMatchObject({ ok: true, memberCount: 4, joined: 1, left: 0 });
      expect(await members(id)).toContain(c.west1);
    } finally {
      await db.prisma.customer.update({ where: { id: c.west1 }, data: { region: "West China" } });
    }
  });
});

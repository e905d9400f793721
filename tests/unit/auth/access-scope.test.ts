import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type Actor, type RecordRef, type Scope, scopeAllows } from "@/lib/platform/auth/permissions";
import {
  accessCondition,
  conditionSql,
  conditionWhere,
  joinSql,
  type PrismaScopeMap,
  rawSql,
  type ScopeCondition,
  type ScopeTerm,
  scopeTerms,
  sql,
  type SqlFragment,
} from "@/lib/platform/auth/access-scope";

/**
 * The builder's terms must mean exactly what `scopeAllows` decides for one record; the renderers
 * must say those terms in each target's words. The differential integration test
 * (tests/integration/access-scope.test.ts) then runs the rendered filters against a real database.
 */
const NOW = Date.parse("2026-06-10T02:00:00Z");
const HOUR = 3_600_000;
const ME = 10;
const MY_TEAM = 1;

const SCOPES: Scope[] = ["all", "none", "team", "teamOrUnassigned", "own", "ownOrUnassigned", "unassigned", "assigned", "assignedOrUnassigned", "ownWithin24h"];

/** A record as the database has it: the owner's team comes from the owner's User row. */
type Row = { ownerId: number | null; ownerTeamId: number | null; assigneeId: number | null; createdAt: number };

/** What a term means for one row: the reading the SQL and Prisma renderings must share. */
function matches(term: ScopeTerm, row: Row): boolean {
  switch (term.on) {
    case "owner":
      return row.ownerId === term.userId;
    case "unowned":
      return row.ownerId === null;
    case "ownerTeam":
      return row.ownerId !== null && row.ownerTeamId === term.teamId;
    case "ownerSince":
      return row.ownerId === term.userId && row.createdAt > term.since.getTime();
    case "assignee":
      return row.assigneeId === term.userId;
    case "unassigned":
      return row.assigneeId === null;
    case "teamItself":
    case "participant":
      return false;
  }
}

function holds(condition: ScopeCondition, row: Row): boolean {
  return condition === "all" || condition.some((t) => matches(t, row));
}

function refOf(row: Row): RecordRef {
  return { ownerId: row.ownerId, ownerTeamId: row.ownerTeamId, assignedToId: row.assigneeId, createdAt: new Date(row.createdAt) };
}

/** The actor's own row in User: their team is the one the session carries. */
const rowArb = (actor: Actor) =>
  fc
    .record({
      owner: fc.constantFrom<number | null>(null, ME, 11, 20),
      assigneeId: fc.constantFrom<number | null>(null, ME, 11, 20),
      otherTeam: fc.constantFrom<number | null>(null, MY_TEAM, 2),
      ageHours: fc.integer({ min: 0, max: 72 }),
    })
    .map(({ owner, assigneeId, otherTeam, ageHours }): Row => ({
      ownerId: owner,
      ownerTeamId: owner === null ? null : owner === actor.id ? actor.teamId : otherTeam,
      assigneeId,
      createdAt: NOW - ageHours * HOUR,
    }));

const ACTORS: Actor[] = [
  { id: ME, role: "MANAGER", teamId: MY_TEAM },
  { id: ME, role: "MANAGER", teamId: null },
];

describe("scope terms mean what the permission module decides", () => {
  test.each(ACTORS.flatMap((actor) => SCOPES.map((scope) => ({ scope, actor, team: actor.teamId === null ? "no team" : "a team" }))))(
    "$scope for an actor with $team",
    ({ scope, actor }) => {
      const condition = scopeTerms(actor, scope, NOW);
      fc.assert(fc.property(rowArb(actor), (row) => holds(condition, row) === scopeAllows(scope, actor, refOf(row), new Date(NOW))), { numRuns: 300 });
    },
  );

  test.each<[Scope, ScopeCondition]>([
    ["all", "all"],
    ["none", []],
    ["own", [{ on: "owner", userId: ME }]],
    ["team", [{ on: "ownerTeam", teamId: MY_TEAM }]],
    ["teamOrUnassigned", [{ on: "unowned" }, { on: "ownerTeam", teamId: MY_TEAM }]],
    ["ownOrUnassigned", [{ on: "unowned" }, { on: "owner", userId: ME }]],
    ["unassigned", [{ on: "unowned" }]],
    ["assigned", [{ on: "assignee", userId: ME }]],
    ["assignedOrUnassigned", [{ on: "unassigned" }, { on: "assignee", userId: ME }]],
    ["ownWithin24h", [{ on: "ownerSince", userId: ME, since: new Date(NOW - 24 * HOUR) }]],
  ])("%s → %j (one IN over the team, not own OR team)", (scope, expected) => {
    expect(scopeTerms({ id: ME, role: "MANAGER", teamId: MY_TEAM }, scope, NOW)).toEqual(expected);
  });

  test("a team scope without a team is the actor's own records", () => {
    expect(scopeTerms({ id: ME, role: "MANAGER", teamId: null }, "team", NOW)).toEqual([{ on: "owner", userId: ME }]);
    expect(scopeTerms({ id: ME, role: "MANAGER", teamId: null }, "teamOrUnassigned", NOW)).toEqual([{ on: "unowned" }, { on: "owner", userId: ME }]);
  });
});

describe("entity extras", () => {
  const manager: Actor = { id: ME, role: "MANAGER", teamId: MY_TEAM };
  test("a team-owned record joins the team scope only where the entity has such records", () => {
    expect(accessCondition(manager, "dashboard.pipeline", { team: true }, NOW)).toEqual([
      { on: "ownerTeam", teamId: MY_TEAM },
      { on: "teamItself", teamId: MY_TEAM },
    ]);
    expect(accessCondition(manager, "dashboard.pipeline", {}, NOW)).toEqual([{ on: "ownerTeam", teamId: MY_TEAM }]);
  });

  test("participants read beside the scope, but a role without the right gets nothing at all", () => {
    expect(accessCondition({ id: ME, role: "AGENT", teamId: 3 }, "appointment.read", { participant: true }, NOW)).toEqual([
      { on: "owner", userId: ME },
      { on: "participant", userId: ME },
    ]);
    expect(accessCondition({ id: ME, role: "AGENT", teamId: 3 }, "opportunity.read", { participant: true }, NOW)).toEqual([]);
    expect(accessCondition({ id: ME, role: "ADMIN", teamId: null }, "appointment.read", { participant: true }, NOW)).toBe("all");
  });
});

type W = { id?: { in: number[] }; ownerId?: number | null; owner?: { teamId: number }; teamId?: number; createdAt?: { gt: Date }; assigneeId?: number | null; attendee?: number; OR?: W[]; AND?: W | W[] };
const MAP: PrismaScopeMap<W> = {
  nothing: { id: { in: [] } },
  owner: (id) => ({ ownerId: id }),
  ownerTeam: (teamId) => ({ owner: { teamId } }),
  team: (teamId) => ({ teamId }),
  createdAfter: (since) => ({ createdAt: { gt: since } }),
  assignee: (id) => ({ assigneeId: id }),
  participant: (userId) => ({ attendee: userId }),
};
const SINCE = new Date(NOW - 24 * HOUR);

describe("Prisma where", () => {
  test.each<[string, ScopeCondition, W]>([
    ["all: no filter", "all", {}],
    ["none: the map's nothing (never an empty OR, which Prisma ignores inside AND)", [], { id: { in: [] } }],
    ["one term bare", [{ on: "owner", userId: ME }], { ownerId: ME }],
    ["unowned", [{ on: "unowned" }], { ownerId: null }],
    ["owner's team through the owner relation", [{ on: "ownerTeam", teamId: MY_TEAM }], { owner: { teamId: MY_TEAM } }],
    ["several terms OR'ed", [{ on: "unowned" }, { on: "ownerTeam", teamId: 2 }], { OR: [{ ownerId: null }, { owner: { teamId: 2 } }] }],
    ["team-owned: no owner and the team", [{ on: "teamItself", teamId: 2 }], { AND: [{ ownerId: null }, { teamId: 2 }] }],
    ["author within 24 h", [{ on: "ownerSince", userId: ME, since: SINCE }], { AND: [{ ownerId: ME }, { createdAt: { gt: SINCE } }] }],
    ["queue", [{ on: "unassigned" }, { on: "assignee", userId: ME }], { OR: [{ assigneeId: null }, { assigneeId: ME }] }],
    ["participant", [{ on: "participant", userId: ME }], { attendee: ME }],
  ])("%s", (_, condition, expected) => {
    expect(conditionWhere("Thing", MAP, condition)).toEqual(expected);
  });

  test("a term the entity has no column for is a programming error, not a silent widening", () => {
    expect(() => conditionWhere("Lead", { nothing: MAP.nothing, owner: MAP.owner, ownerTeam: MAP.ownerTeam }, [{ on: "assignee", userId: ME }])).toThrow("the Lead map has no assignee column");
  });
});

/** Renders a fragment with $n placeholders, as SqlParams does. */
function text(f: SqlFragment): { text: string; values: unknown[] } {
  return { text: f.strings.reduce((acc, s, i) => (i === 0 ? s : `${acc}$${i}${s}`), ""), values: [...f.values] };
}

describe("SQL fragment", () => {
  const map = { owner: `o."ownerId"`, team: `o."teamId"`, createdAt: `o."createdAt"`, assignee: `o."assigneeId"` };
  test.each<[string, ScopeCondition, string, unknown[]]>([
    ["all", "all", "TRUE", []],
    ["none", [], "FALSE", []],
    ["own", [{ on: "owner", userId: ME }], `o."ownerId" = $1::int`, [ME]],
    ["team: an IN over the team's members (User.teamId index)", [{ on: "ownerTeam", teamId: MY_TEAM }], `o."ownerId" IN (SELECT tm."id" FROM "User" tm WHERE tm."teamId" = $1::int)`, [MY_TEAM]],
    ["ownOrUnassigned", [{ on: "unowned" }, { on: "owner", userId: ME }], `(o."ownerId" IS NULL OR o."ownerId" = $1::int)`, [ME]],
    ["team-owned", [{ on: "teamItself", teamId: 2 }], `(o."ownerId" IS NULL AND o."teamId" = $1::int)`, [2]],
    ["author within 24 h", [{ on: "ownerSince", userId: ME, since: SINCE }], `(o."ownerId" = $1::int AND o."createdAt" > $2::timestamp)`, [ME, "2026-06-09T02:00:00.000"]],
    ["queue", [{ on: "unassigned" }, { on: "assignee", userId: ME }], `(o."assigneeId" IS NULL OR o."assigneeId" = $1::int)`, [ME]],
  ])("%s", (_, condition, expectedText, values) => {
    expect(text(conditionSql("Thing", map, condition))).toEqual({ text: expectedText, values });
  });

  test("values never enter the text, however they look", () => {
    const evil = `1; DROP TABLE "User" --`;
    const f = sql`a = ${evil} AND ${sql`b = ${2}`}`;
    expect(text(f)).toEqual({ text: "a = $1 AND b = $2", values: [evil, 2] });
  });

  test("fragments nest and join without renumbering by hand", () => {
    const parts = [sql`x = ${1}`, rawSql("TRUE"), sql`y IN (${2}, ${3})`];
    expect(text(sql`WHERE ${joinSql(parts, " AND ")} LIMIT ${10}`)).toEqual({ text: "WHERE x = $1 AND TRUE AND y IN ($2, $3) LIMIT $4", values: [1, 2, 3, 10] });
  });

  test("participants have no SQL rendering yet: asking for one fails loudly", () => {
    expect(() => conditionSql("Appointment", map, [{ on: "participant", userId: ME }])).toThrow("no participant column");
  });
});

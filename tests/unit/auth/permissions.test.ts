import { describe, expect, test } from "vitest";
import { ACTIONS, type Action, type Actor, can, POLICY, type RecordRef, ROLES } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";

/**
 * The policy of ../shared/PERMISSIONS.md restated cell by cell as the situations in which each role
 * may act, independently of how lib/platform/auth/permissions.ts encodes it, and checked for every
 * role x action x ownership situation.
 */
const NOW = new Date("2026-11-23T12:00:00Z");
const ME = 10;
const MY_TEAM = 1;

const SITUATIONS = {
  // the actor's own record, created an hour ago (also assigned to the actor)
  own: { ownerId: ME, ownerTeamId: MY_TEAM, assignedToId: ME, createdAt: new Date(NOW.getTime() - 3600_000) },
  // the actor's own record, created two days ago
  ownOld: { ownerId: ME, ownerTeamId: MY_TEAM, assignedToId: ME, createdAt: new Date(NOW.getTime() - 48 * 3600_000) },
  // a teammate's record
  team: { ownerId: 11, ownerTeamId: MY_TEAM, assignedToId: 11, createdAt: NOW },
  // another team's record
  other: { ownerId: 20, ownerTeamId: 2, assignedToId: 20, createdAt: NOW },
  // nobody owns it yet / nobody is assigned (the queue)
  unassigned: { ownerId: null, ownerTeamId: null, assignedToId: null, createdAt: NOW },
} satisfies Record<string, RecordRef>;

type Situation = keyof typeof SITUATIONS;
const ALL: Situation[] = ["own", "ownOld", "team", "other", "unassigned"];
const OWN: Situation[] = ["own", "ownOld"];
const TEAM: Situation[] = ["own", "ownOld", "team"];
const TEAM_OR_UNASSIGNED: Situation[] = [...TEAM, "unassigned"];
const OWN_OR_UNASSIGNED: Situation[] = [...OWN, "unassigned"];
const NONE: Situation[] = [];

type Expect = { ADMIN: Situation[]; MANAGER: Situation[]; REP: Situation[]; AGENT: Situation[] };

const EXPECTED: Record<Action, Expect> = {
  "customer.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "customer.create": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: ["unassigned"] },
  "customer.edit": { ADMIN: ALL, MANAGER: TEAM_OR_UNASSIGNED, REP: OWN, AGENT: NONE },
  "customer.setDoNotContact": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "customer.reassign": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "customer.delete": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "touchpoint.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "touchpoint.create": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "touchpoint.edit": { ADMIN: ALL, MANAGER: TEAM, REP: ["own"], AGENT: ["own"] },
  "order.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "order.create": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "order.createFromQuote": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "order.edit": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "customer.export": { ADMIN: ALL, MANAGER: ALL, REP: OWN, AGENT: NONE },
  "lead.read": { ADMIN: ALL, MANAGER: TEAM_OR_UNASSIGNED, REP: OWN_OR_UNASSIGNED, AGENT: NONE },
  "lead.create": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "lead.edit": { ADMIN: ALL, MANAGER: TEAM_OR_UNASSIGNED, REP: OWN, AGENT: NONE },
  "order.import": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "lead.export": { ADMIN: ALL, MANAGER: ALL, REP: OWN, AGENT: NONE },
  "opportunity.read": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "opportunity.edit": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "quote.approveDiscount": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "product.edit": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "product.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "partner.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: NONE },
  "partner.edit": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "target.edit": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "task.read": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: OWN },
  "task.edit": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: OWN },
  "appointment.read": { ADMIN: ALL, MANAGER: TEAM, REP: TEAM, AGENT: OWN },
  "appointment.edit": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: OWN },
  "appointment.invite": { ADMIN: ALL, MANAGER: TEAM, REP: TEAM, AGENT: TEAM },
  "campaign.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "campaign.edit": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: NONE },
  "campaignMember.respond": { ADMIN: ALL, MANAGER: ALL, REP: OWN, AGENT: OWN },
  "callList.manage": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: NONE },
  "callList.work": { ADMIN: ALL, MANAGER: ALL, REP: OWN, AGENT: OWN },
  "ticket.read": { ADMIN: ALL, MANAGER: ALL, REP: OWN, AGENT: ALL },
  "ticket.create": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "ticket.edit": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: OWN_OR_UNASSIGNED },
  "ticket.reassign": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: NONE },
  "ticket.templates": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: NONE },
  "segment.read": { ADMIN: ALL, MANAGER: ALL, REP: ALL, AGENT: ALL },
  "segment.edit": { ADMIN: ALL, MANAGER: OWN, REP: NONE, AGENT: NONE },
  "admin.manage": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "score.recompute": { ADMIN: ALL, MANAGER: NONE, REP: NONE, AGENT: NONE },
  "audit.read": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "recycleBin.use": { ADMIN: ALL, MANAGER: TEAM, REP: NONE, AGENT: NONE },
  "dashboard.value": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "dashboard.pipeline": { ADMIN: ALL, MANAGER: TEAM, REP: OWN, AGENT: NONE },
  "dashboard.service": { ADMIN: ALL, MANAGER: ALL, REP: NONE, AGENT: OWN },
};

const cells = ACTIONS.flatMap((action) =>
  ROLES.flatMap((role) =>
    (Object.keys(SITUATIONS) as Situation[]).map((situation) => ({
      action,
      role,
      situation,
      allowed: EXPECTED[action][role].includes(situation),
    })),
  ),
);

describe("permission matrix", () => {
  test("states every action of the policy, and only those", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(POLICY).sort());
  });

  test.each(cells)("$role $action on $situation record → $allowed", ({ action, role, situation, allowed }) => {
    const actor: Actor = { id: ME, role, teamId: MY_TEAM };
    expect(can(actor, action, SITUATIONS[situation], NOW)).toBe(allowed);
  });

  test.each(ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action }))))(
    "$role has $action somewhere exactly when the policy grants any situation",
    ({ role, action }) => {
      const actor: Actor = { id: ME, role, teamId: MY_TEAM };
      expect(can(actor, action)).toBe(EXPECTED[action][role].length > 0);
    },
  );

  test("a user without a team never gets team rights from a teamless record", () => {
    const loner: Actor = { id: ME, role: "MANAGER", teamId: null };
    expect(can(loner, "customer.edit", { ownerId: 5, ownerTeamId: null })).toBe(false);
    expect(can(loner, "customer.edit", { ownerId: ME, ownerTeamId: null })).toBe(true);
  });

  test("a record without ownership information is refused for scoped rights", () => {
    const rep: Actor = { id: ME, role: "REP", teamId: MY_TEAM };
    expect(can(rep, "touchpoint.edit", { ownerId: ME })).toBe(false);
  });

  test("without an explicit now, the 24-hour window is judged by the app's clock", () => {
    const rep: Actor = { id: ME, role: "REP", teamId: MY_TEAM };
    const record = { ownerId: ME, ownerTeamId: MY_TEAM, createdAt: NOW };
    try {
      fixClock(NOW.getTime() + 23 * 3600_000);
      expect(can(rep, "touchpoint.edit", record)).toBe(true);
      fixClock(NOW.getTime() + 25 * 3600_000);
      expect(can(rep, "touchpoint.edit", record)).toBe(false);
    } finally {
      resetClock();
    }
  });
});

import { describe, expect, test } from "vitest";
import { type AgentCandidate, chooseAgent } from "@/lib/tickets/rules/routing";
import { canMoveTicket, nextTicketStatuses, statusAfterMessage, statusEffects } from "@/lib/tickets/rules/status";

const agent = (id: number, skills: string[], openLoad: number, lastAssignedAt: number | null = null): AgentCandidate => ({ id, skills, openLoad, lastAssignedAt });

describe("routing a new ticket", () => {
  const request = { category: "billing", vip: false, capacity: 3 };

  test("the category's skill holder with the lowest load", () => {
    expect(chooseAgent([agent(1, ["billing"], 2), agent(2, ["billing"], 1), agent(3, ["technical"], 0)], request)).toBe(2);
  });

  test("ties go round robin: whoever waited longest since their last ticket, never-assigned first", () => {
    expect(chooseAgent([agent(1, ["billing"], 1, 5_000), agent(2, ["billing"], 1, 1_000)], request)).toBe(2);
    expect(chooseAgent([agent(1, ["billing"], 1, 5_000), agent(2, ["billing"], 1, null)], request)).toBe(2);
    expect(chooseAgent([agent(4, ["billing"], 1, null), agent(2, ["billing"], 1, null)], request)).toBe(2);
  });

  test("agents at capacity are skipped; nobody free means the queue", () => {
    expect(chooseAgent([agent(1, ["billing"], 3), agent(2, ["billing"], 2)], request)).toBe(2);
    expect(chooseAgent([agent(1, ["billing"], 3), agent(3, ["technical"], 0)], request)).toBeNull();
  });

  test("a category nobody holds goes to every agent", () => {
    expect(chooseAgent([agent(1, ["technical"], 2), agent(3, [], 0)], { ...request, category: "orders" })).toBe(3);
  });

  test("VIP customers go to a vip holder when anyone holds it, else like everyone", () => {
    const vipRequest = { ...request, vip: true };
    expect(chooseAgent([agent(1, ["billing"], 0), agent(2, ["vip"], 2)], vipRequest)).toBe(2);
    expect(chooseAgent([agent(1, ["billing"], 0), agent(2, ["technical"], 0)], vipRequest)).toBe(1);
    // The vip holders are full: the ticket still gets a billing agent rather than waiting.
    expect(chooseAgent([agent(1, ["billing"], 0), agent(2, ["vip"], 3)], vipRequest)).toBe(1);
  });
});

describe("the ticket workflow", () => {
  test.each([
    ["NEW", "IN_PROGRESS", true],
    ["NEW", "WAITING_ON_CUSTOMER", false],
    ["IN_PROGRESS", "WAITING_ON_CUSTOMER", true],
    ["WAITING_ON_CUSTOMER", "IN_PROGRESS", true],
    ["RESOLVED", "CLOSED", true],
    ["RESOLVED", "IN_PROGRESS", false],
    ["CLOSED", "REOPENED", true],
    ["CLOSED", "RESOLVED", false],
    ["REOPENED", "RESOLVED", true],
  ] as const)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(canMoveTicket(from, to)).toBe(allowed);
  });

  test("assignment is not offered as a status; waiting pauses and leaving it resumes the SLA clock", () => {
    expect(nextTicketStatuses("ASSIGNED")).toEqual(["IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"]);
    expect(statusEffects("IN_PROGRESS", "WAITING_ON_CUSTOMER")).toMatchObject({ pause: true, resume: false });
    expect(statusEffects("WAITING_ON_CUSTOMER", "RESOLVED")).toMatchObject({ pause: false, resume: true, resolved: true });
  });

  test("messages move the ticket: the agent's reply starts work, the customer's answers a wait or reopens", () => {
    expect(statusAfterMessage("ASSIGNED", "agent")).toBe("IN_PROGRESS");
    expect(statusAfterMessage("WAITING_ON_CUSTOMER", "agent")).toBe("WAITING_ON_CUSTOMER");
    expect(statusAfterMessage("WAITING_ON_CUSTOMER", "customer")).toBe("IN_PROGRESS");
    expect(statusAfterMessage("RESOLVED", "customer")).toBe("REOPENED");
    expect(statusAfterMessage("CLOSED", "customer")).toBe("REOPENED");
    expect(statusAfterMessage("IN_PROGRESS", "customer")).toBe("IN_PROGRESS");
  });
});

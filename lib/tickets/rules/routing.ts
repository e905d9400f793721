import { VIP_SKILL } from "@/lib/tickets/rules/categories";

export type AgentCandidate = {
  id: number;
  skills: readonly string[];
  /** Open tickets the agent holds now. */
  openLoad: number;
  /** When the agent last received a ticket (epoch ms), null if never: the round-robin turn. */
  lastAssignedAt: number | null;
};

export type RoutingRequest = { category: string; vip: boolean; capacity: number };

/**
 * Who gets a new ticket: among active agents under their capacity, a VIP customer's ticket goes to a
 * holder of the `vip` skill when anyone holds it (else as any other ticket); other tickets go to
 * holders of the category's skill, or to every agent when nobody holds that skill (a category nobody
 * specialises in is everyone's). The lowest open load wins; on a tie, whoever waited longest since
 * their last ticket (round robin), then the lowest id. Null: nobody can take it, the ticket queues.
 */
export function chooseAgent(candidates: readonly AgentCandidate[], request: RoutingRequest): number | null {
  const free = candidates.filter((a) => a.openLoad < request.capacity);
  const holders = (skill: string) => candidates.filter((a) => a.skills.includes(skill));
  let pool: AgentCandidate[] = [];
  if (request.vip && holders(VIP_SKILL).length > 0) pool = free.filter((a) => a.skills.includes(VIP_SKILL));
  if (pool.length === 0) pool = holders(request.category).length > 0 ? free.filter((a) => a.skills.includes(request.category)) : free;
  if (pool.length === 0) return null;
  const best = [...pool].sort(
    (a, b) => a.openLoad - b.openLoad || (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) || a.id - b.id,
  )[0];
  return best.id;
}

/**
 * Open tickets an agent may hold before new ones queue instead: the `service.routing` setting's
 * `capacity`, else this (a desk whose agents each carry a few dozen open cases, waits included).
 */
export const DEFAULT_AGENT_CAPACITY = 40;

export function parseAgentCapacity(value: unknown): number {
  const capacity = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>).capacity : undefined;
  return typeof capacity === "number" && Number.isInteger(capacity) && capacity >= 1 && capacity <= 10_000 ? capacity : DEFAULT_AGENT_CAPACITY;
}

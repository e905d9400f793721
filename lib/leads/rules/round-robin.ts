/**
 * Round-robin lead assignment within a team: the next lead goes to the first active rep whose id
 * follows the one who received the team's last lead, wrapping to the lowest id. Ordering by id
 * (not by name or join date) keeps the rotation stable when people are renamed, and a rep who was
 * deactivated simply drops out of the rotation without resetting it.
 */
export type RotationMember = { id: number; active: boolean; role: string };

/** The ids taking part in the rotation, ascending: active REPs only (managers hand out, they do not receive). */
export function rotationOf(members: readonly RotationMember[]): number[] {
  return members
    .filter((m) => m.active && m.role === "REP")
    .map((m) => m.id)
    .sort((a, b) => a - b);
}

/**
 * The next assignee after `lastAssigneeId`, or null when nobody is in the rotation. A pointer to
 * someone who left the team or was deactivated still works: the next higher id in the rotation wins.
 */
export function nextAssignee(rotation: readonly number[], lastAssigneeId: number | null): number | null {
  if (rotation.length === 0) return null;
  const sorted = [...rotation].sort((a, b) => a - b);
  if (lastAssigneeId === null) return sorted[0];
  return sorted.find((id) => id > lastAssigneeId) ?? sorted[0];
}

/** Assignees for `count` leads in a row (an import), and where the pointer ends. */
export function nextAssignees(rotation: readonly number[], lastAssigneeId: number | null, count: number): { assignees: number[]; last: number | null } {
  const assignees: number[] = [];
  let last = lastAssigneeId;
  for (let i = 0; i < count; i++) {
    const next = nextAssignee(rotation, last);
    if (next === null) return { assignees: [], last: lastAssigneeId };
    assignees.push(next);
    last = next;
  }
  return { assignees, last };
}

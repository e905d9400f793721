import { FIELDS, type FieldKey, type Rule, RULE_LIMITS } from "@/lib/segments/rules/rule";

/**
 * The editor's working copy of a rule: the same JSON shape as a stored rule (so it is posted as is
 * and lib/segments/rules/rule.ts parseRule judges it), but allowed to be half-built — a condition
 * without a field yet, a value still empty. Every node carries an `id` for React's keys; rule.ts keeps
 * ids, so they survive a save harmlessly.
 */
export type DraftCondition = {
  type: "condition";
  id: string;
  field: FieldKey | "";
  op: string;
  value?: unknown;
  period?: string;
  days?: number;
  channel?: string;
};
export type DraftGroup = { type: "group"; id: string; op: "and" | "or"; not?: boolean; children: DraftNode[] };
export type DraftNode = DraftGroup | DraftCondition;

/** A node's position as the rule's messages name it: 1-based child positions from the root ("2.1"). */
export function pathLabel(path: readonly number[]): string {
  return path.map((i) => i + 1).join(".");
}

let counter = 0;
/** Ids of nodes added while editing: unique within one editor session (loaded nodes use their path). */
export function nextId(): string {
  counter += 1;
  return `n${counter}`;
}

export function newCondition(): DraftCondition {
  return { type: "condition", id: nextId(), field: "", op: "" };
}

export function newGroup(op: "and" | "or" = "and"): DraftGroup {
  return { type: "group", id: nextId(), op, children: [newCondition()] };
}

/** The value a fresh condition starts with for a field and operator: empty, so the issue says what to fill in. */
export function initialValue(field: FieldKey, op: string): unknown {
  const spec = FIELDS[field];
  if (op === "isEmpty" || op === "isNotEmpty" || spec.value === "none") return undefined;
  if (spec.value === "boolean") return true;
  if (op === "between") return spec.value === "date" || spec.value === "money" ? ["", ""] : [undefined, undefined];
  if (op === "withinLastDays" || op === "notWithinLastDays") return undefined;
  if (spec.value === "enum" || spec.value === "user" || spec.value === "team" || spec.value === "product" || spec.value === "category" || spec.value === "campaign") return [];
  if (spec.value === "text") return op === "contains" ? "" : [];
  if (spec.value === "date" || spec.value === "money") return "";
  return undefined;
}

/** A condition switched to another field: its first operator, an empty value, the field's extras. */
export function withField(condition: DraftCondition, field: FieldKey | ""): DraftCondition {
  if (field === "") return { type: "condition", id: condition.id, field: "", op: "" };
  const spec = FIELDS[field];
  const op = spec.ops[0];
  const next: DraftCondition = { type: "condition", id: condition.id, field, op, value: initialValue(field, op) };
  if (spec.period) next.period = "current";
  if (field === "optOut") next.channel = spec.channel?.[1] ?? spec.channel?.[0];
  return next;
}

/** Operators of one shape keep the value (tier in → not in); another shape starts afresh. */
function shapeOf(field: FieldKey, op: string): string {
  if (op === "between") return "pair";
  if (op === "isEmpty" || op === "isNotEmpty") return "none";
  if (op === "withinLastDays" || op === "notWithinLastDays") return "days";
  if (FIELDS[field].value === "text") return op === "contains" ? "single" : "list";
  return "single";
}

export function withOperator(condition: DraftCondition, op: string): DraftCondition {
  if (condition.field === "") return condition;
  const keep = shapeOf(condition.field, condition.op) === shapeOf(condition.field, op);
  return { ...condition, op, value: keep ? condition.value : initialValue(condition.field, op) };
}

export function nodeAt(root: DraftGroup, path: readonly number[]): DraftNode | null {
  let node: DraftNode = root;
  for (const i of path) {
    if (node.type !== "group" || !node.children[i]) return null;
    node = node.children[i];
  }
  return node;
}

/** A copy of the tree with the node at `path` replaced (or removed, with `null`). */
export function replaceAt(root: DraftGroup, path: readonly number[], next: DraftNode | null): DraftGroup {
  if (path.length === 0) return next && next.type === "group" ? next : root;
  const [head, ...rest] = path;
  const children = root.children.flatMap((child, i) => {
    if (i !== head) return [child];
    if (rest.length === 0) return next ? [next] : [];
    return child.type === "group" ? [replaceAt(child, rest, next)] : [child];
  });
  return { ...root, children };
}

export function appendTo(root: DraftGroup, path: readonly number[], child: DraftNode): DraftGroup {
  const group = nodeAt(root, path);
  if (!group || group.type !== "group") return root;
  return replaceAt(root, path, { ...group, children: [...group.children, child] });
}

/** The depth of a group at `path` (the root is depth 1, as RULE_LIMITS.maxDepth counts). */
export function canNest(path: readonly number[]): boolean {
  return path.length + 2 <= RULE_LIMITS.maxDepth;
}

export function countConditions(node: DraftNode): number {
  return node.type === "condition" ? 1 : node.children.reduce((n, c) => n + countConditions(c), 0);
}

/**
 * A stored rule as a draft. Ids are derived from positions ("p", "p2.1"), the same on the server's
 * render and the browser's, so the serialised rule does not differ at hydration; ids stored with the
 * rule are replaced likewise (an import may bring anything).
 */
export function toDraft(rule: Rule | null): DraftGroup {
  if (!rule) return { type: "group", id: "p", op: "and", children: [{ type: "condition", id: "p1", field: "", op: "" }] };
  const walk = (node: Rule | Rule["children"][number], path: number[]): DraftNode => {
    const id = `p${pathLabel(path)}`;
    if (node.type === "group") return { ...node, id, children: node.children.map((child, i) => walk(child, [...path, i])) };
    return { ...(node as unknown as DraftCondition), id };
  };
  return walk(rule, []) as DraftGroup;
}

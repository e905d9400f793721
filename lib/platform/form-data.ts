import type { z } from "zod";

/**
 * The one FormData decoder of the server actions (lib/platform/form-action.ts). A hand-written walker
 * that builds `node[part] ??= {}` from dotted keys lets a POST reach Object.prototype through
 * `__proto__.x` or `constructor.prototype.x`; this one builds on null-prototype objects and refuses
 * those keys outright, so the schema never sees them.
 */

/** Key segments that would reach a prototype when used as property names. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** React's own fields (action id, bound arguments) travel in the same FormData; they are not input. */
const FRAMEWORK_PREFIX = "$ACTION_";

export type DecodeLimits = {
  /** Fields per form (the sales-target table is the largest real form: a few hundred cells). */
  maxEntries: number;
  maxKeyLength: number;
  /** Segments of a dotted key. */
  maxDepth: number;
  /** Characters per value: beyond every schema's own maximum, so those give the precise message. */
  maxValueLength: number;
  /** Characters over all keys and values. */
  maxTotalLength: number;
};

export const DEFAULT_LIMITS: DecodeLimits = {
  maxEntries: 5_000,
  maxKeyLength: 200,
  maxDepth: 6,
  maxValueLength: 100_000,
  maxTotalLength: 2_000_000,
};

/** Submitted text fields, echoed back to the form (React resets an uncontrolled form after an action). */
export type FormValues = Record<string, string>;

export type DecodedForm =
  | { ok: true; data: Record<string, unknown>; values: FormValues; lists: Record<string, string[]> }
  | { ok: false; fieldErrors: Record<string, string>; values: FormValues; lists: Record<string, string[]> };

export type DecodeOptions = {
  /** Dotted paths whose repeated fields form an array (from the schema: see `schemaPaths`). */
  arrays?: ReadonlySet<string>;
  limits?: Partial<DecodeLimits>;
};

type Node = Record<string, unknown>;

function emptyNode(): Node {
  return Object.create(null) as Node;
}

/** True when a dotted key names only plain property paths (no prototype segment, no empty segment). */
export function isSafeKey(key: string): boolean {
  return key.split(".").every((part) => part !== "" && !FORBIDDEN_SEGMENTS.has(part));
}

/**
 * Decodes FormData into nested objects. Dotted keys (`pyramid.vip`) become nested objects; a key the
 * schema declares as an array collects its repeated fields; any other key sent twice, a file, a
 * prototype segment anywhere in the path, or a form beyond the limits is a field error (`form` when
 * it concerns the form as a whole), never a partial decode.
 */
export function decodeFormData(formData: FormData, options: DecodeOptions = {}): DecodedForm {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const arrays = options.arrays ?? new Set<string>();
  const data = emptyNode();
  const values: FormValues = {};
  const lists: Record<string, string[]> = {};
  const fieldErrors: Record<string, string> = {};
  const fail = (key: string, message: string) => {
    if (!Object.hasOwn(fieldErrors, key)) fieldErrors[key] = message;
  };
  const seen = new Set<string>();
  let entries = 0;
  let total = 0;

  for (const [key, value] of formData.entries()) {
    if (key.startsWith(FRAMEWORK_PREFIX)) continue;
    entries += 1;
    total += key.length + (typeof value === "string" ? value.length : 0);
    if (entries > limits.maxEntries || total > limits.maxTotalLength) {
      fail("form", "validation.tooLarge");
      break;
    }
    if (key.length > limits.maxKeyLength) {
      fail("form", "validation.tooLarge");
      continue;
    }
    const parts = key.split(".");
    // The offending key itself is never used as a property name, not even of the error object.
    if (!isSafeKey(key) || parts.length > limits.maxDepth) {
      fail("form", "validation.badField");
      continue;
    }
    if (typeof value !== "string") {
      fail(key, "validation.badField");
      continue;
    }
    if (value.length > limits.maxValueLength) {
      fail(key, "validation.tooLong");
      continue;
    }
    const isArray = arrays.has(key);
    if (!isArray && seen.has(key)) {
      fail(key, "validation.badField");
      continue;
    }
    seen.add(key);
    if (!place(data, parts, value, isArray)) {
      fail(key, "validation.badField");
      continue;
    }
    if (isArray) (lists[key] ??= []).push(value);
    else values[key] = value;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors, values, lists } : { ok: true, data, values, lists };
}

/** Puts one value at its path; false when the path clashes with a value already there (`a` and `a.b`). */
function place(root: Node, parts: string[], value: string, isArray: boolean): boolean {
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === undefined) node = node[part] = emptyNode();
    else if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as Node;
    else return false;
  }
  const leaf = parts[parts.length - 1];
  const existing = node[leaf];
  if (isArray) {
    if (existing === undefined) node[leaf] = [value];
    else if (Array.isArray(existing)) existing.push(value);
    else return false;
    return true;
  }
  if (existing !== undefined) return false;
  node[leaf] = value;
  return true;
}

/** The kinds of zod 4 schema that wrap another one without changing the shape of the input. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional", "success"]);

type ZodDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: readonly z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  element?: z.ZodType;
};

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/**
 * The field paths an input schema reads, and which of them are arrays, read from the schema itself
 * (objects, unions, intersections, pipes and wrappers): the decoder makes arrays only where the
 * schema asks for one, and the fuzz test knows the real field names of every action.
 */
export function schemaPaths(schema: z.ZodType): { fields: string[]; arrays: string[] } {
  const fields = new Set<string>();
  const arrays = new Set<string>();
  const walk = (s: z.ZodType, prefix: string, depth: number) => {
    if (depth > 12) return;
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) return walk(def.innerType, prefix, depth + 1);
    switch (def.type) {
      case "object":
        for (const [key, child] of Object.entries(def.shape ?? {})) {
          const path = prefix ? `${prefix}.${key}` : key;
          fields.add(path);
          walk(child, path, depth + 1);
        }
        return;
      case "pipe":
        // A preprocess is a pipe from a transform: the shape is that of its output schema.
        if (def.in && defOf(def.in).type !== "transform") walk(def.in, prefix, depth + 1);
        else if (def.out) walk(def.out, prefix, depth + 1);
        return;
      case "union":
        for (const option of def.options ?? []) walk(option, prefix, depth + 1);
        return;
      case "intersection":
        if (def.left) walk(def.left, prefix, depth + 1);
        if (def.right) walk(def.right, prefix, depth + 1);
        return;
      case "array":
        if (prefix) arrays.add(prefix);
        return;
      default:
        return;
    }
  };
  walk(schema, "", 0);
  return { fields: [...fields], arrays: [...arrays] };
}

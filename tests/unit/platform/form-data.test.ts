import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { decodeFormData, schemaPaths } from "@/lib/platform/form-data";

function form(entries: [string, string | Blob][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** Object.prototype as it should always be: no property beyond the built-in ones. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === JSON.stringify(PROTOTYPE_KEYS) && probe.polluted === undefined && probe.x === undefined;
}

describe("decodeFormData", () => {
  test("dotted keys become nested objects without a prototype; React's $ACTION_ fields are ignored", () => {
    const decoded = decodeFormData(form([["pyramid.vip", "5"], ["pyramid.major", "15"], ["name", "Ada"], ["$ACTION_ID_abc", ""], ["$ACTION_REF_1", "x"]]));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(JSON.parse(JSON.stringify(decoded.data))).toEqual({ pyramid: { vip: "5", major: "15" }, name: "Ada" });
    expect(Object.getPrototypeOf(decoded.data)).toBeNull();
    expect(Object.getPrototypeOf(decoded.data.pyramid)).toBeNull();
    expect(decoded.values).toEqual({ "pyramid.vip": "5", "pyramid.major": "15", name: "Ada" });
  });

  test.each([["__proto__.polluted"], ["__proto__"], ["constructor.prototype.polluted"], ["a.constructor.b"], ["prototype"], ["a.b.__proto__"], ["a..b"], [".a"]])(
    "the key %s is refused with a form error and never walked",
    (key) => {
      const decoded = decodeFormData(form([[key, "yes"], ["name", "Ada"]]));
      expect(decoded.ok).toBe(false);
      if (decoded.ok) return;
      expect(decoded.fieldErrors).toEqual({ form: "validation.badField" });
      expect(Object.keys(decoded.values)).toEqual(["name"]);
      expect(prototypeIsClean()).toBe(true);
    },
  );

  test("repeated keys form an array only where declared; elsewhere a repeated key is an error", () => {
    const arrays = new Set(["ids"]);
    const ok = decodeFormData(form([["ids", "1"], ["ids", "2"], ["bulk", "assign"]]), { arrays });
    expect(ok.ok && JSON.parse(JSON.stringify(ok.data))).toEqual({ ids: ["1", "2"], bulk: "assign" });
    expect(ok.lists).toEqual({ ids: ["1", "2"] });
    const single = decodeFormData(form([["ids", "7"]]), { arrays });
    expect(single.ok && JSON.parse(JSON.stringify(single.data))).toEqual({ ids: ["7"] });
    const repeated = decodeFormData(form([["name", "a"], ["name", "b"]]), { arrays });
    expect(repeated.ok).toBe(false);
    expect(!repeated.ok && repeated.fieldErrors).toEqual({ name: "validation.badField" });
  });

  test("a file, a clash between a value and a nested path, and oversize input are errors", () => {
    const file = decodeFormData(form([["name", new Blob(["x"])]]));
    expect(!file.ok && file.fieldErrors).toEqual({ name: "validation.badField" });
    const clash = decodeFormData(form([["a", "1"], ["a.b", "2"]]));
    expect(!clash.ok && clash.fieldErrors).toEqual({ "a.b": "validation.badField" });
    const clash2 = decodeFormData(form([["a.b", "1"], ["a", "2"]]));
    expect(!clash2.ok && clash2.fieldErrors).toEqual({ a: "validation.badField" });
    const long = decodeFormData(form([["notes", "x".repeat(100_001)]]));
    expect(!long.ok && long.fieldErrors).toEqual({ notes: "validation.tooLong" });
    const many = decodeFormData(form(Array.from({ length: 20 }, (_, i) => [`f${i}`, "v"] as [string, string])), { limits: { maxEntries: 10 } });
    expect(!many.ok && many.fieldErrors).toEqual({ form: "validation.tooLarge" });
    const deep = decodeFormData(form([["a.b.c.d.e.f.g", "1"]]));
    expect(!deep.ok && deep.fieldErrors).toEqual({ form: "validation.badField" });
    const longKey = decodeFormData(form([["k".repeat(201), "1"]]));
    expect(!longKey.ok && longKey.fieldErrors).toEqual({ form: "validation.tooLarge" });
  });

  test("property: no FormData of hostile keys throws or reaches Object.prototype", () => {
    const segment = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "polluted", "x", "toString", "valueOf", "hasOwnProperty", "0", ""), fc.string({ maxLength: 6 }));
    const key = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("."));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ maxLength: 8 })), { maxLength: 20 }), (entries) => {
        const decoded = decodeFormData(form(entries), { arrays: new Set(["x", "a.x"]) });
        // Reading back through zod as the factory does must not touch the prototype either.
        if (decoded.ok) z.record(z.string(), z.unknown()).safeParse(decoded.data);
        return prototypeIsClean();
      }),
      { seed: 20260610, numRuns: 500 },
    );
  });
});

describe("schemaPaths", () => {
  test("reads fields and arrays through objects, intersections, unions, pipes and wrappers", () => {
    const schema = z.intersection(
      z.object({ id: z.string().optional(), tags: z.array(z.string()).default([]) }),
      z
        .discriminatedUnion("kind", [z.object({ kind: z.literal("a"), ids: z.array(z.string()) }), z.object({ kind: z.literal("b"), nested: z.object({ x: z.string() }) })])
        .transform((v) => v),
    );
    const paths = schemaPaths(schema);
    expect(paths.fields.sort()).toEqual(["id", "ids", "kind", "nested", "nested.x", "tags"]);
    expect(paths.arrays.sort()).toEqual(["ids", "tags"]);
    expect(schemaPaths(z.preprocess((v) => v, z.object({ a: z.array(z.number()) }))).arrays).toEqual(["a"]);
    expect(schemaPaths(z.string())).toEqual({ fields: [], arrays: [] });
  });
});

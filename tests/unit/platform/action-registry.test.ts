import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ACTION_MODULES, allActions } from "@/lib/actions/registry";
import { isBuiltAction } from "@/lib/platform/form-action";

const ACTIONS_DIR = path.resolve(__dirname, "../../../lib/actions");

/** kebab-case file name → the registry's key (sales-targets → salesTargets). */
const keyOf = (file: string) => file.replace(/\.ts$/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the action registry", () => {
  const files = readdirSync(ACTIONS_DIR).filter((f) => f.endsWith(".ts") && f !== "registry.ts");

  test("lists every module in lib/actions", () => {
    expect(Object.keys(ACTION_MODULES).sort()).toEqual(files.map(keyOf).sort());
  });

  test.each(files)("every function %s exports was built by the factory", async (file) => {
    const mod = (await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
    const functions = Object.entries(mod).filter(([, v]) => typeof v === "function");
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, fn] of functions) expect({ name, built: isBuiltAction(fn) }).toEqual({ name, built: true });
  });

  test("knows all 33 actions, each once, by a unique name", () => {
    const exported = Object.values(ACTION_MODULES).flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    const registered = allActions();
    expect(exported).toHaveLength(33);
    expect(registered).toHaveLength(33);
    expect(new Set(registered.map((a) => a.name)).size).toBe(33);
    expect(new Set(registered.map((a) => a.action))).toEqual(new Set(exported));
  });

  test("a hand-written function is not mistaken for a built action", () => {
    expect(isBuiltAction(async () => null)).toBe(false);
  });
});

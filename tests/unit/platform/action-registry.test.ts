import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isBuiltAction } from "@/lib/platform/form-action";
import { ACTION_MODULES, allActions } from "@/tests/support/action-registry";

const LIB = path.resolve(__dirname, "../../../lib");

/** Every feature's actions files, as "feature/actions" (the registry's keys). */
function actionFiles(): string[] {
  return readdirSync(LIB, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(LIB, d.name))
        .filter((f) => f === "actions.ts" || f.endsWith("-actions.ts"))
        .map((f) => `${d.name}/${f.replace(/\.ts$/, "")}`),
    );
}

describe("the action registry", () => {
  const files = actionFiles();

  test("lists every feature's actions file", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(Object.keys(ACTION_MODULES).sort()).toEqual([...files].sort());
  });

  test.each(files)("every function %s exports was built by the factory", async (file) => {
    const mod = (await import(path.join(LIB, `${file}.ts`))) as Record<string, unknown>;
    const functions = Object.entries(mod).filter(([, v]) => typeof v === "function");
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, fn] of functions) expect({ name, built: isBuiltAction(fn) }).toEqual({ name, built: true });
  });

  test("knows all 88 actions, each once, by a unique name", () => {
    const exported = Object.values(ACTION_MODULES).flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    const registered = allActions();
    expect(exported).toHaveLength(88);
    expect(registered).toHaveLength(88);
    expect(new Set(registered.map((a) => a.name)).size).toBe(88);
    expect(new Set(registered.map((a) => a.action))).toEqual(new Set(exported));
  });

  test("a hand-written function is not mistaken for a built action", () => {
    expect(isBuiltAction(async () => null)).toBe(false);
  });
});

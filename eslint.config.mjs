import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { readdirSync } from "node:fs";

// Time is read from lib/platform/clock.ts only (now(), nowMs(), todayUtc()), so tests and end-to-end
// runs can fix the instant (ARCHITECTURE.md §8: tests that read the wall clock fail at some hour of
// some day). Durations use performance.now(). A "use client" file runs in the browser, whose clock
// Playwright controls: it is exempt (the directive must be its first statement).
const SERVER_FILE = "Program:not([body.0.directive='use client'])";
const WALL_CLOCK_MESSAGE = "reads the machine's clock: use now() / nowMs() from lib/platform/clock.ts (tests: fixed instants or fixClock; durations: performance.now())";
const noWallClock = [
  "error",
  { selector: `${SERVER_FILE} CallExpression[callee.type='MemberExpression'][callee.object.name='Date'][callee.property.name='now']`, message: `Date.now() ${WALL_CLOCK_MESSAGE}` },
  { selector: `${SERVER_FILE} NewExpression[callee.name='Date'][arguments.length=0]`, message: `new Date() without an argument ${WALL_CLOCK_MESSAGE}` },
  { selector: `${SERVER_FILE} CallExpression[callee.name='Date']`, message: `Date() ${WALL_CLOCK_MESSAGE}` },
];

// ---- Import boundaries (ARCHITECTURE.md §2) -------------------------------------------------------
// lib/platform holds the shared machinery and knows no feature; lib/<feature> holds one feature's data
// layer (queries.ts, mutations.ts, import.ts …: the only feature files that import Prisma), actions
// (actions.ts, *-actions.ts), schema.ts and pure rules/. A feature uses another feature only through
// its queries.ts or rules/ (types from anywhere). Each block below lists every restriction for the
// files it matches, because a later block replaces the rule's options rather than adding to them.
const FEATURES = readdirSync(new URL("./lib", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !["platform", "i18n", "generated"].includes(d.name))
  .map((d) => d.name);

const PRISMA = [
  { group: ["@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"], message: "Prisma's generated client belongs to the data layer (a feature's queries/mutations, lib/platform/db): use its DTOs, and lib/platform/enums.ts for enums." },
  { group: ["@prisma/*"], message: "Prisma belongs to the data layer (a feature's queries/mutations, lib/platform/db)." },
];
const REQUEST_APIS = [
  { name: "next/navigation", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer (they run in jobs, CLIs and the bench too)." },
  { name: "next/headers", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer (they run in jobs, CLIs and the bench too)." },
];
const PARENT_RELATIVE = { group: ["../*", "../**"], message: "Import across folders with @/lib/… so the boundaries below can see it." };
// Regular expressions, not gitignore globs: a glob that excludes lib/x/** cannot re-include lib/x/rules/….
const otherFeature = (feature, composes = []) => ({
  regex: `^@/lib/(?!platform/|i18n/|generated/|${feature}/)${composes.map((m) => `(?!${m}$)`).join("")}[^/]+/(?!queries$|rules/)`,
  allowTypeImports: true,
  message: "A feature uses another feature only through its queries.ts or rules/ (types may come from anywhere).",
});
const ANY_FEATURE = { regex: "^@/lib/(?!platform/|i18n/|generated/)[^/]+/", message: "lib/platform is shared machinery: it must not depend on a feature (pass the feature's function in instead)." };
const restrict = (patterns, paths = []) => ({ "no-restricted-imports": ["error", { paths, patterns }] });

// Platform files that are the database layer themselves (they may import Prisma).
const PLATFORM_DATA = ["lib/platform/db/**", "lib/platform/audit.ts", "lib/platform/settings.ts", "lib/platform/auth/scope-filters.ts", "lib/platform/auth/guard.ts", "lib/platform/auth/accounts.ts"];
// Platform files that serve requests (the action factory, sessions, pages' id parsing, the viewer's zone).
const PLATFORM_REQUEST = ["lib/platform/form-action.ts", "lib/platform/ids.ts", "lib/platform/viewer-time-zone.ts", "lib/platform/auth/options.ts", "lib/platform/auth/session.ts", "lib/platform/auth/client-address.ts"];
// The first start seeds the demo company and runs the score job: the one platform file that composes features.
const PLATFORM_COMPOSITION = ["lib/platform/db/bootstrap.ts"];
// Declared compositions between features, file by file: the score job refreshes the segments after
// each run (issue 11: built-in and dynamic segments follow every run, with the run's id in their
// history), wherever the job runs (the app, the CLI, the first start, tests).
const FEATURE_COMPOSITIONS = { "lib/scoring/recompute.ts": ["segments/refresh"] };

function importBoundaries() {
  const blocks = [
    // Routes, components, scripts: no Prisma.
    { files: ["**/*.{ts,tsx}"], ignores: ["lib/**", "prisma/**", "tests/**"], rules: restrict(PRISMA) },
    { files: ["lib/platform/**/*.ts"], ignores: [...PLATFORM_DATA, ...PLATFORM_REQUEST], rules: restrict([...PRISMA, ANY_FEATURE, PARENT_RELATIVE], REQUEST_APIS) },
    { files: PLATFORM_DATA, ignores: PLATFORM_COMPOSITION, rules: restrict([ANY_FEATURE, PARENT_RELATIVE], REQUEST_APIS) },
    { files: PLATFORM_REQUEST, rules: restrict([...PRISMA, ANY_FEATURE, PARENT_RELATIVE]) },
  ];
  for (const f of FEATURES) {
    const actions = [`lib/${f}/actions.ts`, `lib/${f}/*-actions.ts`];
    const pure = [`lib/${f}/schema.ts`, `lib/${f}/rules/**/*.ts`];
    blocks.push(
      { files: [`lib/${f}/*.ts`], ignores: [...actions, ...pure], rules: restrict([otherFeature(f), PARENT_RELATIVE], REQUEST_APIS) },
      { files: actions, rules: restrict([...PRISMA, otherFeature(f), PARENT_RELATIVE]) },
      { files: pure, rules: restrict([...PRISMA, otherFeature(f), PARENT_RELATIVE], REQUEST_APIS) },
    );
  }
  for (const [file, composes] of Object.entries(FEATURE_COMPOSITIONS)) {
    const feature = file.split("/")[1];
    blocks.push({ files: [file], rules: restrict([otherFeature(feature, composes), PARENT_RELATIVE], REQUEST_APIS) });
  }
  return blocks;
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "prisma/**/*.ts", "scripts/**/*.ts", "tests/**/*.ts", "instrumentation.ts"],
    ignores: ["lib/platform/clock.ts"],
    rules: { "no-restricted-syntax": noWallClock },
  },
  ...importBoundaries(),
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;

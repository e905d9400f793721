import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
  {
    // Only the data layer (and the database platform, the seed and tests) touches Prisma: routes,
    // actions, components, rules and the platform's other parts use DTOs and lib/domain/enums.ts.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/dal/**", "lib/platform/db/**", "lib/platform/audit.ts", "prisma/**", "tests/**", "lib/generated/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"], message: "Prisma's generated client belongs to the data layer (lib/dal, lib/platform/db): use its DTOs, and lib/domain/enums.ts for enums." },
            { group: ["@prisma/*"], message: "Prisma belongs to the data layer (lib/dal, lib/platform/db)." },
          ],
        },
      ],
    },
  },
  {
    // Rules, schemas and the data layer run outside a request too (jobs, CLIs, the benchmark under
    // tsx): they must not load Next's request APIs (next/navigation broke `npm run bench` once).
    files: ["lib/dal/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next/navigation", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer." },
            { name: "next/headers", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer." },
          ],
        },
      ],
    },
  },
  {
    // The same for rules, schemas and jobs, which keep the Prisma boundary too (a later block replaces
    // the rule's options for the files it matches).
    files: ["lib/domain/**/*.ts", "lib/validation/**/*.ts", "lib/jobs/**/*.ts", "lib/platform/form-fields.ts", "lib/platform/concurrency.ts", "lib/platform/id-param.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next/navigation", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer." },
            { name: "next/headers", message: "Request APIs belong to routes and the action factory, not to rules, schemas or the data layer." },
          ],
          patterns: [
            { group: ["@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"], message: "Prisma's generated client belongs to the data layer (lib/dal, lib/platform/db): use its DTOs, and lib/domain/enums.ts for enums." },
            { group: ["@prisma/*"], message: "Prisma belongs to the data layer (lib/dal, lib/platform/db)." },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;

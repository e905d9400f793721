import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

/**
 * The layout's boundaries (ARCHITECTURE.md §2) are ESLint rules: this lints small sources as if they
 * were files at the given paths, with the project's own configuration, and checks which are refused.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, "../../..") });

async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  test.each([
    ["a feature's data layer using another feature's queries", "lib/leads/mutations.ts", `import { findDuplicateCustomers } from "@/lib/customers/queries";\nexport const x = findDuplicateCustomers;\n`],
    ["a feature's data layer using another feature's rules", "lib/leads/mutations.ts", `import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";\nexport const x = OPEN_STAGES;\n`],
    ["a type from another feature's mutations", "lib/leads/mutations.ts", `import type { CustomerDto } from "@/lib/customers/mutations";\nexport type X = CustomerDto;\n`],
    ["the data layer importing Prisma", "lib/leads/mutations.ts", `import type { Prisma } from "@/lib/generated/prisma/client";\nexport type X = Prisma.LeadWhereInput;\n`],
    ["a page importing any feature file", "app/(app)/leads/page.tsx", `import { createCustomer } from "@/lib/customers/mutations";\nexport const x = createCustomer;\n`],
    ["the declared composition: the score job refreshing segments", "lib/scoring/recompute.ts", `import { refreshSegmentsAfterScoreRun } from "@/lib/segments/refresh";\nexport const x = refreshSegmentsAfterScoreRun;\n`],
  ])("allowed: %s", async (_name, file, source) => {
    expect(await refusals(file, source)).toEqual([]);
  });

  test.each([
    ["a feature calling another feature's mutations", "lib/leads/actions.ts", `import { createCustomer } from "@/lib/customers/mutations";\nexport const x = createCustomer;\n`, /only through its queries/],
    ["a feature's schema using another feature's schema", "lib/quotes/schema.ts", `import { opportunityInputSchema } from "@/lib/opportunities/schema";\nexport const x = opportunityInputSchema;\n`, /only through its queries/],
    ["an action importing Prisma", "lib/leads/actions.ts", `import { Prisma } from "@/lib/generated/prisma/client";\nexport const x = Prisma;\n`, /data layer/],
    ["a rule importing Prisma's enums", "lib/leads/rules/status.ts", `import { LeadStatus } from "@/lib/generated/prisma/enums";\nexport const x = LeadStatus;\n`, /data layer/],
    ["a rule importing a request API", "lib/leads/rules/status.ts", `import { redirect } from "next/navigation";\nexport const x = redirect;\n`, /Request APIs/],
    ["the data layer importing a request API", "lib/leads/mutations.ts", `import { headers } from "next/headers";\nexport const x = headers;\n`, /Request APIs/],
    ["the platform depending on a feature", "lib/platform/format.ts", `import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";\nexport const x = OPEN_STAGES;\n`, /must not depend on a feature/],
    ["the platform importing Prisma outside its database files", "lib/platform/format.ts", `import { Prisma } from "@/lib/generated/prisma/client";\nexport const x = Prisma;\n`, /data layer/],
    ["a component importing Prisma", "components/leads/lead-table.tsx", `import { LeadStatus } from "@/lib/generated/prisma/enums";\nexport const x = LeadStatus;\n`, /data layer/],
    ["another scoring file using the score job's composition", "lib/scoring/history.ts", `import { refreshSegmentsAfterScoreRun } from "@/lib/segments/refresh";\nexport const x = refreshSegmentsAfterScoreRun;\n`, /only through its queries/],
    ["the score job using more of segments than the declared composition", "lib/scoring/recompute.ts", `import { createSegment } from "@/lib/segments/mutations";\nexport const x = createSegment;\n`, /only through its queries/],
    ["a relative import across folders", "lib/leads/mutations.ts", `import { createCustomer } from "../customers/mutations";\nexport const x = createCustomer;\n`, /@\/lib/],
  ])("refused: %s", async (_name, file, source, message) => {
    const found = await refusals(file, source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });
});

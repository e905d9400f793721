import { describe, expect, it } from "vitest";
import { runAnalytics, USAGE } from "@/scripts/lib/analytics-cli";
import { crossValidatePropensity, fitPropensity } from "@/lib/campaigns/rules/propensity";
import { parsePropensityCsv } from "@/lib/campaigns/rules/propensity-csv";

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = runAnalytics(argv, {
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" });
      return text;
    },
    writeFile: () => {
      throw new Error("propensity writes no files");
    },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** The 24-row design of the scikit-learn comparison in propensity.test.ts, as the CLI's CSV. */
function fixedCsv(): string {
  const lines = ["customer_id,Recency,responded,b,c,k"];
  for (let i = 0; i < 24; i++) {
    lines.push([`C${100 + i}`, (i * 7) % 11, (i * 5 + 3) % 7 < 3 ? 1 : 0, ((i * i) % 13) / 2, i % 4 === 0 ? 1 : 0, 5].join(","));
  }
  return lines.join("\n") + "\n";
}

interface Output {
  rows: number;
  responders: number;
  nonResponders: number;
  lambda: number;
  intercept: number;
  coefficients: Record<string, number>;
  standardization: Record<string, { mean: number; sd: number; constant: boolean }>;
  convergence: { converged: boolean; reason: string; iterations: number; gradientNorm: number };
  crossValidation: { folds: number; seed: number; auc: number; foldAucs: number[]; pooledAuc: number };
  predictions?: { customer_id: string; propensity: number; reasons: { feature: string; contribution: number }[] }[];
}

describe("analytics CLI: propensity", () => {
  it("prints the fit: intercept, coefficients under their column names, CV AUC, convergence", () => {
    const r = run(["propensity", "--input", "members.csv"], { "members.csv": fixedCsv() });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out).toMatchObject({ rows: 24, responders: 10, nonResponders: 14, lambda: 1 });
    expect(Object.keys(out.coefficients)).toEqual(["Recency", "b", "c", "k"]);
    // scikit-learn 1.2.1 LogisticRegression(C=1, newton-cg, tol 1e-12) after StandardScaler (see propensity.test.ts).
    expect(out.intercept).toBeCloseTo(-0.3705486298835094, 7);
    expect(out.coefficients.Recency).toBeCloseTo(-0.652645700274843, 7);
    expect(out.coefficients.b).toBeCloseTo(-0.0715859174402499, 7);
    expect(out.coefficients.c).toBeCloseTo(0.09077895448244487, 7);
    expect(out.coefficients.k).toBe(0);
    expect(out.standardization.k).toEqual({ mean: 5, sd: 0, constant: true });
    expect(out.standardization.Recency.mean).toBe(4.875);
    expect(out.convergence.converged).toBe(true);
    expect(out.convergence.gradientNorm).toBeLessThanOrEqual(1e-8);
    // The CV figures are the library's, with the documented defaults (5 folds, seed 1).
    const cv = crossValidatePropensity(parsePropensityCsv(fixedCsv()), { folds: 5, seed: 1, lambda: 1 }).value!;
    expect(out.crossValidation).toEqual({ folds: 5, seed: 1, auc: cv.auc, foldAucs: cv.foldAucs, pooledAuc: cv.pooledAuc });
    expect(out.predictions).toBeUndefined();
    // Deterministic: the same run prints the same bytes.
    expect(run(["propensity", "--input", "members.csv"], { "members.csv": fixedCsv() }).stdout).toBe(r.stdout);
  });

  it("honours --lambda, --folds, --seed and --predictions", () => {
    const r = run(["propensity", "--input", "m.csv", "--lambda", "0.25", "--folds=3", "--seed", "7", "--predictions"], { "m.csv": fixedCsv() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    expect(out.lambda).toBe(0.25);
    // scikit-learn with C = 4.
    expect(out.coefficients.Recency).toBeCloseTo(-0.7531384541006206, 7);
    expect(out.crossValidation.folds).toBe(3);
    expect(out.crossValidation.seed).toBe(7);
    expect(out.crossValidation.foldAucs).toHaveLength(3);
    const preds = out.predictions!;
    expect(preds.map((p) => p.customer_id)).toEqual(Array.from({ length: 24 }, (_, i) => `C${100 + i}`));
    const model = fitPropensity(parsePropensityCsv(fixedCsv()), { lambda: 0.25 }).model!;
    // Row C100: Recency 0, b 0, c 1, k 5.
    const z = [(0 - 4.875) / model.standardization.scales[0], (0 - 3.1458333333333335) / model.standardization.scales[1], (1 - 0.25) / model.standardization.scales[2]];
    const eta = model.intercept + model.coefficients[0] * z[0] + model.coefficients[1] * z[1] + model.coefficients[2] * z[2];
    expect(preds[0].propensity).toBeCloseTo(1 / (1 + Math.exp(-eta)), 14);
    // Its reasons: positive β·z terms only, largest first (Recency: −0.75 × −1.51 > 0; c: 0.09 × 1.73 > 0; b: −0.09 × −1.47 > 0).
    expect(preds[0].reasons.map((x) => x.feature)).toEqual(["Recency", "c", "b"]);
    for (const p of preds) for (const reason of p.reasons) expect(reason.contribution).toBeGreaterThan(0);
  });

  it.each([
    ["a missing column", "customer_id,recency\n1,5\n2,6\n", [], 'header (line 1): missing column "responded"'],
    ["a non-numeric value", "customer_id,recency,responded\n1,5,1\n2,abc,0\n", [], 'row 2 (line 3), column "recency": "abc" is not a number'],
    ["an empty value", "customer_id,recency,responded\n1,,1\n", [], 'row 1 (line 2), column "recency": empty value'],
    ["a non-0/1 outcome", "customer_id,recency,responded\n1,5,1\n2,6,yes\n", [], 'row 2 (line 3), column "responded": "yes" is not 0 or 1'],
    ["a repeated customer", "customer_id,recency,responded\n1,5,1\n1,6,0\n", [], 'row 2 (line 3), column "customer_id": customer "1" appears twice'],
    ["no feature column", "customer_id,responded\n1,1\n", [], "no feature columns"],
    ["a duplicated header", "customer_id,x,X,responded\n1,1,2,1\n", [], 'column "X" appears twice'],
    ["fewer than 2 of a class", "customer_id,x,responded\n1,1,1\n2,2,0\n3,3,0\n4,4,0\n", [], "at least 2 rows of each outcome (found 1 responders and 3 non-responders)"],
    ["more folds than rows of a class", "customer_id,x,responded\n1,1,1\n2,2,0\n3,3,0\n4,4,1\n5,5,0\n", ["--folds", "3"], "--folds 3 needs at least 3 rows of each outcome"],
    ["a bad --lambda", "customer_id,x,responded\n1,1,1\n", ["--lambda", "0"], '--lambda: "0" is not a number > 0'],
    ["a bad --folds", "customer_id,x,responded\n1,1,1\n", ["--folds", "1"], '--folds: "1" is not a whole number from 2 to 50'],
    ["a value on the --predictions flag", "customer_id,x,responded\n1,1,1\n", ["--predictions=yes"], "option --predictions takes no value"],
    ["an unknown option", "customer_id,x,responded\n1,1,1\n", ["--out", "x.csv"], "unknown option --out for command propensity"],
  ])("rejects %s with exit 2 and one line naming it", (_label, csv, extra, message) => {
    const r = run(["propensity", "--input", "m.csv", ...extra], { "m.csv": csv });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.startsWith("error: ")).toBe(true);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reports a missing input file and lists the command in the usage", () => {
    const r = run(["propensity", "--input", "nope.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read --input nope.csv (ENOENT)");
    expect(USAGE).toContain("propensity --input members.csv");
    expect(run(["--help"]).stdout).toContain("propensity");
    expect(run(["nonsense"]).stderr).toContain("clv, rules, rfm, pyramid or propensity");
  });
});

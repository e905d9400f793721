import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, test } from "vitest";
import { parse } from "csv-parse/sync";
import { parseCommandLine, runAnalytics, UsageError } from "@/scripts/lib/analytics-cli";
import { parseWhitespaceTransactions, CDNOW_SAMPLE_LAYOUT } from "@/lib/scoring/rules/cdnow-text";
import { dayNumberToIso } from "@/lib/platform/day-number";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

function run(argv: string[], files: Record<string, string> = {}): Run {
  let stdout = "";
  let stderr = "";
  const written = new Map<string, string>();
  const code = runAnalytics(argv, {
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" });
      return text;
    },
    writeFile: (p, text) => written.set(p, text),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr, written };
}

const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

/** The CDNOW sample as the CLI's CSV format. */
function cdnowSampleCsv(): string {
  const tx = parseWhitespaceTransactions(readFileSync(refdata("cdnow/CDNOW_sample.txt"), "utf8"), CDNOW_SAMPLE_LAYOUT);
  return "customer_id,date,amount\n" + tx.map((t) => `${t.customerId},${dayNumberToIso(t.day)},${t.amount}`).join("\n") + "\n";
}

const SMALL_TX = [
  "customer_id,date,amount",
  "1,2024-01-05,100",
  "1,2024-03-01,50",
  "2,20240110,20",
  "3,2024-02-10,500",
  "3,2024-02-11,500",
  "4,2023-06-01,80",
].join("\n");

describe("analytics CLI: success paths", () => {
  it("clv reproduces the published CDNOW fit and writes per-customer predictions", () => {
    const r = run(["clv", "--input", "tx.csv", "--until", "1997-09-30", "--unit", "week", "--out", "pred.csv", "--horizon", "12"], {
      "tx.csv": cdnowSampleCsv(),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      customers: number;
      model: string;
      paretoNbd: { r: number; alpha: number; s: number; beta: number; logLikelihood: number };
      bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
      gammaGamma: { p: number; q: number; v: number };
      checks: Record<string, { usable: boolean; problems: unknown[] }>;
    };
    expect(out.customers).toBe(2357);
    // Pareto/NBD drives the predictions by default; its fit is the published one (Fader, Hardie & Lee 2005).
    expect(out.model).toBe("pareto-nbd");
    expect(Math.abs(out.paretoNbd.r - 0.55)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.paretoNbd.alpha - 10.58)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.paretoNbd.s - 0.61)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.paretoNbd.beta - 11.67)).toBeLessThanOrEqual(0.01);
    expect(out.checks).toEqual({ paretoNbd: { usable: true, problems: [] }, bgnbd: { usable: true, problems: [] }, gammaGamma: { usable: true, problems: [] } });
    expect(Math.abs(out.bgnbd.r - 0.2426)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.bgnbd.alpha - 4.4137)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.bgnbd.a - 0.793)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(out.bgnbd.b - 2.4262)).toBeLessThanOrEqual(0.01);
    // Built from raw (unrounded) dates the likelihood differs slightly from the rounded summary's.
    expect(Math.abs(out.bgnbd.logLikelihood - -9582.43)).toBeLessThan(5);
    expect(Object.keys(out.gammaGamma)).toEqual(["p", "q", "v"]);
    const rows = parse(r.written.get("pred.csv") ?? "", { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(2357);
    expect(Object.keys(rows[0])).toEqual(["customer_id", "x", "t_x", "T", "expected_purchases", "p_alive", "expected_spend", "clv"]);
    for (const row of rows.slice(0, 50)) {
      expect(Number(row.p_alive)).toBeGreaterThan(0);
      expect(Number(row.p_alive)).toBeLessThanOrEqual(1);
      expect(Number(row.clv)).toBeGreaterThanOrEqual(0);
    }
  });

  it("rules prints the rule set as JSON", () => {
    const baskets = "transaction_id,item\n1,a\n1,b\n2,a\n2,b\n3,a\n4,c\n";
    const r = run(["rules", "--input", "b.csv", "--support", "0.5", "--confidence=0.6"], { "b.csv": baskets });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ruleCount: 2,
      rules: [
        { lhs: ["b"], rhs: "a", support: 0.5, confidence: 1, lift: 4 / 3, count: 2 },
        { lhs: ["a"], rhs: "b", support: 0.5, confidence: 2 / 3, lift: 4 / 3, count: 2 },
      ],
    });
  });

  it("rfm prints one CSV row per customer in the file", () => {
    const r = run(["rfm", "--input", "t.csv", "--from", "2024-01-01", "--to", "2024-03-31"], { "t.csv": SMALL_TX });
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.customer_id)).toEqual(["1", "2", "3", "4"]);
    expect(rows[0]).toMatchObject({ recency_days: "30", frequency: "2", monetary: "150" });
    expect(rows[3]).toMatchObject({ recency_days: "", frequency: "0", code: "111", group: "lost" });
  });

  it("pyramid prints tiers in rank order", () => {
    const r = run(["pyramid", "--input", "t.csv", "--from", "2024-01-01", "--to", "2024-12-31"], { "t.csv": SMALL_TX });
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.customer_id, x.rank])).toEqual([
      ["3", "1"],
      ["1", "2"],
      ["2", "3"],
      ["4", "4"],
    ]);
    expect(rows[3]).toMatchObject({ spend: "0", tier: "SMALL" });
  });

  it("prints usage for --help", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("usage:");
  });
});

describe("analytics CLI: errors exit with 2 and one line naming the place", () => {
  test.each([
    [[], "missing command"],
    [["score"], 'unknown command "score"'],
    [["rules", "--input", "b.csv", "--support", "0.1"], "needs --confidence"],
    [["rfm", "--input", "t.csv", "--from", "2024-01-01", "--to", "2024-02-01", "--colour", "red"], "unknown option --colour"],
    [["rfm", "--input", "t.csv", "--from", "2024-01-01", "--to"], "--to needs a value"],
    [["rfm", "--input", "t.csv", "--from", "2024-13-01", "--to", "2024-02-01"], '--from: unparsable date "2024-13-01"'],
    [["rfm", "--input", "t.csv", "--from", "2024-03-01", "--to", "2024-02-01"], "--to must not be before --from"],
    [["rules", "--input", "b.csv", "--support", "abc", "--confidence", "0.5"], '--support: "abc" is not a fraction'],
    [["clv", "--input", "t.csv", "--until", "2024-01-01", "--unit", "month"], '--unit: "month"'],
    [["clv", "--input", "t.csv", "--until", "2024-01-01", "--unit", "week", "--model", "pareto"], '--model: "pareto"'],
    [["pyramid", "--input", "missing.csv", "--from", "2024-01-01", "--to", "2024-02-01"], "cannot read --input missing.csv (ENOENT)"],
    [["pyramid", "--input", "empty.csv", "--from", "2024-01-01", "--to", "2024-02-01"], "input is empty"],
    [["pyramid", "--input", "nocol.csv", "--from", "2024-01-01", "--to", "2024-02-01"], 'missing column "amount"'],
    [["pyramid", "--input", "baddate.csv", "--from", "2024-01-01", "--to", "2024-02-01"], 'row 2 (line 3), column "date"'],
    [["rfm", "--input", "badamount.csv", "--from", "2024-01-01", "--to", "2024-02-01"], 'row 1 (line 2), column "amount"'],
    [["rules", "--input", "nocol.csv", "--support", "0.1", "--confidence", "0.5"], 'missing columns "transaction_id", "item"'],
  ])("%j → %s", (argv, message) => {
    const r = run(argv, {
      "t.csv": SMALL_TX,
      "empty.csv": "",
      "nocol.csv": "customer_id,date\n1,2024-01-01\n",
      "baddate.csv": "customer_id,date,amount\n1,2024-01-01,5\n2,2024-01-32,5\n",
      "badamount.csv": "customer_id,date,amount\n1,2024-01-01,five\n",
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr.startsWith("error: ")).toBe(true);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("exits 1 when the model cannot be fitted (nobody repeats)", () => {
    const r = run(["clv", "--input", "t.csv", "--until", "2024-12-31", "--unit", "day"], {
      "t.csv": "customer_id,date,amount\n1,2024-01-01,5\n2,2024-01-02,5\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no customer has a repeat purchase");
  });

  it("parseCommandLine rejects duplicate options", () => {
    expect(() => parseCommandLine(["rfm", "--input", "a", "--input", "b", "--from", "x", "--to", "y"])).toThrow(UsageError);
  });
});

describe("analytics CLI as a process (npx tsx scripts/analytics.ts)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "analytics-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 with CSV on success and 2 with a one-line error on bad input", () => {
    const good = path.join(dir, "good.csv");
    const bad = path.join(dir, "bad.csv");
    writeFileSync(good, SMALL_TX);
    writeFileSync(bad, "customer_id,date,amount\n1,2024-01-01,5\n2,yesterday,5\n");
    const tsx = path.resolve(process.cwd(), "node_modules/.bin/tsx");
    const ok = spawnSync(tsx, ["scripts/analytics.ts", "pyramid", "--input", good, "--from", "2024-01-01", "--to", "2024-12-31"], {
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split("\n")[0]).toBe("customer_id,spend,rank,tier");
    const fail = spawnSync(tsx, ["scripts/analytics.ts", "rfm", "--input", bad, "--from", "2024-01-01", "--to", "2024-12-31"], {
      encoding: "utf8",
    });
    expect(fail.status).toBe(2);
    expect(fail.stderr.trim()).toBe('error: row 2 (line 3), column "date": unparsable date "yesterday" (expected YYYY-MM-DD or YYYYMMDD)');
  });
});

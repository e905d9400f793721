import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { customerImport } from "@/lib/customers/import";
import { leadImport } from "@/lib/leads/import";
import { orderImport } from "@/lib/orders/import";
import { productImport } from "@/lib/products/import";
import { MB } from "@/lib/platform/import/field-spec";
import { type ImportTarget, previewImport, type RunEvent, runImport } from "@/lib/platform/import/handlers";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

const encoder = new TextEncoder();

/** A request body produced on demand, counting what the server pulled from it. */
function body(chunks: Uint8Array[] | ((i: number) => Uint8Array | null)) {
  const state = { pulls: 0, bytes: 0 };
  const next = typeof chunks === "function" ? chunks : (i: number) => chunks[i] ?? null;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = next(state.pulls);
      if (chunk === null) {
        controller.close();
        return;
      }
      state.pulls++;
      state.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    // No read-ahead: a chunk is produced only when the server reads, so `pulls` counts real reads.
  }, { highWaterMark: 0 });
  return { stream, state };
}

function post(path: string, stream: ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex: "half" } = { method: "POST", body: stream, headers: { "content-type": "text/csv", ...headers }, duplex: "half" };
  return new Request(`http://localhost${path}`, init);
}

async function events(response: Response): Promise<RunEvent[]> {
  return (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RunEvent);
}

const TARGETS: [string, ImportTarget<string, unknown>][] = [
  ["customers", customerImport],
  ["leads", leadImport],
  ["orders", orderImport],
  ["products", productImport],
];

// Every role may import customers (an agent's are unassigned); each other import has a role without the right.
const REFUSED: [string, ImportTarget<string, unknown>, keyof People][] = [
  ["leads", leadImport, "agent"],
  ["orders", orderImport, "agent"],
  ["products", productImport, "managerEast"],
];

describe.each(REFUSED)("the %s import for a %s", (name, target, refused) => {
  test("403 before the body is read, and the refusal is logged", async () => {
    const { stream, state } = body(() => encoder.encode("y".repeat(64 * 1024)));
    const actor: Actor = people[refused];
    const before = await db.prisma.auditLog.count({ where: { action: "DENIED", userId: actor.id } });
    const response = await runImport(target, post(`/${name}/import/run?mapping=%7B%7D`, stream), actor);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "errors.notAllowed" } });
    expect(state.pulls).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: actor.id } })).toBe(before + 1);
  });
});

describe.each(TARGETS)("the %s import routes", (name, target) => {
  test("without a session: 401, and not a byte of the upload is read", async () => {
    const { stream, state } = body(() => encoder.encode("x".repeat(1024)));
    for (const handle of [previewImport, runImport]) {
      const response = await handle(target, post(`/${name}/import/preview`, stream), null);
      expect(response.status).toBe(401);
    }
    expect(state.pulls).toBe(0);
  });

  test("a declared length over the limit is refused unread (413)", async () => {
    const { stream, state } = body([encoder.encode("a,b\n")]);
    const response = await previewImport(target, post(`/${name}/import/preview`, stream, { "content-length": String(target.spec.limits.maxBytes + 1) }), people.admin);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "import.errors.tooLarge", maxMb: target.spec.limits.maxBytes / MB } });
    expect(state.pulls).toBe(0);
  });
});

describe("reading the upload", () => {
  // The customer import with a 1 MB limit, so the test needs megabytes rather than tens of them.
  const small: ImportTarget<string, unknown> = { ...customerImport, spec: { ...customerImport.spec, limits: { maxBytes: MB, maxRows: 1_000_000 } } };

  test("a body larger than the limit and of no declared length is cut off while reading: 413, never buffered whole", async () => {
    const chunk = encoder.encode(`${"Acme,enterprise,East\n".repeat(3000)}`);
    const { stream, state } = body((i) => (i === 0 ? encoder.encode("name,kind,region\n") : i < 10_000 ? chunk : null));
    const response = await previewImport(small, post("/customers/import/preview", stream), people.admin);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "import.errors.tooLarge", maxMb: 1 } });
    // 10,000 chunks of 63 KB were on offer (630 MB); the reader stopped right after the first megabyte.
    expect(state.bytes).toBeLessThan(MB + 4 * chunk.byteLength);
  });

  test("a body shorter than its declared length (cut off on the way) is refused, not imported in part", async () => {
    const text = encoder.encode("name,kind,region\nHalf Co,enterprise,East\n");
    const { stream } = body([text]);
    const before = await db.prisma.customer.count();
    const response = await runImport(customerImport, post(`/customers/import/run?mapping=${encodeURIComponent('{"name":0,"kind":1,"region":2}')}`, stream, { "content-length": String(text.byteLength + 500) }), people.admin);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "import.errors.incomplete" } });
    expect(await db.prisma.customer.count()).toBe(before);
  });

  test.each([
    ["a mapping with __proto__", `mapping=${encodeURIComponent('{"__proto__":0,"name":0}')}`],
    ["a mapping that is not JSON", "mapping=%7Bname"],
    ["a duplicate mode the import does not offer", `mapping=${encodeURIComponent('{"name":0}')}&mode=merge`],
    ["an option the import does not know", `mapping=${encodeURIComponent('{"name":0}')}&flag=sudo`],
  ])("%s is a 400 with a message, and nothing is written", async (_label, query) => {
    const { stream, state } = body([encoder.encode("name,source\nA,B\n")]);
    const before = await db.prisma.lead.count();
    const response = await runImport(leadImport, post(`/leads/import/run?${query}`, stream), people.admin);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "import.errors.badRequest" } });
    expect(state.pulls).toBe(0);
    expect(await db.prisma.lead.count()).toBe(before);
  });

  test("an empty upload is a clear 400", async () => {
    const response = await previewImport(customerImport, post("/customers/import/preview", body([]).stream), people.admin);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "import.errors.empty" } });
  });
});

describe("preview and run", () => {
  const csv = ["Customer Name,Type,Region,E-mail", "Route One,enterprise,East China,one@route.test", "Route Two,alien,East China,bad"].join("\n");

  test("preview: columns, the guessed mapping and the first rows with their problems; nothing is written", async () => {
    const before = await db.prisma.customer.count();
    const response = await previewImport(customerImport, post("/customers/import/preview", body([encoder.encode(csv)]).stream), people.repEast);
    expect(response.status).toBe(200);
    const json = (await response.json()) as { headers: string[]; mapping: Record<string, number | null>; total: number; invalid: number; preview: { line: number; errors: unknown[] }[] };
    expect(json).toMatchObject({ headers: ["Customer Name", "Type", "Region", "E-mail"], total: 2, invalid: 1 });
    expect(json.mapping).toMatchObject({ name: 0, kind: 1, region: 2, email: 3, phone: null });
    expect(json.preview[1]).toMatchObject({ line: 3, errors: expect.arrayContaining([{ field: "kind", message: "validation.choose" }, { field: "email", message: "validation.email" }]) });
    expect(await db.prisma.customer.count()).toBe(before);
  });

  test("run: progress, then the report, streamed as NDJSON; the pages are revalidated once", async () => {
    let revalidated = 0;
    const mapping = encodeURIComponent(JSON.stringify({ name: 0, kind: 1, region: 2, email: 3 }));
    const response = await runImport(customerImport, post(`/customers/import/run?mapping=${mapping}&mode=skip`, body([encoder.encode(csv)]).stream), people.repEast, () => revalidated++);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const stream = await events(response);
    expect(stream[0]).toEqual({ type: "progress", done: 0, total: 2 });
    const report = stream[stream.length - 1];
    expect(report).toMatchObject({ type: "report", imported: 1, failed: 1 });
    expect(revalidated).toBe(1);
    expect(await db.prisma.customer.count({ where: { name: "Route One", ownerId: people.repEast.id } })).toBe(1);
  });

  test("a run the writer refuses (round-robin without a team) reports the rule and writes nothing", async () => {
    const mapping = encodeURIComponent(JSON.stringify({ name: 0, source: 1 }));
    const before = await db.prisma.lead.count();
    const response = await runImport(leadImport, post(`/leads/import/run?mapping=${mapping}&flag=roundRobin`, body([encoder.encode("name,source\nRR,Web\n")]).stream), people.admin);
    expect((await events(response)).pop()).toEqual({ type: "error", code: "leads.errors.noTeam" });
    expect(await db.prisma.lead.count()).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import AppointmentPage from "@/app/(app)/calendar/[appointmentId]/page";
import MergePage from "@/app/(app)/customers/[customerId]/merge/page";
import CustomerPage from "@/app/(app)/customers/[customerId]/page";
import ConvertLeadPage from "@/app/(app)/leads/[leadId]/convert/page";
import LeadPage from "@/app/(app)/leads/[leadId]/page";
import OpportunityPage from "@/app/(app)/opportunities/[opportunityId]/page";
import QuotePage from "@/app/(app)/opportunities/[opportunityId]/quotes/[quoteId]/page";
import NewQuotePage from "@/app/(app)/opportunities/[opportunityId]/quotes/new/page";
import PartnerPage from "@/app/(app)/partners/[partnerId]/page";
import ProductPage from "@/app/(app)/products/[productId]/page";
import EditTaskPage from "@/app/(app)/tasks/[taskId]/page";
import { getBoard } from "@/lib/opportunities/board";
import { listTasks } from "@/lib/tasks/queries";
import { getValueDashboard, valueFiltersSchema } from "@/lib/dashboards/value";
import { MAX_ID, parseIdParam, parsePageParam } from "@/lib/platform/id-param";
import { callAs } from "../support/actions";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Route parameters reach the pages as text. An id that is not 1..2^31-1 (`abc`, `1.5`, `-1`, or
 * `99999999999`, which Prisma refuses deep in the query) must be the not-found page, never a 500:
 * every page with an id in its path is rendered here with such ids, as the admin (who may read all).
 */

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

let db: TestDatabase;
let people: People;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

function render<P>(page: (props: { params: Promise<P>; searchParams: Promise<Record<string, string>> }) => unknown, params: P): () => Promise<unknown> {
  return () => Promise.resolve(page({ params: Promise.resolve(params), searchParams: Promise.resolve({}) }));
}

const PAGES: [string, (id: string) => () => Promise<unknown>][] = [
  ["/calendar/[appointmentId]", (id) => render(AppointmentPage, { appointmentId: id })],
  ["/customers/[customerId]", (id) => render(CustomerPage, { customerId: id })],
  ["/customers/[customerId]/merge", (id) => render(MergePage, { customerId: id })],
  ["/leads/[leadId]", (id) => render(LeadPage, { leadId: id })],
  ["/leads/[leadId]/convert", (id) => render(ConvertLeadPage, { leadId: id })],
  ["/opportunities/[opportunityId]", (id) => render(OpportunityPage, { opportunityId: id })],
  ["/opportunities/1/quotes/[quoteId]", (id) => render(QuotePage, { opportunityId: "1", quoteId: id })],
  ["/opportunities/[opportunityId]/quotes/new", (id) => render(NewQuotePage, { opportunityId: id })],
  ["/partners/[partnerId]", (id) => render(PartnerPage, { partnerId: id })],
  ["/products/[productId]", (id) => render(ProductPage, { productId: id })],
  ["/tasks/[taskId]", (id) => render(EditTaskPage, { taskId: id })],
];

const BAD_IDS = ["abc", "xyz", "99999999999", "2147483648", "-1", "0", "1.5", "1e3", "0x10", "NaN", "Infinity", ""];

describe("pages answer not-found for ids that are not ids", () => {
  test.each(PAGES)("%s", async (_route, page) => {
    for (const id of [...BAD_IDS, String(MAX_ID)]) {
      expect({ id, outcome: await callAs(people.admin.id, page(id)) }).toEqual({ id, outcome: { kind: "notFound" } });
    }
  });
});

describe("search parameters the pages turn into ids and page numbers", () => {
  test("tasks: ?owner=99999999999&page=1e308 lists the first page of the user's own view", async () => {
    const list = await listTasks(people.admin, { view: "open", ownerId: parseIdParam("99999999999"), page: parsePageParam("1e308"), now: TEST_NOW, endOfToday: TEST_NOW });
    expect(list.items).toEqual([]);
    expect(parsePageParam("1e308")).toBe(1);
  });

  test("board: ?ownerId=99999999999&l_PROPOSAL=1e308 shows the board unfiltered with the default column size", async () => {
    const columns = await getBoard(people.admin, { ownerId: parseIdParam("99999999999") ?? undefined, staleDays: 14, limits: { PROPOSAL: parsePageParam("1e308", 0) } });
    expect(columns.length).toBeGreaterThan(0);
  });

  test("value dashboard: an owner or team filter beyond int32 is dropped, not sent to the database", async () => {
    const filters = valueFiltersSchema.parse({ owner: "99999999999", team: "2147483648" });
    expect(filters).toEqual({});
    await expect(getValueDashboard(people.admin, filters)).resolves.toBeTruthy();
  });
});

import { describe, expect, test } from "vitest";
import { parseProductQuery } from "@/lib/products/mutations";
import { parseCalendarQuery } from "@/lib/calendar/rules/grid";
import { parseOpportunityQuery } from "@/lib/opportunities/rules/list-query";

/**
 * The list pages' search parameters that name records: an id beyond int32 (which the database would
 * refuse inside the query, a 500) is dropped like any malformed filter; a valid one is kept.
 */
describe("ids in list filters", () => {
  test.each(["99999999999", "2147483648", "1e3", "-1", "abc"])("%s is no filter", (bad) => {
    expect(parseOpportunityQuery({ ownerId: bad, partnerId: bad, team: bad, category: bad, page: bad })).toMatchObject({ ownerId: undefined, partnerId: undefined, teamId: undefined, categoryId: undefined, page: 1 });
    expect(parseProductQuery({ category: bad }).categoryId).toBeUndefined();
    expect(parseCalendarQuery({ user: bad }, "2026-06-10").who).toBe("me");
  });

  test("valid ids are kept", () => {
    expect(parseOpportunityQuery({ ownerId: "2147483647", partnerId: "3", page: "2" })).toMatchObject({ ownerId: 2147483647, partnerId: 3, page: 2 });
    expect(parseProductQuery({ category: "12" }).categoryId).toBe(12);
    expect(parseCalendarQuery({ user: "7" }, "2026-06-10").who).toBe(7);
    expect(parseCalendarQuery({ user: "team" }, "2026-06-10").who).toBe("team");
  });
});

import { winDealThroughBoardAndQuote } from "./deal-flow";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const REP = "rep.east1@summit.test";
const DEAL = "E2E fleet renewal";

test.describe("opportunities", () => {
  test("a rep creates a deal, moves it on the board by menu and by dragging, quotes it, wins it and finds the order on the customer's page", async ({ page }) => {
    await signIn(page, REP);

    // One of the rep's own customers, to open the deal for.
    await page.goto("/customers?owner=me");
    const customerName = (await page.getByRole("table").getByRole("rowheader").first().getByRole("link").textContent())?.trim() ?? "";
    expect(customerName).not.toBe("");

    await page.goto("/opportunities/new");
    await expect(page.getByRole("heading", { name: "New opportunity", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "New opportunity" });
    await form.getByLabel("Deal name").fill(DEAL);
    await form.getByRole("combobox", { name: "Customer" }).fill(customerName.slice(0, 12));
    await page.getByRole("option", { name: new RegExp(customerName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first().click();
    await expect(form.getByText(`Selected: ${customerName}`)).toBeVisible();
    await form.getByLabel("Amount (¥)").fill("1000");
    // An early close date puts the card at the top of its column (cards are ordered by close date).
    await form.getByLabel("Expected close date").fill("2020-01-02");
    await form.getByLabel("Stage").selectOption("QUALIFICATION");
    await expect(form.getByLabel("Probability (%)")).toHaveValue("20");
    await form.getByLabel("Stage").selectOption("PROSPECTING");
    await expect(form.getByLabel("Probability (%)")).toHaveValue("10");
    await form.getByRole("button", { name: "Create opportunity" }).click();
    await page.waitForURL(/\/opportunities\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    await expect(page.getByRole("heading", { name: DEAL, level: 1 })).toBeVisible();

    await winDealThroughBoardAndQuote(page, { id, name: DEAL, customerName });
  });

  test("a move on stale data rolls back with a message, and moving to Lost asks for the reason", async ({ page }) => {
    await signIn(page, REP);
    await page.goto("/opportunities/board");
    const first = page.locator('[data-testid^="card-"]').first();
    await expect(first).toBeVisible();
    const id = Number((await first.getAttribute("data-testid"))?.replace("card-", ""));
    const name = (await first.getAttribute("aria-label")) ?? "";
    const column = page.locator('[data-testid^="column-"]').filter({ has: page.getByTestId(`card-${id}`) });
    const stage = ((await column.getAttribute("data-testid")) ?? "").replace("column-", "");
    const label = { PROSPECTING: "Prospecting", QUALIFICATION: "Qualification", PROPOSAL: "Proposal", NEGOTIATION: "Negotiation" } as Record<string, string>;
    const elsewhere = stage === "NEGOTIATION" ? "PROPOSAL" : "NEGOTIATION";

    // Someone (here: the same rep in another tab) moves the deal first.
    const other = await page.context().newPage();
    await other.goto("/opportunities/board");
    await other.getByTestId(`card-${id}`).getByRole("button", { name: `Move ${name} to another stage` }).click();
    await other.getByRole("menuitem", { name: label[elsewhere] }).click();
    await expect(other.getByTestId(`column-${elsewhere}`).getByTestId(`card-${id}`)).toBeVisible();
    await other.close();

    // This tab still shows the old card: its move is refused and the card goes back where it was.
    await page.getByTestId(`card-${id}`).getByRole("button", { name: `Move ${name} to another stage` }).click();
    await page.getByRole("menuitem", { name: "Won" }).click();
    await expect(page.getByTestId("board-notice")).toContainText(`${name} was not moved: someone changed this deal meanwhile; reload the board.`);
    await expect(page.getByTestId(`column-${stage}`).getByTestId(`card-${id}`)).toBeVisible();

    // After a reload, Lost needs a reason before anything is sent.
    await page.reload();
    await page.getByTestId(`card-${id}`).getByRole("button", { name: `Move ${name} to another stage` }).click();
    await page.getByRole("menuitem", { name: "Lost" }).click();
    const dialog = page.getByRole("dialog", { name: `Mark ${name} as lost` });
    await dialog.getByRole("button", { name: "Mark lost" }).click();
    await expect(dialog.getByText("A lost deal needs a reason.")).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByLabel("Lost reason").fill("Budget frozen until next year");
    await dialog.getByRole("button", { name: "Mark lost" }).click();
    await expect(page.getByTestId("board-notice")).toContainText(`${name} moved to Lost.`);
    await expect(page.getByTestId(`card-${id}`)).toHaveCount(0);
    await page.goto(`/opportunities/${id}`);
    await expect(page.getByTestId("opportunity-stage")).toHaveText("Lost");
    await expect(page.getByLabel("Lost reason")).toHaveValue("Budget frozen until next year");
  });
});

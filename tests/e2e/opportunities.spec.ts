import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const REP = "rep.east1@summit.test";
const DEAL = "E2E fleet renewal";

test.describe("opportunities", () => {
  test("a rep creates a deal, moves it on the board by menu and by dragging, quotes it, wins it and finds the order on the customer's page", async ({ page, consoleErrors }) => {
    const notFound = new Set<string>();
    page.on("response", (r) => {
      if (r.status() === 404) notFound.add(new URL(r.url()).pathname);
    });
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

    // Board: the keyboard/menu alternative first.
    await page.goto("/opportunities/board");
    await expect(page.getByRole("heading", { name: "Pipeline board", level: 1 })).toBeVisible();
    const card = page.getByTestId(`card-${id}`);
    await expect(page.getByTestId("column-PROSPECTING").getByTestId(`card-${id}`)).toBeVisible();
    await expectNoAxeViolations(page);
    const menuButton = card.getByRole("button", { name: `Move ${DEAL} to another stage` });
    await menuButton.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Qualification" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("column-QUALIFICATION").getByTestId(`card-${id}`)).toBeVisible();
    await expect(page.getByTestId("board-notice")).toContainText(`${DEAL} moved to Qualification.`);

    // Then dragging with the mouse, by the card's handle, onto the Proposal column.
    const handle = page.getByTestId(`drag-${id}`);
    const target = page.getByTestId("column-PROPOSAL");
    const from = (await handle.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
    await page.mouse.up();
    await expect(page.getByTestId("column-PROPOSAL").getByTestId(`card-${id}`)).toBeVisible();
    await expect(page.getByTestId("board-notice")).toContainText(`${DEAL} moved to Proposal.`);
    // The move was the server's, not only the screen's.
    await page.reload();
    await expect(page.getByTestId("column-PROPOSAL").getByTestId(`card-${id}`)).toBeVisible();

    // The stage history shows both moves.
    await page.goto(`/opportunities/${id}`);
    const history = page.getByTestId("stage-history");
    await expect(history).toContainText("Prospecting → Qualification");
    await expect(history).toContainText("Qualification → Proposal");

    // A quote with two lines, 7.5 % off.
    await page.getByRole("link", { name: "New quote" }).click();
    await expect(page.getByRole("heading", { name: "New quote", level: 1 })).toBeVisible();
    const product1 = page.getByLabel("Line 1: Product");
    await product1.selectOption({ index: 1 });
    await expect(page.getByLabel("Line 1: Unit price (¥)")).not.toHaveValue("");
    await page.getByLabel("Line 1: Quantity").fill("3");
    await page.getByRole("button", { name: "Add line" }).click();
    await page.getByLabel("Line 2: Product").selectOption({ index: 2 });
    await page.getByLabel("Line 2: Discount (%)").fill("10");
    await page.getByLabel("Quote discount (%)").fill("7.5");
    const previewTotal = (await page.getByTestId("quote-preview").locator("dd").last().textContent())?.trim();
    await page.getByRole("button", { name: "Save quote" }).click();
    await page.waitForURL(/\/quotes\/\d+$/);
    await expect(page.getByTestId("quote-status")).toHaveText("Draft");
    await expect(page.getByTestId("quote-total")).toHaveText(previewTotal ?? "");
    await expect(page.getByTestId("quote-lines").locator("tbody tr")).toHaveCount(2);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Mark as sent" }).click();
    await expect(page.getByTestId("quote-status")).toHaveText("Sent");
    await page.getByRole("button", { name: "Mark accepted" }).click();
    await expect(page.getByTestId("quote-status")).toHaveText("Accepted");
    await page.getByRole("button", { name: "Mark deal won from this quote" }).click();
    await expect(page.getByText("Deal won: the order has been created.")).toBeVisible();
    const orderLink = page.getByRole("link", { name: /^Order #\d+ on the customer's page$/ });
    const orderId = Number(((await orderLink.textContent()) ?? "").match(/#(\d+)/)?.[1]);
    expect(orderId).toBeGreaterThan(0);

    // The deal is won at the quote's total, and the order is on the customer's 360 page.
    await page.goto(`/opportunities/${id}`);
    await expect(page.getByTestId("opportunity-stage")).toHaveText("Won");
    await page.getByRole("link", { name: `Order #${orderId} (on the customer's page)` }).click();
    await expect(page.getByRole("heading", { name: customerName, level: 1 })).toBeVisible();
    const orderRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: String(orderId), exact: true }) });
    await expect(orderRow).toContainText(previewTotal ?? "");

    // The navigation links to sections other branches build (leads, calendar, tasks, products,
    // partners, pipeline dashboard) 404 on prefetch until they are merged; nothing else may.
    expect([...notFound].filter((p) => !/^\/(leads|calendar|tasks|products|partners|dashboards\/pipeline)(\/|$)/.test(p))).toEqual([]);
    for (let i = consoleErrors.length - 1; i >= 0; i--) if (/status of 404/.test(consoleErrors[i])) consoleErrors.splice(i, 1);
  });

  test("a move on stale data rolls back with a message, and moving to Lost asks for the reason", async ({ page, consoleErrors }) => {
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
    for (let i = consoleErrors.length - 1; i >= 0; i--) if (/status of 404/.test(consoleErrors[i])) consoleErrors.splice(i, 1);
  });
});

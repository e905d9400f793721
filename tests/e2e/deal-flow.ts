import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations } from "./fixtures";

/**
 * The second half of the sales flow, shared by the specs that open a deal in different ways: move
 * the deal across the board (menu, then mouse drag), quote it, win it from the accepted quote and
 * find the order on the customer's page. The deal must be in Prospecting with an early expected
 * close date, so its card is at the top of its column.
 */
export async function winDealThroughBoardAndQuote(page: Page, deal: { id: number; name: string; customerName: string }): Promise<void> {
  const { id, name, customerName } = deal;
  await page.goto("/opportunities/board");
  await expect(page.getByRole("heading", { name: "Pipeline board", level: 1 })).toBeVisible();
  const card = page.getByTestId(`card-${id}`);
  await expect(page.getByTestId("column-PROSPECTING").getByTestId(`card-${id}`)).toBeVisible();
  await expectNoAxeViolations(page);

  // The keyboard/menu alternative first.
  const menuButton = card.getByRole("button", { name: `Move ${name} to another stage` });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("menuitem", { name: "Qualification" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("column-QUALIFICATION").getByTestId(`card-${id}`)).toBeVisible();
  await expect(page.getByTestId("board-notice")).toContainText(`${name} moved to Qualification.`);

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
  await expect(page.getByTestId("board-notice")).toContainText(`${name} moved to Proposal.`);
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
  await page.getByLabel("Line 1: Product").selectOption({ index: 1 });
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
}

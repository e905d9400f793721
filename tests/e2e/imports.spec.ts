import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const csvFile = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });

test.describe("imports", () => {
  test("an admin imports a customer, the price list and order history; the same order file again changes nothing", async ({ page }) => {
    await signIn(page, "admin@summit.test");
    const nav = page.getByRole("navigation").first();
    await expect(nav.getByRole("link", { name: "Import orders" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Import products" })).toBeVisible();

    // A customer with the ERP's id, through the customer import.
    await page.goto("/customers/import");
    await page.getByLabel("CSV file").setInputFiles(csvFile("customers.csv", ["Name,Type,Region,Customer ID", "E2E Order Buyer,enterprise,East China,E2E-C-1"]));
    await page.getByRole("button", { name: "Import 1 rows" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("Imported1");

    await page.goto("/products/import");
    await expect(page.getByRole("heading", { name: "Import products", level: 1 })).toBeVisible();
    await page.getByLabel("CSV file").setInputFiles(csvFile("products.csv", ["SKU,Name,Category,List price,Unit cost", "e2e-sku-1,E2E Widget,E2E Gear,12.50,7.25"]));
    await expect(page.getByText("1 rows: 0 with errors (they will be reported and not imported).")).toBeVisible();
    await page.getByRole("button", { name: "Import 1 rows" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("Imported1");

    await page.goto("/orders/import");
    await expect(page.getByRole("heading", { name: "Import order history", level: 1 })).toBeVisible();
    const orders = csvFile("orders.csv", [
      "Order No,Order Date,Customer ID,SKU,Qty,Unit Price",
      "E2E-SO-1,2026-05-01,E2E-C-1,E2E-SKU-1,2,12.50",
      "E2E-SO-1,2026-05-01,E2E-C-1,E2E-SKU-1,1,12.50",
      "E2E-SO-2,2026-05-02,E2E-C-1,NO-SUCH-SKU,1,1.00",
    ]);
    await page.getByLabel("CSV file").setInputFiles(orders);
    await expect(page.getByText("3 rows: 0 with errors (they will be reported and not imported).")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Import 3 rows" }).click();
    const summary = page.getByTestId("import-summary");
    await expect(summary).toContainText("Imported2");
    await expect(summary).toContainText("Failed1");
    await expect(page.getByRole("table", { name: "Order lines not imported" })).toContainText("No product has this SKU");

    await page.goto("/orders/import");
    await page.getByLabel("CSV file").setInputFiles(orders);
    await page.getByRole("button", { name: "Import 3 rows" }).click();
    await expect(page.getByTestId("import-summary")).toContainText("Skipped2");
    await expect(page.getByRole("table", { name: "Order lines not imported" })).toContainText("Already imported as order");
  });

  test("a rep sees no order or product import and cannot open them", async ({ page }) => {
    await signIn(page, "rep.east1@summit.test");
    await expect(page.getByRole("link", { name: "Import orders" })).toHaveCount(0);
    await page.goto("/orders/import");
    // The page streams behind a loading state, so the refusal arrives as the not-found page, not a 404 status.
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

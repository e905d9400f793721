import { readFileSync } from "node:fs";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const REP = "rep.east1@summit.test";

test.describe("customers", () => {
  test("a rep searches, opens a 360 page, logs a call, edits the profile, and is refused a call after an opt-out", async ({ page }) => {
    await signIn(page, REP);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Customers" }).click();
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    // One of the rep's own customers without opt-outs, found through the filters (state in the URL).
    await page.getByLabel("Owner", { exact: true }).selectOption("me");
    await page.getByLabel("Do not contact", { exact: true }).selectOption("none");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/owner=me/);
    await expect(page).toHaveURL(/dnc=none/);
    const firstName = (await page.getByRole("table").getByRole("rowheader").first().getByRole("link").textContent())?.trim() ?? "";
    expect(firstName).not.toBe("");

    await page.goto("/customers");
    await page.getByLabel("Search", { exact: true }).fill(firstName);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=/);
    await page.getByRole("link", { name: firstName, exact: true }).first().click();
    await expect(page.getByRole("heading", { name: firstName, level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    const log = page.getByRole("form", { name: "Log a touchpoint" });
    await log.getByLabel("Channel").selectOption("PHONE");
    await log.getByLabel("Direction").selectOption("OUTBOUND");
    await log.getByLabel("Summary").fill("Discussed the renewal by phone");
    await log.getByLabel("Outcome").fill("Interested");
    await log.getByRole("button", { name: "Log touchpoint" }).click();
    await expect(log.getByText("Touchpoint logged.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Touchpoints, newest first" }).getByText("Discussed the renewal by phone")).toBeVisible();

    const profile = page.getByRole("form", { name: "Customer profile" });
    await profile.getByLabel("Email").fill("not-an-email");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(profile.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await expect(profile.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await profile.getByLabel("Email").fill("renewals@example.test");
    await profile.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("form", { name: "Customer profile" }).getByLabel("Email")).toHaveValue("renewals@example.test");

    // The customer opts out of calls: the next outbound call is refused with the reason.
    const optOuts = page.getByRole("form", { name: "Opt-outs (stop-call list)" });
    // Only the flag changed is saved, with the flags' version.
    await optOuts.getByRole("button", { name: "Record opt-out: Phone" }).click();
    await expect(optOuts.getByText("Opt-outs saved.")).toBeVisible();
    const log2 = page.getByRole("form", { name: "Log a touchpoint" });
    await log2.getByLabel("Channel").selectOption("PHONE");
    await log2.getByLabel("Direction").selectOption("OUTBOUND");
    await log2.getByLabel("Summary").fill("Another sales call");
    await log2.getByRole("button", { name: "Log touchpoint" }).click();
    await expect(log2.getByText(/Refused: the customer opted out of phone calls/)).toBeVisible();

    // Ctrl/Cmd+K finds the customer from anywhere.
    await page.goto("/");
    await page.keyboard.press("Control+k");
    const box = page.getByRole("combobox", { name: /Search customers/ });
    await expect(box).toBeFocused();
    await box.fill(firstName.slice(0, 12));
    await expect(page.getByRole("option").first()).toBeVisible();
    await box.press("Enter");
    await expect(page).toHaveURL(/\/customers\/\d+/);
  });

  test("a rep imports a CSV with bad rows, reads the report, and exports the list", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
    await page.goto("/customers/import");
    await expect(page.getByRole("heading", { name: "Import customers from CSV" })).toBeVisible();
    const csv = [
      "Name,Type,Email,Phone,Region",
      "Lotus Garden Teahouse,enterprise,hello@lotus-e2e.test,+86 21 6000 1001,East China",
      "Wang Xiaoming E2E,individual,wang@e2e.test,138 0000 9999,East China",
      "Broken Email Co,enterprise,not-an-email,,East China",
      "No Kind Co,,nokind@e2e.test,,East China",
    ].join("\n");
    await page.getByLabel("CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByText("4 rows: 2 with errors (they will be reported and not imported).")).toBeVisible();
    await expect(page.getByRole("table", { name: "Preview of the first rows" }).getByText("Email: Enter a valid email address, like name@example.com.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Import 4 rows" }).click();
    await expect(page.getByRole("heading", { name: "Import report" })).toBeVisible();
    const summary = page.getByTestId("import-summary");
    await expect(summary).toContainText("Imported2");
    await expect(summary).toContainText("Failed2");
    await expect(page.getByRole("table", { name: "Rows not imported as new customers" }).getByRole("row")).toHaveCount(3);
    const reportDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download report (CSV)" }).click();
    const report = readFileSync((await (await reportDownload).path())!, "utf8");
    expect(report).toContain("Failed");
    expect(report.split("\r\n").filter(Boolean)).toHaveLength(5);

    await page.goto("/customers?q=E2E");
    await expect(page.getByRole("link", { name: "Wang Xiaoming E2E" })).toBeVisible();
    const exportDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export list (CSV)" }).click();
    const exported = readFileSync((await (await exportDownload).path())!, "utf8");
    const lines = exported.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toContain("id,name,kind,email");
    expect(lines.slice(1).join("\n")).toContain("Wang Xiaoming E2E");
    expect(lines.slice(1).every((l) => l.includes("E2E") || l.includes("e2e"))).toBe(true);
  });
});

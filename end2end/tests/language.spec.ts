import { expect, test } from "@playwright/test";
import { mailedLink, messagesTo, STAFF_PASSWORD } from "./helpers";

// Vietnamese by default; English on the header switch, remembered across pages and reloads,
// with and without JavaScript; names of products and places stay as recorded.
test("the language switch is remembered and brings the reader back to the same page", async ({ page }) => {
  await page.goto("/?q=mat+ong&status=all");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await page.getByRole("link", { name: "English" }).click();

  await expect(page).toHaveURL(/\/\?q=mat\+ong&status=all$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "OCOP products" })).toBeVisible();
  await expect(page.getByLabel("Find a product, producer or place")).toHaveValue("mat ong");
  await expect(page.locator(".result-count")).toContainText("product");
  await expect(page.locator(".product-card").first()).toContainText("Mật ong");

  // Remembered: a reload and another page are still in English.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "OCOP products" })).toBeVisible();
  await page.locator(".product-card a").first().click();
  await expect(page.getByText("Producer", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "OCOP stamp" })).toBeVisible();
  await page.goto("/xac-thuc/KHONGCOMA000");
  await expect(page.getByText('No stamp has the code "KHONGCOMA000"')).toBeVisible();
  await page.goto("/thong-ke");
  await expect(page.getByRole("heading", { level: 1, name: "OCOP product statistics" })).toBeVisible();

  // And back.
  await page.getByRole("link", { name: "Tiếng Việt" }).click();
  await expect(page).toHaveURL(/\/thong-ke$/);
  await expect(page.getByRole("heading", { level: 1, name: "Thống kê sản phẩm OCOP" })).toBeVisible();
});

test("once hydrated, results typed in English are written in English", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "needs the WASM app");
  await page.goto("/ngon-ngu/en?tiep=/%3Fstatus%3Dall");
  await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  await page.getByLabel("Find a product, producer or place").pressSequentially("nuoc mamm");
  await expect(page.locator(".product-card").first()).toContainText("Nước mắm");
  await expect(page.getByText("searched for «mam» instead of «mamm»")).toBeVisible();
  await expect(page.locator(".result-count")).toContainText("product");
});

test("a word with one slip still finds the product, and the page says what it searched", async ({ page }) => {
  await page.goto("/?q=nuoc+mamm+nam+o&status=all");
  await expect(page.locator(".product-card").first()).toContainText("Nước mắm Nam Ô - Hiệp Hải");
  await expect(page.getByText("«mam» thay cho «mamm»")).toBeVisible();
});

// The producer portal and the back office follow the same switch: labels, refusals (said all at
// once, in English, by the server and by the live page, which reads the catalogue before it
// hydrates), the confirmation, the profile and the staff's inbox and tabs.
test("the portal and the back office speak English on the same switch", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  await page.goto("/ngon-ngu/en?tiep=/dang-ky%3Ftiep%3D/ho-so");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  await page.getByRole("button", { name: "Create an account" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText(/\d fields need correcting:/);
  await expect(summary).not.toContainText(/[ơưđ]/);

  const email = `en-${testInfo.project.name}-${Date.now()}@example.vn`;
  await page.getByLabel("Full name").fill("Lan Nguyen");
  await page.getByLabel("E-mail or phone number").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long password");
  await page.getByLabel("Password again").fill("a long password");
  await page.getByRole("button", { name: "Create an account" }).click();
  await expect(page.getByText("Check your inbox (or text messages).")).toBeVisible();
  // The mail is in the language the form was read in.
  const mail = messagesTo(email).at(-1);
  expect(mail).toContain("Subject: Confirm your OCOP Vietnam account\n");
  expect(mail).toContain("Hello Lan Nguyen,");
  await page.goto(mailedLink(email, "xac-nhan"));
  await page.getByLabel("Password", { exact: true }).fill("a long password");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/ho-so$/);
  await expect(page.getByLabel("Producer kind")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save producer profile" })).toBeVisible();

  // An officer who chose English: the inbox, the tabs and a report.
  const context = await browser.newContext({ javaScriptEnabled });
  const officer = await context.newPage();
  await officer.goto("/ngon-ngu/en?tiep=/dang-nhap");
  await officer.getByLabel("E-mail or phone number").fill("canbo.tinh@ocop.demo");
  await officer.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
  await officer.getByRole("button", { name: "Sign in" }).click();
  await expect(officer).toHaveURL(/\/can-bo$/);
  await expect(officer.getByRole("heading", { level: 1, name: "Dossiers to act on" })).toBeVisible();
  await expect(officer.getByRole("link", { name: "Reports" })).toBeVisible();
  await officer.getByRole("link", { name: "Reports" }).click();
  await expect(officer.locator("h1")).not.toContainText(/[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
  // The import's refusals too.
  await officer.goto("/can-bo/nhap?loi=qua-lon");
  await expect(officer.locator("#tep-loi")).toHaveText("The file is larger than 10 MB: split the list into smaller files.");
  await expect(officer.getByRole("button", { name: "Check the file (nothing is imported yet)" })).toBeVisible();
  await context.close();
});

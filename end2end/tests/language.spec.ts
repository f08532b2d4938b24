import { expect, test } from "@playwright/test";

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

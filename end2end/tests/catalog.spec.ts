import { expect, test } from "@playwright/test";

// The home page lists the seeded catalog and finds products however the name is typed.
test.describe("home catalog", () => {
  test("lists seeded products, server-rendered", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Sản phẩm OCOP" })).toBeVisible();
    await expect(page.locator(".result-count")).toHaveText(/\d+ sản phẩm/);
    expect(await page.locator(".product-card").count()).toBeGreaterThan(10);
  });

  // The sample's products are rated 2021 to 2023, so they are searched among all certificates,
  // in force or not, whatever day the tests run on.
  test("search ignores diacritics and case through the plain form", async ({ page }) => {
    await page.goto("/?status=all");
    await page.getByLabel("Tìm sản phẩm, chủ thể hoặc địa phương").fill("nuoc mam nam o");
    await page.getByRole("button", { name: "Tìm" }).click();
    await expect(page).toHaveURL(/\?q=nuoc\+mam\+nam\+o/);
    await expect(page.locator(".product-card").first()).toContainText("Nước mắm Nam Ô - Hiệp Hải");
  });

  test("an unknown address answers 404 with a way home", async ({ page }) => {
    const response = await page.goto("/khong-co-trang-nay");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Về trang chủ" })).toBeVisible();
  });
});

test.describe("hydrated only", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "needs the WASM app");

  test("what is typed before hydration is kept", async ({ page }) => {
    await page.route("**/pkg/ocop.wasm", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto("/");
    const search = page.getByLabel("Tìm sản phẩm, chủ thể hoặc địa phương");
    await search.fill("mật ong");
    await expect(page.locator("main[data-hydrated=true]")).toBeAttached({ timeout: 10_000 });
    await expect(search).toHaveValue("mật ong");
  });

  test("results follow each keystroke once hydrated", async ({ page }) => {
    await page.goto("/?status=all");
    await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
    await page.getByLabel("Tìm sản phẩm, chủ thể hoặc địa phương").pressSequentially("MẬT ONG bana");
    await expect(page.locator(".product-card")).toHaveCount(1);
    await expect(page.locator(".product-card")).toContainText("Mật ong Bana Bee");
    await expect(page).toHaveURL(/q=M%E1%BA%ACT\+ONG\+bana/);
  });
});

test.describe("no JavaScript only", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "checks the page without WASM");

  test("the page is complete without JavaScript", async ({ page }) => {
    await page.goto("/?q=khanh+hoa");
    await expect(page.locator("main[data-hydrated=true]")).toHaveCount(0);
    await expect(page.getByLabel("Tìm sản phẩm, chủ thể hoặc địa phương")).toHaveValue("khanh hoa");
    await expect(page.locator(".result-count")).toBeVisible();
  });
});

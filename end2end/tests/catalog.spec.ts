import { expect, test } from "@playwright/test";
import { phoneScreenshot } from "./helpers";

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

// On a 360 × 740 phone: the results start in the first screen, the filters one link away, and
// back from a product or from the next page returns to where the person was in the list.
test.describe("the catalog on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("results come first; the filters are one link away, saying how many are chosen", async ({ page }, testInfo) => {
    await page.goto("/?status=all&stars=4");
    const first = page.locator(".product-card").first();
    await expect(first).toBeVisible();
    await phoneScreenshot(page, "catalog", testInfo.project.name);
    expect((await first.boundingBox())!.y, "the first result starts in the first screen").toBeLessThan(740 - 80);
    const link = page.getByRole("link", { name: "Lọc (2)" });
    await expect(link).toBeInViewport();
    await link.click();
    await expect(page.getByLabel("Số sao")).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  test("back from a product, or from the next page, returns to the same place in the list", async ({ page, javaScriptEnabled }) => {
    const hydrated = async () => {
      if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
    };
    await page.goto("/?status=all&sort=name");
    await hydrated();
    const card = page.locator(".product-card").nth(12);
    await card.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(1000);
    const name = (await card.locator(".product-name").textContent())!;
    await card.locator(".product-name a").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await page.goBack();
    await expect(page.locator(".product-card").nth(12)).toContainText(name);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 80);
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThan(80);

    await page.getByRole("link", { name: "Trang sau →" }).scrollIntoViewIfNeeded();
    const bottom = await page.evaluate(() => window.scrollY);
    await page.getByRole("link", { name: "Trang sau →" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect.poll(() => page.evaluate(() => window.scrollY), { message: "the next page opens at its top" }).toBeLessThan(200);
    await page.goBack();
    await expect(page).not.toHaveURL(/page=2/);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(bottom - 80);
  });
});

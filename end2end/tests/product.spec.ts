import { expect, test } from "@playwright/test";
import { phoneScreenshot } from "./helpers";

// A buyer finds a product, opens its page and checks its stamp; a forged code is refused.
test("from the catalog to the product page and its stamp check", async ({ page }, testInfo) => {
  await page.goto("/?q=mat+ong+bana&status=all");
  await page.getByRole("link", { name: "Mật ong Bana Bee" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mật ong Bana Bee" })).toBeVisible();
  await expect(page.getByText("Công ty Cổ phần Nông nghiệp công nghệ cao Davina")).toBeVisible();
  await expect(page.getByRole("img", { name: /Mã QR xác thực tem OCOP/ })).toBeVisible();
  await phoneScreenshot(page, "product", testInfo.project.name);
  await page.getByRole("link", { name: "trang xác thực tem" }).click();
  await expect(page.locator(".verdict-title")).toHaveText(/Tem thật/);
  await phoneScreenshot(page, "stamp-check", testInfo.project.name);
  await page.getByRole("link", { name: "Mật ong Bana Bee" }).click();
  await expect(page).toHaveURL(/\/san-pham\/\d+-mat-ong-bana-bee$/);
});

test("a code we never issued is answered as unknown, with status 404", async ({ page }) => {
  const response = await page.goto("/xac-thuc");
  expect(response?.status()).toBe(200);
  await page.getByLabel("Nhập mã tem (12 ký tự in dưới mã QR)").fill("abcdef123456");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.locator(".verdict-title")).toHaveText('Không tìm thấy mã tem "abcdef123456"');
  const direct = await page.goto("/xac-thuc/abcdef123456");
  expect(direct?.status()).toBe(404);
});

test("filters narrow the catalog and live in the URL", async ({ page, javaScriptEnabled }) => {
  await page.goto("/");
  if (javaScriptEnabled) {
    // Choices take effect on change once the app is interactive; before that, "Áp dụng" does.
    await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  }
  await page.getByLabel("Số sao").selectOption("5");
  if (!javaScriptEnabled) {
    await page.getByRole("button", { name: "Áp dụng" }).click();
  }
  await expect(page).toHaveURL(/stars=5/);
  const cards = page.locator(".product-card");
  await expect(cards.first()).toBeVisible();
  for (const stars of await page.locator(".product-card .stars").all()) {
    await expect(stars).toHaveAttribute("aria-label", "5 sao");
  }
  await page.goBack();
  await expect(page).not.toHaveURL(/stars=5/);
});

test("a province offers its communes, and kind and industry narrow the list", async ({ page, javaScriptEnabled }) => {
  await page.goto("/?province=48");
  if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  const apply = async () => {
    if (!javaScriptEnabled) await page.getByRole("button", { name: "Áp dụng" }).click();
  };
  const commune = page.getByLabel("Xã, phường");
  await expect(commune.locator("option")).not.toHaveCount(1);
  const first = await commune.locator("option").nth(1).getAttribute("value");
  await commune.selectOption(first!);
  await apply();
  await expect(page).toHaveURL(new RegExp(`commune=${first}`));
  await page.goto("/?status=all");
  if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  await page.getByLabel("Loại hình chủ thể").selectOption("cooperative");
  await apply();
  await expect(page).toHaveURL(/kind=cooperative/);
  await page.getByLabel("Ngành").selectOption("I");
  await apply();
  await expect(page).toHaveURL(/industry=I(&|$)/);
  await expect(page.locator(".result-count")).toContainText("sản phẩm");
});

test("an expired product says so on its page and at its stamp check", async ({ page }) => {
  await page.goto("/?status=expired&sort=name");
  const card = page.locator(".product-card").first();
  await expect(card.locator(".badge-expired")).toContainText("Đã hết hạn");
  await card.getByRole("link").first().click();
  await expect(page.locator(".status-warning")).toContainText("Chứng nhận OCOP của sản phẩm này đã hết hạn");
  await page.getByRole("link", { name: "trang xác thực tem" }).click();
  await expect(page.locator(".verdict-title")).toHaveText("Tem thật, nhưng chứng nhận OCOP đã hết hạn");
});

test("sorting and pages live in the URL, and the back button walks them back", async ({ page, request, javaScriptEnabled }) => {
  const byName = await (await request.get("/api/v1/products?status=all&sort=name")).json();
  await page.goto("/?status=all");
  if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  await page.getByLabel("Sắp xếp").selectOption("name");
  if (!javaScriptEnabled) await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/sort=name/);
  const cards = page.locator(".product-card .product-name");
  await expect(cards.first()).toHaveText(byName.items[0].name);

  await page.getByRole("link", { name: "Trang sau →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(cards.first()).toHaveText(byName.items.length > 24 ? byName.items[24].name : /./);
  await expect(page.getByRole("link", { name: "← Trang trước" })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/page=2/);
  await expect(cards.first()).toHaveText(byName.items[0].name);
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=name/);
});

test("public pages fit a 360-pixel phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/?q=mat+ong&status=all", "/xac-thuc", "/thong-ke"]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
    // The header in two short lines (brand, then the links), not a link's words one under another.
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height, path).toBeLessThanOrEqual(104);
  }
  await page.goto("/?q=mat+ong+bana&status=all");
  await page.getByRole("link", { name: "Mật ong Bana Bee" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

// The statistics' map names each province in text a phone can read and leads to its products;
// the tables' rows lead to the catalog filtered the same way, with the same count.
test("the statistics map names the provinces and leads to their products", async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/thong-ke");
  const tiles = page.getByRole("list", { name: /Bản đồ ô/ }).getByRole("link");
  await expect(tiles).toHaveCount(34);
  const hanoi = tiles.filter({ hasText: "Hà Nội" });
  const label = (await hanoi.getAttribute("aria-label")) ?? "";
  expect(label).toMatch(/^Hà Nội: [\d.]+ sản phẩm$/);
  const count = Number(label.replace(/\D/g, ""));
  const fontSize = await hanoi.locator(".map-name").evaluate((name) => parseFloat(getComputedStyle(name).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(12);
  for (const box of await tiles.evaluateAll((links) => links.map((link) => link.getBoundingClientRect().toJSON()))) {
    expect(box.right).toBeLessThanOrEqual(360);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  const api = await (await request.get("/api/v1/products?province=01")).json();
  expect(api.total).toBe(count);
  await hanoi.click();
  await expect(page).toHaveURL(/\/\?province=01$/);
  await expect(page.locator(".result-count")).toContainText(count.toLocaleString("vi-VN"));

  await page.goto("/thong-ke");
  const byStars = page.getByRole("region", { name: "Theo hạng sao" });
  const fourStars = byStars.getByRole("row").filter({ hasText: "4 sao" });
  const shown = Number((await fourStars.getByRole("cell").last().innerText()).replace(/\D/g, ""));
  await fourStars.getByRole("link", { name: "4 sao" }).click();
  await expect(page).toHaveURL(/\/\?stars=4$/);
  const stars = await (await request.get("/api/v1/products?stars=4")).json();
  expect(stars.total).toBe(shown);
});

// "Is this still OCOP?": a search whose every match is expired or revoked says so, rather than
// "nothing matches", and leads to them; nothing to download is not offered.
test("a search matching only products no longer certified says so and leads to them", async ({ page, request }) => {
  const expired = await (await request.get("/api/v1/products?status=expired&sort=name")).json();
  let name: string | undefined;
  for (const item of expired.items) {
    const inForce = await (await request.get(`/api/v1/products?q=${encodeURIComponent(item.name)}`)).json();
    if (inForce.total === 0) {
      name = item.name;
      break;
    }
  }
  expect(name, "an expired product no product in force shares all the words of").toBeDefined();
  await page.goto(`/?q=${encodeURIComponent(name!)}`);
  await expect(page.locator(".result-count")).toContainText("Không có sản phẩm nào khớp");
  await expect(page.locator(".result-count").getByRole("link")).toHaveCount(0);
  const notice = page.locator(".lapsed-matches");
  await expect(notice).toContainText("không còn được công nhận OCOP");
  await notice.getByRole("link", { name: "Xem các sản phẩm đó" }).click();
  await expect(page).toHaveURL(/status=all/);
  await expect(page.locator(".product-card .product-name").first()).toBeVisible();
  await expect(page.locator(".product-card .product-name", { hasText: name! })).not.toHaveCount(0);
  await expect(page.locator(".lapsed-matches")).toHaveCount(0);
});

// Nothing matched under the filters chosen: each filter whose removal would find products is
// offered, with how many.
test("no results under a filter offers the search without it, with its count", async ({ page, request }) => {
  const all = await (await request.get("/api/v1/products?status=all")).json();
  const fish = await (await request.get("/api/v1/products?q=nuoc+mam&status=all")).json();
  expect(fish.total).toBeGreaterThan(0);
  const withFish = new Set(fish.facets.provinces.filter((p: { count: number }) => p.count > 0).map((p: { value: string }) => p.value));
  const elsewhere = all.facets.provinces.find((p: { value: string; count: number }) => p.count > 0 && !withFish.has(p.value));
  await page.goto(`/?q=nuoc+mam&status=all&province=${elsewhere.value}`);
  await expect(page.locator(".result-count")).toContainText("Không có sản phẩm nào khớp");
  const offer = page.locator(".widen").getByRole("link", { name: `Bỏ lọc «${elsewhere.label}»: ${fish.total} sản phẩm` });
  await offer.click();
  await expect(page).not.toHaveURL(/province=/);
  await expect(page.locator(".result-count")).toContainText(`${fish.total} sản phẩm`);
});

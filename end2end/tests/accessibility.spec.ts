import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { confirm, HONEY, producerAccount, signInAs, submittedDossier } from "./helpers";

// WCAG 2.1 AA, checked by axe-core on every page, public and signed in; each also fits a phone.
async function expectAccessible(page: Page) {
  await expectFitsAPhone(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

// And, every page checked, no wider than a 360-pixel phone: a wide table scrolls inside itself.
async function expectFitsAPhone(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, page.url()).toBeLessThanOrEqual(360);
  if (size) await page.setViewportSize(size);
}

test("catalog, product, producer and stamp pages have no WCAG 2.1 AA violations", async ({ page, javaScriptEnabled }) => {
  // axe-core runs as a script in the page; the server-rendered HTML it checks is the same.
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  await page.goto("/");
  await expectAccessible(page);
  await page.goto("/?status=all&stars=9");
  await expectAccessible(page);

  await page.goto("/?q=mat+ong+bana&status=all");
  await page.getByRole("link", { name: "Mật ong Bana Bee" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A client-side navigation swaps the title after the heading: check the page once it has.
  await expect(page).toHaveTitle(/Mật ong Bana Bee/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Công ty Cổ phần Nông nghiệp công nghệ cao Davina" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Công ty Cổ phần Nông nghiệp công nghệ cao Davina");
  await expect(page).toHaveTitle(/Davina/);
  await expectAccessible(page);

  await page.goto("/xac-thuc/000000000000");
  await expectAccessible(page);

  await page.goto("/thong-ke");
  await expect(page.getByRole("heading", { level: 2, name: "Theo hạng sao" })).toBeVisible();
  await expectAccessible(page);
});

test("account pages have no WCAG 2.1 AA violations, refusals included", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  for (const path of ["/dang-nhap", "/dang-ky", "/dang-ky?da_gui=1", "/quen-mat-khau", "/dat-lai-mat-khau/khong-co", "/xac-nhan/khong-co"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.goto("/dang-ky");
  await page.getByLabel("Email hoặc số điện thoại").fill("0912");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectAccessible(page);
});

test("portal pages, the score sheet included, have no WCAG 2.1 AA violations", async ({ page, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  await producerAccount(page, "Đỗ Thị Hạnh", `a11y-${testInfo.project.name}`);
  await expectAccessible(page);
  await page.goto("/san-pham-cua-toi");
  await page.getByLabel("Tên sản phẩm").fill("Mật ong hoa cà phê");
  await page.getByLabel("Nhóm sản phẩm (quyết định phiếu đánh giá)").selectOption(HONEY);
  await page.getByRole("button", { name: "Đăng ký sản phẩm" }).click();
  await expect(page.getByText("Đã đăng ký sản phẩm.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Mở hồ sơ đánh giá, phân hạng lần đầu" }).click();
  await expect(page.getByText("Tổng điểm: 0/100")).toBeVisible();
  await expectAccessible(page);
});

test("the commune's inbox and review form, staff and notifications have no WCAG 2.1 AA violations", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  const product = `Mật ong a11y ${Date.now()}`;
  await producerAccount(page, "Đỗ Văn Khoa", `a11y-staff-${testInfo.project.name}`);
  await submittedDossier(page, product, javaScriptEnabled);
  // axe-core needs pages of their own contexts.
  const officer = await (await browser.newContext()).newPage();
  await signInAs(officer, "canbo.xa@ocop.demo");
  await officer.goto("/can-bo");
  await expectAccessible(officer);
  await officer.getByRole("link", { name: product }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(product);
  await expectAccessible(officer);
  await confirm(officer, "Chuyển lên cấp tỉnh");
  await expect(officer.getByText(/Chưa chuyển được lên tỉnh/)).toBeVisible();
  await expectAccessible(officer);
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "quantri@ocop.demo");
  await admin.goto("/can-bo/nhan-su");
  await expect(admin.getByRole("heading", { name: "Giao vai trò cán bộ" })).toBeVisible();
  await expectAccessible(admin);
  await page.goto("/thong-bao");
  await expectAccessible(page);
  for (const p of [officer, admin]) await p.context().close();
});

test("the province's rounds and reports have no WCAG 2.1 AA violations", async ({ browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  const province = await (await browser.newContext()).newPage();
  await signInAs(province, "canbo.tinh@ocop.demo");
  await province.goto("/can-bo/dot-danh-gia");
  await expectAccessible(province);
  await province.getByLabel("Tên đợt").fill(`Đợt a11y ${Date.now()}`);
  await province.getByLabel("Ngày bắt đầu").fill("2026-12-01");
  await province.getByLabel("Ngày kết thúc").fill("2026-12-02");
  await province.getByRole("button", { name: "Mở đợt đánh giá" }).click();
  await expect(province.getByRole("heading", { name: "Hội đồng và tổ tư vấn" })).toBeVisible();
  await expectAccessible(province);
  await province.goto("/can-bo/bao-cao?ngay=1200");
  await expect(province.getByRole("heading", { name: "Hồ sơ theo bước xử lý" })).toBeVisible();
  await expectAccessible(province);
  await province.goto("/can-bo/bao-cao?ngay=0");
  await expect(province.getByText("Số ngày phải từ 1 đến 1200")).toBeVisible();
  await expectAccessible(province);
  await province.context().close();
});

test("the import with its dry run and the records officers keep have no WCAG 2.1 AA violations", async ({ browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "axe-core needs JavaScript in the page");
  const province = await (await browser.newContext()).newPage();
  await signInAs(province, "canbo.tinh@ocop.demo");
  await province.goto("/can-bo/nhap");
  await province.getByLabel("Tệp danh sách").setInputFiles({
    name: "a11y.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("product_name,producer_name,address,province,stars,recognized_year\nA,B,C,Atlantis,3,2025"),
  });
  await province.getByRole("button", { name: "Kiểm tra tệp (chưa nhập)" }).click();
  await expect(province.getByRole("heading", { name: "Kết quả chạy thử (chưa ghi gì)" })).toBeVisible();
  await expectAccessible(province);
  await province.goto("/can-bo/da-xoa");
  await expectAccessible(province);
  await province.goto("/?q=yen%20sao%20tien%20sa&status=all");
  const record = (await province.getByRole("link", { name: "Yến sào Tiên Sa" }).first().getAttribute("href"))!;
  await province.goto(`/can-bo/san-pham/${record.split("/").pop()!.split("-")[0]}`);
  await expect(province.getByRole("heading", { name: "Giấy chứng nhận" })).toBeVisible();
  await expectAccessible(province);
  await province.locator(".lead a").click();
  await expect(province.getByRole("heading", { name: "Sản phẩm trong danh mục" })).toBeVisible();
  await expectAccessible(province);
  await province.context().close();
});

test("the catalog works by keyboard alone", async ({ page }) => {
  // Among all certificates: the sample's are rated 2021 to 2023, whatever day the tests run on.
  await page.goto("/?status=all");
  const search = page.getByLabel("Tìm sản phẩm, chủ thể hoặc địa phương");
  await search.focus();
  await page.keyboard.type("nuoc mam nam o");
  await page.keyboard.press("Enter");
  await expect(page.locator(".product-card").first()).toContainText("Nước mắm Nam Ô");
  // Tab reaches the first product link, and Enter opens it.
  const link = page.getByRole("link", { name: "Nước mắm Nam Ô - Hiệp Hải" });
  for (let i = 0; i < 30 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nước mắm Nam Ô - Hiệp Hải");
});

import { expect, test } from "@playwright/test";
import { png, signInAs } from "./helpers";

// Two officers edit the same product record at once: the second save is refused with a view of
// what the first changed, nothing typed is lost, and the history keeps both the edit and who
// made it.

test("a concurrent edit is refused with what changed and keeps what was typed", async ({ browser, javaScriptEnabled }, testInfo) => {
  // Each project edits its own sample product, so the two runs never meet.
  const product = testInfo.project.name === "hydrated" ? "Trà gừng Tâm Nguyên" : "Chả bò Phước Hà";
  const first = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAs(first, "canbo.tinh@ocop.demo");
  await first.goto(`/?q=${encodeURIComponent(product)}&status=all`);
  const href = await first.getByRole("link", { name: product, exact: true }).first().getAttribute("href");
  const id = href!.split("/").pop()!.split("-")[0];
  await first.goto(`/can-bo/san-pham/${id}`);

  const second = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAs(second, "trunguong@ocop.demo");
  await second.goto(`/can-bo/san-pham/${id}`);
  await expect(second.getByRole("heading", { level: 1 })).toHaveText(product);

  const story = `Làm từ nguyên liệu địa phương (${Date.now()})`;
  await first.getByLabel("Câu chuyện, mô tả sản phẩm").fill(story);
  await first.getByRole("button", { name: "Lưu bản ghi" }).click();
  await expect(first.getByText("Đã lưu bản ghi.")).toBeVisible();

  await second.getByLabel("Điện thoại liên hệ").fill("0905 999 888");
  await second.getByRole("button", { name: "Lưu bản ghi" }).click();
  await expect(second.getByText(/Chưa lưu: bản ghi vừa được sửa sau khi bạn mở\. Cán bộ Tỉnh Demo sửa lúc/)).toBeVisible();
  await expect(second.getByText(story, { exact: false }).first()).toBeVisible();
  await expect(second.getByLabel("Điện thoại liên hệ")).toHaveValue("0905 999 888");

  // After a look at the newer record, the second officer saves on top of it.
  await second.goto(`/can-bo/san-pham/${id}`);
  await expect(second.getByLabel("Câu chuyện, mô tả sản phẩm")).toHaveValue(story);
  await second.getByLabel("Điện thoại liên hệ").fill("0905 999 888");
  await second.getByRole("button", { name: "Lưu bản ghi" }).click();
  await expect(second.getByText("Đã lưu bản ghi.")).toBeVisible();
  const history = second.getByRole("region", { name: "Lịch sử chỉnh sửa" });
  await expect(history.getByText(/Cán bộ Trung ương Demo/).first()).toBeVisible();
  await expect(history.getByText(/Cán bộ Tỉnh Demo/).first()).toBeVisible();
  await expect(history.getByText(/Điện thoại liên hệ: “.*” → “0905999888”/).first()).toBeVisible();

  // Where to buy: a wrong address is refused by its line, the lines typed stay; fixed, the
  // public page lists them, the marketplace one as a link.
  const whereToBuy = second.getByLabel("Nơi bán");
  await whereToBuy.fill("Chợ Hàn, quầy 12\nShopee https://shopee");
  // A wrong phone number too: both refusals are said at once.
  await second.getByLabel("Điện thoại liên hệ").fill("12345");
  await second.getByRole("button", { name: "Lưu bản ghi" }).click();
  await expect(second.getByText("Dòng 2: địa chỉ web «https://shopee» chưa đúng", { exact: false }).first()).toBeVisible();
  await expect(second.locator(".error-summary")).toContainText("2 ô chưa đúng:");
  await expect(second.getByLabel("Điện thoại liên hệ")).toHaveAttribute("aria-invalid", "true");
  await second.getByLabel("Điện thoại liên hệ").fill("0905 999 888");
  await expect(whereToBuy).toHaveValue("Chợ Hàn, quầy 12\nShopee https://shopee");
  await expect(whereToBuy).toHaveAttribute("aria-invalid", "true");
  await whereToBuy.fill("Chợ Hàn, quầy 12\nShopee https://shopee.vn/tra-gung");
  await second.getByRole("button", { name: "Lưu bản ghi" }).click();
  await expect(second.getByText("Đã lưu bản ghi.")).toBeVisible();
  // The save has landed when the history lists it (only then may the public page be read).
  await expect(history.getByText(/Nơi bán:/).first()).toBeVisible();
  // The public page as a citizen opens it (a fresh load, not the officer's live session).
  await second.goto((await second.getByRole("link", { name: "Xem trang công khai" }).getAttribute("href"))!);
  await expect(second.locator(".points-of-sale li").first()).toHaveText("Chợ Hàn, quầy 12");
  await expect(second.getByRole("link", { name: "Shopee" })).toHaveAttribute("href", "https://shopee.vn/tra-gung");

  // Photos: a program named like a photo is refused by its content; a real picture is kept and
  // shown on the public page at the widths phones need; removed, it is gone.
  await second.goto(`/can-bo/san-pham/${id}`);
  const photos = second.getByRole("region", { name: "Ảnh sản phẩm" });
  const choose = photos.getByLabel(/Thêm ảnh/);
  await choose.setInputFiles({ name: "anh-san-pham.jpg", mimeType: "image/jpeg", buffer: Buffer.from("MZ this is a program") });
  await photos.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(second.getByRole("alert")).toContainText("ảnh sản phẩm phải là JPEG, PNG hoặc WebP");
  await photos.getByLabel(/Thêm ảnh/).setInputFiles({ name: "tra-gung.png", mimeType: "image/png", buffer: png(800, 600) });
  await photos.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(second.getByText("Đã thêm ảnh.")).toBeVisible();
  await expect(photos.getByRole("img", { name: `Ảnh 1 của ${product}` })).toBeVisible();
  await second.goto(href!);
  const picture = second.locator(".gallery img").first();
  await expect(picture).toHaveAttribute("srcset", /320\.jpg 320w, .*640\.jpg 640w, .*800\.jpg 800w/);
  await expect(picture).toHaveAttribute("width", "800");
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await second.goto(`/can-bo/san-pham/${id}`);
  await second.getByRole("button", { name: "Xoá ảnh 1" }).click();
  await expect(second.getByText("Đã xoá ảnh.")).toBeVisible();
  await expect(second.getByRole("region", { name: "Ảnh sản phẩm" }).getByRole("img")).toHaveCount(0);

  // Read in English, the history says the same in English: field names and photos alike.
  await second.goto(`/ngon-ngu/en?tiep=/can-bo/san-pham/${id}`);
  const english = second.getByRole("region", { name: "Edit history" });
  await expect(english.getByText(/Contact phone: “.*” → “0905999888”/).first()).toBeVisible();
  await expect(english.getByText(/^Photo no\. \d+ removed$/).first()).toBeVisible();
  await expect(english.getByText(/^Photo no\. \d+ added$/).first()).toBeVisible();
  await expect(english).not.toContainText(/Điện thoại liên hệ|ảnh số/);
  await first.context().close();
  await second.context().close();
});

// A record entered in error is deleted with a reason: it leaves the public catalog and its page,
// is listed among the deleted records, and is restored as it was. Its certificate is corrected
// from the paper decision, a bad date refused next to the field.
test("a record is deleted with a reason, restored, and its certificate corrected", async ({ page }, testInfo) => {
  const product = testInfo.project.name === "hydrated" ? "Chè dây Hòa Bắc" : "Dầu tràm Linh Ứng";
  await signInAs(page, "canbo.tinh@ocop.demo");
  await page.goto(`/?q=${encodeURIComponent(product)}&status=all`);
  const href = (await page.getByRole("link", { name: product, exact: true }).first().getAttribute("href"))!;
  const id = href.split("/").pop()!.split("-")[0];
  await page.goto(`/can-bo/san-pham/${id}`);

  // The certificate: a decision after today is refused beside the field, the number typed kept.
  const certificate = page.getByRole("region", { name: "Giấy chứng nhận" });
  await certificate.getByLabel("Số quyết định", { exact: true }).fill("2417/QĐ-UBND");
  await certificate.getByLabel("Ngày quyết định", { exact: true }).fill("2999-01-01");
  await certificate.getByRole("button", { name: "Lưu giấy chứng nhận" }).click();
  await expect(page.getByText("Ngày quyết định không thể sau hôm nay.").first()).toBeVisible();
  await expect(page.getByLabel("Số quyết định", { exact: true })).toHaveValue("2417/QĐ-UBND");
  await page.getByLabel("Ngày quyết định", { exact: true }).fill("2025-03-14");
  await page.getByLabel("Hiệu lực đến ngày").fill("");
  await page.getByRole("button", { name: "Lưu giấy chứng nhận" }).click();
  await expect(page.getByText("Đã lưu giấy chứng nhận.")).toBeVisible();
  // The legal expiry, as the record now holds it.
  await page.goto(`/can-bo/san-pham/${id}`);
  await expect(page.getByLabel("Hiệu lực đến ngày")).toHaveValue("2028-03-14");
  const history = page.getByRole("region", { name: "Lịch sử chỉnh sửa" });
  await expect(history.getByText(/Số quyết định: “.*” → “2417\/QĐ-UBND”/).first()).toBeVisible();

  // Deleting needs a reason.
  await page.getByText("Xoá khỏi danh mục", { exact: true }).first().click();
  await page.getByRole("button", { name: "Xoá khỏi danh mục" }).click();
  await expect(page.getByText("Hãy ghi lý do xoá").first()).toBeVisible();
  await page.getByLabel("Lý do xoá").fill("Trùng với bản ghi nhập từ quyết định khác");
  await page.getByRole("button", { name: "Xoá khỏi danh mục" }).click();
  await expect(page.getByText("Đã xoá khỏi danh mục. Có thể khôi phục bất cứ lúc nào.")).toBeVisible();

  // Gone from the public side.
  const response = await page.goto(href);
  expect(response!.status()).toBe(404);
  await page.goto(`/?q=${encodeURIComponent(product)}&status=all`);
  await expect(page.getByRole("link", { name: product, exact: true })).toHaveCount(0);

  // Listed for officers, and restored from its record.
  await page.goto("/can-bo/da-xoa");
  const row = page.getByRole("row", { name: new RegExp(product) });
  await expect(row).toContainText("Trùng với bản ghi nhập từ quyết định khác");
  await row.getByRole("link", { name: product }).click();
  await page.getByRole("button", { name: "Khôi phục vào danh mục" }).click();
  await expect(page.getByText("Đã khôi phục sản phẩm vào danh mục.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Lịch sử chỉnh sửa" }).getByText("Khôi phục vào danh mục")).toBeVisible();
  const back = await page.goto(href);
  expect(back!.status()).toBe(200);

  // Its producer, from a provincial list, is corrected by the officer too, with the history.
  await page.goto(`/can-bo/san-pham/${id}`);
  await page.locator(".lead a").click();
  await expect(page.getByRole("button", { name: "Lưu bản ghi chủ thể" })).toBeVisible();
  await page.getByLabel("Điện thoại").fill("12345");
  await page.getByRole("button", { name: "Lưu bản ghi chủ thể" }).click();
  await expect(page.getByLabel("Điện thoại")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Điện thoại").fill("0236 3 777 888");
  await page.getByRole("button", { name: "Lưu bản ghi chủ thể" }).click();
  await expect(page.getByText("Đã lưu bản ghi chủ thể.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Lịch sử chỉnh sửa" }).getByText(/Điện thoại chủ thể: “.*” → “02363777888”/)).toBeVisible();
});

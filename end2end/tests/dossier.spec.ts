import { expect, test } from "@playwright/test";
import { asking, chooseBestEverywhere, confirm, HONEY, phoneScreenshot, png, producerAccount } from "./helpers";

// From a new account to a self-assessed dossier: profile, product, dossier, the score sheet with
// its live prediction; and another producer cannot open the dossier by its address.

test("a producer self-assesses a new product and sees the stars it would earn", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  await producerAccount(page, "Phạm Thị Mai", testInfo.project.name);
  await page.goto("/san-pham-cua-toi");
  await page.getByLabel("Tên sản phẩm").fill("Mật ong rừng Hải Vân");
  await page.getByLabel("Nhóm sản phẩm (quyết định phiếu đánh giá)").selectOption(HONEY);
  await page.getByRole("button", { name: "Đăng ký sản phẩm" }).click();
  await expect(page.getByText("Đã đăng ký sản phẩm.")).toBeVisible();
  await page.getByRole("button", { name: "Mở hồ sơ đánh giá, phân hạng lần đầu" }).click();
  await expect(page).toHaveURL(/\/ho-so-danh-gia\/\d+$/);
  const dossierUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tự đánh giá: Mật ong rừng Hải Vân");
  await expect(page.getByText("Tổng điểm: 0/100")).toBeVisible();
  await expect(page.getByText("Dự kiến chưa đạt 3 sao")).toBeVisible();
  await confirm(page, "Nộp hồ sơ cho UBND cấp xã");
  await expect(page.getByText(/Chưa nộp được: còn \d+ tiêu chí chưa tự đánh giá/)).toBeVisible();

  if (javaScriptEnabled) {
    // Once the page is live, one choice and a reload straight away: nothing is lost.
    await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
    await page.locator("fieldset.criterion").first().locator("input[type=radio]").first().check();
    await page.reload();
    await expect(page.locator("fieldset.criterion").first().locator("input[type=radio]").first()).toBeChecked();
  }
  await chooseBestEverywhere(page);
  if (javaScriptEnabled) {
    // The prediction follows each choice, before anything is sent.
    await expect(page.getByText("Tổng điểm: 100/100")).toBeVisible();
    await expect(page.getByText("Dự kiến đạt 5 sao")).toBeVisible();
    await expect(page.getByText("Đã lưu bản nháp.")).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  }
  await page.goto(dossierUrl);
  await expect(page.getByText("Tổng điểm: 100/100")).toBeVisible();
  await expect(page.getByText("Dự kiến đạt 5 sao")).toBeVisible();

  // Evidence: a program renamed .pdf is refused by its content, and the form keeps the kind and
  // the criterion chosen; a real PDF is kept.
  await page.getByLabel("Loại tài liệu").selectOption("business_registration");
  await page.getByText("Tiêu chí mà tài liệu này chứng minh (không bắt buộc)").click();
  await page.locator(".evidence-criteria input[type=checkbox]").first().check();
  await page.getByLabel(/^Tệp/).setInputFiles({ name: "giay-phep.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf at all") });
  await page.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByText("Tệp không được nhận: chỉ nhận PDF, JPEG, PNG hoặc WebP.")).toBeVisible();
  await expect(page.getByLabel("Loại tài liệu")).toHaveValue("business_registration");
  await expect(page.locator(".evidence-criteria input[type=checkbox]").first()).toBeChecked();
  await page.locator(".evidence-criteria input[type=checkbox]").first().uncheck();
  await page.getByLabel(/^Tệp/).setInputFiles({ name: "giấy phép kinh doanh.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await page.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByText("Đã tải lên tài liệu.")).toBeVisible();
  const document = page.getByRole("link", { name: "giấy phép kinh doanh.pdf" });
  await expect(document).toBeVisible();
  const fileUrl = new URL((await document.getAttribute("href"))!, page.url()).toString();
  // A document chosen by mistake is taken out while the dossier is a draft; the same file twice is refused.
  await page.getByLabel("Loại tài liệu").selectOption("lab_results");
  await page.getByLabel(/^Tệp/).setInputFiles({ name: "nham.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% chon nham\n%%EOF\n") });
  await page.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("link", { name: "nham.pdf" })).toBeVisible();
  await page.getByLabel("Loại tài liệu").selectOption("lab_results");
  await page.getByLabel(/^Tệp/).setInputFiles({ name: "nham (1).pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% chon nham\n%%EOF\n") });
  await page.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.locator(".evidence .form-error")).toContainText("đã có");
  await page.getByRole("button", { name: "Xoá tài liệu nham.pdf" }).click();
  await expect(page.getByText("Đã xoá tài liệu.")).toBeVisible();
  await expect(page.getByRole("link", { name: "nham.pdf" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "giấy phép kinh doanh.pdf" })).toBeVisible();
  // A photo of the product gets a thumbnail made on the server.
  // Marked with the criterion it supports, it says so in the list.
  await page.getByLabel("Loại tài liệu").selectOption("photos");
  await page.getByLabel(/^Tệp/).setInputFiles({ name: "san-pham.png", mimeType: "image/png", buffer: png(640, 480) });
  await page.getByText("Tiêu chí mà tài liệu này chứng minh (không bắt buộc)").click();
  const criterion = page.locator(".evidence-criteria input[type=checkbox]").first();
  const code = await criterion.getAttribute("value");
  await criterion.check();
  await page.getByRole("button", { name: "Tải lên" }).click();
  await expect(page.getByRole("link", { name: "san-pham.png" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "san-pham.png" })).toContainText(`chứng minh tiêu chí ${code}`);
  const thumbnail = page.locator(".evidence-thumbnail");
  await expect(thumbnail).toHaveCount(1);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

  // The way to a certificate: everything but the submission done, which is a link away.
  await page.goto("/san-pham-cua-toi");
  const steps = page.getByRole("region", { name: "Các bước để được công nhận OCOP" });
  await expect(steps.locator("li.done")).toHaveCount(5);
  await expect(steps.getByRole("link", { name: "Làm bước này: Nộp hồ sơ cho UBND cấp xã" }))
    .toHaveAttribute("href", `${new URL(dossierUrl).pathname}#nop-ho-so`);
  await page.goto(dossierUrl);

  // Submitting asks first, saying what cannot be undone; the first press sends nothing.
  await asking(page, "Nộp hồ sơ cho UBND cấp xã").click();
  await expect(page.locator("details.confirm .confirm-panel")).toContainText("bạn không sửa được nữa");
  await page.reload();
  await expect(page.getByText("Hồ sơ đã nộp.")).toHaveCount(0);
  await expect(asking(page, "Nộp hồ sơ cho UBND cấp xã")).toBeVisible();
  await confirm(page, "Nộp hồ sơ cho UBND cấp xã");
  await expect(page.getByText("Hồ sơ đã nộp.")).toBeVisible();
  const timeline = page.getByRole("region", { name: "Tiến trình hồ sơ" });
  await expect(timeline.getByText("Bản nháp")).toBeVisible();
  await expect(timeline.getByText("Cấp xã đang xem xét")).toBeVisible();
  await expect(asking(page, "Nộp hồ sơ cho UBND cấp xã")).toHaveCount(0);
  await expect(page.locator("fieldset.criterion input[type=radio]").first()).toBeDisabled();

  // Another producer, in another browser, reaches nothing at that address.
  const other = await browser.newPage({ javaScriptEnabled });
  await producerAccount(other, "Võ Văn Tùng", testInfo.project.name);
  const response = await other.goto(dossierUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Không tìm thấy hồ sơ" })).toBeVisible();
  expect((await other.request.get(fileUrl)).status()).toBe(404);
  expect((await page.request.get(fileUrl)).status()).toBe(200);
  await other.close();
});

// On a 360 px phone the sheet is many screens tall: a one-line score stays at the top while it
// scrolls, and the first unanswered question is a link away.
test("on a phone the score stays in sight and the questions left are a link away", async ({ page, javaScriptEnabled }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await producerAccount(page, "Trần Văn Bảy", testInfo.project.name);
  await page.goto("/san-pham-cua-toi");
  await page.getByLabel("Tên sản phẩm").fill("Mật ong hoa nhãn Hưng Yên");
  await page.getByLabel("Nhóm sản phẩm (quyết định phiếu đánh giá)").selectOption(HONEY);
  await page.getByRole("button", { name: "Đăng ký sản phẩm" }).click();
  await page.getByRole("button", { name: "Mở hồ sơ đánh giá, phân hạng lần đầu" }).click();
  await expect(page).toHaveURL(/\/ho-so-danh-gia\/\d+$/);
  if (javaScriptEnabled) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  const bar = page.locator(".score-bar");
  await expect(bar).toContainText("0/100 · Chưa đủ 3 sao");
  await page.locator("fieldset.criterion").last().scrollIntoViewIfNeeded();
  await expect(bar).toBeInViewport();
  // A part folds away; a link to one of its questions opens it again.
  const firstPart = page.locator("details.sheet-part").first();
  await firstPart.locator("summary").click();
  await expect(page.locator("fieldset.criterion").first()).toBeHidden();
  await bar.getByRole("link", { name: /đầu tiên/ }).click();
  await expect(firstPart).toHaveJSProperty("open", true);
  await expect(page.locator("fieldset.criterion").first().locator("legend")).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  if (javaScriptEnabled) {
    await chooseBestEverywhere(page);
    await expect(bar).toContainText("100/100 · Dự kiến 5 sao");
  }
  await page.locator("fieldset.criterion").nth(3).scrollIntoViewIfNeeded();
  await phoneScreenshot(page, "self-assessment", testInfo.project.name);
});

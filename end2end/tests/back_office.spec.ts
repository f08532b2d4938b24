import { expect, test } from "@playwright/test";
import { confirm, fillCommuneReview, mailedLink, producerAccount, signInAs, submittedDossier } from "./helpers";

// The commune's part of the chain: a producer submits; the commune officer finds the dossier in
// the inbox with its deadline, returns it with reasons; the producer is told and resubmits; the
// commune fills its review (Mẫu 03) and forwards it; the province officer finds it waiting.

test("the commune returns a dossier with reasons, then reviews and forwards it to the province", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const product = `Mật ong ${testInfo.project.name} ${Date.now()}`;
  await producerAccount(page, "Đặng Thị Hoa", testInfo.project.name);
  const dossierUrl = await submittedDossier(page, product, javaScriptEnabled);

  const officer = await browser.newPage({ javaScriptEnabled });
  // Signing in lands the officer on their inbox.
  await signInAs(officer, "canbo.xa@ocop.demo");
  await expect(officer.getByRole("heading", { name: "Hồ sơ cần xử lý" })).toBeVisible();
  const row = officer.getByRole("row").filter({ hasText: product });
  await expect(row).toContainText("Cấp xã đang xem xét");
  await expect(row.getByRole("cell").nth(5)).toHaveText(/\d{2}\/\d{2}\/\d{4}/);
  await row.getByRole("link", { name: product }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(officer.getByText("Tổng điểm: 100/100 · Dự kiến:")).toBeVisible();

  // Forwarding before the review is refused and says why; a curt reason too.
  await confirm(officer, "Chuyển lên cấp tỉnh");
  await expect(officer.getByText("Chưa chuyển được lên tỉnh: còn 4 nội dung chưa đánh giá")).toBeVisible();
  await officer.getByLabel("Lý do trả lại (chủ thể sẽ nhận được nội dung này)").fill("thiếu");
  await confirm(officer, "Trả lại để bổ sung");
  await expect(officer.getByText(/Hãy ghi lý do trả lại/)).toBeVisible();
  await expect(officer.getByLabel("Lý do trả lại (chủ thể sẽ nhận được nội dung này)")).toHaveValue("thiếu");
  const reason = "Bổ sung phiếu kiểm nghiệm mật ong còn hiệu lực.";
  await officer.getByLabel("Lý do trả lại (chủ thể sẽ nhận được nội dung này)").fill(reason);
  await confirm(officer, "Trả lại để bổ sung");
  const timeline = officer.getByRole("region", { name: "Tiến trình hồ sơ" });
  await expect(timeline.getByText(reason)).toBeVisible();

  // The producer sees the notification, the reason on the timeline, and submits again.
  await page.goto("/tai-khoan");
  await expect(page.getByRole("link", { name: "1 thông báo mới" })).toBeVisible();
  await page.getByRole("link", { name: /Thông báo \(1 chưa đọc\)/ }).click();
  await expect(page.getByText(reason)).toBeVisible();
  await page.goto(dossierUrl);
  await expect(page.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText(reason)).toBeVisible();
  await confirm(page, "Nộp hồ sơ cho UBND cấp xã");
  await expect(page.getByText("Hồ sơ đã nộp.")).toBeVisible();

  // The commune's review, then forwarding.
  await officer.reload();
  await officer.getByRole("group", { name: "Sử dụng lao động địa phương" }).getByLabel("Nhận xét").fill("12 lao động trong xã");
  await fillCommuneReview(officer);
  await officer.getByLabel("Ý kiến (không bắt buộc)").fill("Đủ điều kiện chuyển tỉnh.");
  await confirm(officer, "Chuyển lên cấp tỉnh");
  await expect(timeline.getByText("Đủ điều kiện chuyển tỉnh.")).toBeVisible();
  await expect(officer.getByText("Bạn không có thao tác nào với hồ sơ ở bước này.")).toBeVisible();

  const province = await browser.newPage({ javaScriptEnabled });
  await signInAs(province, "canbo.tinh@ocop.demo");
  await province.goto("/can-bo");
  await expect(province.getByRole("row").filter({ hasText: product })).toContainText("Cấp tỉnh đang xem xét");
  await province.getByRole("link", { name: product }).click();
  await expect(province.getByText("12 lao động trong xã")).toBeVisible();

  await page.goto(dossierUrl);
  await expect(page.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Cấp tỉnh đang xem xét")).toBeVisible();
  await officer.close();
  await province.close();
});

test("an administrator appoints an officer, who sets a password from the link; producers cannot enter", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  // Signing in lands the administrator on the staff list.
  await signInAs(page, "quantri@ocop.demo");
  await expect(page.getByRole("button", { name: "Giao vai trò", exact: true })).toBeVisible();
  const email = `canbo-${testInfo.project.name}-${Date.now()}@example.vn`;
  await page.getByRole("button", { name: "Giao vai trò", exact: true }).click();
  // Every refusal of the form at once, in its summary.
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("3 ô chưa đúng");
  await expect(summary).toContainText(/Họ tên cần có/);
  await expect(summary).toContainText("Vui lòng nhập email hoặc số điện thoại.");
  await expect(summary.getByRole("link", { name: "Hãy chọn một vai trò cán bộ." })).toHaveAttribute("href", "#role");
  await page.getByLabel("Họ và tên").fill("Lê Văn Bình");
  await page.getByLabel("Email hoặc số điện thoại").fill(email);
  await page.getByLabel("Vai trò", { exact: true }).selectOption("commune_officer");
  await page.getByLabel("Tỉnh, thành phố").selectOption("48");
  await page.getByRole("button", { name: "Giao vai trò", exact: true }).click();
  await expect(page.getByText("Cán bộ cấp xã cần có xã, phường nơi làm việc.")).toBeVisible();
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Lê Văn Bình");
  if (!javaScriptEnabled) await page.getByRole("button", { name: "Tải danh sách xã, phường của tỉnh đã chọn" }).click();
  await page.getByLabel("Xã, phường (cán bộ cấp xã)").selectOption("20194");
  await page.getByRole("button", { name: "Giao vai trò", exact: true }).click();
  await expect(page.getByText("Đã giao vai trò và gửi thông báo cho người được giao.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Cán bộ cấp xã");

  const link = mailedLink(email);
  const officer = await browser.newPage({ javaScriptEnabled });
  await officer.goto(link);
  await officer.getByLabel("Mật khẩu mới", { exact: true }).fill("mật khẩu của Bình");
  await officer.getByLabel("Nhập lại mật khẩu mới").fill("mật khẩu của Bình");
  await officer.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(officer).toHaveURL(/\/tai-khoan/);
  await officer.goto("/can-bo");
  await expect(officer.getByRole("heading", { name: "Hồ sơ cần xử lý" })).toBeVisible();

  // A producer is no officer: the inbox refuses them.
  const producer = await browser.newPage({ javaScriptEnabled });
  await producerAccount(producer, "Ngô Văn Sơn", testInfo.project.name);
  const response = await producer.goto("/can-bo");
  expect(response?.status()).toBe(403);
  await expect(producer.getByText("Bạn không có quyền thực hiện việc này.")).toBeVisible();

  // Deactivated, the officer is signed out at once.
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: /Khoá tài khoản/ }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Đã khoá");
  await officer.goto("/can-bo");
  await expect(officer).toHaveURL(/\/dang-nhap/);
  await officer.close();
  await producer.close();
});

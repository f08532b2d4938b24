import { expect, test } from "@playwright/test";
import { signUpConfirmed } from "./helpers";

// A producer files its profile: the kind, the registration number and the address in the
// 2025 units, chosen province first, then commune; with and without JavaScript.

test("a producer files its profile, province then commune, a refusal keeps the form, and invites a helper", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const email = `htx-${testInfo.project.name}-${Date.now()}@example.vn`;
  await signUpConfirmed(page, "Lê Thị Hoa", email, "mật khẩu của Hoa", "/ho-so");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ chủ thể sản xuất");
  // After sign-up, the way to a certificate, its first step marked.
  const steps = page.getByRole("region", { name: "Các bước để được công nhận OCOP" });
  await expect(steps.locator("li.current")).toContainText("Bước tiếp theo · Khai hồ sơ chủ thể sản xuất");

  // Unique per run: a registration number belongs to one producer.
  const taxCode = String(Date.now()).slice(-10).padStart(10, "4");
  await page.getByLabel("Loại hình chủ thể").selectOption({ label: "Hợp tác xã" });
  await page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)").fill("Hợp tác xã Trà Hải Vân");
  await page.getByLabel("Mã số doanh nghiệp / mã số thuế").fill("12345");
  await page.getByLabel("Người đại diện theo pháp luật").fill("Lê Thị Hoa");
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Thành phố Đà Nẵng" });
  if (!javaScriptEnabled) {
    await page.getByRole("button", { name: "Tải danh sách xã, phường của tỉnh đã chọn" }).click();
    await expect(page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)")).toHaveValue("Hợp tác xã Trà Hải Vân");
  }
  await page.getByLabel("Xã, phường").selectOption({ label: "Phường Hải Vân" });
  await page.getByLabel("Địa chỉ (số nhà, thôn, ấp)").fill("Thôn Tà Lang");
  await page.getByLabel("Số điện thoại", { exact: true }).fill("0905");
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();

  // Both refusals at once: each beside its field, and listed at the top as links to them.
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("2 ô chưa đúng:");
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expect(summary.getByRole("link").first()).toHaveAttribute("href", "#tax_code");
  await expect(summary.getByRole("link").last()).toHaveAttribute("href", "#phone");
  await expect(page.locator(".field-error", { hasText: "Mã số doanh nghiệp/mã số thuế gồm 10 chữ số" })).toBeVisible();
  await expect(page.getByLabel("Mã số doanh nghiệp / mã số thuế")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Số điện thoại", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Địa chỉ (số nhà, thôn, ấp)")).toHaveValue("Thôn Tà Lang");
  await expect(page.getByLabel("Xã, phường")).toHaveValue("20194");

  await page.getByLabel("Mã số doanh nghiệp / mã số thuế").fill(taxCode);
  await page.getByLabel("Số điện thoại", { exact: true }).fill("0905 123 456");
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();
  await expect(page.getByText("Đã lưu hồ sơ chủ thể.")).toBeVisible();
  // Saved: the first step is done, and the next one is a link away.
  await expect(steps.locator("li").first()).toContainText("Đã xong · Khai hồ sơ chủ thể sản xuất");
  await expect(steps.getByRole("link", { name: "Làm bước này: Đăng ký sản phẩm" })).toHaveAttribute("href", "/san-pham-cua-toi");

  await page.goto("/ho-so");
  await expect(page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)")).toHaveValue("Hợp tác xã Trà Hải Vân");
  await expect(page.getByLabel("Số điện thoại", { exact: true })).toHaveValue("0905123456");
  await expect(page.getByLabel("Xã, phường")).toHaveValue("20194");
  await expect(page.getByText("Lê Thị Hoa (người khai hồ sơ)")).toBeVisible();

  // Another person is invited, not added: they accept from their own, proven, account.
  const helper = `tro-giup-${testInfo.project.name}-${Date.now()}@example.vn`;
  await page.getByLabel("Email hoặc số điện thoại của người được mời").fill(helper);
  await page.getByRole("button", { name: "Gửi lời mời" }).click();
  await expect(page.getByText("Đã gửi lời mời.")).toBeVisible();
  await expect(page.getByText(`Đang chờ nhận lời: ${helper}`)).toBeVisible();

  const other = await browser.newContext({ javaScriptEnabled });
  const second = await other.newPage();
  await signUpConfirmed(second, "Phan Văn Tú", helper, "mật khẩu của Tú", "/ho-so");
  await expect(second.getByText("Lê Thị Hoa mời bạn làm hồ sơ cho Hợp tác xã Trà Hải Vân.")).toBeVisible();
  if (javaScriptEnabled) await expect(second.locator("main[data-hydrated=true]")).toBeAttached();
  await second.getByRole("button", { name: "Nhận lời" }).click();
  await expect(second.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)")).toHaveValue("Hợp tác xã Trà Hải Vân");
  await expect(second.getByRole("button", { name: "Rời chủ thể này" })).toBeVisible();
  await other.close();

  // The owner may take them off again.
  await page.goto("/ho-so");
  await page.getByRole("button", { name: "Bớt Phan Văn Tú" }).click();
  await expect(page.getByRole("button", { name: "Bớt Phan Văn Tú" })).toHaveCount(0);
});

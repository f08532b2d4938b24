import { expect, test } from "@playwright/test";

// A producer files its profile: the kind, the registration number and the address in the
// 2025 units, chosen province first, then commune; with and without JavaScript.

test("a producer files its profile, province then commune, and a refusal keeps the form", async ({ page, javaScriptEnabled }, testInfo) => {
  const email = `htx-${testInfo.project.name}-${Date.now()}@example.vn`;
  await page.goto("/dang-ky?tiep=/ho-so");
  await page.getByLabel("Họ và tên").fill("Lê Thị Hoa");
  await page.getByLabel("Email hoặc số điện thoại").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill("mật khẩu của Hoa");
  await page.getByLabel("Nhập lại mật khẩu").fill("mật khẩu của Hoa");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/ho-so$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ chủ thể sản xuất");

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
  await page.getByLabel("Số điện thoại", { exact: true }).fill("0905 123 456");
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();

  await expect(page.getByText("Mã số doanh nghiệp/mã số thuế gồm 10 chữ số")).toBeVisible();
  await expect(page.getByLabel("Mã số doanh nghiệp / mã số thuế")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Địa chỉ (số nhà, thôn, ấp)")).toHaveValue("Thôn Tà Lang");
  await expect(page.getByLabel("Xã, phường")).toHaveValue("20194");

  await page.getByLabel("Mã số doanh nghiệp / mã số thuế").fill(taxCode);
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();
  await expect(page.getByText("Đã lưu hồ sơ chủ thể.")).toBeVisible();

  await page.goto("/ho-so");
  await expect(page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)")).toHaveValue("Hợp tác xã Trà Hải Vân");
  await expect(page.getByLabel("Số điện thoại", { exact: true })).toHaveValue("0905123456");
  await expect(page.getByLabel("Xã, phường")).toHaveValue("20194");
  await expect(page.getByText("Người làm hồ sơ cho chủ thể: Lê Thị Hoa")).toBeVisible();
});

import { expect, type Page } from "@playwright/test";

// Steps several journeys share.

export const HONEY = "mat-ong-mat-khac-tpthuc-khac";
let serial = 0;

/** A new account with a filed producer profile, signed in on `page`. */
export async function producerAccount(page: Page, who: string, project: string) {
  const stamp = `${Date.now()}${serial++}`;
  await page.goto("/dang-ky?tiep=/ho-so");
  await page.getByLabel("Họ và tên").fill(who);
  await page.getByLabel("Email hoặc số điện thoại").fill(`${project}-${stamp}@example.vn`);
  await page.getByLabel("Mật khẩu", { exact: true }).fill("mật khẩu dài dài");
  await page.getByLabel("Nhập lại mật khẩu").fill("mật khẩu dài dài");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/ho-so$/);
  await page.getByLabel("Loại hình chủ thể").selectOption("household");
  await page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)").fill(`Hộ ${who}`);
  await page.getByLabel("Mã số doanh nghiệp / mã số thuế").fill(stamp.slice(-10).padStart(10, "7"));
  await page.getByLabel("Người đại diện theo pháp luật").fill(who);
  await page.getByLabel("Tỉnh, thành phố").selectOption("48");
  const reload = page.getByRole("button", { name: "Tải danh sách xã, phường của tỉnh đã chọn" });
  if (await reload.isVisible()) await reload.click();
  await page.getByLabel("Xã, phường").selectOption("20194");
  await page.getByLabel("Địa chỉ (số nhà, thôn, ấp)").fill("Thôn 1");
  await page.getByLabel("Số điện thoại", { exact: true }).fill("0905123456");
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();
  await expect(page.getByText("Đã lưu hồ sơ chủ thể.")).toBeVisible();
}


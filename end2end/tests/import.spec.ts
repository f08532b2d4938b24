import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// A province officer imports a list from the browser: the dry run names each bad cell and its
// line and writes nothing; importing the good rows puts the new product in the public catalog
// at once; the list and the reports download as spreadsheets.

test("a list is checked in a dry run, then its good rows are imported", async ({ page }, testInfo) => {
  const product = `Trà thảo mộc Ngũ Hành Sơn ${testInfo.project.name} ${Date.now()}`;
  const csv = [
    "product_name,producer_name,address,province,stars,recognized_year",
    `${product},HTX Thảo mộc Ngũ Hành Sơn,Phường Ngũ Hành Sơn,Đà Nẵng,4,2025`,
    `Bánh in,Cơ sở Bánh in,Xã Điện Bàn,Quảng Nam,six,2025`,
  ].join("\n");
  await signInAs(page, "canbo.tinh@ocop.demo");
  await page.goto("/can-bo/nhap");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nhập danh sách sản phẩm OCOP");

  // Nothing chosen: the browser's own check keeps the form; an empty file gets the sentence.
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "trong.csv", mimeType: "text/csv", buffer: Buffer.from("") });
  await page.getByRole("button", { name: "Kiểm tra tệp (chưa nhập)" }).click();
  await expect(page.getByRole("alert")).toContainText("Chưa chọn tệp, hoặc tệp trống");

  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "danh-sach.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Kiểm tra tệp (chưa nhập)" }).click();
  await expect(page.getByRole("heading", { name: "Kết quả chạy thử (chưa ghi gì)" })).toBeVisible();
  await expect(page.getByText("có 2 dòng: sẽ thêm 1 sản phẩm, 0 sản phẩm đã có từ trước, 1 dòng có lỗi")).toBeVisible();
  const errors = page.getByRole("table", { name: /Các ô có lỗi/ });
  await expect(errors.getByRole("row").nth(1)).toContainText("3");
  await expect(errors.getByRole("row").nth(1)).toContainText("stars");
  await expect(page.getByRole("table", { name: "Các dòng hợp lệ đầu tiên" })).toContainText(product);

  // Bad rows are skipped only when the officer says so.
  await page.getByLabel("Bỏ qua 1 dòng lỗi, chỉ nhập các dòng hợp lệ").check();
  await page.getByRole("button", { name: "Nhập 1 sản phẩm" }).click();
  await expect(page.getByText(/Đã nhập tệp “danh-sach.csv”: thêm 1 sản phẩm vào danh mục/)).toBeVisible();

  await page.goto(`/?q=${encodeURIComponent(product)}&status=all`);
  await expect(page.getByRole("link", { name: product, exact: true }).first()).toBeVisible();

  // The reports download as XLSX as well as CSV.
  await page.goto("/can-bo/bao-cao");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải bảng này (XLSX)" }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^bao-cao-[a-z-]+-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

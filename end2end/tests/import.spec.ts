import { expect, test } from "@playwright/test";
import * as XLSX from "xlsx";
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

// A list laid out as a province lays it out, in a workbook: the title merged across the columns,
// a header of its own words ("Tên hàng" is no name the import knows), a group row, a producer
// merged down beside its two products, "71,50" and "4 sao". The officer reads the unknown column
// as the product's name, reads the dry run and imports; the products are found without
// diacritics, and the next file of the same layout is read the same way at once.
test("an officer reads the columns of a provincial workbook, then imports it", async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const first = `Chè xanh Hòa Ninh ${stamp}`;
  const second = `Chè búp Hòa Phú ${stamp}`;
  const rows = [
    ["ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG"],
    ["DANH SÁCH SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP"],
    [],
    ["STT", "Tên hàng", "Tên chủ thể", "Địa chỉ", "Điểm", "Hạng sao", "Năm công nhận", `Ghi chú ${stamp}`],
    ["I", "SẢN PHẨM ĐẠT 4 SAO"],
    ["1", first, "HTX Chè Hòa Ninh", "Xã Bà Nà", "71,50", "4 sao", "2025", ""],
    ["2", second, null, "Xã Bà Nà", "72,00", "4 sao", "2025", ""],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet["!merges"] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 7 } },
    { s: { r: 5, c: 2 }, e: { r: 6, c: 2 } },
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Danh sách");
  const workbook = {
    name: "danh-sach-da-nang.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer,
  };

  await signInAs(page, "canbo.tinh@ocop.demo");
  await page.goto("/can-bo/nhap");
  await page.getByLabel("Tệp danh sách").setInputFiles(workbook);
  await page.getByRole("button", { name: "Kiểm tra tệp (chưa nhập)" }).click();

  // Nothing names the product: said, with each column and what it is read as.
  await expect(page.getByRole("alert").first()).toContainText("Dòng tiêu đề thiếu cột product_name");
  await expect(page.getByLabel("Tên chủ thể")).toHaveValue("producer_name");
  await expect(page.getByLabel("Tên hàng")).toHaveValue("");
  await page.getByLabel("Tên hàng").selectOption({ label: "Tên sản phẩm" });
  await page.getByRole("button", { name: "Đọc lại tệp theo các cột này" }).click();

  await expect(page.getByRole("heading", { name: "Kết quả chạy thử (chưa ghi gì)" })).toBeVisible();
  await expect(page.getByText("có 2 dòng: sẽ thêm 2 sản phẩm, 0 sản phẩm đã có từ trước, 0 dòng có lỗi")).toBeVisible();
  await expect(page.getByLabel("Tên hàng")).toHaveValue("product_name");
  const firstRows = page.getByRole("table", { name: "Các dòng hợp lệ đầu tiên" });
  // The producer merged down is read beside the second product too.
  await expect(firstRows.getByRole("row", { name: new RegExp(second) })).toContainText("HTX Chè Hòa Ninh");
  await page.getByRole("button", { name: "Nhập 2 sản phẩm" }).click();
  await expect(page.getByText(/Đã nhập tệp “danh-sach-da-nang.xlsx”: thêm 2 sản phẩm vào danh mục/)).toBeVisible();

  // Found as people type them, without diacritics.
  await page.goto(`/?q=${encodeURIComponent(`che xanh hoa ninh ${stamp}`)}&status=all`);
  await expect(page.getByRole("link", { name: first, exact: true }).first()).toBeVisible();

  // The same layout again: read as chosen, nothing new to add.
  await page.goto("/can-bo/nhap");
  await page.getByLabel("Tệp danh sách").setInputFiles(workbook);
  await page.getByRole("button", { name: "Kiểm tra tệp (chưa nhập)" }).click();
  await expect(page.getByText("Các cột được đọc theo cách đã chọn lần trước")).toBeVisible();
  await expect(page.getByText("sẽ thêm 0 sản phẩm, 2 sản phẩm đã có từ trước")).toBeVisible();
});

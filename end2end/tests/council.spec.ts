import { expect, test } from "@playwright/test";
import {
  asking,
  chooseBestEverywhere,
  confirm,
  phoneScreenshot,
  fillCommuneReview,
  producerAccount,
  seatAndAssign,
  staffPage,
  submitSheet,
  submittedDossier,
} from "./helpers";

// The chain from the province's council to the ministry: a round with a chair and two members;
// each scores on their own sheet (one while offline for a while, then synced); the chair sees a
// deliberately distant sheet flagged, reopens it, and closes scoring once the council agrees;
// the province refers the five-star result, the central council scores it again in a national
// round, and the national officer records the ministry's decision.

test("the whole chain: a council scores, the chair reopens a distant sheet, the central council scores again, the ministry certifies, the stamp verifies and a revocation shows", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(240_000);
  const product = `Mật ong hội đồng ${testInfo.project.name} ${Date.now()}`;
  await producerAccount(page, "Trương Thị Lụa", testInfo.project.name);
  const dossierUrl = await submittedDossier(page, product, javaScriptEnabled);
  const dossierId = dossierUrl.split("/").pop();

  const commune = await staffPage(browser, javaScriptEnabled, "canbo.xa@ocop.demo");
  await commune.goto(`/can-bo/ho-so/${dossierId}`);
  await fillCommuneReview(commune);
  await confirm(commune, "Chuyển lên cấp tỉnh");
  await expect(commune.getByText("Bạn không có thao tác nào với hồ sơ ở bước này.")).toBeVisible();

  // The province opens a round, seats a chair and two members, and puts the dossier in.
  const province = await staffPage(browser, javaScriptEnabled, "canbo.tinh@ocop.demo");
  await province.goto("/can-bo/dot-danh-gia");
  const roundName = `Đợt ${testInfo.project.name} ${Date.now()}`;
  await province.getByLabel("Tên đợt").fill(roundName);
  await province.getByLabel("Ngày bắt đầu").fill("2026-12-01");
  await province.getByLabel("Ngày kết thúc").fill("2026-11-01");
  await province.getByRole("button", { name: "Mở đợt đánh giá" }).click();
  await expect(province.getByText("Ngày kết thúc phải từ ngày bắt đầu trở đi.")).toBeVisible();
  await expect(province.getByLabel("Tên đợt")).toHaveValue(roundName);
  await province.getByLabel("Ngày kết thúc").fill("2026-12-05");
  await province.getByRole("button", { name: "Mở đợt đánh giá" }).click();
  await expect(province.getByRole("heading", { level: 1 })).toHaveText(roundName);
  await seatAndAssign(province, "Chủ tịch Hội đồng Demo", ["Thành viên Một Demo", "Thành viên Hai Demo"], product);
  await province.goto(`/can-bo/ho-so/${dossierId}`);
  await expect(province.getByRole("region", { name: "Hội đồng chấm điểm" })).toContainText(roundName);
  // A request for an extra lab test is recorded and reaches the producer.
  await province.getByLabel("Loại ghi nhận").selectOption("lab_request");
  await province.getByLabel("Nội dung", { exact: true }).fill("Kiểm nghiệm thêm dư lượng kháng sinh");
  await province.getByRole("button", { name: "Ghi nhận" }).click();
  await expect(province.getByRole("region", { name: "Tư vấn, thẩm định thực tế, kiểm nghiệm" })).toContainText("Yêu cầu kiểm nghiệm bổ sung");
  await confirm(province, "Chuyển hội đồng chấm điểm");
  await expect(province.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Hội đồng đang chấm điểm")).toBeVisible();

  // The chair and the first member score it in full; the first member part of the time offline.
  const chair = await staffPage(browser, javaScriptEnabled, "chutich.hoidong@ocop.demo");
  await chair.goto(`/can-bo/cham-diem/${dossierId}`);
  await chooseBestEverywhere(chair);
  await submitSheet(chair, javaScriptEnabled);

  const first = await staffPage(browser, javaScriptEnabled, "thanhvien1@ocop.demo");
  // A member's inbox leads straight to their score sheet.
  await first.goto("/can-bo");
  await expect(first.getByRole("link", { name: `Chấm điểm: ${product}` })).toHaveAttribute("href", `/can-bo/cham-diem/${dossierId}`);
  await first.goto(`/can-bo/ho-so/${dossierId}`);
  await expect(first.getByText("Bạn thấy điểm của các thành viên khác sau khi nộp phiếu của mình.")).toBeVisible();
  await first.getByRole("link", { name: "Mở phiếu chấm của bạn" }).click();
  await expect(first.getByRole("heading", { level: 1 })).toHaveText(`Phiếu chấm: ${product}`);
  await phoneScreenshot(first, "council-sheet", testInfo.project.name);
  if (javaScriptEnabled) {
    await expect(first.locator("main[data-hydrated]")).toBeVisible();
    await first.context().setOffline(true);
    await chooseBestEverywhere(first);
    await expect(first.getByText(/Mất kết nối/)).toBeVisible();
    await first.context().setOffline(false);
    // Back online, the sheet kept on the device is sent without anything else touched.
    await expect(first.getByText("Đã lưu bản nháp.")).toBeVisible();
  } else {
    await chooseBestEverywhere(first);
  }
  await first.getByLabel("Ghi chú tiêu chí 1.1").fill("Đã đối chiếu bản gốc");
  await first.getByLabel("Ghi chú tiêu chí 1.1").blur();
  await submitSheet(first, javaScriptEnabled);
  await first.reload();
  await expect(first.getByLabel("Ghi chú tiêu chí 1.1")).toHaveValue("Đã đối chiếu bản gốc");

  // The second member scores far lower.
  const second = await staffPage(browser, javaScriptEnabled, "thanhvien2@ocop.demo");
  await second.goto(`/can-bo/cham-diem/${dossierId}`);
  await chooseBestEverywhere(second, true);
  await submitSheet(second, javaScriptEnabled);

  await chair.goto(`/can-bo/ho-so/${dossierId}`);
  const council = chair.getByRole("region", { name: "Hội đồng chấm điểm" });
  await expect(council.getByRole("row").filter({ hasText: "Thành viên Hai Demo" })).toContainText("Xa điểm giữa nhất");
  await expect(council.getByText("xa điểm giữa nhất: Thành viên Hai Demo.")).toBeVisible();
  await confirm(chair, "Kết thúc chấm điểm");
  await expect(chair.getByText(/chênh nhau quá 10 điểm; hội đồng cần thảo luận và chấm lại/)).toBeVisible();
  await confirm(council, "Mở lại phiếu của Thành viên Hai Demo để chấm lại");
  await expect(council.getByRole("row").filter({ hasText: "Thành viên Hai Demo" })).toContainText("Chưa nộp");

  await second.goto(`/can-bo/cham-diem/${dossierId}`);
  await chooseBestEverywhere(second);
  await submitSheet(second, javaScriptEnabled);

  await chair.goto(`/can-bo/ho-so/${dossierId}`);
  // A whole average is written whole, as every score is (89,67 but 100).
  await expect(council).toContainText("Điểm trung bình: 100 ·");
  await confirm(chair, "Kết thúc chấm điểm");
  await expect(chair.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Chờ quyết định")).toBeVisible();
  // Its only dossier scored, the chair closes the round.
  await chair.getByRole("region", { name: "Hội đồng chấm điểm" }).getByRole("link", { name: roundName }).click();
  await confirm(chair, "Kết thúc đợt đánh giá");
  await expect(chair.getByText(/· đã kết thúc/)).toBeVisible();
  await expect(asking(chair, "Kết thúc đợt đánh giá")).toHaveCount(0);
  await page.goto("/thong-bao");
  await expect(page.getByText(/Yêu cầu kiểm nghiệm bổ sung: Kiểm nghiệm thêm dư lượng kháng sinh/)).toBeVisible();
  // Opening the page marked nothing read; the button does.
  await expect(page.locator(".badge-new").first()).toBeVisible();
  await page.getByRole("button", { name: "Đánh dấu tất cả là đã đọc" }).click();
  await expect(page.locator(".badge-new")).toHaveCount(0);
  await expect(page.getByText(/Yêu cầu kiểm nghiệm bổ sung/)).toBeVisible();
  await page.goto(dossierUrl);
  await expect(page.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Chờ quyết định")).toBeVisible();
  await expect(page.getByRole("region", { name: "Kết quả chấm điểm của Hội đồng" })).toContainText("Điểm trung bình: 100/100");

  // 100 points: the province refers it; the central council scores it again; the national
  // officer records the ministry's decision.
  await province.goto(`/can-bo/ho-so/${dossierId}`);
  await confirm(province, "Chuyển Hội đồng cấp Trung ương");
  await expect(province.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Chuyển Hội đồng cấp Trung ương")).toBeVisible();
  const national = await staffPage(browser, javaScriptEnabled, "trunguong@ocop.demo");
  await national.goto(`/can-bo/ho-so/${dossierId}`);
  await expect(asking(national, "Công nhận và cấp giấy chứng nhận")).toHaveCount(0);
  await national.goto("/can-bo/dot-danh-gia");
  const centralRound = `Đợt Trung ương ${testInfo.project.name} ${Date.now()}`;
  await national.getByLabel("Tên đợt").fill(centralRound);
  await national.getByLabel("Ngày bắt đầu").fill("2026-12-01");
  await national.getByLabel("Ngày kết thúc").fill("2026-12-05");
  await national.getByRole("button", { name: "Mở đợt đánh giá" }).click();
  await expect(national.getByRole("heading", { level: 1 })).toHaveText(centralRound);
  await seatAndAssign(national, "Chủ tịch Hội đồng Trung ương Demo", ["Thành viên Trung ương Một Demo", "Thành viên Trung ương Hai Demo"], product);
  await national.goto(`/can-bo/ho-so/${dossierId}`);
  await confirm(national, "Chuyển hội đồng chấm điểm");
  await expect(national.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Hội đồng cấp Trung ương đang chấm điểm")).toBeVisible();
  const centralChair = await staffPage(browser, javaScriptEnabled, "chutich.trunguong@ocop.demo");
  for (const who of ["chutich.trunguong@ocop.demo", "thanhvien1.trunguong@ocop.demo", "thanhvien2.trunguong@ocop.demo"]) {
    const member = who.startsWith("chutich") ? centralChair : await staffPage(browser, javaScriptEnabled, who);
    await member.goto(`/can-bo/cham-diem/${dossierId}`);
    await chooseBestEverywhere(member);
    await submitSheet(member, javaScriptEnabled);
    if (member !== centralChair) await member.context().close();
  }
  await centralChair.goto(`/can-bo/ho-so/${dossierId}`);
  await confirm(centralChair, "Kết thúc chấm điểm");
  await expect(centralChair.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Chờ Bộ quyết định công nhận 5 sao")).toBeVisible();
  await national.goto(`/can-bo/ho-so/${dossierId}`);
  await national.getByLabel("Số quyết định").fill("1234/QĐ-BNNMT");
  await national.getByLabel("Ngày quyết định").fill("2099-01-01");
  await confirm(national, "Công nhận và cấp giấy chứng nhận");
  await expect(national.getByText("Ngày quyết định không thể sau hôm nay.")).toBeVisible();
  await expect(national.getByLabel("Số quyết định")).toHaveValue("1234/QĐ-BNNMT");
  await national.getByLabel("Ngày quyết định").fill("2026-11-20");
  await confirm(national, "Công nhận và cấp giấy chứng nhận");
  const certificate = national.getByRole("region", { name: "Giấy chứng nhận OCOP" });
  await expect(certificate).toContainText(/\d{4}\/2026\/GCN-OCOP-BNNMT/);
  await expect(certificate).toContainText("20/11/2029");

  // The product is in the public catalog at once, with five stars, and its stamp verifies.
  const citizen = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await citizen.goto(`/?q=${encodeURIComponent(product)}`);
  const card = citizen.getByRole("link", { name: product });
  await expect(card).toBeVisible();
  await card.click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(citizen.getByText("★★★★★").first()).toBeVisible();
  await expect(citizen.getByText("100/100 điểm")).toBeVisible();
  const stampUrl = await certificate.getByRole("link", { name: "Trang xác thực tem" }).getAttribute("href");
  await citizen.goto(stampUrl!);
  await expect(citizen.getByText("Tem thật: sản phẩm đang được công nhận OCOP")).toBeVisible();

  // The producer sees the certificate; a revocation makes the stamp say so.
  await page.goto(dossierUrl);
  await expect(page.getByRole("region", { name: "Giấy chứng nhận OCOP" })).toContainText("1234/QĐ-BNNMT");
  await expect(page.getByRole("region", { name: "Kết quả chấm điểm của Hội đồng" })).toContainText("40 / 40");
  await page.goto("/san-pham-cua-toi");
  await page.getByRole("link", { name: "In giấy chứng nhận" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" })).toBeVisible();
  await expect(page.getByText("Quyết định số 1234/QĐ-BNNMT ngày 20/11/2026")).toBeVisible();
  // A five-star certificate is the ministry's: the province has no revocation form; the national
  // officer revokes it from the product's record.
  await province.goto(`/can-bo/ho-so/${dossierId}`);
  await expect(asking(province, "Thu hồi giấy chứng nhận")).toHaveCount(0);
  await national.goto(`/can-bo/ho-so/${dossierId}`);
  await national.getByRole("region", { name: "Giấy chứng nhận OCOP" }).getByRole("link", { name: "Sửa bản ghi sản phẩm" }).click();
  await national.locator("summary", { hasText: "Thu hồi giấy chứng nhận" }).click();
  await national.getByLabel("Căn cứ thu hồi").selectOption("misuse_of_mark");
  await national.getByLabel("Số quyết định thu hồi").fill("99/QĐ-BNNMT");
  await national.getByLabel("Ngày quyết định thu hồi").fill("2026-11-24");
  await national.getByRole("button", { name: "Thu hồi giấy chứng nhận" }).click();
  await expect(national.getByText(/Thu hồi giấy chứng nhận từ ngày 24\/11\/2026: Sử dụng sai nhãn hiệu OCOP/).first()).toBeVisible();
  await citizen.goto(stampUrl!);
  await expect(citizen.getByText("Chứng nhận OCOP đã bị thu hồi ngày 24/11/2026")).toBeVisible();
  // The product page says so first, and the catalog lists it only among the revoked.
  await citizen.getByRole("link", { name: product }).click();
  await expect(citizen.locator(".status-warning")).toHaveText(
    "Chứng nhận OCOP của sản phẩm này đã bị thu hồi ngày 24/11/2026 (lý do: Sử dụng sai nhãn hiệu OCOP).",
  );
  await citizen.goto(`/?q=${encodeURIComponent(product)}`);
  await expect(citizen.locator(".product-card")).toHaveCount(0);
  await citizen.goto(`/?q=${encodeURIComponent(product)}&status=revoked`);
  await expect(citizen.locator(".product-card .badge-revoked")).toHaveText("Đã bị thu hồi");
  for (const p of [commune, province, chair, first, second, national, centralChair, citizen]) await p.context().close();
});

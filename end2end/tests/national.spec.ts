import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  asking,
  chooseBestEverywhere,
  confirm,
  chooseBestBut,
  fillCommuneReview,
  producerAccount,
  seatAndAssign,
  signInAs,
  staffPage,
  submitSheet,
  submittedDossier,
} from "./helpers";

// The law after the province's council: what it rates five stars goes to the central council,
// which scores it again; below five stars there, the province certifies on the central scores.
// And any certificate in force, imported ones too, is revoked by the authority that issued it.

const PROVINCE_COUNCIL = ["chutich.hoidong@ocop.demo", "thanhvien1@ocop.demo", "thanhvien2@ocop.demo"];
const CENTRAL_COUNCIL = ["chutich.trunguong@ocop.demo", "thanhvien1.trunguong@ocop.demo", "thanhvien2.trunguong@ocop.demo"];

/** Each member of a council answers their sheet with `choose` and submits it; then the chair (the
 * first) closes the scoring and sees the step it leads to. */
async function councilScores(browser: Browser, javaScriptEnabled: boolean, council: string[], dossierId: string,
  choose: (member: Page) => Promise<void>, average: string, next: string) {
  for (const who of council) {
    const member = await staffPage(browser, javaScriptEnabled, who);
    await member.goto(`/can-bo/cham-diem/${dossierId}`);
    await choose(member);
    await submitSheet(member, javaScriptEnabled);
    await member.context().close();
  }
  const chair = await staffPage(browser, javaScriptEnabled, council[0]);
  await chair.goto(`/can-bo/ho-so/${dossierId}`);
  await expect(chair.getByRole("region", { name: "Hội đồng chấm điểm" })).toContainText(`Điểm trung bình: ${average} ·`);
  await confirm(chair, "Kết thúc chấm điểm");
  await expect(chair.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText(next)).toBeVisible();
  await chair.context().close();
}

/** The council's officer opens a round on the rounds page. */
async function openRound(officer: Page, name: string) {
  await officer.goto("/can-bo/dot-danh-gia");
  await officer.getByLabel("Tên đợt").fill(name);
  await officer.getByLabel("Ngày bắt đầu").fill("2026-12-01");
  await officer.getByLabel("Ngày kết thúc").fill("2026-12-05");
  await officer.getByRole("button", { name: "Mở đợt đánh giá" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText(name);
}

test("scored below ninety by the central council, the dossier returns to its province, which certifies four stars", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(240_000);
  const product = `Mật ong Trung ương ${testInfo.project.name} ${Date.now()}`;
  await producerAccount(page, "Hồ Thị Nhàn", testInfo.project.name);
  const dossierId = (await submittedDossier(page, product, javaScriptEnabled)).split("/").pop();
  const dossier = `/can-bo/ho-so/${dossierId}`;

  const commune = await staffPage(browser, javaScriptEnabled, "canbo.xa@ocop.demo");
  await commune.goto(dossier);
  await fillCommuneReview(commune);
  await confirm(commune, "Chuyển lên cấp tỉnh");
  await expect(commune.getByText("Bạn không có thao tác nào với hồ sơ ở bước này.")).toBeVisible();

  // The province's council scores it 100: five stars, referred.
  const province = await staffPage(browser, javaScriptEnabled, "canbo.tinh@ocop.demo");
  await openRound(province, `Đợt tỉnh ${testInfo.project.name} ${Date.now()}`);
  await seatAndAssign(province, "Chủ tịch Hội đồng Demo", ["Thành viên Một Demo", "Thành viên Hai Demo"], product);
  await province.goto(dossier);
  await confirm(province, "Chuyển hội đồng chấm điểm");
  await councilScores(browser, javaScriptEnabled, PROVINCE_COUNCIL, dossierId!, chooseBestEverywhere, "100", "Chờ quyết định");
  await province.goto(dossier);
  await confirm(province, "Chuyển Hội đồng cấp Trung ương");
  await expect(province.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Chuyển Hội đồng cấp Trung ương")).toBeVisible();

  // The central council scores it 87.
  const national = await staffPage(browser, javaScriptEnabled, "trunguong@ocop.demo");
  await openRound(national, `Đợt Trung ương ${testInfo.project.name} ${Date.now()}`);
  await seatAndAssign(national, "Chủ tịch Hội đồng Trung ương Demo", ["Thành viên Trung ương Một Demo", "Thành viên Trung ương Hai Demo"], product);
  await national.goto(dossier);
  await confirm(national, "Chuyển hội đồng chấm điểm");
  await expect(national.getByRole("region", { name: "Tiến trình hồ sơ" }).getByText("Hội đồng cấp Trung ương đang chấm điểm")).toBeVisible();
  // 87 points: the honey sheet's best, less 13 points in criteria that carry no minimum
  // requirement (so the rating is four stars by its points alone).
  const eightySeven = { "1.1": 1, "1.2": 0, "1.4": 1, "1.7": 0, "3.1": 1, "3.3": 1, "4.2": 1 };
  await councilScores(browser, javaScriptEnabled, CENTRAL_COUNCIL, dossierId!, (member) => chooseBestBut(member, eightySeven), "87",
    "Trả về tỉnh: chưa đạt 5 sao ở cấp Trung ương");

  // The ministry has nothing to decide; the province certifies four stars on the central scores.
  await national.goto(dossier);
  await expect(asking(national, "Công nhận và cấp giấy chứng nhận")).toHaveCount(0);
  await province.goto(dossier);
  // The stars come with their reason.
  await expect(province.getByText("87,00 điểm → 4 sao theo điểm.").first()).toBeVisible();
  await province.getByLabel("Số quyết định").fill("501/QĐ-UBND");
  await province.getByLabel("Ngày quyết định").fill("2026-11-30");
  await confirm(province, "Công nhận và cấp giấy chứng nhận");
  const certificate = province.getByRole("region", { name: "Giấy chứng nhận OCOP" });
  await expect(certificate).toContainText(/\d{4}\/2026\/GCN-OCOP-48/);
  await expect(certificate.getByRole("img", { name: "4 sao" })).toBeVisible();
  await page.goto(`/ho-so-danh-gia/${dossierId}`);
  await expect(page.getByRole("region", { name: "Kết quả chấm điểm của Hội đồng" })).toContainText("Điểm trung bình: 87/100");
  for (const p of [commune, province, national]) await p.context().close();
});

test("an imported certificate is revoked by its province, and its stamp says so", async ({ page, request, browser }, testInfo) => {
  // Two 2023 products of Đà Nẵng's published list, one for each project (they share a server).
  const product = testInfo.project.name === "hydrated" ? "Lạp xưởng tươi Minkai" : "Gà thả vườn Kê Sơn";
  const found = await (await request.get(`/api/v1/products?q=${encodeURIComponent(product)}&status=all`)).json();
  const id = found.items.find((item: { name: string }) => item.name === product).id;
  const stamp = (await (await request.get(`/api/v1/products/${id}`)).json()).stamp_code;
  expect(stamp).toBeTruthy();

  await signInAs(page, "canbo.tinh@ocop.demo");
  await page.goto(`/can-bo/san-pham/${id}`);
  // The finding first: the record then counts the 15 days the law gives for the decision.
  await page.locator("summary", { hasText: "Ghi nhận phát hiện vi phạm" }).click();
  await page.getByLabel("Căn cứ của phát hiện").selectOption("misuse_of_mark");
  await page.getByLabel("Ngày phát hiện").fill("2026-11-30");
  await page.getByRole("button", { name: "Ghi nhận phát hiện" }).click();
  await expect(page.getByText(/Phát hiện ngày 30\/11\/2026 .*chậm nhất ngày 15\/12\/2026/).first()).toBeVisible();
  await page.locator("summary", { hasText: "Thu hồi giấy chứng nhận" }).click();
  // A date ahead of today is refused beside its field, what was typed kept.
  await page.getByLabel("Căn cứ thu hồi").selectOption("misuse_of_mark");
  await page.getByLabel("Số quyết định thu hồi").fill("12/QĐ-UBND");
  await page.getByLabel("Ngày quyết định thu hồi").fill("2999-01-01");
  await page.getByRole("button", { name: "Thu hồi giấy chứng nhận" }).click();
  await expect(page.getByText("Ngày quyết định không thể sau hôm nay.").first()).toBeVisible();
  await expect(page.getByLabel("Số quyết định thu hồi")).toHaveValue("12/QĐ-UBND");
  await page.getByLabel("Ngày quyết định thu hồi").fill("2026-12-01");
  await page.getByRole("button", { name: "Thu hồi giấy chứng nhận" }).click();
  await expect(page.getByText(/Thu hồi giấy chứng nhận từ ngày 01\/12\/2026: Sử dụng sai nhãn hiệu OCOP/).first()).toBeVisible();

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(`/xac-thuc/${stamp}`);
  await expect(citizen.getByText("Chứng nhận OCOP đã bị thu hồi ngày 01/12/2026")).toBeVisible();
  await citizen.context().close();
});

import { expect, test } from "@playwright/test";
import { producerAccount, signInAs, submittedDossier } from "./helpers";

// A dossier failing a ground of its score sheet is excluded by the commune before any scoring:
// a refusal without a ground or a reason says so beside the field and keeps what was typed;
// once disqualified, nothing more can be done with it, and the producer sees why.

test("the commune disqualifies a dossier on a ground of its sheet and the producer sees why", async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const product = `Mật ong loại ${testInfo.project.name} ${Date.now()}`;
  await producerAccount(page, "Lý Văn Tư", testInfo.project.name);
  const dossierUrl = await submittedDossier(page, product, javaScriptEnabled);

  const officer = await browser.newPage({ javaScriptEnabled });
  await signInAs(officer, "canbo.xa@ocop.demo");
  await officer.getByRole("row").filter({ hasText: product }).getByRole("link", { name: product }).click();
  const form = officer.getByRole("region", { name: "Loại hồ sơ" });
  const reason = "Giấy chứng nhận cơ sở đủ điều kiện ATTP đã hết hạn từ tháng 3/2025.";

  // No ground: refused beside the field, the reason kept.
  await form.getByLabel("Điều không đáp ứng (chủ thể sẽ nhận được nội dung này)").fill(reason);
  await form.getByRole("button", { name: "Loại hồ sơ" }).click();
  await expect(officer.getByText("Hãy chọn căn cứ loại hồ sơ.").first()).toBeVisible();
  await expect(officer.getByLabel("Điều không đáp ứng (chủ thể sẽ nhận được nội dung này)")).toHaveValue(reason);

  await officer.getByLabel("Căn cứ loại hồ sơ").selectOption("production_conditions");
  await officer.getByRole("button", { name: "Loại hồ sơ" }).click();
  const timeline = officer.getByRole("region", { name: "Tiến trình hồ sơ" });
  await expect(timeline.getByText(reason)).toBeVisible();
  await expect(officer.getByText("Bạn không có thao tác nào với hồ sơ ở bước này.")).toBeVisible();
  await expect(officer.getByRole("region", { name: "Loại hồ sơ" })).toHaveCount(0);

  await page.goto(dossierUrl);
  const theirs = page.getByRole("region", { name: "Tiến trình hồ sơ" });
  await expect(theirs.getByText("Hồ sơ bị loại").first()).toBeVisible();
  await expect(theirs.getByText(reason)).toBeVisible();
  await officer.close();
});

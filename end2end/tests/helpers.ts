import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

// Steps several journeys share.

export const HONEY = "mat-ong-mat-khac-tpthuc-khac";
let serial = 0;

/** A new account with a filed producer profile, signed in on `page`. */
export async function producerAccount(page: Page, who: string, project: string) {
  const stamp = `${Date.now()}${serial++}`;
  await signUpConfirmed(page, who, `${project}-${stamp}@example.vn`, "mật khẩu dài dài", "/ho-so");
  // A setup step, not a race: with JavaScript, act on the live page (the profile spec covers
  // choices made before hydration).
  // `project` is the Playwright project's name, perhaps behind a prefix ("a11y-hydrated").
  const hydrated = project.endsWith("hydrated");
  if (hydrated) await expect(page.locator("main[data-hydrated=true]")).toBeAttached();
  await page.getByLabel("Loại hình chủ thể").selectOption("household");
  await page.getByLabel("Tên chủ thể (theo đăng ký kinh doanh)").fill(`Hộ ${who}`);
  await page.getByLabel("Mã số doanh nghiệp / mã số thuế").fill(stamp.slice(-10).padStart(10, "7"));
  await page.getByLabel("Người đại diện theo pháp luật").fill(who);
  await page.getByLabel("Tỉnh, thành phố").selectOption("48");
  // Hydrated, the communes load on choosing; the button is the no-JS path (asking whether it is
  // visible raced with hydration hiding it).
  if (!hydrated) await page.getByRole("button", { name: "Tải danh sách xã, phường của tỉnh đã chọn" }).click();
  await page.getByLabel("Xã, phường").selectOption("20194");
  await page.getByLabel("Địa chỉ (số nhà, thôn, ấp)").fill("Thôn 1");
  await page.getByLabel("Số điện thoại", { exact: true }).fill("0905123456");
  await page.getByRole("button", { name: "Lưu hồ sơ chủ thể" }).click();
  await expect(page.getByText("Đã lưu hồ sơ chủ thể.")).toBeVisible();
}


/** Chooses, in every criterion of the score sheet on `page`, the option worth the most points (or the fewest). */
export async function chooseBestEverywhere(page: Page, worst = false) {
  const criteria = page.locator("fieldset.criterion");
  await expect(criteria.first()).toBeVisible();
  const count = await criteria.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) {
    const criterion = criteria.nth(i);
    const points = (await criterion.locator(".option-points").allTextContents()).map((t) => parseInt(t, 10));
    const pick = points.indexOf(worst ? Math.min(...points) : Math.max(...points));
    await criterion.locator("input[type=radio]").nth(pick).check();
  }
}

/** Answers a sheet with the best option everywhere but in the criteria `lowered` names, where
 * it chooses the option worth the points given (criterion code → points). */
export async function chooseBestBut(page: Page, lowered: Record<string, number>) {
  const criteria = page.locator("fieldset.criterion");
  await expect(criteria.first()).toBeVisible();
  const count = await criteria.count();
  let found = 0;
  for (let i = 0; i < count; i++) {
    const criterion = criteria.nth(i);
    const code = (await criterion.locator("legend").textContent())!.split(". ")[0];
    const points = (await criterion.locator(".option-points").allTextContents()).map((t) => parseInt(t, 10));
    const wanted = code in lowered ? lowered[code] : Math.max(...points);
    if (code in lowered) found++;
    await criterion.locator("input[type=radio]").nth(points.indexOf(wanted)).check();
  }
  expect(found).toBe(Object.keys(lowered).length);
}

/** Registers `product`, answers its whole score sheet and submits it to the commune; returns the dossier's address. */
export async function submittedDossier(page: Page, product: string, javaScriptEnabled: boolean) {
  await page.goto("/san-pham-cua-toi");
  await page.getByLabel("Tên sản phẩm").fill(product);
  await page.getByLabel("Nhóm sản phẩm (quyết định phiếu đánh giá)").selectOption(HONEY);
  await page.getByRole("button", { name: "Đăng ký sản phẩm" }).click();
  await expect(page.getByText("Đã đăng ký sản phẩm.")).toBeVisible();
  await page.getByRole("button", { name: "Mở hồ sơ đánh giá, phân hạng lần đầu" }).click();
  await expect(page).toHaveURL(/\/ho-so-danh-gia\/\d+$/);
  const url = page.url();
  await chooseBestEverywhere(page);
  if (javaScriptEnabled) {
    await expect(page.getByText("Đã lưu bản nháp.")).toBeVisible();
  } else {
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
  }
  await page.goto(url);
  await confirm(page, "Nộp hồ sơ cho UBND cấp xã");
  await expect(page.getByText("Hồ sơ đã nộp.")).toBeVisible();
  return url;
}

/** The demo staff, made by the test server's --demo-staff-password. */
export const STAFF_PASSWORD = process.env.STAFF_PASSWORD ?? "mật khẩu cán bộ demo";

export async function signInAs(page: Page, name: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email hoặc số điện thoại").fill(name);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // Staff land where their work is: the inbox, or the staff list for the administrator.
  await expect(page).toHaveURL(/\/can-bo(\/nhan-su)?$/);
}

/**
 * Signs up on `/dang-ky` (going on to `next`), is told to check the mailbox, opens the link
 * mailed to `email` and confirms it with the password: signed in at `next` (the account page
 * when none).
 */
export async function signUpConfirmed(page: Page, who: string, email: string, password: string, next?: string) {
  await page.goto(next ? `/dang-ky?tiep=${next}` : "/dang-ky");
  await page.getByLabel("Họ và tên").fill(who);
  await page.getByLabel("Email hoặc số điện thoại").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await confirmMailed(page, email, password, next);
}

/** Opens the confirmation link mailed to `email` and confirms it with `password`. */
export async function confirmMailed(page: Page, email: string, password: string, next?: string) {
  await expect(page.getByText("Hãy kiểm tra hộp thư")).toBeVisible();
  await page.goto(mailedLink(email, "xac-nhan"));
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page).toHaveURL(new RegExp(`${(next ?? "/tai-khoan").replaceAll("/", "\\/")}$`));
}

/**
 * The link to `/path/…` (a reset or invitation: `dat-lai-mat-khau`; a confirmation: `xac-nhan`)
 * of the newest message sent to `to`, from the server's mail folder.
 */
export function mailedLink(to: string, path = "dat-lai-mat-khau"): string {
  const link = messagesTo(to).findLast((text) => text.includes(`/${path}/`))?.match(new RegExp(`https?://\\S+/${path}/\\S+`))?.[0];
  if (!link) throw new Error(`no message with a link to /${path}/ for ${to}`);
  const url = new URL(link);
  return url.pathname + url.search;
}

/** The messages sent to `to`, oldest first, each as written: `To:`, `Subject:`, then the body. */
export function messagesTo(to: string): string[] {
  const folder = process.env.MAIL_DIR;
  if (!folder) throw new Error("MAIL_DIR is not set: run the README's test command.");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => readFileSync(join(folder, file), "utf8"))
    .filter((text) => text.startsWith(`To: ${to}\n`));
}

export const COMMUNE_POINTS = [
  "Nguồn gốc sản phẩm và nguyên liệu",
  "Sử dụng lao động địa phương",
  "Nguồn gốc ý tưởng sản phẩm",
  "Tính đặc trưng, bản sắc và tri thức địa phương",
];

/** On an officer's open dossier page: the commune's review, all points met, documents complete, saved. */
export async function fillCommuneReview(officer: Page) {
  const review = officer.getByRole("region", { name: "Phiếu đánh giá của UBND cấp xã (Mẫu 03)" });
  for (const point of COMMUNE_POINTS) {
    await review.getByRole("group", { name: point }).getByLabel("Đạt", { exact: true }).check();
  }
  await review.getByLabel("Hồ sơ đã đủ thành phần theo quy định").check();
  await review.getByRole("button", { name: "Lưu phiếu đánh giá" }).click();
  await expect(officer.getByText("Đã lưu phiếu đánh giá.")).toBeVisible();
}

/** A real PNG picture of `width` × `height` pixels, a colour gradient, for upload journeys. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // 8 bits a channel
  header.writeUInt8(2, 9); // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = 96;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A new browser context signed in as `name`, staff. */
export async function staffPage(browser: Browser, javaScriptEnabled: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signInAs(page, name);
  return page;
}

/** On a round's page just opened, seats its chair and members and puts the dossier in. */
export async function seatAndAssign(officer: Page, chair: string, members: string[], product: string) {
  await officer.getByRole("button", { name: `Xếp ${chair} làm Chủ tịch hội đồng` }).click();
  for (const member of members) {
    await officer.getByRole("button", { name: `Xếp ${member} làm Thành viên hội đồng` }).click();
  }
  await expect(asking(officer, `Bỏ ghế: ${members[members.length - 1]}`)).toBeVisible();
  await officer.getByRole("button", { name: `Đưa vào đợt: ${product}` }).click();
  await expect(officer.getByRole("button", { name: `Đưa vào đợt: ${product}` })).toHaveCount(0);
}

/** Saves (without JavaScript, by the button) and submits the member's sheet. */
export async function submitSheet(member: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) {
    await expect(member.getByText("Đã lưu bản nháp.")).toBeVisible();
  } else {
    await member.getByRole("button", { name: "Lưu bản nháp" }).click();
    await expect(member.locator("fieldset.criterion").first()).toBeVisible();
  }
  await member.getByRole("button", { name: "Nộp phiếu chấm" }).click();
  await expect(member.getByText("Đã nộp phiếu.", { exact: false })).toBeVisible();
}

/** The first press of a button that asks before it acts: the `<summary>` opening what it will do. */
export function asking(page: Page | Locator, name: string): Locator {
  return page.locator(`summary[aria-label="${name}"]`).or(page.locator("summary:not([aria-label])", { hasText: name }));
}

/** Presses a button that asks before it acts: opens its question (unless open), then confirms. */
export async function confirm(page: Page | Locator, name: string) {
  const summary = asking(page, name);
  if ((await summary.locator("xpath=..").getAttribute("open")) === null) await summary.click();
  await page.getByRole("button", { name: `Xác nhận: ${name}` }).click();
}

/** What a person sees on a 360 × 740 phone, kept as end2end/screenshots/NAME.png for a
 * reviewer (written again by every run, by the hydrated project only). */
export async function phoneScreenshot(page: Page, name: string, project: string) {
  if (project !== "hydrated") return;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(__dirname, "..", "screenshots", `${name}.png`) });
  if (size) await page.setViewportSize(size);
}

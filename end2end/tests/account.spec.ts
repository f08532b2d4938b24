import { expect, test, type Page } from "@playwright/test";
import { confirmMailed, mailedLink } from "./helpers";

// A producer's account, from sign-up to a password reset, hydrated and with JavaScript off.

function uniqueEmail(project: string): string {
  return `lan-${project}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.vn`;
}

async function signIn(page: Page, name: string, password: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email hoặc số điện thoại").fill(name);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

async function fillSignUp(page: Page, name: string, email: string, password: string, again = password) {
  await page.goto("/dang-ky");
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Email hoặc số điện thoại").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(again);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
}

// Every refused field at once, not one per submission: listed at the top, each beside its field.
test("sign-up names every refused field at once", async ({ page }) => {
  await fillSignUp(page, "Nguyễn Thị Lan", "0912", "mật khẩu của Lan", "mật khẩu của Lân");
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("2 ô chưa đúng:");
  await expect(summary.getByRole("link")).toHaveCount(2);
  await expect(summary.getByRole("link").first()).toHaveAttribute("href", "#sign_in_name");
  await expect(summary.getByRole("link").last()).toHaveAttribute("href", "#password");
  await expect(page.locator(".field-error", { hasText: "Hai lần nhập mật khẩu không khớp nhau." })).toBeVisible();
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Lan");
});

test("sign up, stay signed in across a reload, sign out and back in", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo.project.name);
  await fillSignUp(page, "Nguyễn Thị Lan", email, "mật khẩu của Lan", "mật khẩu của Lân");

  // Refused next to the field, and nothing typed (but the passwords) is lost.
  await expect(page.getByText("Hai lần nhập mật khẩu không khớp nhau.")).toBeVisible();
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Lan");
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveValue(email);

  await page.getByLabel("Mật khẩu", { exact: true }).fill("mật khẩu của Lan");
  await page.getByLabel("Nhập lại mật khẩu").fill("mật khẩu của Lan");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  // Told to open the link sent to the address; confirmed with the password chosen.
  await confirmMailed(page, email, "mật khẩu của Lan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nguyễn Thị Lan");
  await expect(page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Nguyễn Thị Lan" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nguyễn Thị Lan");
  await expect(page.getByText(email)).toBeVisible();

  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await expect(page.getByText("Bạn đã đăng xuất.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await page.goto("/tai-khoan");
  await expect(page).toHaveURL(/\/dang-nhap/);

  await signIn(page, email.toUpperCase(), "sai mật khẩu");
  await expect(page.getByText("Sai tên đăng nhập hoặc mật khẩu.")).toBeVisible();
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveValue(email.toUpperCase());
  await page.getByLabel("Mật khẩu").fill("mật khẩu của Lan");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/tai-khoan$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nguyễn Thị Lan");
});

test("a forgotten password is reset by a one-time link", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo.project.name);
  await fillSignUp(page, "Trần Văn Nam", email, "mật khẩu cũ của Nam");
  await confirmMailed(page, email, "mật khẩu cũ của Nam");
  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await expect(page.getByText("Bạn đã đăng xuất.")).toBeVisible();

  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await page.getByLabel("Email hoặc số điện thoại của tài khoản").fill(email);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByText("chúng tôi đã gửi tới đó một liên kết")).toBeVisible();

  const link = mailedLink(email);
  await page.goto(link);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mật khẩu mới của Nam");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mật khẩu mới của Nam");
  await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(page).toHaveURL(/\/tai-khoan$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trần Văn Nam");

  // The link was for one use only.
  await page.goto(link);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mật khẩu thứ ba");
  await page.getByLabel("Nhập lại mật khẩu mới").fill("mật khẩu thứ ba");
  await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
  await expect(page.getByText("Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn.")).toBeVisible();
});

// A refused form brings the person to what went wrong: its summary at the top takes the focus
// (drawn by the server after a post without JavaScript, or live), and links to the field.
test("a refused form's summary takes the focus and leads to the field", async ({ page }) => {
  await signIn(page, "không phải email", "mật khẩu bất kỳ");
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "đi tới ô đó" })).toHaveAttribute("href", "#sign_in_name");
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email hoặc số điện thoại")).toHaveValue("không phải email");
});

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::{current_account, ResendConfirmation, SignOut};
use crate::components::{action_error, action_succeeded, FormError};
use crate::components::{PageTitle, SessionChanges};
use crate::domain::Role;
use crate::language::use_language;
use crate::model::vietnamese_date;

/// The signed-in person's account: who they are, and signing out here or everywhere.
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| current_account());
    let sign_out = ServerAction::<SignOut>::new();
    SessionChanges::follow(sign_out.value());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Tài khoản")/>
        <Meta name="robots" content="noindex"/>
        <section class="auth">
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match account.await {
                        Ok(Some(account)) => view! {
                            <h1>{account.display_name.clone()}</h1>
                            <dl class="facts">
                                <dt>{t.tr("Đăng nhập bằng")}</dt>
                                <dd>{account.sign_in_name.clone()}</dd>
                                <dt>{t.tr("Tạo ngày")}</dt>
                                <dd>{vietnamese_date(&account.created_on)}</dd>
                            </dl>
                            {(!account.confirmed).then(|| view! { <ConfirmReminder/> })}
                            <ul class="account-links">
                                <li>
                                    <a href="/thong-bao">
                                        {match account.unread_notifications {
                                            0 => t.tr("Thông báo").to_string(),
                                            n => t.tr_with("Thông báo ({n} chưa đọc)", &[("n", &n)]),
                                        }}
                                    </a>
                                </li>
                                {match account.staff_role {
                                    Some(Role::Administrator) => view! {
                                        <li><a href="/can-bo/nhan-su">{t.tr("Cán bộ và phân quyền")}</a></li>
                                    }.into_any(),
                                    Some(role) => view! {
                                        <li><a href="/can-bo">{t.tr_with("Hồ sơ cần xử lý ({role})", &[("role", &role.label(t))])}</a></li>
                                    }.into_any(),
                                    None => view! {
                                        <li><a href="/ho-so">{t.tr("Hồ sơ chủ thể sản xuất")}</a></li>
                                        <li><a href="/san-pham-cua-toi">{t.tr("Sản phẩm và hồ sơ đánh giá")}</a></li>
                                    }.into_any(),
                                }}
                            </ul>
                            <div class="actions">
                                <ActionForm action=sign_out>
                                    <button type="submit">{t.tr("Đăng xuất")}</button>
                                </ActionForm>
                                <ActionForm action=sign_out>
                                    <input type="hidden" name="everywhere" value="1"/>
                                    <button type="submit" class="secondary">{t.tr("Đăng xuất trên mọi thiết bị")}</button>
                                </ActionForm>
                            </div>
                        }
                        .into_any(),
                        Ok(None) => view! { <Redirect path="/dang-nhap?tiep=/tai-khoan"/> }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// An address not yet proven: what waits for it, and a new link.
#[component]
fn ConfirmReminder() -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    let error = action_error(resend.value());
    let query = use_query_map();
    let sent = action_succeeded(resend.value(), move || query.read().get("da_gui").is_some());
    let t = use_language();
    view! {
        <div class="notice" role="status">
            <p>
                {t.tr("Địa chỉ đăng nhập của bạn chưa được xác nhận. Bạn vẫn khai được hồ sơ và tự đánh giá, nhưng chỉ nộp hồ sơ được sau khi mở liên kết xác nhận chúng tôi đã gửi.")}
            </p>
            <Show when=move || sent.get()>
                <p>{t.tr("Đã gửi liên kết mới (nếu chưa có quá nhiều liên kết còn hạn).")}</p>
            </Show>
            <FormError error fields=&[]/>
            <ActionForm action=resend>
                <button type="submit" class="secondary">{t.tr("Gửi lại liên kết xác nhận")}</button>
            </ActionForm>
        </div>
    }
}

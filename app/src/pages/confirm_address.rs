use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::ConfirmAddress;
use crate::components::{action_error, FormError, FormField, PageTitle, SessionChanges};
use crate::language::use_language;

/// Proving an address from the link sent at sign-up: the password chosen then comes with it, so
/// an account someone else opened with this address cannot be confirmed by its holder's click.
#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    let action = ServerAction::<ConfirmAddress>::new();
    SessionChanges::follow(action.value());
    let error = action_error(action.value());
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let next = move || query.read().get("tiep").unwrap_or_default();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Xác nhận tài khoản")/>
        <Meta name="robots" content="noindex"/>
        // The link holds the token: never in a Referer to another site.
        <Meta name="referrer" content="same-origin"/>
        <section class="auth">
            <h1>{t.tr("Xác nhận tài khoản")}</h1>
            <p>{t.tr("Nhập mật khẩu bạn đã chọn khi tạo tài khoản để xác nhận địa chỉ này là của bạn.")}</p>
            <FormError error fields=&["password", "token"]/>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="next" value=next/>
                <FormField label=t.tr("Mật khẩu") name="password" kind="password" autocomplete="current-password" error/>
                <button type="submit" disabled=move || action.pending().get()>{t.tr("Xác nhận")}</button>
            </ActionForm>
            <p class="auth-links">
                {t.tr("Không phải bạn tạo tài khoản này? Đừng nhập gì cả; nếu đó là địa chỉ của bạn, hãy ")}
                <a href="/quen-mat-khau">{t.tr("đặt mật khẩu mới")}</a> "."
            </p>
        </section>
    }
}

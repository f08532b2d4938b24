use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::api::ResetPassword;
use crate::components::{action_error, FormError, FormField, PageTitle, SessionChanges};
use crate::language::use_language;

/// Setting a new password from the one-time link; the token travels in the page address.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    SessionChanges::follow(action.value());
    let error = action_error(action.value());
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Đặt mật khẩu mới")/>
        <Meta name="robots" content="noindex"/>
        // The link holds the token: it may go in the Referer to this site (forms need it without
        // JavaScript), never to another.
        <Meta name="referrer" content="same-origin"/>
        <section class="auth">
            <h1>{t.tr("Đặt mật khẩu mới")}</h1>
            <FormError error fields=&["password"]/>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <FormField label=t.tr("Mật khẩu mới") name="password" kind="password" autocomplete="new-password" error/>
                <FormField label=t.tr("Nhập lại mật khẩu mới") name="password_again" kind="password" autocomplete="new-password" error/>
                <button type="submit" disabled=move || action.pending().get()>{t.tr("Đặt mật khẩu")}</button>
            </ActionForm>
            <p>{t.tr("Sau khi đặt mật khẩu mới, mọi phiên đăng nhập cũ trên các thiết bị khác sẽ kết thúc.")}</p>
        </section>
    }
}

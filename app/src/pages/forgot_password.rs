use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::RequestPasswordReset;
use crate::components::{action_error, FormError, FormField, PageTitle};
use crate::language::use_language;

/// Asking for a one-time link to set a new password.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let sent = move || query.read().get("da_gui").is_some();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Quên mật khẩu")/>
        <Meta name="robots" content="noindex"/>
        <section class="auth">
            <h1>{t.tr("Quên mật khẩu")}</h1>
            <Show when=sent>
                <p class="notice" role="status">
                    {t.tr("Nếu email hoặc số điện thoại này có tài khoản, chúng tôi đã gửi tới đó một liên kết đặt lại mật khẩu. Liên kết dùng được một lần, trong 60 phút.")}
                </p>
            </Show>
            <FormError error fields=&["sign_in_name"]/>
            <ActionForm action>
                <FormField label=t.tr("Email hoặc số điện thoại của tài khoản") name="sign_in_name" autocomplete="username" error/>
                <button type="submit" disabled=move || action.pending().get()>{t.tr("Gửi liên kết")}</button>
            </ActionForm>
            <p class="auth-links"><a href="/dang-nhap">{t.tr("Quay lại đăng nhập")}</a></p>
        </section>
    }
}

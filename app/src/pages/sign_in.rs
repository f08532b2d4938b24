use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::SignIn;
use crate::components::{action_error, FormError, FormField, PageTitle, SessionChanges};
use crate::language::use_language;

/// Sign-in with an e-mail address or phone number. Works as a plain form without JavaScript.
#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    SessionChanges::follow(action.value());
    let error = action_error(action.value());
    let query = use_query_map();
    let next = move || query.read().get("tiep").unwrap_or_default();
    let signed_out = move || query.read().get("da_dang_xuat").is_some();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Đăng nhập")/>
        <Meta name="robots" content="noindex"/>
        <section class="auth">
            <h1>{t.tr("Đăng nhập")}</h1>
            <Show when=signed_out>
                <p class="notice" role="status">{t.tr("Bạn đã đăng xuất.")}</p>
            </Show>
            <FormError error fields=&["sign_in_name", "password"]/>
            <ActionForm action>
                <FormField label=t.tr("Email hoặc số điện thoại") name="sign_in_name" autocomplete="username" error/>
                <FormField label=t.tr("Mật khẩu") name="password" kind="password" autocomplete="current-password" error/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" disabled=move || action.pending().get()>{t.tr("Đăng nhập")}</button>
            </ActionForm>
            <p class="auth-links">
                <a href="/quen-mat-khau">{t.tr("Quên mật khẩu?")}</a>
                " · "
                <a href="/dang-ky">{t.tr("Tạo tài khoản cho chủ thể sản xuất")}</a>
            </p>
        </section>
    }
}

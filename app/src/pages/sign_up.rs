use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::SignUp;
use crate::components::{action_error, action_succeeded, FormError, FormField, PageTitle};
use crate::domain::NewPassword;
use crate::language::use_language;

/// Opening an account: the first step for a producer who wants to file a dossier.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let next = move || query.read().get("tiep").unwrap_or_default();
    // The same answer whether or not the address had an account: sign-up tells nobody.
    let sent = action_succeeded(action.value(), move || query.read().get("da_gui").is_some());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Tạo tài khoản")/>
        <Meta name="robots" content="noindex"/>
        <section class="auth">
            <h1>{t.tr("Tạo tài khoản")}</h1>
            <Show when=move || sent.get()>
                <div class="notice" role="status">
                    <p>
                        <strong>{t.tr("Hãy kiểm tra hộp thư (hoặc tin nhắn) của bạn.")}</strong>
                        {t.tr(" Chúng tôi đã gửi một liên kết tới địa chỉ bạn vừa nhập. Mở liên kết trong vòng 24 giờ và nhập mật khẩu vừa chọn để xác nhận tài khoản.")}
                    </p>
                    <p>{t.tr("Nếu địa chỉ này đã có tài khoản, tin nhắn sẽ chỉ cách đăng nhập hoặc đặt lại mật khẩu.")}</p>
                </div>
            </Show>
            <p>{t.tr("Dành cho người đại diện hoặc người được giao làm hồ sơ OCOP của chủ thể sản xuất.")}</p>
            <FormError error fields=&["display_name", "sign_in_name", "password"]/>
            <ActionForm action>
                <FormField label=t.tr("Họ và tên") name="display_name" autocomplete="name" error/>
                <FormField
                    label=t.tr("Email hoặc số điện thoại")
                    name="sign_in_name"
                    autocomplete="username"
                    hint=t.tr("Dùng để đăng nhập; chúng tôi gửi liên kết xác nhận tới đây.")
                    error
                />
                <FormField
                    label=t.tr("Mật khẩu")
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint=t.tr("Ít nhất 8 ký tự; một câu dễ nhớ là mật khẩu tốt.")
                    error
                />
                <FormField label=t.tr("Nhập lại mật khẩu") name="password_again" kind="password" autocomplete="new-password" error/>
                <input type="hidden" name="next" value=next/>
                <button type="submit" disabled=move || action.pending().get()>{t.tr("Tạo tài khoản")}</button>
            </ActionForm>
            <p class="auth-links">{t.tr("Đã có tài khoản? ")} <a href="/dang-nhap">{t.tr("Đăng nhập")}</a></p>
        </section>
    }
}

// The password's hint ("Ít nhất 8 ký tự") must say what the rule checks.
const _: () = assert!(NewPassword::MIN_CHARS == 8);

use leptos::prelude::*;

use crate::api::current_account;
use crate::error::AppError;
use crate::language::use_language;

/// Counts sign-ins and sign-outs in this tab (and notifications marked read), so the header asks
/// again who is signed in and what is new for them.
#[derive(Clone, Copy)]
pub struct SessionChanges(RwSignal<u32>);

impl SessionChanges {
    pub fn provide() {
        provide_context(SessionChanges(RwSignal::new(0)));
    }

    /// Bumps the count each time the action succeeds.
    pub fn follow<T: 'static>(value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static) {
        if let Some(SessionChanges(count)) = use_context::<SessionChanges>() {
            Effect::new(move |_| {
                if matches!(value.get(), Some(Ok(_))) {
                    count.update(|n| *n += 1);
                }
            });
        }
    }
}

/// The header link: the person's name when signed in, "Đăng nhập" otherwise.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let changes = use_context::<SessionChanges>().map(|SessionChanges(count)| count);
    let account = Resource::new(move || changes.map(|c| c.get()), |_| current_account());
    let t = use_language();
    let sign_in = move || view! { <a href="/dang-nhap">{t.tr("Đăng nhập")}</a> };
    view! {
        <Transition fallback=sign_in>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(account)) => {
                        let unread = account.unread_notifications;
                        view! {
                            <a href="/tai-khoan" class="account-link">{account.display_name}</a>
                            {(unread > 0).then(|| view! {
                                " "
                                <a href="/thong-bao" class="badge badge-new">
                                    {t.tr_with("{n} thông báo mới", &[("n", &unread)])}
                                </a>
                            })}
                        }
                        .into_any()
                    }
                    _ => sign_in().into_any(),
                }
            })}
        </Transition>
    }
}

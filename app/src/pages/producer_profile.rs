use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{
    get_my_producer, get_producer_members, list_invitations, list_provinces, AnswerInvitation, InviteMember,
    LeaveProducer, RemoveMember, SaveProducerProfile,
};
use crate::components::{
    action_error, action_succeeded, portal_refusal, FormError, FormField, FormSelect, NextSteps, PageTitle,
    PlaceChooser,
};
use crate::domain::{ProducerKind, ProfileForm};
use crate::language::use_language;
use crate::model::{Place, ProducerMembers, ProducerProfile};

/// The producer's profile: who files the dossiers, with the registration number and the
/// address in the 2025 provinces and communes.
#[component]
pub fn ProducerProfilePage() -> impl IntoView {
    let query = use_query_map();
    // Read again after an invitation is accepted or the person leaves, which come back here.
    let producer =
        Resource::new(move || (query.read().get("da_nhan"), query.read().get("da_roi")), |_| get_my_producer());
    let provinces = Resource::new(|| (), |_| list_provinces());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Hồ sơ chủ thể")/>
        <Meta name="robots" content="noindex"/>
        <section class="portal">
            <h1>{t.tr("Hồ sơ chủ thể sản xuất")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match (producer.await, provinces.await) {
                        (Ok(saved), Ok(provinces)) => {
                            let filed = saved.is_some();
                            view! {
                                {(!filed).then(|| view! { <Invitations/> })}
                                <ProfileEditor saved provinces/>
                                {filed.then(|| view! { <Members/> })}
                            }
                            .into_any()
                        }
                        (Err(err), _) | (_, Err(err)) => portal_refusal(err, "/ho-so"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileEditor(saved: Option<ProducerProfile>, provinces: Vec<Place>) -> impl IntoView {
    let action = ServerAction::<SaveProducerProfile>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let saved_now = move || query.read().get("da_luu").is_some();
    let filed = saved.is_some();
    // Filed before, or just now (live, or sent back with `?da_luu` without JavaScript).
    let saved_ok = action_succeeded(action.value(), saved_now);
    let has_profile = Signal::derive(move || filed || saved_ok.get());
    // Without JavaScript, choosing a province reloads this page with the whole form in the
    // address, so nothing typed is lost on the way to the commune list.
    let start = query.with_untracked(|q| q.get("province_code").map(|_| ProfileForm::from_lookup(|name| q.get(name))));
    let start = start.or_else(|| saved.map(|p| p.form)).unwrap_or_default();
    let chosen = |name: &str, fallback: &str| {
        error.get_untracked().and_then(|e| e.kept(name).map(str::to_string)).unwrap_or_else(|| fallback.to_string())
    };
    let province = chosen("province_code", &start.province_code);
    let commune = chosen("commune_code", &start.commune_code);
    let kind = chosen("kind", &start.kind);
    let value = |text: &str| Signal::stored(text.to_string());
    let t = use_language();
    let kinds: Vec<(String, String)> =
        ProducerKind::ALL.iter().map(|k| (k.code().to_string(), k.name(t).to_string())).collect();

    view! {
        <Show when=saved_now>
            <p class="notice" role="status">{t.tr("Đã lưu hồ sơ chủ thể.")}</p>
        </Show>
        <NextSteps has_profile/>
        <FormError error fields=&FIELDS/>
        <ActionForm action>
            <FormSelect label=t.tr("Loại hình chủ thể") name="kind" error options=kinds selected=kind placeholder=t.tr("Chọn loại hình")/>
            <FormField label=t.tr("Tên chủ thể (theo đăng ký kinh doanh)") name="name" autocomplete="organization" value=value(&start.name) error/>
            <FormField
                label=t.tr("Mã số doanh nghiệp / mã số thuế")
                name="tax_code"
                inputmode="numeric"
                hint=t.tr("10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị trực thuộc).")
                value=value(&start.tax_code)
                error
            />
            <FormField label=t.tr("Người đại diện theo pháp luật") name="legal_representative" autocomplete="name"
                value=value(&start.legal_representative) error/>
            <PlaceChooser provinces province commune error reload_to="/ho-so"/>
            <FormField label=t.tr("Địa chỉ (số nhà, thôn, ấp)") name="address" autocomplete="street-address"
                value=value(&start.address) error/>
            <FormField label=t.tr("Số điện thoại") name="phone" kind="tel" autocomplete="tel" value=value(&start.phone) error/>
            <FormField label=t.tr("Email (không bắt buộc)") name="email" kind="email" autocomplete="email"
                value=value(&start.email) error/>
            <FormField label=t.tr("Trang web (không bắt buộc)") name="website" inputmode="url" autocomplete="url"
                value=value(&start.website) error/>
            <button type="submit" disabled=move || action.pending().get()>{t.tr("Lưu hồ sơ chủ thể")}</button>
        </ActionForm>
    }
}

/// Who acts for the producer: the members, the owner removing others, a member leaving, and
/// invitations to someone else (who accepts them from their own account).
#[component]
fn Members() -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let leave = ServerAction::<LeaveProducer>::new();
    let query = use_query_map();
    let changed = move || (invite.version().get(), remove.version().get(), leave.version().get());
    let members = Resource::new(changed, |_| get_producer_members());
    let invited_now = action_succeeded(invite.value(), move || query.read().get("da_moi").is_some());
    let invite_error = action_error(invite.value());
    let remove_error = action_error(remove.value());
    let leave_error = action_error(leave.value());
    let t = use_language();
    view! {
        <section class="members" aria-labelledby="nguoi-lam-ho-so">
            <h2 id="nguoi-lam-ho-so">{t.tr("Người làm hồ sơ")}</h2>
            <FormError error=remove_error fields=&[]/>
            <FormError error=leave_error fields=&[]/>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(list) => view! { <MemberList list remove leave/> }.into_any(),
                        Err(err) => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h3>{t.tr("Mời thêm người làm hồ sơ")}</h3>
            <p>
                {t.tr("Người được mời nhận lời từ tài khoản của chính họ (tạo bằng đúng địa chỉ được mời), rồi xem và làm được mọi hồ sơ của chủ thể.")}
            </p>
            <Show when=move || invited_now.get()>
                <p class="notice" role="status">{t.tr("Đã gửi lời mời. Người đó sẽ làm hồ sơ cùng bạn khi nhận lời.")}</p>
            </Show>
            <FormError error=invite_error fields=&["sign_in_name"]/>
            <ActionForm action=invite>
                <FormField label=t.tr("Email hoặc số điện thoại của người được mời") name="sign_in_name" error=invite_error/>
                <button type="submit" class="secondary">{t.tr("Gửi lời mời")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn MemberList(
    list: ProducerMembers,
    remove: ServerAction<RemoveMember>,
    leave: ServerAction<LeaveProducer>,
) -> impl IntoView {
    let ProducerMembers { members, invited, you_own, you } = list;
    let t = use_language();
    view! {
        <ul class="member-list">
            {members
                .into_iter()
                .map(|member| {
                    let id = member.account_id.to_string();
                    let remove_label = t.tr_with("Bớt {name}", &[("name", &member.display_name)]);
                    let role = if member.owner { t.tr(" (người khai hồ sơ)") } else { "" };
                    let action = if member.account_id == you {
                        (!member.owner).then(|| view! {
                            <ActionForm action=leave>
                                <button type="submit" class="secondary">{t.tr("Rời chủ thể này")}</button>
                            </ActionForm>
                        }.into_any())
                    } else {
                        you_own.then(|| view! {
                            <ActionForm action=remove>
                                <input type="hidden" name="account_id" value=id/>
                                <button type="submit" class="secondary">{remove_label}</button>
                            </ActionForm>
                        }.into_any())
                    };
                    view! { <li>{member.display_name.clone()} {role} {action}</li> }
                })
                .collect_view()}
        </ul>
        {(!invited.is_empty()).then(|| view! { <p>{t.tr("Đang chờ nhận lời: ")} {invited.join(", ")}</p> })}
    }
}

/// Invitations waiting for a person who does not act for a producer yet.
#[component]
fn Invitations() -> impl IntoView {
    let answer = ServerAction::<AnswerInvitation>::new();
    let error = action_error(answer.value());
    let invitations = Resource::new(move || answer.version().get(), |_| list_invitations());
    let t = use_language();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = invitations.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="members" aria-labelledby="loi-moi">
                        <h2 id="loi-moi">{t.tr("Lời mời làm hồ sơ")}</h2>
                        <FormError error fields=&[]/>
                        <ul class="member-list">
                            {list.into_iter().map(|invitation| {
                                let id = invitation.id.to_string();
                                let again = id.clone();
                                view! {
                                    <li>
                                        {t.tr_with("{by} mời bạn làm hồ sơ cho {producer}.", &[("by", &invitation.invited_by), ("producer", &invitation.producer_name)])}
                                        <ActionForm action=answer>
                                            <input type="hidden" name="invitation" value=again/>
                                            <input type="hidden" name="accept" value="1"/>
                                            <button type="submit">{t.tr("Nhận lời")}</button>
                                        </ActionForm>
                                        <ActionForm action=answer>
                                            <input type="hidden" name="invitation" value=id/>
                                            <button type="submit" class="secondary">{t.tr("Từ chối")}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

const FIELDS: [&str; 10] = [
    "kind",
    "name",
    "tax_code",
    "legal_representative",
    "province_code",
    "commune_code",
    "address",
    "phone",
    "email",
    "website",
];

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{list_provinces, list_staff, AppointStaff, SetStaffActive};
use crate::components::{
    action_error, action_succeeded, portal_refusal, ColumnHeads, FormError, FormField, FormSelect, PageTitle,
    PlaceChooser,
};
use crate::domain::StaffPost;
use crate::language::use_language;
use crate::model::{Place, StaffMember};

/// The administrator's page: every staff account with its post, appointing someone to a post,
/// and deactivating or reactivating an account.
#[component]
pub fn StaffAdminPage() -> impl IntoView {
    let appoint = ServerAction::<AppointStaff>::new();
    let toggle = ServerAction::<SetStaffActive>::new();
    let staff = Resource::new(move || (appoint.version().get(), toggle.version().get()), |_| list_staff());
    let provinces = Resource::new(|| (), |_| list_provinces());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Cán bộ và phân quyền")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>{t.tr("Cán bộ và phân quyền")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match (staff.await, provinces.await) {
                        (Ok(staff), Ok(provinces)) => {
                            view! { <StaffList staff toggle/> <AppointForm provinces appoint/> }.into_any()
                        }
                        (Err(err), _) | (_, Err(err)) => portal_refusal(err, "/can-bo/nhan-su"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn StaffList(staff: Vec<StaffMember>, toggle: ServerAction<SetStaffActive>) -> impl IntoView {
    let error = action_error(toggle.value());
    let t = use_language();
    view! {
        <FormError error fields=&[]/>
        <div class="table-scroll">
            <table class="staff-list">
                <ColumnHeads names=vec![t.tr("Họ tên"), t.tr("Đăng nhập bằng"), t.tr("Vai trò"), t.tr("Nơi làm việc"), t.tr("Trạng thái")]/>
                <tbody>
                    {staff
                        .into_iter()
                        .map(|member| {
                            let (label, status) = if member.active {
                                (t.tr("Khoá tài khoản"), t.tr("Đang hoạt động"))
                            } else {
                                (t.tr("Mở lại tài khoản"), t.tr("Đã khoá"))
                            };
                            view! {
                                <tr>
                                    <td>{member.display_name.clone()}</td>
                                    <td>{member.sign_in_name}</td>
                                    <td>{member.role.label(t)}</td>
                                    <td>{member.place.unwrap_or_else(|| t.tr("Toàn quốc").into())}</td>
                                    <td>
                                        {status}
                                        <ActionForm action=toggle attr:class="inline-form">
                                            <input type="hidden" name="account_id" value=member.account_id/>
                                            <input type="hidden" name="active" value=(!member.active).to_string()/>
                                            <button type="submit" class="secondary"
                                                aria-label=format!("{label}: {}", member.display_name)>{label}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

const FIELDS: [&str; 5] = ["sign_in_name", "display_name", "role", "province_code", "commune_code"];

/// Giving a post: a person new to the platform receives a link to set a password.
#[component]
fn AppointForm(provinces: Vec<Place>, appoint: ServerAction<AppointStaff>) -> impl IntoView {
    let error = action_error(appoint.value());
    let t = use_language();
    let query = use_query_map();
    let done = action_succeeded(appoint.value(), move || query.read().get("da_giao").is_some());
    // Without JavaScript, choosing a province reloads the page with the form in the address.
    let refused = error.get_untracked();
    let typed = move |name: &str| {
        refused
            .as_ref()
            .and_then(|e| e.kept(name).map(str::to_string))
            .or_else(|| query.with_untracked(|q| q.get(name)))
            .unwrap_or_default()
    };
    let (province, commune, role) = (typed("province_code"), typed("commune_code"), typed("role"));
    let roles: Vec<(String, String)> =
        StaffPost::ROLES.iter().map(|r| (r.code().to_string(), r.label(t).to_string())).collect();
    let (display_name, sign_in_name) = (Signal::stored(typed("display_name")), Signal::stored(typed("sign_in_name")));
    view! {
        <section aria-labelledby="giao-vai-tro">
            <h2 id="giao-vai-tro">{t.tr("Giao vai trò cán bộ")}</h2>
            <p>{t.tr("Người chưa có tài khoản sẽ nhận liên kết đặt mật khẩu (hiệu lực 7 ngày). Cán bộ xã cần chọn xã, phường; cán bộ tỉnh, tổ tư vấn và hội đồng chọn tỉnh; cán bộ Trung ương và quản trị viên không chọn nơi làm việc.")}</p>
            <Show when=move || done.get()>
                <p class="notice" role="status">{t.tr("Đã giao vai trò và gửi thông báo cho người được giao.")}</p>
            </Show>
            <FormError error fields=&FIELDS/>
            <ActionForm action=appoint>
                <FormField label=t.tr("Họ và tên") name="display_name" autocomplete="off" value=display_name error/>
                <FormField label=t.tr("Email hoặc số điện thoại") name="sign_in_name" value=sign_in_name error/>
                <FormSelect label=t.tr("Vai trò") name="role" error options=roles selected=role placeholder=t.tr("Chọn vai trò")/>
                <PlaceChooser provinces province commune error reload_to="/can-bo/nhan-su"
                    commune_label=t.tr("Xã, phường (cán bộ cấp xã)") province_placeholder=t.tr("Không gắn với tỉnh")
                    commune_placeholder=t.tr("Không gắn với xã")/>
                <button type="submit" disabled=move || appoint.pending().get()>{t.tr("Giao vai trò")}</button>
            </ActionForm>
        </section>
    }
}

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{get_round, AssignToRound, CloseRound, SeatInRound};
use crate::components::{
    action_error, id_number, route_record, ConfirmButton, FormError, LoadedForCaller, PageTitle, SeatChanges,
};
use crate::domain::Seat;
use crate::language::{use_language, Language};
use crate::model::{vietnamese_date, InboxRow, RoundDetail, SeatHolder};

/// One evaluation round: its council (chair, members, advisory team) and its dossiers; the
/// province officer seats people and puts dossiers in while it is open.
#[component]
pub fn RoundPage() -> impl IntoView {
    let seat = ServerAction::<SeatInRound>::new();
    let assign = ServerAction::<AssignToRound>::new();
    let close = ServerAction::<CloseRound>::new();
    let round = route_record(
        id_number,
        move || seat.version().get() + assign.version().get() + close.version().get(),
        get_round,
    );
    let t = use_language();
    view! {
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <p><a href="/can-bo/dot-danh-gia">{t.tr("← Các đợt đánh giá")}</a></p>
            <LoadedForCaller
                resource=round
                render=move |detail| view! { <Round detail seat assign close/> }
                not_found=move || view! {
                    <PageTitle text=t.tr("Không tìm thấy đợt đánh giá")/>
                    <h1>{t.tr("Không tìm thấy đợt đánh giá")}</h1>
                }
                loading=t.tr("Đang tải…")
            />
        </section>
    }
}

#[component]
fn Round(
    detail: RoundDetail,
    seat: ServerAction<SeatInRound>,
    assign: ServerAction<AssignToRound>,
    close: ServerAction<CloseRound>,
) -> impl IntoView {
    let t = use_language();
    let close_error = action_error(close.value());
    let closing = detail.closable.then(|| {
        let round_id = detail.round.id;
        view! {
            <section aria-labelledby="ket-thuc-dot">
                <h2 id="ket-thuc-dot">{t.tr("Kết thúc đợt")}</h2>
                <p class="muted">{t.tr("Khi mọi hồ sơ của đợt đã kết thúc chấm điểm; sau đó không thay đổi được hội đồng, hồ sơ hay phiếu chấm.")}</p>
                <FormError error=close_error fields=&[]/>
                <ActionForm action=close>
                    <input type="hidden" name="round_id" value=round_id/>
                    <ConfirmButton label=t.tr("Kết thúc đợt đánh giá") secondary=true
                        consequence=t.tr("Đợt đánh giá được đóng: hội đồng, hồ sơ và phiếu chấm của đợt không thay đổi được nữa.")
                        pending=close.pending()/>
                </ActionForm>
            </section>
        }
    });
    let round = detail.round.clone();
    let round_id = round.id;
    let seat_error = action_error(seat.value());
    let assign_error = action_error(assign.value());
    let editable = detail.editable;
    view! {
        <PageTitle text=round.name.clone()/>
        <h1>{round.name.clone()}</h1>
        <p class="lead">
            {t.tr_with("Từ {start} đến {end}", &[
                ("start", &vietnamese_date(&round.starts_on)),
                ("end", &vietnamese_date(&round.ends_on)),
            ])}
            {round.closed.then(|| format!(" · {}", t.tr("đã kết thúc")))}
        </p>
        <p>{t.tr_with("Cách quyết định: {mode}.", &[("mode", &round.mode.label(t))])}</p>
        {detail.calendar_warning.clone().map(|warning| view! { <p class="status-pending" role="status">{warning}</p> })}
        <section aria-labelledby="hoi-dong-dot">
            <h2 id="hoi-dong-dot">{t.tr("Hội đồng và tổ tư vấn")}</h2>
            <FormError error=seat_error fields=&[]/>
            {if detail.seated.is_empty() {
                view! { <p>{t.tr("Chưa xếp ai.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="seats">
                        {detail.seated.into_iter().map(|holder| seated(holder, round_id, seat, editable, t)).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(editable && !detail.candidates.is_empty()).then(|| view! {
                <h3>{t.tr("Xếp thêm người")}</h3>
                <ul class="seats">
                    {detail.candidates.into_iter().map(|holder| candidate(holder, round_id, seat, t)).collect_view()}
                </ul>
            })}
            <SeatChanges changes=detail.seat_changes/>
        </section>
        <section aria-labelledby="ho-so-dot">
            <h2 id="ho-so-dot">{t.tr("Hồ sơ trong đợt")}</h2>
            {dossier_list(detail.dossiers, t)}
            {(editable && !detail.unassigned.is_empty()).then(|| view! {
                <h3>{t.tr("Hồ sơ chờ Hội đồng, chưa vào đợt nào")}</h3>
                <FormError error=assign_error fields=&[]/>
                <ul class="dossier-choices">
                    {detail.unassigned.into_iter().map(|row| view! {
                        <li>
                            <a href=format!("/can-bo/ho-so/{}", row.dossier_id)>{row.product_name.clone()}</a>
                            {format!(" · {}", row.producer_name)}
                            <ActionForm action=assign attr:class="inline-form">
                                <input type="hidden" name="round_id" value=round_id/>
                                <input type="hidden" name="dossier_id" value=row.dossier_id/>
                                <button type="submit" class="secondary"
                                    aria-label=t.tr_with("Đưa vào đợt: {product}", &[("product", &row.product_name)])>
                                    {t.tr("Đưa vào đợt")}
                                </button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {closing}
    }
}

fn seated(
    holder: SeatHolder,
    round_id: i64,
    action: ServerAction<SeatInRound>,
    editable: bool,
    t: Language,
) -> impl IntoView {
    let seat = holder.seat.map(Seat::label_vi).unwrap_or_default();
    view! {
        <li>
            <strong>{holder.display_name.clone()}</strong>
            {format!(" · {seat}")}
            {editable.then(|| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="round_id" value=round_id/>
                    <input type="hidden" name="account_id" value=holder.account_id/>
                    <input type="hidden" name="seat" value=""/>
                    <ConfirmButton label=t.tr("Bỏ ghế") secondary=true
                        name=t.tr_with("Bỏ ghế: {name}", &[("name", &holder.display_name)])
                        consequence=t.tr("Người này rời hội đồng của đợt và không chấm hồ sơ nào của đợt nữa; muốn xếp lại thì chọn lại từ danh sách.")
                        pending=action.pending()/>
                </ActionForm>
            })}
        </li>
    }
}

/// A council staff member not seated yet, with the seat their role allows.
fn candidate(holder: SeatHolder, round_id: i64, action: ServerAction<SeatInRound>, t: Language) -> impl IntoView {
    let seat = Seat::ALL.into_iter().find(|s| s.role() == holder.role);
    view! {
        <li>
            {holder.display_name.clone()} {format!(" · {}", holder.role.label(t))}
            {seat.map(|seat| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="round_id" value=round_id/>
                    <input type="hidden" name="account_id" value=holder.account_id/>
                    <input type="hidden" name="seat" value=seat.code()/>
                    <button type="submit" class="secondary"
                        aria-label=t.tr_with("Xếp {name} làm {seat}", &[("name", &holder.display_name), ("seat", &seat.label(t))])>
                        {t.tr_with("Xếp làm {seat}", &[("seat", &seat.label(t).to_lowercase())])}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

fn dossier_list(rows: Vec<InboxRow>, t: Language) -> AnyView {
    if rows.is_empty() {
        return view! { <p>{t.tr("Chưa có hồ sơ nào.")}</p> }.into_any();
    }
    view! {
        <ul>
            {rows.into_iter().map(|row| view! {
                <li>
                    <a href=format!("/can-bo/ho-so/{}", row.dossier_id)>{row.product_name}</a>
                    {format!(" · {} · {}", row.producer_name, row.state.label(t))}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

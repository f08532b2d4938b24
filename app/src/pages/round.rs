use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{get_round, AssignToRound, CloseRound, SeatInRound};
use crate::components::{
    action_error, id_number, route_record, ConfirmButton, FormError, LoadedForCaller, PageTitle, SeatChanges,
};
use crate::domain::Seat;
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
    view! {
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <p><a href="/can-bo/dot-danh-gia">"← Các đợt đánh giá"</a></p>
            <LoadedForCaller
                resource=round
                render=move |detail| view! { <Round detail seat assign close/> }
                not_found=|| view! { <PageTitle text="Không tìm thấy đợt đánh giá"/> <h1>"Không tìm thấy đợt đánh giá"</h1> }
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
    let close_error = action_error(close.value());
    let closing = detail.closable.then(|| {
        let round_id = detail.round.id;
        view! {
            <section aria-labelledby="ket-thuc-dot">
                <h2 id="ket-thuc-dot">"Kết thúc đợt"</h2>
                <p class="muted">"Khi mọi hồ sơ của đợt đã kết thúc chấm điểm; sau đó không thay đổi được hội đồng, hồ sơ hay phiếu chấm."</p>
                <FormError error=close_error fields=&[]/>
                <ActionForm action=close>
                    <input type="hidden" name="round_id" value=round_id/>
                    <ConfirmButton label="Kết thúc đợt đánh giá" secondary=true
                        consequence="Đợt đánh giá được đóng: hội đồng, hồ sơ và phiếu chấm của đợt không thay đổi được nữa."
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
            {format!("Từ {} đến {}", vietnamese_date(&round.starts_on), vietnamese_date(&round.ends_on))}
            {round.closed.then_some(" · đã kết thúc")}
        </p>
        <p>{format!("Cách quyết định: {}.", round.mode.label_vi())}</p>
        {detail.calendar_warning.clone().map(|warning| view! { <p class="status-pending" role="status">{warning}</p> })}
        <section aria-labelledby="hoi-dong-dot">
            <h2 id="hoi-dong-dot">"Hội đồng và tổ tư vấn"</h2>
            <FormError error=seat_error fields=&[]/>
            {if detail.seated.is_empty() {
                view! { <p>"Chưa xếp ai."</p> }.into_any()
            } else {
                view! {
                    <ul class="seats">
                        {detail.seated.into_iter().map(|holder| seated(holder, round_id, seat, editable)).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(editable && !detail.candidates.is_empty()).then(|| view! {
                <h3>"Xếp thêm người"</h3>
                <ul class="seats">
                    {detail.candidates.into_iter().map(|holder| candidate(holder, round_id, seat)).collect_view()}
                </ul>
            })}
            <SeatChanges changes=detail.seat_changes/>
        </section>
        <section aria-labelledby="ho-so-dot">
            <h2 id="ho-so-dot">"Hồ sơ trong đợt"</h2>
            {dossier_list(detail.dossiers)}
            {(editable && !detail.unassigned.is_empty()).then(|| view! {
                <h3>"Hồ sơ chờ Hội đồng, chưa vào đợt nào"</h3>
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
                                    aria-label=format!("Đưa vào đợt: {}", row.product_name)>"Đưa vào đợt"</button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {closing}
    }
}

fn seated(holder: SeatHolder, round_id: i64, action: ServerAction<SeatInRound>, editable: bool) -> impl IntoView {
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
                    <ConfirmButton label="Bỏ ghế" secondary=true
                        name=format!("Bỏ ghế: {}", holder.display_name)
                        consequence="Người này rời hội đồng của đợt và không chấm hồ sơ nào của đợt nữa; muốn xếp lại thì chọn lại từ danh sách."
                        pending=action.pending()/>
                </ActionForm>
            })}
        </li>
    }
}

/// A council staff member not seated yet, with the seat their role allows.
fn candidate(holder: SeatHolder, round_id: i64, action: ServerAction<SeatInRound>) -> impl IntoView {
    let seat = Seat::ALL.into_iter().find(|s| s.role() == holder.role);
    view! {
        <li>
            {holder.display_name.clone()} {format!(" · {}", holder.role.label_vi())}
            {seat.map(|seat| view! {
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="round_id" value=round_id/>
                    <input type="hidden" name="account_id" value=holder.account_id/>
                    <input type="hidden" name="seat" value=seat.code()/>
                    <button type="submit" class="secondary"
                        aria-label=format!("Xếp {} làm {}", holder.display_name, seat.label_vi())>
                        {format!("Xếp làm {}", seat.label_vi().to_lowercase())}
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

fn dossier_list(rows: Vec<InboxRow>) -> AnyView {
    if rows.is_empty() {
        return view! { <p>"Chưa có hồ sơ nào."</p> }.into_any();
    }
    view! {
        <ul>
            {rows.into_iter().map(|row| view! {
                <li>
                    <a href=format!("/can-bo/ho-so/{}", row.dossier_id)>{row.product_name}</a>
                    {format!(" · {} · {}", row.producer_name, row.state.label_vi())}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

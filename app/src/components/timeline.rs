use leptos::prelude::*;

use crate::domain::DossierState;
use crate::language::use_language;
use crate::model::{vietnamese_time, TimelineStep};

/// Every step so far, and what comes next.
#[component]
pub fn Timeline(steps: Vec<TimelineStep>, state: DossierState) -> impl IntoView {
    let t = use_language();
    let next = match state {
        DossierState::Draft => Some(t.tr("Tiếp theo: hoàn thành phiếu tự đánh giá và nộp hồ sơ.")),
        DossierState::ReturnedForCompletion => Some(t.tr("Tiếp theo: bổ sung theo yêu cầu và nộp lại.")),
        DossierState::CommuneReview => Some(t.tr("Tiếp theo: UBND cấp xã kiểm tra hồ sơ trong 15 ngày làm việc.")),
        DossierState::ProvinceReview => Some(t.tr("Tiếp theo: cơ quan OCOP cấp tỉnh xem xét và đưa vào đợt đánh giá.")),
        DossierState::CouncilScoring => Some(t.tr("Tiếp theo: Hội đồng chấm điểm và tổng hợp kết quả.")),
        DossierState::Decision => Some(t.tr("Tiếp theo: quyết định công nhận.")),
        DossierState::NationalReferral => {
            Some(t.tr("Tiếp theo: Hội đồng cấp Trung ương chấm lại hồ sơ để xét công nhận 5 sao."))
        }
        DossierState::NationalScoring => {
            Some(t.tr("Tiếp theo: Hội đồng cấp Trung ương chấm điểm và tổng hợp kết quả."))
        }
        DossierState::NationalDecision => {
            Some(t.tr("Tiếp theo: Bộ Nông nghiệp và Môi trường quyết định công nhận 5 sao."))
        }
        DossierState::ReturnedFromNational => Some(
            t.tr("Tiếp theo: UBND cấp tỉnh quyết định công nhận 3 hoặc 4 sao theo điểm của Hội đồng cấp Trung ương."),
        ),
        _ => None,
    };
    view! {
        <section class="timeline" aria-labelledby="tien-trinh">
            <h2 id="tien-trinh">{t.tr("Tiến trình hồ sơ")}</h2>
            <ol>
                {steps
                    .into_iter()
                    .map(move |step| view! {
                        <li>
                            <strong>{step.state.label(t)}</strong>
                            " · " <time datetime=step.at.clone()>{vietnamese_time(&step.at)}</time>
                            {step.by.map(|by| format!(" · {by}"))}
                            {step.comment.map(|c| view! { <p class="timeline-comment">{c}</p> })}
                        </li>
                    })
                    .collect_view()}
            </ol>
            {next.map(|text| view! { <p class="muted">{text}</p> })}
        </section>
    }
}

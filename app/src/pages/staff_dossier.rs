use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{
    get_staff_dossier, ActOnDossier, AddDossierNote, AssignToRound, CertifyDossier, DisqualifyDossier,
    ReopenCouncilSheet, RevokeCertificate, SaveCommuneReview,
};
use crate::components::{
    action_error, action_succeeded, id_number, route_record, server_escaped, CertificateCard, ColumnHeads,
    ConfirmButton, EvidenceList, FormError, FormField, LoadedForCaller, PageTitle, RevocationFields, SeatChanges,
    StarRating, Timeline,
};
use crate::domain::{
    assess, revoked_by, step_deadline_words, unannounced_year_between, CommunePoint, CommuneReview, Disqualifier,
    DossierAction, DossierState, NoteKind, Role, Score, Seat,
};
use crate::language::use_language;
use crate::model::{vietnamese_date, vietnamese_time, CouncilPanel, DossierNote, RoundSummary, StaffDossier};

/// A dossier as staff review it: who filed it and by when it is due, the self-assessment and
/// the documents, the commune's review (Mẫu 03), and the steps the caller's role may take.
#[component]
pub fn StaffDossierPage() -> impl IntoView {
    let act = ServerAction::<ActOnDossier>::new();
    let save = ServerAction::<SaveCommuneReview>::new();
    let reopen = ServerAction::<ReopenCouncilSheet>::new();
    let assign = ServerAction::<AssignToRound>::new();
    let certify = ServerAction::<CertifyDossier>::new();
    let revoke = ServerAction::<RevokeCertificate>::new();
    let note = ServerAction::<AddDossierNote>::new();
    let disqualify = ServerAction::<DisqualifyDossier>::new();
    // Read again after each step or save, which stay on this page.
    let dossier = route_record(
        id_number,
        move || {
            let changes = [
                act.version(),
                save.version(),
                reopen.version(),
                assign.version(),
                certify.version(),
                revoke.version(),
                disqualify.version(),
            ];
            changes.iter().map(|v| v.get()).sum::<usize>()
        },
        get_staff_dossier,
    );
    let t = use_language();
    view! {
        <Meta name="robots" content="noindex"/>
        <section class="staff staff-dossier">
            <p><a href="/can-bo">{t.tr("← Hồ sơ cần xử lý")}</a></p>
            <LoadedForCaller
                resource=dossier
                render=move |dossier| {
                    let forms = Forms { act, save, reopen, assign, certify, revoke, note, disqualify };
                    view! { <Review dossier forms/> }
                }
                not_found=move || view! {
                    <PageTitle text=t.tr("Không tìm thấy hồ sơ")/>
                    <h1>{t.tr("Không tìm thấy hồ sơ")}</h1>
                    <p>{t.tr("Hồ sơ không tồn tại hoặc nằm ngoài phạm vi bạn phụ trách.")}</p>
                }
            />
        </section>
    }
}

/// The actions of the page's forms, made once so each completed one reloads the dossier.
#[derive(Clone, Copy)]
struct Forms {
    act: ServerAction<ActOnDossier>,
    save: ServerAction<SaveCommuneReview>,
    reopen: ServerAction<ReopenCouncilSheet>,
    assign: ServerAction<AssignToRound>,
    certify: ServerAction<CertifyDossier>,
    revoke: ServerAction<RevokeCertificate>,
    note: ServerAction<AddDossierNote>,
    disqualify: ServerAction<DisqualifyDossier>,
}

#[component]
fn Review(dossier: StaffDossier, forms: Forms) -> impl IntoView {
    let Forms { act, save, reopen, assign, certify, revoke, note, disqualify } = forms;
    let t = use_language();
    let notes = (!dossier.notes.is_empty() || dossier.may_note).then(|| {
        view! { <Notes dossier_id=dossier.detail.id notes=dossier.notes.clone() may_note=dossier.may_note note/> }
    });
    let detail = dossier.detail.clone();
    let deciding = dossier
        .actions
        .contains(&DossierAction::Certify)
        .then(|| view! { <DecisionForm dossier_id=detail.id version=detail.version certify/> });
    let certificate = detail.certificate.clone().map(|certificate| {
        // A five-star certificate is the ministry's: its national officer revokes it from the
        // product's record, as every certificate can be.
        let revocable = dossier.caller_role == Role::ProvinceOfficer
            && revoked_by(certificate.stars) == Role::ProvinceOfficer
            && certificate.revoked_on.is_none();
        view! {
            <CertificateCard certificate record_link=true/>
            {revocable.then(|| view! { <RevocationForm dossier_id=detail.id revoke/> })}
        }
    });
    let council = dossier.council.clone().map(|panel| {
        view! { <Council panel dossier_id=detail.id state=detail.state reopen/> }
    });
    let rounds = dossier.open_rounds.clone();
    // Not yet in one of the caller's council's rounds (a referred dossier is still in its
    // province's round when the central council takes it).
    let placed = dossier.council.as_ref().is_some_and(|c| rounds.iter().any(|r| r.id == c.round_id));
    let assigning =
        (!rounds.is_empty() && !placed).then(|| view! { <AssignRound dossier_id=detail.id rounds assign/> });
    let writes_review =
        dossier.caller_role == Role::CommuneOfficer && dossier.actions.contains(&DossierAction::ForwardToProvince);
    let review = dossier.commune_review.clone();
    let disqualifying = dossier.actions.contains(&DossierAction::Disqualify).then(|| {
        let grounds = Disqualifier::listed_by(&detail.sheet);
        view! { <DisqualifyForm dossier_id=detail.id version=detail.version grounds disqualify/> }
    });
    // Certifying and disqualifying have forms of their own.
    let steps: Vec<DossierAction> = dossier
        .actions
        .iter()
        .copied()
        .filter(|a| !matches!(a, DossierAction::Certify | DossierAction::Disqualify))
        .collect();
    view! {
        <PageTitle text=t.tr_with("Hồ sơ: {product}", &[("product", &detail.product_name)])/>
        <h1>{detail.product_name.clone()}</h1>
        <p class="lead">{format!("{} · {}", detail.kind.label(t), detail.state.label(t))}</p>
        <Facts dossier=dossier.clone()/>
        <SelfAssessment dossier=dossier.clone()/>
        <section aria-labelledby="tai-lieu-tieu-de">
            <h2 id="tai-lieu-tieu-de">{t.tr("Tài liệu kèm theo")}</h2>
            <EvidenceList items=detail.evidence.clone()/>
        </section>
        {if writes_review {
            view! { <CommuneReviewForm dossier_id=detail.id version=detail.version review save/> }.into_any()
        } else {
            view! { <CommuneReviewReport review/> }.into_any()
        }}
        {notes}
        {council}
        {assigning}
        {certificate}
        {deciding}
        <Steps dossier_id=detail.id version=detail.version actions=steps act/>
        {disqualifying}
        <Timeline steps=detail.timeline.clone() state=detail.state/>
    }
}

#[component]
fn Facts(dossier: StaffDossier) -> impl IntoView {
    let t = use_language();
    let (name, basis) = step_deadline_words(dossier.detail.kind, dossier.detail.state, t);
    // Only the commune's deadline counts working days, and so needs the year's days off.
    let unannounced = (dossier.detail.state == DossierState::CommuneReview)
        .then(|| {
            let from = dossier.submitted_on.as_deref()?.parse().ok()?;
            unannounced_year_between(from, dossier.deadline.as_deref()?.parse().ok()?)
        })
        .flatten();
    let producer = dossier.producer;
    let optional = |value: Option<String>| value.filter(|v| !v.is_empty()).unwrap_or_else(|| "—".into());
    view! {
        <dl class="facts">
            <dt>{t.tr("Chủ thể")}</dt>
            <dd>{format!("{} ({})", producer.name, producer.kind)}</dd>
            <dt>{t.tr("Mã số doanh nghiệp / thuế")}</dt>
            <dd>{optional(producer.tax_code)}</dd>
            <dt>{t.tr("Người đại diện")}</dt>
            <dd>{optional(producer.legal_representative)}</dd>
            <dt>{t.tr("Địa chỉ")}</dt>
            <dd>{producer.address}</dd>
            <dt>{t.tr("Điện thoại")}</dt>
            <dd>{optional(producer.phone)}</dd>
            <dt>{t.tr("Email")}</dt>
            <dd>{optional(producer.email)}</dd>
            <dt>{t.tr("Nộp tại")}</dt>
            <dd>{format!("{}, {}", dossier.commune_name, dossier.province_name)}</dd>
            <dt>{t.tr("Ngày nộp")}</dt>
            <dd>{dossier.submitted_on.as_deref().map(vietnamese_date)}</dd>
            {dossier.deadline.map(|deadline| view! {
                <dt>{name}</dt>
                <dd>
                    {vietnamese_date(&deadline)}
                    {format!(" ({basis})")}
                    {dossier.overdue.then(|| view! { " " <strong class="badge badge-overdue">{t.tr("Quá hạn")}</strong> })}
                    {unannounced.map(|year| view! {
                        <br/>
                        <small class="muted">
                            {t.tr_with(
                                "Tạm tính: lịch nghỉ Tết và ngày nghỉ bù năm {year} chưa được công bố, hạn thực tế có thể muộn hơn.",
                                &[("year", &year)],
                            )}
                        </small>
                    })}
                </dd>
            })}
        </dl>
    }
}

/// The producer's self-assessment as filed: total, predicted stars, parts, and each answer.
#[component]
fn SelfAssessment(dossier: StaffDossier) -> impl IntoView {
    let detail = dossier.detail;
    let t = use_language();
    let assessment = assess(&detail.sheet, &detail.choices).ok();
    let answers: Vec<(String, String, String)> = detail
        .sheet
        .scorable()
        .map(|(_, criterion)| {
            let chosen = detail.choices.get(&criterion.code).and_then(|i| criterion.options.get(i));
            let answer = chosen
                .map(|o| t.tr_count("{option} ({n} điểm)", o.points as u64, &[("option", &o.label), ("n", &o.points)]))
                .unwrap_or_else(|| t.tr("Chưa chọn").into());
            (criterion.code.clone(), criterion.label.clone(), answer)
        })
        .collect();
    view! {
        <section aria-labelledby="tu-danh-gia">
            <h2 id="tu-danh-gia">{t.tr("Phiếu tự đánh giá của chủ thể")}</h2>
            {assessment.map(|a| view! {
                <p class="score-line">
                    {t.tr_with("Tổng điểm: {total}/100 · Dự kiến: ", &[("total", &a.total)])}
                    <StarRating stars=a.stars.get()/>
                </p>
                <ul class="part-totals">
                    {a.part_totals.into_iter().map(|(part, points, max)| view! {
                        <li>{t.tr_with("Phần {part}: {points}/{max}", &[("part", &part), ("points", &points), ("max", &max)])}</li>
                    }).collect_view()}
                </ul>
            })}
            <details>
                <summary>{t.tr_count("Xem {n} tiêu chí đã tự chấm", answers.len() as u64, &[("n", &answers.len())])}</summary>
                <table class="answers">
                    <thead><tr><th scope="col">{t.tr("Tiêu chí")}</th><th scope="col">{t.tr("Tự đánh giá")}</th></tr></thead>
                    <tbody>
                        {answers.into_iter().map(|(code, label, answer)| view! {
                            <tr><td>{format!("{code}. {label}")}</td><td>{answer}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

/// The commune's review (Mẫu 03) as a form: a finding and a note for each of the four points,
/// and the completeness check. Saved as the officer goes; forwarding needs it complete.
#[component]
fn CommuneReviewForm(
    dossier_id: i64,
    version: i64,
    review: CommuneReview,
    save: ServerAction<SaveCommuneReview>,
) -> impl IntoView {
    let error = action_error(save.value());
    let t = use_language();
    let query = use_query_map();
    let saved_now = action_succeeded(save.value(), move || query.read().get("da_luu").is_some());
    let refused = error.get_untracked();
    // After a refused save the form shows what was sent, the checkbox included.
    let complete = match &refused {
        Some(err) => err.kept("documents_complete").is_some(),
        None => review.documents_complete,
    };
    let kept = move |name: String| refused.as_ref().and_then(|e| e.kept(&name).map(str::to_string));
    view! {
        <section class="commune-review" id="mau-03" aria-labelledby="mau-03-tieu-de">
            <h2 id="mau-03-tieu-de">{t.tr("Phiếu đánh giá của UBND cấp xã (Mẫu 03)")}</h2>
            <Show when=move || saved_now.get()>
                <p class="notice" role="status">{t.tr("Đã lưu phiếu đánh giá.")}</p>
            </Show>
            <FormError error fields=&[]/>
            <ActionForm action=save>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=version/>
                {CommunePoint::ALL
                    .into_iter()
                    .map(|point| {
                        let code = point.code();
                        let found = review.findings.get(&point);
                        let finding = kept(format!("finding_{code}"))
                            .or_else(|| found.map(|f| if f.meets { "meets".into() } else { "does_not_meet".into() }))
                            .unwrap_or_default();
                        let note = kept(format!("note_{code}")).or_else(|| found.map(|f| f.note.clone())).unwrap_or_default();
                        let field = format!("finding_{code}");
                        let message = move || error.get().and_then(|e| e.message_about(&field, t));
                        let error_id = format!("finding-{code}-loi");
                        view! {
                            <fieldset class="review-point" aria-describedby=format!("finding-{code}-loi")>
                                <legend>{point.label(t)}</legend>
                                <label>
                                    <input type="radio" name=format!("finding[{code}]") value="meets" checked=finding == "meets"/>
                                    " " {t.tr("Đạt")}
                                </label>
                                <label>
                                    <input type="radio" name=format!("finding[{code}]") value="does_not_meet"
                                        checked=finding == "does_not_meet"/>
                                    " " {t.tr("Không đạt")}
                                </label>
                                <label for=format!("note-{code}")>{t.tr("Nhận xét")}</label>
                                <textarea id=format!("note-{code}") name=format!("note[{code}]") rows="2">{server_escaped(note)}</textarea>
                                <p class="field-error" id=error_id>{message}</p>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <div class="field checkbox">
                    <label>
                        <input type="checkbox" name="documents_complete" value="on" checked=complete/>
                        " " {t.tr("Hồ sơ đã đủ thành phần theo quy định")}
                    </label>
                    <p class="field-error">
                        {move || error.get().and_then(|e| e.message_about("documents_complete", t))}
                    </p>
                </div>
                <button type="submit" disabled=move || save.pending().get()>{t.tr("Lưu phiếu đánh giá")}</button>
            </ActionForm>
        </section>
    }
}

/// The commune's review as it stands, for everyone after the commune.
#[component]
fn CommuneReviewReport(review: CommuneReview) -> impl IntoView {
    if review.findings.is_empty() {
        return ().into_any();
    }
    let t = use_language();
    view! {
        <section class="commune-review" id="mau-03" aria-labelledby="mau-03-tieu-de">
            <h2 id="mau-03-tieu-de">{t.tr("Phiếu đánh giá của UBND cấp xã (Mẫu 03)")}</h2>
            <dl class="facts">
                {CommunePoint::ALL
                    .into_iter()
                    .map(|point| {
                        let finding = review.findings.get(&point);
                        let verdict = match finding {
                            Some(f) if f.meets => t.tr("Đạt"),
                            Some(_) => t.tr("Không đạt"),
                            None => t.tr("Chưa đánh giá"),
                        };
                        let note = finding.map(|f| f.note.clone()).filter(|n| !n.is_empty());
                        view! {
                            <dt>{point.label(t)}</dt>
                            <dd>{verdict} {note.map(|n| format!(" · {n}"))}</dd>
                        }
                    })
                    .collect_view()}
                <dt>{t.tr("Thành phần hồ sơ")}</dt>
                <dd>{if review.documents_complete { t.tr("Đầy đủ") } else { t.tr("Chưa đầy đủ") }}</dd>
            </dl>
        </section>
    }
    .into_any()
}

/// The steps the caller's role may take now, each with the comment kept on the timeline.
#[component]
fn Steps(dossier_id: i64, version: i64, actions: Vec<DossierAction>, act: ServerAction<ActOnDossier>) -> impl IntoView {
    let error = action_error(act.value());
    let t = use_language();
    if actions.is_empty() {
        return view! { <p class="muted">{t.tr("Bạn không có thao tác nào với hồ sơ ở bước này.")}</p> }.into_any();
    }
    let refused = error.get_untracked();
    let comment_message = move || error.get().and_then(|e| e.message_about("comment", t));
    view! {
        <section class="steps" aria-labelledby="xu-ly">
            <h2 id="xu-ly">{t.tr("Xử lý hồ sơ")}</h2>
            <FormError error fields=&["comment"]/>
            {actions
                .into_iter()
                .map(|action| {
                    let code = action.code().to_string();
                    let returning = action == DossierAction::ReturnForCompletion;
                    let label = if returning {
                        t.tr("Lý do trả lại (chủ thể sẽ nhận được nội dung này)")
                    } else {
                        t.tr("Ý kiến (không bắt buộc)")
                    };
                    let id = format!("comment-{code}");
                    let typed = refused
                        .as_ref()
                        .filter(|e| e.kept("action") == Some(code.as_str()))
                        .and_then(|e| e.kept("comment").map(str::to_string))
                        .unwrap_or_default();
                    let shows_error = refused.as_ref().is_some_and(|e| e.kept("action") == Some(code.as_str()));
                    view! {
                        <ActionForm action=act attr:class="step-form">
                            <input type="hidden" name="dossier_id" value=dossier_id/>
                            <input type="hidden" name="version" value=version/>
                            <input type="hidden" name="action" value=code.clone()/>
                            <label for=id.clone()>{label}</label>
                            <textarea id=id name="comment" rows="3" required=returning>{server_escaped(typed)}</textarea>
                            {shows_error.then(|| view! { <p class="field-error">{comment_message}</p> })}
                            <ConfirmButton label=action.label(t) secondary=returning
                                name=action.label(t) consequence=action.consequence(t) pending=act.pending()/>
                        </ActionForm>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// The council on this dossier: who scores, who has submitted, the totals and the result as
/// far as the caller may see them; the chair reopens a sheet from here.
#[component]
fn Council(
    panel: CouncilPanel,
    dossier_id: i64,
    state: DossierState,
    reopen: ServerAction<ReopenCouncilSheet>,
) -> impl IntoView {
    let error = action_error(reopen.value());
    let t = use_language();
    let scoring = state.is_scored();
    let chairs = panel.caller_seat == Some(Seat::Chair) && scoring;
    let scores = panel.caller_seat.is_some_and(Seat::scores) && scoring;
    let submitted = panel.sheets.iter().filter(|s| s.submitted).count();
    let name_of = |id: &String| {
        panel
            .sheets
            .iter()
            .find(|s| s.account_id.to_string() == *id)
            .map(|s| s.display_name.clone())
            .unwrap_or_default()
    };
    let result = panel.result.clone().map(|r| {
        let outliers: Vec<String> = r.outliers.iter().map(name_of).collect();
        let average = Score::from_hundredths(r.average_hundredths)
            .map(|score| score.text(t))
            .unwrap_or_default();
        let quorum = if r.quorum_met { t.tr("đủ") } else { t.tr("chưa đủ") };
        view! {
            <p class="council-result">
                {t.tr_with(
                    "Điểm trung bình: {average} · Số phiếu so với 75% thành viên (có chủ tịch): {quorum} · Hạng theo điểm: ",
                    &[("average", &average), ("quorum", &quorum)],
                )}
                <StarRating stars=r.stars.get()/>
            </p>
            <p class="council-explained">{r.explained(t)}</p>
            {(!r.far_apart.is_empty()).then(|| view! {
                <p class="form-error" role="alert">{t.tr_with(
                    "Có phiếu chênh nhau quá 10 điểm; xa điểm giữa nhất: {names}. Hội đồng cần thảo luận và chấm lại trước khi kết thúc.",
                    &[("names", &outliers.join(", "))],
                )}</p>
            })}
            {r.referred_to_national.then(|| view! {
                <p class="notice">{t.tr("Từ 90 điểm trở lên: đề nghị Hội đồng cấp Trung ương đánh giá 5 sao.")}</p>
            })}
        }
    });
    view! {
        <section class="council" id="hoi-dong" aria-labelledby="hoi-dong-tieu-de">
            <h2 id="hoi-dong-tieu-de">{t.tr("Hội đồng chấm điểm")}</h2>
            <p>
                <a href=format!("/can-bo/dot-danh-gia/{}", panel.round_id)>{panel.round_name.clone()}</a>
                " · "
                {t.tr_count(
                    "đã nộp {submitted}/{seats} phiếu",
                    panel.scoring_seats as u64,
                    &[("submitted", &submitted), ("seats", &panel.scoring_seats)],
                )}
            </p>
            {scores.then(|| view! {
                <p><a class="button" href=format!("/can-bo/cham-diem/{dossier_id}")>{t.tr("Mở phiếu chấm của bạn")}</a></p>
            })}
            {(!panel.sees_totals).then(|| view! {
                <p class="muted">{t.tr("Bạn thấy điểm của các thành viên khác sau khi nộp phiếu của mình.")}</p>
            })}
            <FormError error fields=&[]/>
            <table class="council-sheets">
                <ColumnHeads names=vec![t.tr("Thành viên"), t.tr("Ghế"), t.tr("Phiếu"), t.tr("Tổng điểm")]/>
                <tbody>
                    {panel.sheets.into_iter().map(|sheet| {
                        let reopenable = chairs && sheet.submitted;
                        view! {
                            <tr class:far-apart=sheet.far_apart>
                                <td>{sheet.display_name.clone()}</td>
                                <td>{sheet.seat.label(t)}</td>
                                <td>{if sheet.submitted { t.tr("Đã nộp") } else { t.tr("Chưa nộp") }}</td>
                                <td>
                                    {sheet.total.map(|t| t.to_string()).unwrap_or_else(|| "—".into())}
                                    {sheet.far_apart.then(|| view! { " " <strong class="badge badge-overdue">{t.tr("Xa điểm giữa nhất")}</strong> })}
                                    {reopenable.then(|| view! {
                                        <ActionForm action=reopen attr:class="inline-form">
                                            <input type="hidden" name="dossier_id" value=dossier_id/>
                                            <input type="hidden" name="account_id" value=sheet.account_id/>
                                            <ConfirmButton label=t.tr("Mở lại phiếu") secondary=true
                                                name=t.tr_with("Mở lại phiếu của {name} để chấm lại", &[("name", &sheet.display_name)])
                                                consequence=t.tr("Phiếu đã nộp trở về bản nháp để thành viên chấm lại; kết quả tổng hợp chờ phiếu được nộp lại.")
                                                pending=reopen.pending()/>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {result}
            <SeatChanges changes=panel.seat_changes/>
        </section>
    }
}

/// Putting the dossier into one of the province's open rounds.
#[component]
fn AssignRound(dossier_id: i64, rounds: Vec<RoundSummary>, assign: ServerAction<AssignToRound>) -> impl IntoView {
    let error = action_error(assign.value());
    let t = use_language();
    view! {
        <section aria-labelledby="dua-vao-dot">
            <h2 id="dua-vao-dot">{t.tr("Đưa vào đợt đánh giá")}</h2>
            <FormError error fields=&[]/>
            <ActionForm action=assign>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <div class="field">
                    <label for="round_id">{t.tr("Đợt đánh giá")}</label>
                    <select id="round_id" name="round_id">
                        {rounds.into_iter().map(|r| view! {
                            <option value=r.id>{format!(
                                "{} ({} – {}{})",
                                r.name,
                                vietnamese_date(&r.starts_on),
                                vietnamese_date(&r.ends_on),
                                if r.mode == crate::domain::RoundMode::WrittenOpinions {
                                    format!(", {}", t.tr("ý kiến bằng văn bản"))
                                } else {
                                    String::new()
                                }
                            )}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary">{t.tr("Đưa vào đợt")}</button>
            </ActionForm>
        </section>
    }
}

/// Recording the decision that recognises the product.
#[component]
fn DecisionForm(dossier_id: i64, version: i64, certify: ServerAction<CertifyDossier>) -> impl IntoView {
    let error = action_error(certify.value());
    let t = use_language();
    view! {
        <section aria-labelledby="quyet-dinh">
            <h2 id="quyet-dinh">{t.tr("Quyết định công nhận")}</h2>
            <p class="muted">{t.tr("Cấp giấy chứng nhận (hiệu lực 36 tháng) và đưa sản phẩm vào danh mục công khai ngay.")}</p>
            <FormError error fields=&["decision_number", "decision_date"]/>
            <ActionForm action=certify>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=version/>
                <FormField label=t.tr("Số quyết định") name="decision_number" hint=t.tr("Ví dụ: 1234/QĐ-UBND") error/>
                <FormField label=t.tr("Ngày quyết định") name="decision_date" kind="date" error/>
                <ConfirmButton label=t.tr("Công nhận và cấp giấy chứng nhận")
                    consequence=t.tr("Giấy chứng nhận được cấp theo quyết định trên và sản phẩm vào danh mục công khai ngay; muốn bỏ thì phải thu hồi bằng một quyết định khác.")
                    pending=certify.pending()/>
            </ActionForm>
        </section>
    }
}

/// Excluding the dossier, unscored, on one of its sheet's grounds, with what failed.
#[component]
fn DisqualifyForm(
    dossier_id: i64,
    version: i64,
    grounds: Vec<Disqualifier>,
    disqualify: ServerAction<DisqualifyDossier>,
) -> impl IntoView {
    let error = action_error(disqualify.value());
    let t = use_language();
    let message = move |field: &'static str| move || error.get().and_then(|e| e.message_about(field, t));
    let kept = move |field: &'static str| error.get_untracked().and_then(|e| e.kept(field).map(str::to_string));
    let chosen = kept("ground").unwrap_or_default();
    view! {
        <section aria-labelledby="loai-ho-so">
            <h2 id="loai-ho-so">{t.tr("Loại hồ sơ")}</h2>
            <p class="muted">
                {t.tr("Hồ sơ bị loại thì không được chấm điểm. Chỉ dùng khi hồ sơ rơi vào một căn cứ loại của phiếu chấm; ")}
                {t.tr("nếu chỉ thiếu tài liệu, hãy trả lại để chủ thể bổ sung.")}
            </p>
            <FormError error fields=&["ground", "reason"]/>
            <ActionForm action=disqualify>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=version/>
                <div class="field">
                    <label for="ground">{t.tr("Căn cứ loại hồ sơ")}</label>
                    <select id="ground" name="ground">
                        <option value="">{t.tr("Chọn căn cứ")}</option>
                        {grounds
                            .into_iter()
                            .map(|g| view! { <option value=g.code() selected=chosen == g.code()>{g.label(t)}</option> })
                            .collect_view()}
                    </select>
                    <p class="field-error">{message("ground")}</p>
                </div>
                <div class="field">
                    <label for="reason">{t.tr("Điều không đáp ứng (chủ thể sẽ nhận được nội dung này)")}</label>
                    <textarea id="reason" name="reason" rows="3">{server_escaped(kept("reason").unwrap_or_default())}</textarea>
                    <p class="field-error">{message("reason")}</p>
                </div>
                <button type="submit" class="secondary" disabled=move || disqualify.pending().get()>{t.tr("Loại hồ sơ")}</button>
            </ActionForm>
        </section>
    }
}

/// Revoking the certificate on one of the six grounds.
#[component]
fn RevocationForm(dossier_id: i64, revoke: ServerAction<RevokeCertificate>) -> impl IntoView {
    let error = action_error(revoke.value());
    let t = use_language();
    view! {
        <section aria-labelledby="thu-hoi">
            <h2 id="thu-hoi">{t.tr("Thu hồi giấy chứng nhận")}</h2>
            <FormError error fields=&["ground", "decision_number", "decision_date"]/>
            <ActionForm action=revoke>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <RevocationFields error ground="ground" number="decision_number" date="decision_date"/>
                <ConfirmButton label=t.tr("Thu hồi giấy chứng nhận") secondary=true
                    consequence=t.tr("Trang sản phẩm và tra cứu tem nói ngay là giấy chứng nhận đã bị thu hồi; chủ thể được thông báo. Không hoàn tác được.")
                    pending=revoke.pending()/>
            </ActionForm>
        </section>
    }
}

/// The province's working notes: advisory opinions, site visits, lab-test requests (the last
/// reach the producer too).
#[component]
fn Notes(
    dossier_id: i64,
    notes: Vec<DossierNote>,
    may_note: bool,
    note: ServerAction<AddDossierNote>,
) -> impl IntoView {
    let error = action_error(note.value());
    let t = use_language();
    view! {
        <section id="tham-dinh" aria-labelledby="tham-dinh-tieu-de">
            <h2 id="tham-dinh-tieu-de">{t.tr("Tư vấn, thẩm định thực tế, kiểm nghiệm")}</h2>
            <ul class="notes">
                {notes.into_iter().map(|n| view! {
                    <li>
                        <strong>{n.kind.label(t)}</strong>
                        {format!(" · {} · {}", vietnamese_time(&n.at), n.by.unwrap_or_default())}
                        <p>{n.body}</p>
                    </li>
                }).collect_view()}
            </ul>
            {may_note.then(|| view! {
                <FormError error fields=&[]/>
                <ActionForm action=note>
                    <input type="hidden" name="dossier_id" value=dossier_id/>
                    <div class="field">
                        <label for="note-kind">{t.tr("Loại ghi nhận")}</label>
                        <select id="note-kind" name="kind">
                            {NoteKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{k.label(t)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="note-body">{t.tr("Nội dung")}</label>
                        <textarea id="note-body" name="body" rows="3">
                            {move || server_escaped(error.get().and_then(|e| e.kept("body").map(str::to_string)).unwrap_or_default())}
                        </textarea>
                    </div>
                    <button type="submit" class="secondary" disabled=move || note.pending().get()>{t.tr("Ghi nhận")}</button>
                </ActionForm>
            })}
        </section>
    }
}

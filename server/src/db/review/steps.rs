//! The commune's review, the steps of the process and the notes kept on a dossier.

use app::domain::{
    after_central_scoring, may_refer, next_state, return_reason, step_comment, Closing, CommuneReview, DecisionError,
    Disqualification, DisqualificationError, DossierAction, DossierState, NoteKind, Role, RoundMode,
};
use app::model::StaffDossier;
use app::ports::{BackOffice, BackOfficeError, PortError, StaffCaller};

use crate::db::codes::code;
use crate::db::notify::Said;
use crate::db::port_error;

use super::telling::Step;
use super::{may_note, SqlBackOffice};

pub(super) async fn save_commune_review(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    review: &CommuneReview,
    version: i64,
) -> Result<i64, BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    // The review is written while the commune may still forward the dossier, by whoever may.
    next_state(current.detail.kind, current.detail.state, DossierAction::ForwardToProvince, caller.post.role())
        .map_err(BackOfficeError::Transition)?;
    let stored = serde_json::to_string(review).map_err(|e| PortError::Internal(e.to_string()))?;
    let updated = sqlx::query(
        "UPDATE dossiers SET commune_review = $1, version = version + 1, updated_at = $2
         WHERE id = $3 AND version = $4 AND state = $5",
    )
    .bind(stored)
    .bind(office.db.clock.timestamp())
    .bind(dossier_id)
    .bind(version)
    .bind(code(current.detail.state));
    super::write_unless_stale(updated, &office.db.pool).await?;
    Ok(version + 1)
}

pub(super) async fn act(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    action: DossierAction,
    comment: Option<&str>,
    version: i64,
) -> Result<DossierState, BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    let next = next_state(current.detail.kind, current.detail.state, action, caller.post.role())
        .map_err(BackOfficeError::Transition)?;
    if current.detail.version != version {
        return Err(BackOfficeError::Stale);
    }
    let comment = match action {
        DossierAction::ReturnForCompletion => Some(return_reason(comment.unwrap_or_default())),
        _ => step_comment(comment.unwrap_or_default()).transpose(),
    }
    .transpose()
    .map_err(BackOfficeError::Review)?;
    let mut council_result = None;
    let mut next = next;
    match action {
        DossierAction::ForwardToProvince => {
            current.commune_review.ready_to_forward().map_err(BackOfficeError::Review)?;
        }
        DossierAction::ReferToNational => {
            may_refer(current.detail.council_result.as_ref()).map_err(BackOfficeError::Decision)?;
        }
        // Recognition is recorded with its decision, through `certify`; disqualification with
        // its ground, through `disqualify`.
        DossierAction::Certify => return Err(BackOfficeError::Decision(DecisionError::NumberMissing)),
        DossierAction::Disqualify => {
            return Err(BackOfficeError::Disqualification(DisqualificationError::GroundMissing))
        }
        DossierAction::SendToCouncil => {
            let of = caller.post.council().ok_or(BackOfficeError::NotFound)?;
            super::council::ready_for_council(&office.db, current.council.as_ref().map(|c| c.round_id), of).await?;
        }
        // Scoring closes on a result that stands: a sitting's by its chair, a re-rating's on
        // written opinions by the province officer.
        DossierAction::CloseScoring if current.detail.state.is_scored() => {
            if caller.post.role() == Role::ProvinceOfficer {
                on_written_opinions(office, &current).await?;
            }
            let result = current.council.as_ref().and_then(|c| c.result.clone());
            let Some(result) = result.filter(|r| r.stands()) else {
                let (quorum_met, far_apart) = current
                    .council
                    .as_ref()
                    .and_then(|c| c.result.as_ref())
                    .map_or((false, 0), |r| (r.quorum_met, r.far_apart.len()));
                return Err(BackOfficeError::ResultDoesNotStand { quorum_met, far_apart });
            };
            council_result = Some(serde_json::to_string(&result).map_err(|e| PortError::Internal(e.to_string()))?);
            // The central council's result decides who certifies: the ministry at five stars,
            // the province below.
            if current.detail.state == DossierState::NationalScoring {
                next = after_central_scoring(&result);
            }
        }
        _ => {}
    }
    let step = Step { next, comment: comment.as_deref().map(Said::typed), council_result, certified_product: None };
    take_step(office, caller, &current, version, step).await?;
    Ok(next)
}

/// Excludes a dossier under review on one of its sheet's grounds, before any scoring.
pub(super) async fn disqualify(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    ground: &str,
    reason: &str,
    version: i64,
) -> Result<(), BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    let next = next_state(current.detail.kind, current.detail.state, DossierAction::Disqualify, caller.post.role())
        .map_err(BackOfficeError::Transition)?;
    if current.detail.version != version {
        return Err(BackOfficeError::Stale);
    }
    let disqualification =
        Disqualification::parse(ground, reason, &current.detail.sheet).map_err(BackOfficeError::Disqualification)?;
    let comment = Said::new(|language| disqualification.comment(language));
    let step = Step { next, comment: Some(comment), council_result: None, certified_product: None };
    take_step(office, caller, &current, version, step).await
}

/// Records `step` in its own transaction and tells the producer's people, in the app and by
/// mail.
async fn take_step(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    current: &StaffDossier,
    version: i64,
    step: Step,
) -> Result<(), BackOfficeError> {
    let (next, catalog_changes) = (step.next, step.ends_rerating(current));
    let mut tx = office.db.begin_write().await.map_err(port_error)?;
    let told = office.record_step(&mut tx, caller, current, version, step).await?;
    if catalog_changes {
        office.db.commit_catalog_change(tx).await.map_err(port_error)?;
    } else {
        tx.commit().await.map_err(port_error)?;
    }
    office.mail(told, current.detail.id, &current.detail.product_name, next).await;
    Ok(())
}

pub(super) async fn add_note(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
    kind: NoteKind,
    body: &str,
) -> Result<(), BackOfficeError> {
    let Some(current) = office.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
    if !may_note(caller.post.role(), current.detail.state) {
        return Err(BackOfficeError::Transition(app::domain::TransitionError::NotForRole {
            role: caller.post.role(),
            action: DossierAction::SendToCouncil,
            state: current.detail.state,
        }));
    }
    let mut tx = office.db.begin_write().await.map_err(port_error)?;
    sqlx::query("INSERT INTO dossier_notes (dossier_id, kind, body, account_id, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(dossier_id)
        .bind(kind.code())
        .bind(body)
        .bind(caller.account_id)
        .bind(office.db.clock.timestamp())
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    if kind.tells_producer() {
        let comment = Said::new(|language| format!("{}: {body}", kind.label(language)));
        let told = office.tell(&mut tx, caller, &current, current.detail.state, comment).await?;
        tx.commit().await.map_err(port_error)?;
        office.mail(told, dossier_id, &current.detail.product_name, current.detail.state).await;
    } else {
        tx.commit().await.map_err(port_error)?;
    }
    Ok(())
}

/// Checks that the province officer closes a round of written opinions, on opinions within 10
/// points of each other. Opinions further apart turn the round into a sitting, as the law
/// says: the council then meets and its chair closes the scoring.
async fn on_written_opinions(office: &SqlBackOffice, current: &StaffDossier) -> Result<(), BackOfficeError> {
    let Some(round_id) = current.council.as_ref().map(|c| c.round_id) else {
        return Err(BackOfficeError::SittingClosedByChair);
    };
    let mode: String = sqlx::query_scalar("SELECT mode FROM evaluation_rounds WHERE id = $1")
        .bind(round_id)
        .fetch_one(&office.db.pool)
        .await
        .map_err(port_error)?;
    if mode != RoundMode::WrittenOpinions.code() {
        return Err(BackOfficeError::SittingClosedByChair);
    }
    let result = current.council.as_ref().and_then(|c| c.result.as_ref());
    if let Closing::BecomesSitting { far_apart } = RoundMode::WrittenOpinions.closing(result) {
        sqlx::query("UPDATE evaluation_rounds SET mode = $1 WHERE id = $2")
            .bind(RoundMode::Sitting.code())
            .bind(round_id)
            .execute(&office.db.pool)
            .await
            .map_err(port_error)?;
        return Err(BackOfficeError::OpinionsDiverge(far_apart));
    }
    Ok(())
}

//! The back office in the database: staff posts, inboxes scoped by reach, the commune's review,
//! the steps of the process and the notifications they send.

use std::sync::Arc;

use app::domain::{
    certifiable_stars, certificate_number, dossier::MOVES, may_refer, next_state, return_reason, step_comment,
    working_days_after, CommuneReview, Decision, DecisionError, DossierAction, DossierPlace, DossierState, NoteKind,
    ProducerKind, ProductCode, Revocation, Role, RoundMode, SignInName, StaffPost, COMMUNE_REVIEW_WORKING_DAYS,
};
use app::model::{DossierProducer, EvidenceItem, InboxRow, Reports, StaffDossier, StaffMember};
use app::ports::{BackOffice, BackOfficeError, EvidenceCopy, PortError, StaffCaller};
use async_trait::async_trait;
use chrono::Datelike;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::dossiers::{code, from_code, json, now};
use super::products::{NewProducer, NewProduct};
use super::{port_error, today, Database};
use crate::files::FileStore;
use crate::mail::{Mailer, Message};

/// How long an invitation link to set a first password stays valid.
const INVITATION_SECONDS: i64 = 7 * 24 * 3600;

pub struct SqlBackOffice {
    db: Database,
    files: FileStore,
    mailer: Arc<dyn Mailer>,
    public_url: String,
}

/// A step about to be recorded: where the dossier goes, why, and what it carries along.
struct Step<'a> {
    next: DossierState,
    comment: Option<&'a str>,
    council_result: Option<String>,
    certified_product: Option<i64>,
}

/// Who was told about a step in the app and what, for the mail sent once it is committed.
struct Told {
    members: Vec<(i64, String)>,
    message: String,
}

impl SqlBackOffice {
    /// Moves the dossier on from the state and version it was read at, within `tx`, and tells
    /// the producer's people; refused as stale when someone moved it first.
    async fn record_step(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        current: &StaffDossier,
        version: i64,
        step: Step<'_>,
    ) -> Result<Told, BackOfficeError> {
        let moved = sqlx::query(
            "UPDATE dossiers SET state = $1, version = version + 1, updated_at = $2,
                 council_result = COALESCE($6, council_result), certified_product_id = COALESCE($7, certified_product_id)
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(code(step.next))
        .bind(now())
        .bind(current.detail.id)
        .bind(version)
        .bind(code(current.detail.state))
        .bind(step.council_result)
        .bind(step.certified_product)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
        if moved.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        let mut message =
            format!("Hồ sơ \"{}\" đã chuyển sang bước: {}.", current.detail.product_name, step.next.label_vi());
        if let Some(comment) = step.comment {
            message.push_str(&format!(" Nội dung: {comment}"));
        }
        self.tell_with(tx, caller, current.detail.id, step.next, step.comment, message).await
    }

    /// Records a note on the timeline of a dossier that keeps its state, and tells the
    /// producer's people.
    async fn tell(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        current: &StaffDossier,
        state: DossierState,
        comment: &str,
    ) -> Result<Told, BackOfficeError> {
        let message = format!("Hồ sơ \"{}\": {comment}", current.detail.product_name);
        self.tell_with(tx, caller, current.detail.id, state, Some(comment), message).await
    }

    async fn tell_with(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        caller: &StaffCaller,
        dossier_id: i64,
        state: DossierState,
        comment: Option<&str>,
        message: String,
    ) -> Result<Told, BackOfficeError> {
        let now = now();
        sqlx::query(
            "INSERT INTO dossier_events (dossier_id, state, comment, account_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(dossier_id)
        .bind(code(state))
        .bind(comment)
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
        let members: Vec<(i64, String)> = sqlx::query_as(
            "SELECT a.id, a.sign_in_name FROM producer_members m JOIN accounts a ON a.id = m.account_id
             JOIN portal_products pp ON pp.producer_id = m.producer_id JOIN dossiers d ON d.portal_product_id = pp.id
             WHERE d.id = $1",
        )
        .bind(dossier_id)
        .fetch_all(&mut **tx)
        .await
        .map_err(port_error)?;
        notify(tx, &members, Some(dossier_id), &message, now).await?;
        Ok(Told { members, message })
    }

    /// Mails a committed step to the producer's people who signed up with an e-mail address;
    /// those with a phone number see it in the app.
    async fn mail(&self, told: Told, dossier_id: i64, product: &str, state: DossierState) {
        let link = format!("{}/ho-so-danh-gia/{dossier_id}", self.public_url);
        for (_, to) in told.members.iter().filter(|(_, name)| name.contains('@')) {
            let subject = format!("Hồ sơ OCOP \"{product}\": {}", state.label_vi());
            self.send(to, &subject, format!("{}\n\nXem hồ sơ: {link}\n", told.message)).await;
        }
    }

    pub fn new(db: Database, files: FileStore, mailer: Arc<dyn Mailer>, public_url: &str) -> Self {
        SqlBackOffice { db, files, mailer, public_url: public_url.trim_end_matches('/').to_string() }
    }

    /// Sends a message, logging rather than failing when the mail server is down: the step it
    /// reports is already recorded and shown in the app.
    async fn send(&self, to: &str, subject: &str, body: String) {
        let message = Message { to: to.to_string(), subject: subject.to_string(), body };
        if let Err(err) = self.mailer.send(message).await {
            tracing::warn!(error = %err, "a notification e-mail could not be sent");
        }
    }
}

/// The columns every dossier query of the back office reads, in `place_of`/`inbox_row` order.
const DOSSIER_FROM: &str = "FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id
    JOIN producers pr ON pr.id = pp.producer_id
    JOIN communes c ON c.code = d.commune_code JOIN provinces pv ON pv.code = c.province_code";

/// The columns holding the commune and the province of what a query reads.
pub(super) struct Place {
    pub commune: &'static str,
    pub province: &'static str,
}

/// Where a dossier is: its commune, and that commune's province (`DOSSIER_FROM`).
const DOSSIER_PLACE: Place = Place { commune: "d.commune_code", province: "c.province_code" };

/// The SQL condition limiting rows at `place` to the post's reach, and the value it binds as
/// `$1`. Mirrors `StaffPost::reaches`, which the tests hold it to.
pub(super) fn reach_at(post: &StaffPost, place: Place) -> Option<(String, String)> {
    match post.role() {
        Role::CommuneOfficer => post.commune_code().map(|code| (format!("{} = $1", place.commune), code.to_string())),
        Role::ProvinceOfficer | Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair => {
            post.province_code().map(|code| (format!("{} = $1", place.province), code.to_string()))
        }
        Role::NationalOfficer => Some(("$1 = $1".into(), String::new())),
        Role::Producer | Role::Administrator => None,
    }
}

/// The reach condition for dossiers.
fn reach(post: &StaffPost) -> Option<(String, String)> {
    reach_at(post, DOSSIER_PLACE)
}

/// The states in which the role has a step to take.
fn states_awaiting(role: Role) -> Vec<String> {
    let mut states: Vec<String> = MOVES.iter().filter(|m| m.by == role).map(|m| code(m.from)).collect();
    states.sort();
    states.dedup();
    states
}

/// The commune's deadline while it checks the dossier, and whether it has passed.
fn deadline(state: DossierState, submitted_at: Option<i64>) -> (Option<String>, bool) {
    match (state, submitted_at.and_then(|at| chrono::DateTime::from_timestamp(at + 7 * 3600, 0))) {
        (DossierState::CommuneReview, Some(received)) => {
            let due = working_days_after(received.date_naive(), COMMUNE_REVIEW_WORKING_DAYS);
            (Some(due.to_string()), today() > due)
        }
        _ => (None, false),
    }
}

fn date_of(at: Option<i64>) -> Option<String> {
    at.map(super::accounts::date_of)
}

fn post_from(role: String, province: Option<String>, commune: Option<String>) -> Result<StaffPost, PortError> {
    StaffPost::new(from_code(role)?, province.as_deref(), commune.as_deref())
        .map_err(|err| PortError::Internal(format!("stored staff post: {err}")))
}

#[async_trait]
impl BackOffice for SqlBackOffice {
    async fn staff_post(&self, account_id: i64) -> Result<Option<StaffPost>, PortError> {
        let row = sqlx::query(
            "SELECT role, province_code, commune_code FROM staff_posts WHERE account_id = $1 AND deactivated_at IS NULL",
        )
        .bind(account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        row.map(|r| post_from(r.get(0), r.get(1), r.get(2))).transpose()
    }

    async fn inbox(&self, caller: &StaffCaller, all: bool) -> Result<Vec<InboxRow>, PortError> {
        let Some((condition, value)) = reach(&caller.post) else { return Ok(Vec::new()) };
        let awaiting = states_awaiting(caller.post.role());
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d.id, pp.name, pr.name, c.full_name, d.kind, d.state, d.submitted_at,
                    (SELECT COUNT(*) FROM round_seats rs WHERE rs.round_id = d.round_id AND rs.account_id = $2
                         AND rs.seat <> 'advisor')
             {DOSSIER_FROM}
             WHERE {condition} AND d.submitted_at IS NOT NULL ORDER BY d.submitted_at, d.id LIMIT 2000"
        )))
        .bind(value)
        .bind(caller.account_id)
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        let mut inbox = Vec::new();
        for r in &rows {
            let state: String = r.get(5);
            // Council members have no step of their own: a dossier awaits them while their
            // round's council scores it.
            let scores_it = r.get::<i64, _>(7) > 0 && state == code(DossierState::CouncilScoring);
            let awaits_caller = awaiting.contains(&state) || scores_it;
            if !all && !awaits_caller {
                continue;
            }
            let state: DossierState = from_code(state)?;
            let submitted_at: Option<i64> = r.get(6);
            let (deadline, overdue) = deadline(state, submitted_at);
            inbox.push(InboxRow {
                dossier_id: r.get(0),
                product_name: r.get(1),
                producer_name: r.get(2),
                commune_name: r.get(3),
                kind: from_code(r.get(4))?,
                state,
                submitted_on: date_of(submitted_at),
                deadline,
                overdue,
                awaits_caller,
            });
        }
        // What waits on the caller first, the most urgent deadline first among those.
        inbox.sort_by(|a, b| {
            b.awaits_caller.cmp(&a.awaits_caller).then(b.overdue.cmp(&a.overdue)).then(a.deadline.cmp(&b.deadline))
        });
        Ok(inbox)
    }

    async fn reports(&self, caller: &StaffCaller, expiring_days: u32) -> Result<Reports, PortError> {
        let mut steps = Vec::new();
        if let Some((condition, value)) = reach(&caller.post) {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT d.state, d.submitted_at {DOSSIER_FROM} WHERE {condition} AND d.submitted_at IS NOT NULL"
            )))
            .bind(value)
            .fetch_all(&self.db.pool)
            .await
            .map_err(port_error)?;
            for r in &rows {
                let state: DossierState = from_code(r.get(0))?;
                steps.push((state, deadline(state, r.get(1)).1));
            }
        }
        super::reports::reports(&self.db, &caller.post, super::reports::step_counts(steps), expiring_days).await
    }

    async fn dossier(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<StaffDossier>, PortError> {
        let Some((condition, value)) = reach(&caller.post) else { return Ok(None) };
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT pr.id, pr.name, pr.kind, pr.tax_code, pr.legal_representative, pr.address_line, pr.phone, pr.email,
                    c.full_name, pv.full_name, c.province_code, d.commune_code, d.submitted_at, d.commune_review,
                    d.round_id
             {DOSSIER_FROM} WHERE {condition} AND d.id = $2 AND d.submitted_at IS NOT NULL"
        )))
        .bind(value)
        .bind(dossier_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(row) = row else { return Ok(None) };
        // The SQL reach and the domain's rule must agree; checking both costs nothing.
        let (province_code, commune_code): (String, String) = (row.get(10), row.get(11));
        let place = DossierPlace { province_code: &province_code, commune_code: &commune_code };
        if !caller.post.reaches(&place) {
            return Ok(None);
        }
        let Some(detail) = super::dossiers::dossier(&self.db, row.get(0), dossier_id).await? else { return Ok(None) };
        let (commune_name, province_name): (String, String) = (row.get(8), row.get(9));
        let submitted_at: Option<i64> = row.get(12);
        let (deadline, overdue) = deadline(detail.state, submitted_at);
        let kind: String = row.get(2);
        let address_line: Option<String> = row.get(5);
        let address = [address_line.unwrap_or_default(), commune_name.clone(), province_name.clone()]
            .into_iter()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let commune_review = match row.get::<Option<String>, _>(13) {
            Some(text) => json::<CommuneReview>(&text)?,
            None => CommuneReview::default(),
        };
        let actions = app::domain::allowed_actions(detail.kind, detail.state, caller.post.role());
        let round_id: Option<i64> = row.get(14);
        let council = match round_id {
            Some(round_id) => Some(super::council::panel(&self.db, caller, dossier_id, round_id, &detail.sheet).await?),
            None => None,
        };
        let open_rounds = if caller.post.role() == Role::ProvinceOfficer && detail.state == DossierState::ProvinceReview
        {
            open_rounds(&self.db, &province_code).await?
        } else {
            Vec::new()
        };
        let notes = notes_of(&self.db, dossier_id).await?;
        let may_note = may_note(caller.post.role(), detail.state);
        Ok(Some(StaffDossier {
            producer: DossierProducer {
                name: row.get(1),
                kind: ProducerKind::from_code(&kind).map(|k| k.name_vi().to_string()).unwrap_or(kind),
                tax_code: row.get(3),
                legal_representative: row.get(4),
                address,
                phone: row.get(6),
                email: row.get(7),
            },
            commune_name,
            province_name,
            submitted_on: date_of(submitted_at),
            deadline,
            overdue,
            commune_review,
            actions,
            caller_role: caller.post.role(),
            council,
            open_rounds,
            notes,
            may_note,
            detail,
        }))
    }

    async fn save_commune_review(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        review: &CommuneReview,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let Some(current) = self.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        // The review is written while the commune may still forward the dossier, by whoever may.
        next_state(current.detail.kind, current.detail.state, DossierAction::ForwardToProvince, caller.post.role())
            .map_err(BackOfficeError::Transition)?;
        let stored = serde_json::to_string(review).map_err(|e| PortError::Internal(e.to_string()))?;
        let updated = sqlx::query(
            "UPDATE dossiers SET commune_review = $1, version = version + 1, updated_at = $2
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(stored)
        .bind(now())
        .bind(dossier_id)
        .bind(version)
        .bind(code(current.detail.state))
        .execute(&self.db.pool)
        .await
        .map_err(port_error)?;
        if updated.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        Ok(version + 1)
    }

    async fn act(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        action: DossierAction,
        comment: Option<&str>,
        version: i64,
    ) -> Result<DossierState, BackOfficeError> {
        let Some(current) = self.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
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
        match action {
            DossierAction::ForwardToProvince => {
                current.commune_review.ready_to_forward().map_err(BackOfficeError::Review)?;
            }
            DossierAction::ReferToNational => {
                may_refer(current.detail.council_result.as_ref()).map_err(BackOfficeError::Decision)?;
            }
            // Recognition is recorded with its decision, through `certify`.
            DossierAction::Certify => return Err(BackOfficeError::Decision(DecisionError::NumberMissing)),
            DossierAction::SendToCouncil => {
                super::council::ready_for_council(&self.db, current.council.as_ref().map(|c| c.round_id)).await?;
            }
            // A sitting's scoring closes on a result that stands; a re-rating closed by the
            // province on written opinions has no sitting.
            DossierAction::CloseScoring if current.detail.state == DossierState::CouncilScoring => {
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
            }
            _ => {}
        }
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let step = Step { next, comment: comment.as_deref(), council_result, certified_product: None };
        let told = self.record_step(&mut tx, caller, &current, version, step).await?;
        tx.commit().await.map_err(port_error)?;
        self.mail(told, dossier_id, &current.detail.product_name, next).await;
        Ok(next)
    }

    async fn add_note(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        kind: NoteKind,
        body: &str,
    ) -> Result<(), BackOfficeError> {
        let Some(current) = self.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        if !may_note(caller.post.role(), current.detail.state) {
            return Err(BackOfficeError::Transition(app::domain::TransitionError::NotForRole {
                role: caller.post.role(),
                action: DossierAction::SendToCouncil,
                state: current.detail.state,
            }));
        }
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        sqlx::query("INSERT INTO dossier_notes (dossier_id, kind, body, account_id, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(dossier_id)
            .bind(kind.code())
            .bind(body)
            .bind(caller.account_id)
            .bind(now())
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        if kind.tells_producer() {
            let comment = format!("{}: {body}", kind.label_vi());
            let told = self.tell(&mut tx, caller, &current, current.detail.state, &comment).await?;
            tx.commit().await.map_err(port_error)?;
            self.mail(told, dossier_id, &current.detail.product_name, current.detail.state).await;
        } else {
            tx.commit().await.map_err(port_error)?;
        }
        Ok(())
    }

    async fn certify(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        decision: &Decision,
        version: i64,
    ) -> Result<(), BackOfficeError> {
        let Some(current) = self.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        let next = next_state(current.detail.kind, current.detail.state, DossierAction::Certify, caller.post.role())
            .map_err(BackOfficeError::Transition)?;
        if current.detail.version != version {
            return Err(BackOfficeError::Stale);
        }
        let result = current.detail.council_result.clone();
        let stars = certifiable_stars(current.detail.state, result.as_ref()).map_err(BackOfficeError::Decision)?;
        let row = sqlx::query(
            "SELECT pr.id, pr.name, pr.kind, pr.phone, pr.website, pr.address_as_written, c.province_code, d.commune_code,
                    pv.name, pp.subgroup_code, s.name, pp.description, pp.id, pp.catalog_product_id, r.mode
             FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id JOIN producers pr ON pr.id = pp.producer_id
             LEFT JOIN evaluation_rounds r ON r.id = d.round_id
             JOIN communes c ON c.code = d.commune_code JOIN provinces pv ON pv.code = c.province_code
             JOIN score_sheets s ON s.code = pp.subgroup_code WHERE d.id = $1",
        )
        .bind(dossier_id)
        .fetch_one(&self.db.pool)
        .await
        .map_err(port_error)?;
        let (province, commune): (String, String) = (row.get(6), row.get(7));
        let year = decision.date.year();
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        // Numbers follow the province's (and the commune's) certificates of the year.
        let issued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE certificate_number LIKE $1")
            .bind(format!("%/{year}/GCN-OCOP-{province}"))
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
        let coded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE product_code LIKE $1")
            .bind(format!("{province}-{commune}-%-{year}"))
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
        let number = certificate_number(&province, year, issued as u32 + 1);
        let product_code = ProductCode::new(&province, &commune, coded as u32 + 1, year as u16)
            .map_err(|e| PortError::Internal(format!("product code: {e}")))?
            .to_string();
        let address: String = row.get(5);
        let product = NewProduct {
            producer: NewProducer {
                name: row.get(1),
                kind: row.get(2),
                province_code: province.clone(),
                address_as_written: address.clone(),
                phone: row.get(3),
                website: row.get(4),
            },
            name: current.detail.product_name.clone(),
            subgroup_code: Some(row.get(9)),
            subgroup_name: Some(row.get(10)),
            province_code: province.clone(),
            province_name: row.get(8),
            commune_code: Some(commune.clone()),
            address_as_written: address,
            province_as_written: row.get(8),
            stars: stars.get(),
            score: result.as_ref().map(|r| (r.average_hundredths + 50) / 100),
            criteria_set: crate::import::criteria_set_in_force(Some(decision.date), year).to_string(),
            recognized_year: year,
            decision_number: Some(decision.number.clone()),
            decision_date: Some(decision.date.to_string()),
            certificate_number: Some(number.clone()),
            expires_on: Some(app::domain::expires_on(decision.date).to_string()),
            description: row.get(11),
            phone: row.get(3),
            website: row.get(4),
            source: "portal",
        };
        let product_id = match super::products::insert_certified(&mut tx, row.get(0), &product, &product_code).await {
            Ok(id) => id,
            // Another decision took the number a moment ago: nothing is written; try again.
            Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
                return Err(BackOfficeError::Stale)
            }
            Err(err) => return Err(port_error(err).into()),
        };
        sqlx::query("UPDATE portal_products SET catalog_product_id = $1 WHERE id = $2")
            .bind(product_id)
            .bind(row.get::<i64, _>(12))
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        // An upgrade or a re-rating: the new certificate replaces the one before, and every
        // older entry of the product points to the one now in force.
        if let Some(previous) = row.get::<Option<i64>, _>(13) {
            sqlx::query("UPDATE products SET superseded_by = $1 WHERE (id = $2 OR superseded_by = $2) AND id <> $1")
                .bind(product_id)
                .bind(previous)
                .execute(&mut *tx)
                .await
                .map_err(port_error)?;
        }
        // A re-rating decided without a sitting says so in the record.
        let written = row.get::<Option<String>, _>(14).as_deref() == Some(RoundMode::WrittenOpinions.code());
        let basis =
            if written { " theo ý kiến bằng văn bản của các thành viên Hội đồng" } else { "" };
        let comment = format!(
            "Quyết định số {} ngày {}{basis}: công nhận {} sao. Giấy chứng nhận số {number}, mã sản phẩm {product_code}.",
            decision.number,
            decision.date.format("%d/%m/%Y"),
            stars.get()
        );
        let step = Step { next, comment: Some(&comment), council_result: None, certified_product: Some(product_id) };
        let told = self.record_step(&mut tx, caller, &current, version, step).await?;
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        self.mail(told, dossier_id, &current.detail.product_name, next).await;
        Ok(())
    }

    async fn revoke(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        revocation: &Revocation,
    ) -> Result<(), BackOfficeError> {
        let Some(current) = self.dossier(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        let Some(certificate) =
            current.detail.certificate.as_ref().filter(|_| caller.post.role() == Role::ProvinceOfficer)
        else {
            return Err(BackOfficeError::NotFound);
        };
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let revoked = sqlx::query(
            "UPDATE products SET revoked_on = $1, revocation_ground = $2, revocation_decision = $3
             WHERE id = $4 AND revoked_on IS NULL",
        )
        .bind(revocation.decision.date.to_string())
        .bind(revocation.ground.code())
        .bind(&revocation.decision.number)
        .bind(certificate.catalog_product_id)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        if revoked.rows_affected() == 0 {
            return Err(BackOfficeError::Decision(DecisionError::AlreadyRevoked));
        }
        let comment = format!(
            "Thu hồi giấy chứng nhận số {} từ ngày {}: {}. Quyết định số {}.",
            certificate.certificate_number,
            revocation.decision.date.format("%d/%m/%Y"),
            revocation.ground.label_vi(),
            revocation.decision.number
        );
        let told = self.tell(&mut tx, caller, &current, DossierState::Certified, &comment).await?;
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        self.mail(told, dossier_id, &current.detail.product_name, DossierState::Certified).await;
        Ok(())
    }

    async fn evidence_file(
        &self,
        caller: &StaffCaller,
        evidence_id: i64,
        copy: EvidenceCopy,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
        let Some((condition, value)) = reach(&caller.post) else { return Ok(None) };
        let keys: Option<(String, Option<String>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT e.storage_key, e.thumbnail_key FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
             JOIN communes c ON c.code = d.commune_code
             WHERE {condition} AND e.id = $2 AND d.submitted_at IS NOT NULL"
        )))
        .bind(value)
        .bind(evidence_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        match keys {
            Some((original, thumbnail)) => {
                super::dossiers::stored_evidence(&self.db, &self.files, evidence_id, copy, original, thumbnail).await
            }
            None => Ok(None),
        }
    }

    async fn staff(&self) -> Result<Vec<StaffMember>, PortError> {
        let rows = sqlx::query(
            "SELECT a.id, a.display_name, a.sign_in_name, s.role, pv.name, c.name, s.deactivated_at
             FROM staff_posts s JOIN accounts a ON a.id = s.account_id
             LEFT JOIN provinces pv ON pv.code = s.province_code LEFT JOIN communes c ON c.code = s.commune_code
             ORDER BY s.deactivated_at IS NOT NULL, pv.name, c.name, a.display_name",
        )
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        rows.iter().map(staff_member).collect()
    }

    async fn appoint(
        &self,
        caller: &StaffCaller,
        name: &SignInName,
        display_name: &str,
        post: &StaffPost,
    ) -> Result<(), BackOfficeError> {
        let link = appoint(&self.db, &self.public_url, Some(caller.account_id), name, display_name, post).await?;
        let role = post.role().label_vi();
        let body = match link {
            Some(link) => format!(
                "Chào {display_name},\n\nBạn được giao vai trò {role} trên nền tảng OCOP Việt Nam. Hãy đặt mật khẩu trong vòng 7 ngày tại liên kết sau (chỉ dùng được một lần):\n{link}\n"
            ),
            None => format!(
                "Chào {display_name},\n\nBạn được giao vai trò {role} trên nền tảng OCOP Việt Nam. Hãy đăng nhập bằng tài khoản hiện có tại {}/dang-nhap.\n",
                self.public_url
            ),
        };
        self.send(name.as_str(), "Tài khoản cán bộ OCOP Việt Nam", body).await;
        Ok(())
    }

    async fn set_active(&self, caller: &StaffCaller, account_id: i64, active: bool) -> Result<(), BackOfficeError> {
        if !active && account_id == caller.account_id {
            return Err(BackOfficeError::OwnAccount);
        }
        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let changed = sqlx::query("UPDATE staff_posts SET deactivated_at = $2 WHERE account_id = $1")
            .bind(account_id)
            .bind((!active).then(now))
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        if changed.rows_affected() == 0 {
            return Err(BackOfficeError::NotFound);
        }
        if !active {
            // A deactivated officer is signed out on every device at once.
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await
                .map_err(port_error)?;
        }
        tx.commit().await.map_err(port_error)?;
        Ok(())
    }
}

/// Gives `post` to the account named `name`, creating the account when there is none; returns
/// the link to set its first password for a new account. `granted_by` is `None` when the post
/// is given from the command line (the first administrator).
pub async fn appoint(
    db: &Database,
    public_url: &str,
    granted_by: Option<i64>,
    name: &SignInName,
    display_name: &str,
    post: &StaffPost,
) -> Result<Option<String>, BackOfficeError> {
    if let (Some(province), Some(commune)) = (post.province_code(), post.commune_code()) {
        let inside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communes WHERE code = $1 AND province_code = $2")
            .bind(commune)
            .bind(province)
            .fetch_one(&db.pool)
            .await
            .map_err(port_error)?;
        if inside == 0 {
            return Err(BackOfficeError::CommuneNotInProvince);
        }
    } else if let Some(province) = post.province_code() {
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM provinces WHERE code = $1")
            .bind(province)
            .fetch_one(&db.pool)
            .await
            .map_err(port_error)?;
        if known == 0 {
            return Err(BackOfficeError::Post(app::domain::StaffPostError::NeedsProvince));
        }
    }
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
        .bind(name.as_str())
        .fetch_optional(&db.pool)
        .await
        .map_err(port_error)?;
    let link = match existing {
        Some(account_id) => {
            let acts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM producer_members WHERE account_id = $1")
                .bind(account_id)
                .fetch_one(&db.pool)
                .await
                .map_err(port_error)?;
            if acts > 0 {
                return Err(BackOfficeError::ActsForProducer);
            }
            (account_id, None)
        }
        None => {
            let account_id = super::accounts::create_invited(db, name, display_name).await?;
            let link = super::accounts::password_link(db, public_url, account_id, INVITATION_SECONDS).await?;
            (account_id, Some(link))
        }
    };
    let (account_id, link) = link;
    sqlx::query(
        "INSERT INTO staff_posts (account_id, role, province_code, commune_code, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (account_id) DO UPDATE SET role = excluded.role, province_code = excluded.province_code,
                 commune_code = excluded.commune_code, granted_by = excluded.granted_by,
                 granted_at = excluded.granted_at, deactivated_at = NULL",
    )
    .bind(account_id)
    .bind(code(post.role()))
    .bind(post.province_code())
    .bind(post.commune_code())
    .bind(granted_by)
    .bind(now())
    .execute(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(link)
}

/// Who records notes, and while the province holds the dossier.
fn may_note(role: Role, state: DossierState) -> bool {
    matches!(role, Role::ProvinceOfficer | Role::AdvisoryMember)
        && matches!(state, DossierState::ProvinceReview | DossierState::CouncilScoring)
}

async fn notes_of(db: &Database, dossier_id: i64) -> Result<Vec<app::model::DossierNote>, PortError> {
    let rows = sqlx::query(
        "SELECT n.kind, n.body, a.display_name, n.at FROM dossier_notes n LEFT JOIN accounts a ON a.id = n.account_id
         WHERE n.dossier_id = $1 ORDER BY n.at, n.id",
    )
    .bind(dossier_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    rows.iter()
        .map(|r| {
            Ok(app::model::DossierNote {
                kind: NoteKind::from_code(&r.get::<String, _>(0))
                    .ok_or_else(|| PortError::Internal("unknown note kind".into()))?,
                body: r.get(1),
                by: r.get(2),
                at: super::dossiers::time_of(r.get(3)),
            })
        })
        .collect()
}

/// The province's rounds still open, soonest first.
async fn open_rounds(db: &Database, province_code: &str) -> Result<Vec<app::model::RoundSummary>, PortError> {
    let mut open: Vec<_> =
        super::council::rounds_of(db, province_code).await?.into_iter().filter(|r| !r.closed).collect();
    open.reverse();
    Ok(open)
}

fn staff_member(r: &AnyRow) -> Result<StaffMember, PortError> {
    let (province, commune): (Option<String>, Option<String>) = (r.get(4), r.get(5));
    let place = match (commune, province) {
        (Some(commune), Some(province)) => Some(format!("{commune}, {province}")),
        (None, Some(province)) => Some(province),
        _ => None,
    };
    Ok(StaffMember {
        account_id: r.get(0),
        display_name: r.get(1),
        sign_in_name: r.get(2),
        role: from_code(r.get(3))?,
        place,
        active: r.get::<Option<i64>, _>(6).is_none(),
    })
}

/// Puts `message` in the notifications of each of `members` (account id, sign-in name), within
/// `tx`, tied to the dossier it is about if there is one.
pub(crate) async fn notify(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    members: &[(i64, String)],
    dossier_id: Option<i64>,
    message: &str,
    at: i64,
) -> Result<(), PortError> {
    for (account_id, _) in members {
        sqlx::query("INSERT INTO notifications (account_id, dossier_id, message, created_at) VALUES ($1, $2, $3, $4)")
            .bind(account_id)
            .bind(dossier_id)
            .bind(message)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(port_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_awaits_the_states_it_moves_from() {
        let cases: &[(Role, &[DossierState])] = &[
            (Role::CommuneOfficer, &[DossierState::CommuneReview]),
            (Role::ProvinceOfficer, &[DossierState::ProvinceReview, DossierState::Decision]),
            (Role::CouncilChair, &[DossierState::CouncilScoring]),
            (Role::NationalOfficer, &[DossierState::NationalReferral]),
            (Role::Administrator, &[]),
        ];
        for (role, states) in cases {
            let mut expected: Vec<String> = states.iter().map(|s| code(*s)).collect();
            expected.sort();
            assert_eq!(states_awaiting(*role), expected, "{role:?}");
        }
    }
}

//! The back office in the database: staff posts, inboxes scoped by reach, the commune's review,
//! the steps of the process and the notifications they send.

use std::sync::Arc;

use app::domain::{
    dossier::MOVES, next_state, return_reason, step_comment, working_days_after, CommuneReview, DossierAction,
    DossierPlace, DossierState, ProducerKind, Role, SignInName, StaffPost, COMMUNE_REVIEW_WORKING_DAYS,
};
use app::model::{DossierProducer, EvidenceItem, InboxRow, StaffDossier, StaffMember};
use app::ports::{BackOffice, BackOfficeError, PortError, StaffCaller};
use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::dossiers::{code, from_code, json, now};
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

impl SqlBackOffice {
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

/// The SQL condition limiting dossiers to the post's reach, and the value it binds as `$1`.
/// Mirrors `StaffPost::reaches`, which the tests hold it to.
fn reach(post: &StaffPost) -> Option<(&'static str, String)> {
    match post.role() {
        Role::CommuneOfficer => post.commune_code().map(|code| ("d.commune_code = $1", code.to_string())),
        Role::ProvinceOfficer | Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair => {
            post.province_code().map(|code| ("c.province_code = $1", code.to_string()))
        }
        Role::NationalOfficer => Some(("$1 = $1", String::new())),
        Role::Producer | Role::Administrator => None,
    }
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
        let now = now();
        let mut tx = self.db.pool.begin().await.map_err(port_error)?;
        let moved = sqlx::query(
            "UPDATE dossiers SET state = $1, version = version + 1, updated_at = $2,
                 council_result = COALESCE($6, council_result)
             WHERE id = $3 AND version = $4 AND state = $5",
        )
        .bind(code(next))
        .bind(now)
        .bind(dossier_id)
        .bind(version)
        .bind(code(current.detail.state))
        .bind(council_result)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        if moved.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        sqlx::query(
            "INSERT INTO dossier_events (dossier_id, state, comment, account_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(dossier_id)
        .bind(code(next))
        .bind(comment.clone())
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
        let product = &current.detail.product_name;
        let mut message = format!("Hồ sơ \"{product}\" đã chuyển sang bước: {}.", next.label_vi());
        if let Some(comment) = &comment {
            message.push_str(&format!(" Nội dung: {comment}"));
        }
        let members: Vec<(i64, String)> = sqlx::query_as(
            "SELECT a.id, a.sign_in_name FROM producer_members m JOIN accounts a ON a.id = m.account_id
             JOIN portal_products pp ON pp.producer_id = m.producer_id JOIN dossiers d ON d.portal_product_id = pp.id
             WHERE d.id = $1",
        )
        .bind(dossier_id)
        .fetch_all(&mut *tx)
        .await
        .map_err(port_error)?;
        for (account_id, _) in &members {
            sqlx::query(
                "INSERT INTO notifications (account_id, dossier_id, message, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(account_id)
            .bind(dossier_id)
            .bind(&message)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        }
        tx.commit().await.map_err(port_error)?;
        // Mail only to e-mail addresses; people who signed up with a phone see it in the app.
        let link = format!("{}/ho-so-danh-gia/{dossier_id}", self.public_url);
        for (_, to) in members.iter().filter(|(_, name)| name.contains('@')) {
            self.send(
                to,
                &format!("Hồ sơ OCOP \"{product}\": {}", next.label_vi()),
                format!("{message}\n\nXem hồ sơ: {link}\n"),
            )
            .await;
        }
        Ok(next)
    }

    async fn evidence_file(
        &self,
        caller: &StaffCaller,
        evidence_id: i64,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
        let Some((condition, value)) = reach(&caller.post) else { return Ok(None) };
        let key: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT e.storage_key FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
             JOIN communes c ON c.code = d.commune_code
             WHERE {condition} AND e.id = $2 AND d.submitted_at IS NOT NULL"
        )))
        .bind(value)
        .bind(evidence_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        match key {
            Some(key) => super::dossiers::stored_evidence(&self.db, &self.files, evidence_id, &key).await,
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
        let mut tx = self.db.pool.begin().await.map_err(port_error)?;
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

/// The province's rounds still open, soonest first.
async fn open_rounds(db: &Database, province_code: &str) -> Result<Vec<app::model::RoundSummary>, PortError> {
    let rows = sqlx::query(
        "SELECT id, name, starts_on, ends_on FROM evaluation_rounds
         WHERE province_code = $1 AND closed_at IS NULL ORDER BY starts_on, id",
    )
    .bind(province_code)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows
        .iter()
        .map(|r| app::model::RoundSummary {
            id: r.get(0),
            name: r.get(1),
            starts_on: r.get(2),
            ends_on: r.get(3),
            closed: false,
            dossiers: 0,
            seats: 0,
        })
        .collect())
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

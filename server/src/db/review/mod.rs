//! The back office in the database: staff posts, inboxes scoped by reach, the commune's review,
//! the steps of the process and the notifications they send.

use std::sync::Arc;

use app::domain::{
    step_deadline, CommuneReview, Decision, DossierAction, DossierKind, DossierState, NoteKind, Revocation, Role,
    SignInName, StaffPost, StepDates,
};
use app::model::{EvidenceItem, InboxRow, Reports, StaffDossier, StaffMember};
use app::ports::{BackOffice, BackOfficeError, EvidenceCopy, PortError, StaffCaller};
use async_trait::async_trait;
use chrono::NaiveDate;

use super::reach::{reach_at, Place};
use super::Database;
use crate::files::FileStore;
use crate::mail::Mailer;

mod certification;
pub mod council;
mod dossier;
mod inbox;
mod reports;
mod staff;
mod steps;
mod telling;

pub use staff::appoint;

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
}

/// The tables every dossier query of the back office reads from.
const DOSSIER_FROM: &str = "FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id
    JOIN producers pr ON pr.id = pp.producer_id
    JOIN communes c ON c.code = d.commune_code JOIN provinces pv ON pv.code = c.province_code";

/// Where a dossier is: its commune, and that commune's province (`DOSSIER_FROM`).
const DOSSIER_PLACE: Place = Place { commune: "d.commune_code", province: "c.province_code" };

/// The reach condition for dossiers and the value it binds as `$1`: an officer's by place; a
/// council's chair, members and advisers only the dossiers of the rounds they sit in, not every
/// dossier of their province.
fn reach(caller: &StaffCaller) -> Option<(String, String)> {
    match caller.post.role() {
        Role::CouncilChair | Role::CouncilMember | Role::AdvisoryMember => Some((
            "d.round_id IN (SELECT s.round_id FROM round_seats s WHERE s.account_id = CAST($1 AS BIGINT))".into(),
            caller.account_id.to_string(),
        )),
        _ => reach_at(&caller.post, DOSSIER_PLACE),
    }
}

/// When a dossier was filed, reached the province and was referred (Unix seconds), read with
/// `STEP_TIMES`: the days its deadlines count from.
#[derive(sqlx::FromRow)]
pub(super) struct StepTimes {
    submitted_at: Option<i64>,
    reached_province_at: Option<i64>,
    referred_at: Option<i64>,
}

/// The columns of `StepTimes`, for a query over `dossiers d`; the latest arrival counts (a
/// dossier returned for completion arrives again).
const STEP_TIMES: &str = "d.submitted_at,
    (SELECT MAX(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.state = 'province_review')
        AS reached_province_at,
    (SELECT MAX(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.state = 'national_referral')
        AS referred_at";

/// The last day of the step the dossier is at, and whether it has passed.
fn deadline(kind: DossierKind, state: DossierState, times: &StepTimes, today: NaiveDate) -> (Option<String>, bool) {
    // The day in Vietnam.
    let day = |at: Option<i64>| {
        at.and_then(|at| chrono::DateTime::from_timestamp(at + 7 * 3600, 0)).map(|at| at.date_naive())
    };
    let dates = StepDates {
        filed: day(times.submitted_at),
        reached_province: day(times.reached_province_at),
        referred: day(times.referred_at),
    };
    match step_deadline(kind, state, dates) {
        Some(due) => (Some(due.to_string()), today > due),
        None => (None, false),
    }
}

fn date_of(at: Option<i64>) -> Option<String> {
    at.map(super::codes::date_of)
}

#[async_trait]
impl BackOffice for SqlBackOffice {
    async fn staff_post(&self, account_id: i64) -> Result<Option<StaffPost>, PortError> {
        staff::staff_post(self, account_id).await
    }

    async fn inbox(&self, caller: &StaffCaller, all: bool) -> Result<Vec<InboxRow>, PortError> {
        inbox::inbox(self, caller, all).await
    }

    async fn reports(&self, caller: &StaffCaller, expiring_days: u32) -> Result<Reports, PortError> {
        inbox::reports(self, caller, expiring_days).await
    }

    async fn dossier(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<StaffDossier>, PortError> {
        dossier::dossier(self, caller, dossier_id).await
    }

    async fn save_commune_review(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        review: &CommuneReview,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        steps::save_commune_review(self, caller, dossier_id, review, version).await
    }

    async fn act(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        action: DossierAction,
        comment: Option<&str>,
        version: i64,
    ) -> Result<DossierState, BackOfficeError> {
        steps::act(self, caller, dossier_id, action, comment, version).await
    }

    async fn add_note(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        kind: NoteKind,
        body: &str,
    ) -> Result<(), BackOfficeError> {
        steps::add_note(self, caller, dossier_id, kind, body).await
    }

    async fn certify(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        decision: &Decision,
        version: i64,
    ) -> Result<(), BackOfficeError> {
        certification::certify(self, caller, dossier_id, decision, version).await
    }

    async fn disqualify(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        ground: &str,
        reason: &str,
        version: i64,
    ) -> Result<(), BackOfficeError> {
        steps::disqualify(self, caller, dossier_id, ground, reason, version).await
    }

    async fn revoke(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        revocation: &Revocation,
    ) -> Result<(), BackOfficeError> {
        certification::revoke(self, caller, dossier_id, revocation).await
    }

    async fn evidence_file(
        &self,
        caller: &StaffCaller,
        evidence_id: i64,
        copy: EvidenceCopy,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
        dossier::evidence_file(self, caller, evidence_id, copy).await
    }

    async fn staff(&self) -> Result<Vec<StaffMember>, PortError> {
        staff::staff(self).await
    }

    async fn appoint(
        &self,
        caller: &StaffCaller,
        name: &SignInName,
        display_name: &str,
        post: &StaffPost,
    ) -> Result<(), BackOfficeError> {
        let link = appoint(&self.db, &self.public_url, Some(caller.account_id), name, display_name, post).await?;
        let reader = staff::appointment_language(&self.db, caller.account_id, name, link.is_some()).await;
        let role = post.role().label(reader);
        let body = match link {
            Some(link) => reader.tr_with(
                "Chào {display_name},\n\nBạn được giao vai trò {role} trên nền tảng OCOP Việt Nam. Hãy đặt mật khẩu trong vòng 7 ngày tại liên kết sau (chỉ dùng được một lần):\n{link}\n",
                &[("display_name", &display_name), ("role", &role), ("link", &link)],
            ),
            None => reader.tr_with(
                "Chào {display_name},\n\nBạn được giao vai trò {role} trên nền tảng OCOP Việt Nam. Hãy đăng nhập bằng tài khoản hiện có tại {link}.\n",
                &[("display_name", &display_name), ("role", &role), ("link", &format!("{}/dang-nhap", self.public_url))],
            ),
        };
        self.send(name.as_str(), reader.tr("Tài khoản cán bộ OCOP Việt Nam"), body).await;
        Ok(())
    }

    async fn set_active(&self, caller: &StaffCaller, account_id: i64, active: bool) -> Result<(), BackOfficeError> {
        staff::set_active(self, caller, account_id, active).await
    }
}

/// Who records notes, and while the province holds the dossier.
fn may_note(role: Role, state: DossierState) -> bool {
    matches!(role, Role::ProvinceOfficer | Role::AdvisoryMember)
        && matches!(state, DossierState::ProvinceReview | DossierState::CouncilScoring)
}

/// Runs a write guarded by what the caller read (its version, its state): nothing written means
/// someone else wrote first.
async fn write_unless_stale<'c>(
    write: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
    to: impl sqlx::Executor<'c, Database = sqlx::Any>,
) -> Result<(), BackOfficeError> {
    let written = write.execute(to).await.map_err(super::port_error)?;
    if written.rows_affected() == 0 {
        return Err(BackOfficeError::Stale);
    }
    Ok(())
}

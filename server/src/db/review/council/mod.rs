//! Evaluation rounds and council sheets in the database. A round belongs to a council: a
//! province's (its staff reach it, its province officer changes it) or the central council's
//! (national officers change it); only members seated in it score its dossiers.

use std::collections::BTreeMap;

use app::domain::{Choices, DossierState, RoundError, RoundMode, RoundPlan, ScoreSheet, Seat};
use app::model::{CouncilSheetView, RoundDetail, RoundSummary};
use app::ports::{BackOfficeError, Council, PortError, StaffCaller};
use async_trait::async_trait;

use super::SqlBackOffice;
use crate::db::codes::{from_code, json};
use crate::db::{port_error, Database};

mod rounds;
mod sheets;

pub(crate) use rounds::{rounds_of, seat_changes};
pub(crate) use sheets::{panel, ready_for_council};

pub struct SqlCouncil {
    db: Database,
    /// The dossiers' reach and inbox rows come from the back office.
    back_office: std::sync::Arc<SqlBackOffice>,
}

impl SqlCouncil {
    pub fn new(db: Database, back_office: std::sync::Arc<SqlBackOffice>) -> Self {
        SqlCouncil { db, back_office }
    }

    /// The round, if it belongs to the caller's council (their province's, or the central
    /// one): (closed, how it decides).
    async fn round_of_council(
        &self,
        caller: &StaffCaller,
        round_id: i64,
    ) -> Result<Option<(bool, RoundMode)>, PortError> {
        let Some(council) = caller.post.council() else { return Ok(None) };
        let round: Option<(Option<i64>, String)> = sqlx::query_as(
            "SELECT closed_at, mode FROM evaluation_rounds WHERE id = $1 AND province_code IS NOT DISTINCT FROM $2",
        )
        .bind(round_id)
        .bind(council.province_code())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(round.map(|(closed, mode)| (closed.is_some(), RoundMode::from_code(&mode).unwrap_or_default())))
    }

    /// The officer's hold on an open round of their council, and how it decides: the province
    /// officer's on their province's rounds, the national officer's on the central council's.
    async fn open_round_for_officer(&self, caller: &StaffCaller, round_id: i64) -> Result<RoundMode, BackOfficeError> {
        if caller.post.runs_council().is_none() {
            return Err(BackOfficeError::NotFound);
        }
        match self.round_of_council(caller, round_id).await? {
            None => Err(BackOfficeError::NotFound),
            Some((true, _)) => Err(BackOfficeError::Round(RoundError::Closed)),
            Some((false, mode)) => Ok(mode),
        }
    }

    /// The caller's scoring seat for a dossier under scoring, with the dossier's sheet and
    /// whether scoring is over: `None` when they do not score it.
    async fn scoring_seat(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
    ) -> Result<Option<(Seat, String, String, ScoreSheet, bool)>, PortError> {
        let row: Option<ScoringSeatRow> = sqlx::query_as(
            "SELECT rs.seat, r.name AS round_name, pp.name AS product_name, s.sheet_json, d.state, r.closed_at
             FROM dossiers d
             JOIN evaluation_rounds r ON r.id = d.round_id
             JOIN round_seats rs ON rs.round_id = r.id AND rs.account_id = $2
             JOIN portal_products pp ON pp.id = d.portal_product_id JOIN score_sheets s ON s.code = pp.subgroup_code
             WHERE d.id = $1",
        )
        .bind(dossier_id)
        .bind(caller.account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(row) = row else { return Ok(None) };
        let seat = Seat::from_code(&row.seat).filter(|s| s.scores());
        let state: DossierState = from_code(row.state)?;
        // Sheets exist from the moment the dossier reaches the council.
        if seat.is_none() || matches!(state, DossierState::ProvinceReview | DossierState::NationalReferral) {
            return Ok(None);
        }
        let closed = !state.is_scored() || row.closed_at.is_some();
        let sheet = json::<ScoreSheet>(&row.sheet_json)?;
        Ok(seat.map(|seat| (seat, row.round_name, row.product_name, sheet, closed)))
    }
}

/// The caller's seat in the round of a dossier, with the dossier's sheet and how far it is.
#[derive(sqlx::FromRow)]
struct ScoringSeatRow {
    seat: String,
    round_name: String,
    product_name: String,
    sheet_json: String,
    state: String,
    closed_at: Option<i64>,
}

#[async_trait]
impl Council for SqlCouncil {
    async fn rounds(&self, caller: &StaffCaller) -> Result<Vec<RoundSummary>, PortError> {
        rounds::rounds(self, caller).await
    }

    async fn create_round(&self, caller: &StaffCaller, plan: &RoundPlan) -> Result<i64, BackOfficeError> {
        rounds::create_round(self, caller, plan).await
    }

    async fn round(&self, caller: &StaffCaller, round_id: i64) -> Result<Option<RoundDetail>, PortError> {
        rounds::round(self, caller, round_id).await
    }

    async fn seat(
        &self,
        caller: &StaffCaller,
        round_id: i64,
        account_id: i64,
        seat: Option<Seat>,
    ) -> Result<(), BackOfficeError> {
        rounds::seat(self, caller, round_id, account_id, seat).await
    }

    async fn assign(&self, caller: &StaffCaller, round_id: i64, dossier_id: i64) -> Result<(), BackOfficeError> {
        rounds::assign(self, caller, round_id, dossier_id).await
    }

    async fn sheet(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<CouncilSheetView>, PortError> {
        sheets::sheet(self, caller, dossier_id).await
    }

    async fn save_sheet(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        choices: &Choices,
        notes: &BTreeMap<String, String>,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        sheets::save_sheet(self, caller, dossier_id, choices, notes, version).await
    }

    async fn submit_sheet(&self, caller: &StaffCaller, dossier_id: i64, version: i64) -> Result<(), BackOfficeError> {
        sheets::submit_sheet(self, caller, dossier_id, version).await
    }

    async fn close_round(&self, caller: &StaffCaller, round_id: i64) -> Result<(), BackOfficeError> {
        rounds::close_round(self, caller, round_id).await
    }

    async fn reopen_sheet(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        account_id: i64,
    ) -> Result<(), BackOfficeError> {
        sheets::reopen_sheet(self, caller, dossier_id, account_id).await
    }
}

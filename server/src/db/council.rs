//! Evaluation rounds and council sheets in the database. A round belongs to a province: only
//! staff of that province reach it, only the province officer changes it, and only members
//! seated in it score its dossiers.

use std::collections::BTreeMap;

use app::domain::{
    assess, council_ready, council_result, Choices, CouncilResult, DossierState, MemberScore, Role, RoundError,
    RoundMode, RoundPlan, ScoreSheet, Seat,
};
use app::model::{CouncilPanel, CouncilSheetView, InboxRow, MemberSheet, RoundDetail, RoundSummary, SeatHolder};
use app::ports::{BackOffice, BackOfficeError, Council, PortError, StaffCaller};
use async_trait::async_trait;
use sqlx::Row;

use super::back_office::SqlBackOffice;
use super::dossiers::{code, from_code, json, now};
use super::{port_error, Database};

pub struct SqlCouncil {
    db: Database,
    /// The dossiers' reach and inbox rows come from the back office.
    back_office: std::sync::Arc<SqlBackOffice>,
}

impl SqlCouncil {
    pub fn new(db: Database, back_office: std::sync::Arc<SqlBackOffice>) -> Self {
        SqlCouncil { db, back_office }
    }

    /// The round, if it belongs to the caller's province: (province, closed).
    async fn round_of_province(
        &self,
        caller: &StaffCaller,
        round_id: i64,
    ) -> Result<Option<(bool, RoundMode)>, PortError> {
        let Some(province) = caller.post.province_code() else { return Ok(None) };
        let round: Option<(Option<i64>, String)> =
            sqlx::query_as("SELECT closed_at, mode FROM evaluation_rounds WHERE id = $1 AND province_code = $2")
                .bind(round_id)
                .bind(province)
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        Ok(round.map(|(closed, mode)| (closed.is_some(), RoundMode::from_code(&mode).unwrap_or_default())))
    }

    /// The province officer's hold on an open round of their province, and how it decides.
    async fn open_round_for_officer(&self, caller: &StaffCaller, round_id: i64) -> Result<RoundMode, BackOfficeError> {
        if caller.post.role() != Role::ProvinceOfficer {
            return Err(BackOfficeError::NotFound);
        }
        match self.round_of_province(caller, round_id).await? {
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
        let row = sqlx::query(
            "SELECT rs.seat, r.name, pp.name, s.sheet_json, d.state, r.closed_at FROM dossiers d
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
        let seat = Seat::from_code(&row.get::<String, _>(0)).filter(|s| s.scores());
        let state: DossierState = from_code(row.get(4))?;
        // Sheets exist from the moment the dossier reaches the council.
        if seat.is_none() || matches!(state, DossierState::ProvinceReview) {
            return Ok(None);
        }
        let closed = state != DossierState::CouncilScoring || row.get::<Option<i64>, _>(5).is_some();
        let sheet = json::<ScoreSheet>(&row.get::<String, _>(3))?;
        Ok(seat.map(|seat| (seat, row.get(1), row.get(2), sheet, closed)))
    }
}

#[async_trait]
impl Council for SqlCouncil {
    async fn rounds(&self, caller: &StaffCaller) -> Result<Vec<RoundSummary>, PortError> {
        match caller.post.province_code() {
            Some(province) => rounds_of(&self.db, province).await,
            None => Ok(Vec::new()),
        }
    }

    async fn create_round(&self, caller: &StaffCaller, plan: &RoundPlan) -> Result<i64, BackOfficeError> {
        let Some(province) = caller.post.province_code().filter(|_| caller.post.role() == Role::ProvinceOfficer) else {
            return Err(BackOfficeError::NotFound);
        };
        let row = sqlx::query(
            "INSERT INTO evaluation_rounds (province_code, name, starts_on, ends_on, created_by, created_at, mode)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(province)
        .bind(&plan.name)
        .bind(plan.starts_on.to_string())
        .bind(plan.ends_on.to_string())
        .bind(caller.account_id)
        .bind(now())
        .bind(plan.mode.code())
        .fetch_one(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(row.get(0))
    }

    async fn round(&self, caller: &StaffCaller, round_id: i64) -> Result<Option<RoundDetail>, PortError> {
        let Some(province) = caller.post.province_code() else { return Ok(None) };
        let row = sqlx::query(
            "SELECT r.id, r.name, r.starts_on, r.ends_on, r.closed_at,
                    (SELECT COUNT(*) FROM dossiers d WHERE d.round_id = r.id),
                    (SELECT COUNT(*) FROM round_seats s WHERE s.round_id = r.id), r.mode
             FROM evaluation_rounds r WHERE r.id = $1 AND r.province_code = $2",
        )
        .bind(round_id)
        .bind(province)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let Some(row) = row else { return Ok(None) };
        let round = round_summary(&row);
        // Everyone of the province with a council role, seated or not.
        let people = sqlx::query(
            "SELECT a.id, a.display_name, sp.role, rs.seat FROM staff_posts sp JOIN accounts a ON a.id = sp.account_id
             LEFT JOIN round_seats rs ON rs.account_id = a.id AND rs.round_id = $1
             WHERE sp.province_code = $2 AND sp.deactivated_at IS NULL AND sp.role IN ($3, $4, $5)
             ORDER BY a.display_name",
        )
        .bind(round_id)
        .bind(province)
        .bind(code(Role::CouncilChair))
        .bind(code(Role::CouncilMember))
        .bind(code(Role::AdvisoryMember))
        .fetch_all(&self.db.pool)
        .await
        .map_err(port_error)?;
        let mut seated = Vec::new();
        let mut candidates = Vec::new();
        for p in &people {
            let holder = SeatHolder {
                account_id: p.get(0),
                display_name: p.get(1),
                role: from_code(p.get(2))?,
                seat: p.get::<Option<String>, _>(3).and_then(|s| Seat::from_code(&s)),
            };
            if holder.seat.is_some() {
                seated.push(holder);
            } else {
                candidates.push(holder);
            }
        }
        seated.sort_by_key(|h| h.seat.map(|s| Seat::ALL.iter().position(|x| *x == s)));
        let everything = self.back_office.inbox(caller, true).await?;
        let in_round: Vec<i64> = sqlx::query_scalar("SELECT id FROM dossiers WHERE round_id = $1")
            .bind(round_id)
            .fetch_all(&self.db.pool)
            .await
            .map_err(port_error)?;
        let unplaced: Vec<i64> = sqlx::query_scalar("SELECT id FROM dossiers WHERE round_id IS NULL AND state = $1")
            .bind(code(DossierState::ProvinceReview))
            .fetch_all(&self.db.pool)
            .await
            .map_err(port_error)?;
        let pick = |ids: &[i64]| -> Vec<InboxRow> {
            everything.iter().filter(|row| ids.contains(&row.dossier_id)).cloned().collect()
        };
        let editable = caller.post.role() == Role::ProvinceOfficer && !round.closed;
        let chairs = seated.iter().any(|h| h.account_id == caller.account_id && h.seat == Some(Seat::Chair));
        let closable = !round.closed && (editable || chairs);
        Ok(Some(RoundDetail {
            dossiers: pick(&in_round),
            unassigned: if editable { pick(&unplaced) } else { Vec::new() },
            round,
            seated,
            candidates: if editable { candidates } else { Vec::new() },
            editable,
            closable,
        }))
    }

    async fn seat(
        &self,
        caller: &StaffCaller,
        round_id: i64,
        account_id: i64,
        seat: Option<Seat>,
    ) -> Result<(), BackOfficeError> {
        self.open_round_for_officer(caller, round_id).await?;
        let Some(seat) = seat else {
            sqlx::query("DELETE FROM round_seats WHERE round_id = $1 AND account_id = $2")
                .bind(round_id)
                .bind(account_id)
                .execute(&self.db.pool)
                .await
                .map_err(port_error)?;
            return Ok(());
        };
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM staff_posts WHERE account_id = $1 AND province_code = $2 AND deactivated_at IS NULL",
        )
        .bind(account_id)
        .bind(caller.post.province_code())
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        if role.as_deref() != Some(code(seat.role()).as_str()) {
            return Err(BackOfficeError::Round(RoundError::WrongRole { seat }));
        }
        let seated = sqlx::query(
            "INSERT INTO round_seats (round_id, account_id, seat) VALUES ($1, $2, $3)
             ON CONFLICT (round_id, account_id) DO UPDATE SET seat = excluded.seat",
        )
        .bind(round_id)
        .bind(account_id)
        .bind(seat.code())
        .execute(&self.db.pool)
        .await;
        match seated {
            Ok(_) => Ok(()),
            Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
                Err(BackOfficeError::Round(RoundError::ChairTaken))
            }
            Err(err) => Err(port_error(err).into()),
        }
    }

    async fn assign(&self, caller: &StaffCaller, round_id: i64, dossier_id: i64) -> Result<(), BackOfficeError> {
        let mode = self.open_round_for_officer(caller, round_id).await?;
        let Some(dossier) = self.back_office.dossier(caller, dossier_id).await? else {
            return Err(BackOfficeError::NotFound);
        };
        mode.takes(dossier.detail.kind).map_err(BackOfficeError::Round)?;
        if dossier.detail.state != DossierState::ProvinceReview {
            return Err(BackOfficeError::Transition(app::domain::TransitionError::NotFromState {
                state: dossier.detail.state,
                action: app::domain::DossierAction::SendToCouncil,
            }));
        }
        sqlx::query("UPDATE dossiers SET round_id = $1 WHERE id = $2 AND state = $3")
            .bind(round_id)
            .bind(dossier_id)
            .bind(code(DossierState::ProvinceReview))
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn sheet(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<CouncilSheetView>, PortError> {
        let Some((seat, round_name, product_name, sheet, closed)) = self.scoring_seat(caller, dossier_id).await? else {
            return Ok(None);
        };
        let row = sqlx::query(
            "SELECT choices, notes, version, submitted_at FROM council_sheets WHERE dossier_id = $1 AND account_id = $2",
        )
        .bind(dossier_id)
        .bind(caller.account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        let (choices, notes, version, submitted) = match row {
            Some(r) => (
                json::<Choices>(&r.get::<String, _>(0))?,
                json::<BTreeMap<String, String>>(&r.get::<String, _>(1))?,
                r.get::<i64, _>(2),
                r.get::<Option<i64>, _>(3).is_some(),
            ),
            None => (Choices::new(), BTreeMap::new(), 0, false),
        };
        Ok(Some(CouncilSheetView {
            dossier_id,
            product_name,
            round_name,
            seat,
            sheet,
            choices,
            notes,
            version,
            submitted,
            closed,
        }))
    }

    async fn save_sheet(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        choices: &Choices,
        notes: &BTreeMap<String, String>,
        version: i64,
    ) -> Result<i64, BackOfficeError> {
        let Some(current) = self.sheet(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        if current.closed {
            return Err(BackOfficeError::Round(RoundError::Closed));
        }
        if current.submitted {
            return Err(BackOfficeError::Stale);
        }
        // Only options the sheet offers, and notes on criteria it has.
        assess(&current.sheet, choices).map_err(BackOfficeError::Scoring)?;
        let notes: BTreeMap<String, String> = notes
            .iter()
            .filter(|(code, _)| current.sheet.scorable().any(|(_, c)| &c.code == *code))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let stored = (
            serde_json::to_string(choices).map_err(|e| PortError::Internal(e.to_string()))?,
            serde_json::to_string(&notes).map_err(|e| PortError::Internal(e.to_string()))?,
        );
        // The first save creates the sheet at version 1; later ones move it on from `version`.
        let written = if version == 0 {
            sqlx::query(
                "INSERT INTO council_sheets (dossier_id, account_id, choices, notes, version, updated_at)
                 VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (dossier_id, account_id) DO NOTHING",
            )
            .bind(dossier_id)
            .bind(caller.account_id)
            .bind(&stored.0)
            .bind(&stored.1)
            .bind(now())
            .execute(&self.db.pool)
            .await
        } else {
            sqlx::query(
                "UPDATE council_sheets SET choices = $1, notes = $2, version = version + 1, updated_at = $3
                 WHERE dossier_id = $4 AND account_id = $5 AND version = $6 AND submitted_at IS NULL",
            )
            .bind(&stored.0)
            .bind(&stored.1)
            .bind(now())
            .bind(dossier_id)
            .bind(caller.account_id)
            .bind(version)
            .execute(&self.db.pool)
            .await
        }
        .map_err(port_error)?;
        if written.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        Ok(version + 1)
    }

    async fn submit_sheet(&self, caller: &StaffCaller, dossier_id: i64, version: i64) -> Result<(), BackOfficeError> {
        let Some(current) = self.sheet(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
        if current.closed {
            return Err(BackOfficeError::Round(RoundError::Closed));
        }
        if current.submitted || current.version != version {
            return Err(BackOfficeError::Stale);
        }
        let assessment = assess(&current.sheet, &current.choices).map_err(BackOfficeError::Scoring)?;
        if !assessment.unanswered.is_empty() || version == 0 {
            return Err(BackOfficeError::Unanswered(assessment.unanswered));
        }
        let done = sqlx::query(
            "UPDATE council_sheets SET submitted_at = $1, version = version + 1
             WHERE dossier_id = $2 AND account_id = $3 AND version = $4 AND submitted_at IS NULL",
        )
        .bind(now())
        .bind(dossier_id)
        .bind(caller.account_id)
        .bind(version)
        .execute(&self.db.pool)
        .await
        .map_err(port_error)?;
        if done.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        Ok(())
    }

    async fn close_round(&self, caller: &StaffCaller, round_id: i64) -> Result<(), BackOfficeError> {
        let Some(detail) = self.round(caller, round_id).await? else { return Err(BackOfficeError::NotFound) };
        if detail.round.closed {
            return Err(BackOfficeError::Round(RoundError::Closed));
        }
        if !detail.closable {
            return Err(BackOfficeError::NotFound);
        }
        let pending = detail
            .dossiers
            .iter()
            .filter(|d| matches!(d.state, DossierState::ProvinceReview | DossierState::CouncilScoring))
            .count();
        if pending > 0 {
            return Err(BackOfficeError::Round(RoundError::DossiersPending { count: pending }));
        }
        sqlx::query("UPDATE evaluation_rounds SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
            .bind(now())
            .bind(round_id)
            .execute(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(())
    }

    async fn reopen_sheet(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        account_id: i64,
    ) -> Result<(), BackOfficeError> {
        match self.scoring_seat(caller, dossier_id).await? {
            Some((Seat::Chair, _, _, _, false)) => {}
            Some((Seat::Chair, _, _, _, true)) => return Err(BackOfficeError::Round(RoundError::Closed)),
            _ => return Err(BackOfficeError::NotFound),
        }
        let reopened = sqlx::query(
            "UPDATE council_sheets SET submitted_at = NULL, version = version + 1
             WHERE dossier_id = $1 AND account_id = $2 AND submitted_at IS NOT NULL",
        )
        .bind(dossier_id)
        .bind(account_id)
        .execute(&self.db.pool)
        .await
        .map_err(port_error)?;
        if reopened.rows_affected() == 0 {
            return Err(BackOfficeError::Stale);
        }
        Ok(())
    }
}

/// A province's rounds, newest first.
pub(crate) async fn rounds_of(db: &Database, province_code: &str) -> Result<Vec<RoundSummary>, PortError> {
    let rows = sqlx::query(
        "SELECT r.id, r.name, r.starts_on, r.ends_on, r.closed_at,
                (SELECT COUNT(*) FROM dossiers d WHERE d.round_id = r.id),
                (SELECT COUNT(*) FROM round_seats s WHERE s.round_id = r.id), r.mode
         FROM evaluation_rounds r WHERE r.province_code = $1 ORDER BY r.starts_on DESC, r.id DESC",
    )
    .bind(province_code)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows.iter().map(round_summary).collect())
}

fn round_summary(row: &sqlx::any::AnyRow) -> RoundSummary {
    RoundSummary {
        id: row.get(0),
        name: row.get(1),
        starts_on: row.get(2),
        ends_on: row.get(3),
        closed: row.get::<Option<i64>, _>(4).is_some(),
        dossiers: row.get(5),
        seats: row.get(6),
        mode: RoundMode::from_code(&row.get::<String, _>(7)).unwrap_or_default(),
    }
}

/// The council's state on a dossier in a round, as `caller` may see it.
pub(crate) async fn panel(
    db: &Database,
    caller: &StaffCaller,
    dossier_id: i64,
    round_id: i64,
    sheet: &ScoreSheet,
) -> Result<CouncilPanel, PortError> {
    let round_name: String = sqlx::query_scalar("SELECT name FROM evaluation_rounds WHERE id = $1")
        .bind(round_id)
        .fetch_one(&db.pool)
        .await
        .map_err(port_error)?;
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, rs.seat, cs.choices, cs.submitted_at FROM round_seats rs
         JOIN accounts a ON a.id = rs.account_id
         LEFT JOIN council_sheets cs ON cs.account_id = rs.account_id AND cs.dossier_id = $2
         WHERE rs.round_id = $1 ORDER BY rs.seat, a.display_name",
    )
    .bind(round_id)
    .bind(dossier_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let mut sheets = Vec::new();
    let mut scores = Vec::new();
    let mut caller_seat = None;
    let mut caller_submitted = false;
    for r in &rows {
        let Some(seat) = Seat::from_code(&r.get::<String, _>(2)) else { continue };
        let account_id: i64 = r.get(0);
        let submitted = r.get::<Option<i64>, _>(4).is_some();
        if account_id == caller.account_id {
            caller_seat = Some(seat);
            caller_submitted = submitted;
        }
        if !seat.scores() {
            continue;
        }
        let mut total = None;
        if submitted {
            let choices = json::<Choices>(&r.get::<Option<String>, _>(3).unwrap_or_default())?;
            let assessment = assess(sheet, &choices).map_err(|e| PortError::Internal(e.to_string()))?;
            total = Some(assessment.total);
            scores.push(MemberScore {
                member_id: account_id.to_string(),
                is_chair: seat == Seat::Chair,
                total: assessment.total,
                max_stars_allowed: assessment.minimums_allow,
                parts: assessment.part_totals.clone(),
            });
        }
        sheets.push(MemberSheet { account_id, display_name: r.get(1), seat, submitted, total, far_apart: false });
    }
    let scoring_seats = sheets.len();
    let result: Option<CouncilResult> = council_result(scoring_seats, &scores).ok();
    if let Some(result) = &result {
        for sheet in &mut sheets {
            let id = sheet.account_id.to_string();
            sheet.far_apart = result.far_apart.iter().any(|(a, b, _)| *a == id || *b == id);
        }
    }
    let sees_totals = matches!(caller_seat, Some(Seat::Chair))
        || caller.post.role() == Role::ProvinceOfficer
        || caller.post.role() == Role::NationalOfficer
        || caller_submitted;
    if !sees_totals {
        for sheet in &mut sheets {
            sheet.total = None;
            sheet.far_apart = false;
        }
    }
    Ok(CouncilPanel {
        round_id,
        round_name,
        scoring_seats,
        sheets,
        result: if sees_totals { result } else { None },
        caller_seat,
        sees_totals,
    })
}

/// Whether the round of a dossier may receive it: open, with a chair and enough members.
pub(crate) async fn ready_for_council(db: &Database, round_id: Option<i64>) -> Result<(), BackOfficeError> {
    let Some(round_id) = round_id else { return Err(BackOfficeError::Round(RoundError::NoRound)) };
    let closed: Option<i64> = sqlx::query_scalar("SELECT closed_at FROM evaluation_rounds WHERE id = $1")
        .bind(round_id)
        .fetch_one(&db.pool)
        .await
        .map_err(port_error)?;
    if closed.is_some() {
        return Err(BackOfficeError::Round(RoundError::Closed));
    }
    let seats: Vec<String> = sqlx::query_scalar("SELECT seat FROM round_seats WHERE round_id = $1")
        .bind(round_id)
        .fetch_all(&db.pool)
        .await
        .map_err(port_error)?;
    let seats: Vec<Seat> = seats.iter().filter_map(|s| Seat::from_code(s)).collect();
    council_ready(&seats).map_err(BackOfficeError::Round)
}

//! Evaluation rounds of a council (a province's or the central one): planned, seated, given
//! dossiers and closed.

use app::domain::{CouncilOf, Role, RoundError, RoundMode, RoundPlan, Seat};
use app::model::{InboxRow, RoundDetail, RoundSummary, SeatChange, SeatHolder};
use app::ports::{BackOffice, BackOfficeError, Council, PortError, StaffCaller};
use chrono::NaiveDate;

use crate::db::codes::{code, from_code, time_of};
use crate::db::{port_error, Database};

use super::SqlCouncil;

pub(super) async fn rounds(council: &SqlCouncil, caller: &StaffCaller) -> Result<Vec<RoundSummary>, PortError> {
    match caller.post.council() {
        Some(of) => rounds_of(&council.db, of).await,
        None => Ok(Vec::new()),
    }
}

pub(super) async fn create_round(
    council: &SqlCouncil,
    caller: &StaffCaller,
    plan: &RoundPlan,
) -> Result<i64, BackOfficeError> {
    let Some(of) = caller.post.runs_council() else {
        return Err(BackOfficeError::NotFound);
    };
    let id = sqlx::query_scalar(
        "INSERT INTO evaluation_rounds (province_code, name, starts_on, ends_on, created_by, created_at, mode)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(of.province_code())
    .bind(&plan.name)
    .bind(plan.starts_on.to_string())
    .bind(plan.ends_on.to_string())
    .bind(caller.account_id)
    .bind(council.db.clock.timestamp())
    .bind(plan.mode.code())
    .fetch_one(&council.db.pool)
    .await
    .map_err(port_error)?;
    Ok(id)
}

pub(super) async fn round(
    council: &SqlCouncil,
    caller: &StaffCaller,
    round_id: i64,
) -> Result<Option<RoundDetail>, PortError> {
    let Some(of) = caller.post.council() else { return Ok(None) };
    let row: Option<RoundRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ROUND_COLUMNS} FROM evaluation_rounds r WHERE r.id = $1 AND r.province_code IS NOT DISTINCT FROM $2"
    )))
    .bind(round_id)
    .bind(of.province_code())
    .fetch_optional(&council.db.pool)
    .await
    .map_err(port_error)?;
    let Some(round) = row.map(RoundSummary::from) else { return Ok(None) };
    // Everyone of the council with a council role, seated or not.
    let people: Vec<SeatHolderRow> = sqlx::query_as(
        "SELECT a.id AS account_id, a.display_name, sp.role, rs.seat
         FROM staff_posts sp JOIN accounts a ON a.id = sp.account_id
         LEFT JOIN round_seats rs ON rs.account_id = a.id AND rs.round_id = $1
         WHERE sp.province_code IS NOT DISTINCT FROM $2 AND sp.deactivated_at IS NULL AND sp.role IN ($3, $4, $5)
         ORDER BY a.display_name",
    )
    .bind(round_id)
    .bind(of.province_code())
    .bind(code(Role::CouncilChair))
    .bind(code(Role::CouncilMember))
    .bind(code(Role::AdvisoryMember))
    .fetch_all(&council.db.pool)
    .await
    .map_err(port_error)?;
    let mut seated = Vec::new();
    let mut candidates = Vec::new();
    for person in people {
        let holder = SeatHolder::try_from(person)?;
        if holder.seat.is_some() {
            seated.push(holder);
        } else {
            candidates.push(holder);
        }
    }
    seated.sort_by_key(|h| h.seat.map(|s| Seat::ALL.iter().position(|x| *x == s)));
    let everything = council.back_office.inbox(caller, true).await?;
    let in_round: Vec<i64> = sqlx::query_scalar("SELECT id FROM dossiers WHERE round_id = $1")
        .bind(round_id)
        .fetch_all(&council.db.pool)
        .await
        .map_err(port_error)?;
    // Dossiers at the step this council takes them, in none of its rounds yet (a referred
    // dossier is still in its province's round).
    let unplaced: Vec<i64> = sqlx::query_scalar(
        "SELECT d.id FROM dossiers d WHERE d.state = $1 AND NOT EXISTS (
             SELECT 1 FROM evaluation_rounds r WHERE r.id = d.round_id AND r.province_code IS NOT DISTINCT FROM $2)",
    )
    .bind(code(of.takes_at()))
    .bind(of.province_code())
    .fetch_all(&council.db.pool)
    .await
    .map_err(port_error)?;
    let pick = |ids: &[i64]| -> Vec<InboxRow> {
        everything.iter().filter(|row| ids.contains(&row.dossier_id)).cloned().collect()
    };
    let editable = caller.post.runs_council().is_some() && !round.closed;
    let chairs = seated.iter().any(|h| h.account_id == caller.account_id && h.seat == Some(Seat::Chair));
    let closable = !round.closed && (editable || chairs);
    let dates = round.starts_on.parse::<NaiveDate>().ok().zip(round.ends_on.parse::<NaiveDate>().ok());
    let level = of.level();
    let calendar_warning = dates
        .and_then(|(starts_on, ends_on)| level.late_round(starts_on, ends_on))
        .map(|term| level.late_round_vi(term));
    Ok(Some(RoundDetail {
        calendar_warning,
        dossiers: pick(&in_round),
        unassigned: if editable { pick(&unplaced) } else { Vec::new() },
        round,
        seated,
        candidates: if editable { candidates } else { Vec::new() },
        editable,
        closable,
        seat_changes: seat_changes(&council.db, round_id).await?,
    }))
}

pub(super) async fn seat(
    council: &SqlCouncil,
    caller: &StaffCaller,
    round_id: i64,
    account_id: i64,
    seat: Option<Seat>,
) -> Result<(), BackOfficeError> {
    council.open_round_for_officer(caller, round_id).await?;
    if let Some(seat) = seat {
        let role: Option<String> = sqlx::query_scalar(
            "SELECT role FROM staff_posts
             WHERE account_id = $1 AND province_code IS NOT DISTINCT FROM $2 AND deactivated_at IS NULL",
        )
        .bind(account_id)
        .bind(caller.post.council().and_then(CouncilOf::province_code))
        .fetch_optional(&council.db.pool)
        .await
        .map_err(port_error)?;
        if role.as_deref() != Some(code(seat.role()).as_str()) {
            return Err(BackOfficeError::Round(RoundError::WrongRole { seat }));
        }
    }
    // The check that scoring has not begun, the change and its record in one transaction: a
    // sheet saved meanwhile cannot slip between them.
    let mut tx = council.db.begin_write().await.map_err(port_error)?;
    let sheets: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM council_sheets s JOIN dossiers d ON d.id = s.dossier_id WHERE d.round_id = $1",
    )
    .bind(round_id)
    .fetch_one(&mut *tx)
    .await
    .map_err(port_error)?;
    if sheets > 0 {
        return Err(BackOfficeError::Round(RoundError::SeatsFrozen));
    }
    let changed = match seat {
        None => sqlx::query("DELETE FROM round_seats WHERE round_id = $1 AND account_id = $2")
            .bind(round_id)
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map(|done| done.rows_affected() > 0),
        Some(seat) => sqlx::query(
            "INSERT INTO round_seats (round_id, account_id, seat) VALUES ($1, $2, $3)
             ON CONFLICT (round_id, account_id) DO UPDATE SET seat = excluded.seat",
        )
        .bind(round_id)
        .bind(account_id)
        .bind(seat.code())
        .execute(&mut *tx)
        .await
        .map(|_| true),
    };
    match changed {
        Ok(false) => return Ok(()),
        Ok(true) => {}
        Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
            return Err(BackOfficeError::Round(RoundError::ChairTaken));
        }
        Err(err) => return Err(port_error(err).into()),
    }
    sqlx::query(
        "INSERT INTO round_seat_changes (round_id, account_id, seat, changed_by, changed_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(round_id)
    .bind(account_id)
    .bind(seat.map(Seat::code))
    .bind(caller.account_id)
    .bind(council.db.clock.timestamp())
    .execute(&mut *tx)
    .await
    .map_err(port_error)?;
    tx.commit().await.map_err(port_error)?;
    Ok(())
}

/// Every seat given or taken back in the round, oldest first.
pub(crate) async fn seat_changes(db: &Database, round_id: i64) -> Result<Vec<SeatChange>, PortError> {
    let rows: Vec<SeatChangeRow> = sqlx::query_as(
        "SELECT a.display_name, c.seat, b.display_name AS changed_by, c.changed_at
         FROM round_seat_changes c JOIN accounts a ON a.id = c.account_id JOIN accounts b ON b.id = c.changed_by
         WHERE c.round_id = $1 ORDER BY c.id",
    )
    .bind(round_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows
        .into_iter()
        .map(|row| SeatChange {
            display_name: row.display_name,
            seat: row.seat.and_then(|seat| Seat::from_code(&seat)),
            by: row.changed_by,
            at: time_of(row.changed_at),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SeatChangeRow {
    display_name: String,
    seat: Option<String>,
    changed_by: String,
    changed_at: i64,
}

pub(super) async fn assign(
    council: &SqlCouncil,
    caller: &StaffCaller,
    round_id: i64,
    dossier_id: i64,
) -> Result<(), BackOfficeError> {
    let mode = council.open_round_for_officer(caller, round_id).await?;
    let Some(dossier) = council.back_office.dossier(caller, dossier_id).await? else {
        return Err(BackOfficeError::NotFound);
    };
    mode.takes(dossier.detail.kind).map_err(BackOfficeError::Round)?;
    let takes_at = caller.post.council().map(CouncilOf::takes_at);
    if Some(dossier.detail.state) != takes_at {
        return Err(BackOfficeError::Transition(app::domain::TransitionError::NotFromState {
            state: dossier.detail.state,
            action: app::domain::DossierAction::SendToCouncil,
        }));
    }
    sqlx::query("UPDATE dossiers SET round_id = $1 WHERE id = $2 AND state = $3")
        .bind(round_id)
        .bind(dossier_id)
        .bind(code(dossier.detail.state))
        .execute(&council.db.pool)
        .await
        .map_err(port_error)?;
    Ok(())
}

pub(super) async fn close_round(
    council: &SqlCouncil,
    caller: &StaffCaller,
    round_id: i64,
) -> Result<(), BackOfficeError> {
    let Some(detail) = council.round(caller, round_id).await? else { return Err(BackOfficeError::NotFound) };
    if detail.round.closed {
        return Err(BackOfficeError::Round(RoundError::Closed));
    }
    if !detail.closable {
        return Err(BackOfficeError::NotFound);
    }
    // Dossiers this council has yet to score; one it scored and referred waits on the central
    // council, not on this round.
    let Some(of) = caller.post.council() else { return Err(BackOfficeError::NotFound) };
    let pending = detail.dossiers.iter().filter(|d| d.state == of.takes_at() || d.state == of.scores_at()).count();
    if pending > 0 {
        return Err(BackOfficeError::Round(RoundError::DossiersPending { count: pending }));
    }
    sqlx::query("UPDATE evaluation_rounds SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
        .bind(council.db.clock.timestamp())
        .bind(round_id)
        .execute(&council.db.pool)
        .await
        .map_err(port_error)?;
    Ok(())
}

/// The columns of a round as its summary shows it, from `evaluation_rounds r`.
const ROUND_COLUMNS: &str = "r.id, r.name, r.starts_on, r.ends_on, r.closed_at,
    (SELECT COUNT(*) FROM dossiers d WHERE d.round_id = r.id) AS dossiers,
    (SELECT COUNT(*) FROM round_seats s WHERE s.round_id = r.id) AS seats, r.mode";

/// A council's rounds, newest first.
pub(crate) async fn rounds_of(db: &Database, of: CouncilOf<'_>) -> Result<Vec<RoundSummary>, PortError> {
    let rows: Vec<RoundRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ROUND_COLUMNS} FROM evaluation_rounds r WHERE r.province_code IS NOT DISTINCT FROM $1
         ORDER BY r.starts_on DESC, r.id DESC"
    )))
    .bind(of.province_code())
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(rows.into_iter().map(RoundSummary::from).collect())
}

/// A round with how many dossiers and seats it has (`ROUND_COLUMNS`).
#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
    closed_at: Option<i64>,
    dossiers: i64,
    seats: i64,
    mode: String,
}

impl From<RoundRow> for RoundSummary {
    fn from(row: RoundRow) -> Self {
        RoundSummary {
            id: row.id,
            name: row.name,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            closed: row.closed_at.is_some(),
            dossiers: row.dossiers,
            seats: row.seats,
            mode: RoundMode::from_code(&row.mode).unwrap_or_default(),
        }
    }
}

/// A council person of the province, and their seat in the round if they hold one.
#[derive(sqlx::FromRow)]
struct SeatHolderRow {
    account_id: i64,
    display_name: String,
    role: String,
    seat: Option<String>,
}

impl TryFrom<SeatHolderRow> for SeatHolder {
    type Error = PortError;

    fn try_from(row: SeatHolderRow) -> Result<Self, PortError> {
        Ok(SeatHolder {
            account_id: row.account_id,
            display_name: row.display_name,
            role: from_code(row.role)?,
            seat: row.seat.and_then(|seat| Seat::from_code(&seat)),
        })
    }
}

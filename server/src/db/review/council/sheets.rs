//! The council members' score sheets, and the panel the chair reads them on.

use std::collections::BTreeMap;

use app::domain::{
    assess, council_ready, council_result, Choices, CouncilOf, CouncilResult, MemberScore, Role, RoundError,
    ScoreSheet, Seat,
};
use app::model::{CouncilPanel, CouncilSheetView, MemberSheet};
use app::ports::{BackOfficeError, Council, PortError, StaffCaller};

use crate::db::codes::json;
use crate::db::notify::{notify, Said};
use crate::db::{port_error, Database};
use app::language::Language;

use super::super::write_unless_stale;
use super::SqlCouncil;

/// A member's own sheet as saved: choices and notes as JSON.
#[derive(sqlx::FromRow)]
struct SheetRow {
    choices: String,
    notes: String,
    version: i64,
    submitted_at: Option<i64>,
}

pub(super) async fn sheet(
    council: &SqlCouncil,
    caller: &StaffCaller,
    dossier_id: i64,
) -> Result<Option<CouncilSheetView>, PortError> {
    let Some((seat, round_name, product_name, sheet, closed)) = council.scoring_seat(caller, dossier_id).await? else {
        return Ok(None);
    };
    let row: Option<SheetRow> = sqlx::query_as(
        "SELECT choices, notes, version, submitted_at FROM council_sheets WHERE dossier_id = $1 AND account_id = $2",
    )
    .bind(dossier_id)
    .bind(caller.account_id)
    .fetch_optional(&council.db.pool)
    .await
    .map_err(port_error)?;
    let (choices, notes, version, submitted) = match row {
        Some(row) => (
            json::<Choices>(&row.choices)?,
            json::<BTreeMap<String, String>>(&row.notes)?,
            row.version,
            row.submitted_at.is_some(),
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

pub(super) async fn save_sheet(
    council: &SqlCouncil,
    caller: &StaffCaller,
    dossier_id: i64,
    choices: &Choices,
    notes: &BTreeMap<String, String>,
    version: i64,
) -> Result<i64, BackOfficeError> {
    let Some(current) = council.sheet(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
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
    let write = if version == 0 {
        sqlx::query(
            "INSERT INTO council_sheets (dossier_id, account_id, choices, notes, version, updated_at)
             VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (dossier_id, account_id) DO NOTHING",
        )
        .bind(dossier_id)
        .bind(caller.account_id)
        .bind(&stored.0)
        .bind(&stored.1)
        .bind(council.db.clock.timestamp())
    } else {
        sqlx::query(
            "UPDATE council_sheets SET choices = $1, notes = $2, version = version + 1, updated_at = $3
             WHERE dossier_id = $4 AND account_id = $5 AND version = $6 AND submitted_at IS NULL",
        )
        .bind(&stored.0)
        .bind(&stored.1)
        .bind(council.db.clock.timestamp())
        .bind(dossier_id)
        .bind(caller.account_id)
        .bind(version)
    };
    write_unless_stale(write, &council.db.pool).await?;
    Ok(version + 1)
}

pub(super) async fn submit_sheet(
    council: &SqlCouncil,
    caller: &StaffCaller,
    dossier_id: i64,
    version: i64,
) -> Result<(), BackOfficeError> {
    let Some(current) = council.sheet(caller, dossier_id).await? else { return Err(BackOfficeError::NotFound) };
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
    .bind(council.db.clock.timestamp())
    .bind(dossier_id)
    .bind(caller.account_id)
    .bind(version);
    write_unless_stale(done, &council.db.pool).await
}

pub(super) async fn reopen_sheet(
    council: &SqlCouncil,
    caller: &StaffCaller,
    dossier_id: i64,
    account_id: i64,
) -> Result<(), BackOfficeError> {
    match council.scoring_seat(caller, dossier_id).await? {
        Some((Seat::Chair, _, _, _, false)) => {}
        Some((Seat::Chair, _, _, _, true)) => return Err(BackOfficeError::Round(RoundError::Closed)),
        _ => return Err(BackOfficeError::NotFound),
    }
    let reopened = sqlx::query(
        "UPDATE council_sheets SET submitted_at = NULL, version = version + 1
         WHERE dossier_id = $1 AND account_id = $2 AND submitted_at IS NOT NULL",
    )
    .bind(dossier_id)
    .bind(account_id);
    let mut tx = council.db.begin_write().await.map_err(port_error)?;
    write_unless_stale(reopened, &mut *tx).await?;
    // The member is told, in the app and by mail, or the sheet waits on someone who does not know.
    let (id, to, language): (i64, String, String) =
        sqlx::query_as("SELECT id, sign_in_name, language FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(port_error)?;
    let product: String = sqlx::query_scalar(
        "SELECT pp.name FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id WHERE d.id = $1",
    )
    .bind(dossier_id)
    .fetch_one(&mut *tx)
    .await
    .map_err(port_error)?;
    let told = Said::new(|language| {
        language.tr_with(
            "Chủ tịch hội đồng đã mở lại phiếu chấm của bạn cho hồ sơ \"{product}\" để chấm lại.",
            &[("product", &product)],
        )
    });
    notify(&mut tx, &[(id, to.clone())], Some(dossier_id), &told, council.db.clock.timestamp()).await?;
    tx.commit().await.map_err(port_error)?;
    if to.contains('@') {
        let language = Language::stored(&language);
        let link = format!("{}/can-bo/cham-diem/{dossier_id}", council.back_office.public_url);
        let subject = language.tr_with("Phiếu chấm hồ sơ OCOP \"{product}\" được mở lại", &[("product", &product)]);
        let body = language
            .tr_with("{told}\n\nMở phiếu chấm: {link}\n", &[("told", &told.in_language(language)), ("link", &link)]);
        council.back_office.send(&to, &subject, body).await;
    }
    Ok(())
}

/// A seat of the round, with its holder's sheet on the dossier if they have one.
#[derive(sqlx::FromRow)]
struct MemberRow {
    account_id: i64,
    display_name: String,
    seat: String,
    choices: Option<String>,
    submitted_at: Option<i64>,
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
    let rows: Vec<MemberRow> = sqlx::query_as(
        "SELECT a.id AS account_id, a.display_name, rs.seat, cs.choices, cs.submitted_at FROM round_seats rs
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
    for row in rows {
        let Some(seat) = Seat::from_code(&row.seat) else { continue };
        let account_id = row.account_id;
        let submitted = row.submitted_at.is_some();
        if account_id == caller.account_id {
            caller_seat = Some(seat);
            caller_submitted = submitted;
        }
        if !seat.scores() {
            continue;
        }
        let mut total = None;
        if submitted {
            let choices = json::<Choices>(&row.choices.unwrap_or_default())?;
            let assessment = assess(sheet, &choices).map_err(|e| PortError::Internal(e.to_string()))?;
            total = Some(assessment.total);
            scores.push(MemberScore {
                member_id: account_id.to_string(),
                is_chair: seat == Seat::Chair,
                total: assessment.total,
                max_stars_allowed: assessment.minimums_allow,
                parts: assessment.part_totals.clone(),
                capped_by: assessment.capping.iter().map(|r| r.criterion_code.clone()).collect(),
            });
        }
        sheets.push(MemberSheet {
            account_id,
            display_name: row.display_name,
            seat,
            submitted,
            total,
            far_apart: false,
        });
    }
    let scoring_seats = sheets.len();
    let result: Option<CouncilResult> = council_result(scoring_seats, &scores).ok();
    if let Some(result) = &result {
        for sheet in &mut sheets {
            let id = sheet.account_id.to_string();
            sheet.far_apart = result.outliers.contains(&id);
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
        seat_changes: super::seat_changes(db, round_id).await?,
    })
}

/// Whether the round of a dossier may receive it: open, with a chair and enough members.
pub(crate) async fn ready_for_council(
    db: &Database,
    round_id: Option<i64>,
    of: CouncilOf<'_>,
) -> Result<(), BackOfficeError> {
    let Some(round_id) = round_id else { return Err(BackOfficeError::Round(RoundError::NoRound)) };
    // The dossier must be in one of the sending council's rounds: a referred dossier still in
    // its province's round has not been given to the central council yet.
    let round: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT closed_at FROM evaluation_rounds WHERE id = $1 AND province_code IS NOT DISTINCT FROM $2",
    )
    .bind(round_id)
    .bind(of.province_code())
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    let Some((closed,)) = round else { return Err(BackOfficeError::Round(RoundError::NoRound)) };
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

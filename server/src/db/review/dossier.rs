//! A dossier as the staff within reach read it: its producer, place, deadline, council panel,
//! notes and the rounds it may join; and its evidence files.

use app::domain::{CommuneReview, CouncilOf, DossierPlace, NoteKind, ProducerKind};
use app::model::{DossierNote, DossierProducer, EvidenceItem, StaffDossier};
use app::ports::{EvidenceCopy, PortError, StaffCaller};

use crate::db::codes::{json, time_of};
use crate::db::dossier_read::{stored_evidence, EvidenceKeys};
use crate::db::{port_error, Database};

use super::{date_of, deadline, may_note, reach, SqlBackOffice, StepTimes, DOSSIER_FROM, STEP_TIMES};

/// A submitted dossier's producer and place of filing, with its commune's review and round.
#[derive(sqlx::FromRow)]
struct StaffDossierRow {
    producer_id: i64,
    producer_name: String,
    producer_kind: String,
    tax_code: Option<String>,
    legal_representative: Option<String>,
    address_line: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    commune_name: String,
    province_name: String,
    province_code: String,
    commune_code: String,
    #[sqlx(flatten)]
    times: StepTimes,
    commune_review: Option<String>,
    round_id: Option<i64>,
}

pub(super) async fn dossier(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
) -> Result<Option<StaffDossier>, PortError> {
    let Some((condition, value)) = reach(caller) else { return Ok(None) };
    let row: Option<StaffDossierRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT pr.id AS producer_id, pr.name AS producer_name, pr.kind AS producer_kind, pr.tax_code,
                pr.legal_representative, pr.address_line, pr.phone, pr.email, c.full_name AS commune_name,
                pv.full_name AS province_name, c.province_code, d.commune_code, {STEP_TIMES}, d.commune_review,
                d.round_id
         {DOSSIER_FROM} WHERE {condition} AND d.id = $2 AND d.submitted_at IS NOT NULL"
    )))
    .bind(value)
    .bind(dossier_id)
    .fetch_optional(&office.db.pool)
    .await
    .map_err(port_error)?;
    let Some(row) = row else { return Ok(None) };
    // The SQL reach and the domain's rule must agree; checking both costs nothing.
    let place = DossierPlace { province_code: &row.province_code, commune_code: &row.commune_code };
    if !caller.post.reaches(&place) {
        return Ok(None);
    }
    let Some(detail) = crate::db::dossier_read::dossier(&office.db, row.producer_id, dossier_id).await? else {
        return Ok(None);
    };
    let (deadline, overdue) = deadline(detail.kind, detail.state, &row.times, office.db.clock.today());
    let address = [row.address_line.unwrap_or_default(), row.commune_name.clone(), row.province_name.clone()]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let commune_review = match row.commune_review {
        Some(text) => json::<CommuneReview>(&text)?,
        None => CommuneReview::default(),
    };
    let actions = app::domain::allowed_actions(detail.kind, detail.state, caller.post.role());
    let council = match row.round_id {
        Some(round_id) => Some(super::council::panel(&office.db, caller, dossier_id, round_id, &detail.sheet).await?),
        None => None,
    };
    // The rounds the caller may put the dossier in, when it is at the step their council takes it.
    let taking = caller.post.runs_council().filter(|of| of.takes_at() == detail.state);
    let open_rounds = match taking {
        Some(of) => open_rounds(&office.db, of).await?,
        None => Vec::new(),
    };
    let notes = notes_of(&office.db, dossier_id).await?;
    let may_note = may_note(caller.post.role(), detail.state);
    Ok(Some(StaffDossier {
        producer: DossierProducer {
            name: row.producer_name,
            kind: ProducerKind::from_code(&row.producer_kind)
                .map(|k| k.name_vi().to_string())
                .unwrap_or(row.producer_kind),
            tax_code: row.tax_code,
            legal_representative: row.legal_representative,
            address,
            phone: row.phone,
            email: row.email,
        },
        commune_name: row.commune_name,
        province_name: row.province_name,
        submitted_on: date_of(row.times.submitted_at),
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

pub(super) async fn evidence_file(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    evidence_id: i64,
    copy: EvidenceCopy,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let Some((condition, value)) = reach(caller) else { return Ok(None) };
    let keys: Option<EvidenceKeys> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT e.storage_key, e.thumbnail_key FROM evidence_files e JOIN dossiers d ON d.id = e.dossier_id
         JOIN communes c ON c.code = d.commune_code
         WHERE {condition} AND e.id = $2 AND d.submitted_at IS NOT NULL"
    )))
    .bind(value)
    .bind(evidence_id)
    .fetch_optional(&office.db.pool)
    .await
    .map_err(port_error)?;
    match keys {
        Some(keys) => stored_evidence(&office.db, &office.files, evidence_id, copy, keys).await,
        None => Ok(None),
    }
}

/// A note on a dossier, with the name of whoever recorded it.
#[derive(sqlx::FromRow)]
struct NoteRow {
    kind: String,
    body: String,
    display_name: Option<String>,
    at: i64,
}

impl TryFrom<NoteRow> for DossierNote {
    type Error = PortError;

    fn try_from(row: NoteRow) -> Result<Self, PortError> {
        Ok(DossierNote {
            kind: NoteKind::from_code(&row.kind).ok_or_else(|| PortError::Internal("unknown note kind".into()))?,
            body: row.body,
            by: row.display_name,
            at: time_of(row.at),
        })
    }
}

async fn notes_of(db: &Database, dossier_id: i64) -> Result<Vec<DossierNote>, PortError> {
    let rows: Vec<NoteRow> = sqlx::query_as(
        "SELECT n.kind, n.body, a.display_name, n.at FROM dossier_notes n LEFT JOIN accounts a ON a.id = n.account_id
         WHERE n.dossier_id = $1 ORDER BY n.at, n.id",
    )
    .bind(dossier_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    rows.into_iter().map(DossierNote::try_from).collect()
}

/// The council's rounds still open, soonest first.
async fn open_rounds(db: &Database, of: CouncilOf<'_>) -> Result<Vec<app::model::RoundSummary>, PortError> {
    let mut open: Vec<_> = super::council::rounds_of(db, of).await?.into_iter().filter(|r| !r.closed).collect();
    open.reverse();
    Ok(open)
}

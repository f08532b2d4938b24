//! A dossier as the staff within reach read it: its producer, place, deadline, council panel,
//! notes and the rounds it may join; and its evidence files.

use app::domain::{CommuneReview, DossierPlace, DossierState, NoteKind, ProducerKind, Role};
use app::model::{DossierProducer, EvidenceItem, StaffDossier};
use app::ports::{EvidenceCopy, PortError, StaffCaller};
use sqlx::Row;

use crate::db::codes::json;
use crate::db::dossier_read::{stored_evidence, EvidenceKeys};
use crate::db::{port_error, Database};

use super::{date_of, deadline, may_note, reach, SqlBackOffice, DOSSIER_FROM};

pub(super) async fn dossier(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    dossier_id: i64,
) -> Result<Option<StaffDossier>, PortError> {
    let Some((condition, value)) = reach(&caller.post) else { return Ok(None) };
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT pr.id, pr.name, pr.kind, pr.tax_code, pr.legal_representative, pr.address_line, pr.phone, pr.email,
                c.full_name, pv.full_name, c.province_code, d.commune_code, d.submitted_at, d.commune_review,
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
    let (province_code, commune_code): (String, String) = (row.get(10), row.get(11));
    let place = DossierPlace { province_code: &province_code, commune_code: &commune_code };
    if !caller.post.reaches(&place) {
        return Ok(None);
    }
    let Some(detail) = crate::db::dossier_read::dossier(&office.db, row.get(0), dossier_id).await? else {
        return Ok(None);
    };
    let (commune_name, province_name): (String, String) = (row.get(8), row.get(9));
    let submitted_at: Option<i64> = row.get(12);
    let (deadline, overdue) = deadline(detail.state, submitted_at, office.db.clock.today());
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
        Some(round_id) => Some(super::council::panel(&office.db, caller, dossier_id, round_id, &detail.sheet).await?),
        None => None,
    };
    let open_rounds = if caller.post.role() == Role::ProvinceOfficer && detail.state == DossierState::ProvinceReview {
        open_rounds(&office.db, &province_code).await?
    } else {
        Vec::new()
    };
    let notes = notes_of(&office.db, dossier_id).await?;
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

pub(super) async fn evidence_file(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    evidence_id: i64,
    copy: EvidenceCopy,
) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
    let Some((condition, value)) = reach(&caller.post) else { return Ok(None) };
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
                at: crate::db::codes::time_of(r.get(3)),
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

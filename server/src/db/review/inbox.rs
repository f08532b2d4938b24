//! The inbox of a staff post, and the report of its reach: dossiers awaiting the caller's
//! role, oldest deadline first.

use app::domain::{dossier::MOVES, DossierKind, DossierState, Role};
use app::model::{InboxRow, Reports};
use app::ports::{PortError, StaffCaller};

use crate::db::codes::from_code;
use crate::db::port_error;

use super::{date_of, deadline, reach, SqlBackOffice, StepTimes, DOSSIER_FROM, STEP_TIMES};

/// A submitted dossier as an inbox lists it, with the caller's scoring seats in its round.
#[derive(sqlx::FromRow)]
struct InboxDossierRow {
    id: i64,
    product_name: String,
    producer_name: String,
    commune_name: String,
    kind: String,
    state: String,
    #[sqlx(flatten)]
    times: StepTimes,
    scoring_seats: i64,
}

pub(super) async fn inbox(office: &SqlBackOffice, caller: &StaffCaller, all: bool) -> Result<Vec<InboxRow>, PortError> {
    let Some((condition, value)) = reach(caller) else { return Ok(Vec::new()) };
    let rows: Vec<InboxDossierRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, pp.name AS product_name, pr.name AS producer_name, c.full_name AS commune_name, d.kind, d.state,
                {STEP_TIMES},
                (SELECT COUNT(*) FROM round_seats rs WHERE rs.round_id = d.round_id AND rs.account_id = $2
                     AND rs.seat <> 'advisor') AS scoring_seats
         {DOSSIER_FROM}
         WHERE {condition} AND d.submitted_at IS NOT NULL ORDER BY d.submitted_at, d.id LIMIT 2000"
    )))
    .bind(value)
    .bind(caller.account_id)
    .fetch_all(&office.db.pool)
    .await
    .map_err(port_error)?;
    let mut inbox = Vec::new();
    for row in rows {
        // Council members have no step of their own: a dossier awaits them while their
        // round's council scores it.
        let (state, kind): (DossierState, DossierKind) = (from_code(row.state)?, from_code(row.kind)?);
        let scores_it = row.scoring_seats > 0 && state.is_scored();
        let awaits_caller = awaits(caller.post.role(), state, kind) || scores_it;
        if !all && !awaits_caller {
            continue;
        }
        let (deadline, overdue) = deadline(kind, state, &row.times, office.db.clock.today());
        inbox.push(InboxRow {
            dossier_id: row.id,
            product_name: row.product_name,
            producer_name: row.producer_name,
            commune_name: row.commune_name,
            kind,
            state,
            submitted_on: date_of(row.times.submitted_at),
            deadline,
            overdue,
            awaits_caller,
            scores_it,
        });
    }
    // What waits on the caller first, the most urgent deadline first among those.
    inbox.sort_by(|a, b| {
        b.awaits_caller.cmp(&a.awaits_caller).then(b.overdue.cmp(&a.overdue)).then(a.deadline.cmp(&b.deadline))
    });
    Ok(inbox)
}

/// The step a submitted dossier is at, and since when it was filed.
#[derive(sqlx::FromRow)]
struct StepRow {
    kind: String,
    state: String,
    /// 1 when the certificate the dossier earned has been revoked by today.
    revoked: i64,
    #[sqlx(flatten)]
    times: StepTimes,
}

pub(super) async fn reports(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    expiring_days: u32,
) -> Result<Reports, PortError> {
    let mut steps = Vec::new();
    if let Some((condition, value)) = reach(caller) {
        let rows: Vec<StepRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT d.kind, d.state, {STEP_TIMES},
                    CASE WHEN d.state = $3 AND EXISTS (SELECT 1 FROM products p WHERE p.id = pp.catalog_product_id
                        AND p.revoked_on IS NOT NULL AND p.revoked_on <= $2) THEN 1 ELSE 0 END AS revoked
             {DOSSIER_FROM} WHERE {condition} AND d.submitted_at IS NOT NULL"
        )))
        .bind(value)
        .bind(office.db.clock.today().to_string())
        .bind(crate::db::codes::code(DossierState::Certified))
        .fetch_all(&office.db.pool)
        .await
        .map_err(port_error)?;
        for row in rows {
            let (state, kind): (DossierState, DossierKind) = (from_code(row.state)?, from_code(row.kind)?);
            let overdue = deadline(kind, state, &row.times, office.db.clock.today()).1;
            steps.push((state, overdue, row.revoked == 1));
        }
    }
    super::reports::reports(&office.db, &caller.post, super::reports::step_counts(steps), expiring_days).await
}

/// Whether the role has a step to take on a dossier of this kind in this state (the province
/// closes the scoring of a re-rating only, decided on written opinions).
fn awaits(role: Role, state: DossierState, kind: DossierKind) -> bool {
    MOVES.iter().any(|m| m.by == role && m.from == state && m.applies_to(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_awaits_the_states_it_moves_from() {
        use DossierKind::{FirstRating, ReRating, Upgrade};
        use DossierState::*;
        let cases: &[(Role, DossierState, DossierKind, bool)] = &[
            (Role::CommuneOfficer, CommuneReview, FirstRating, true),
            (Role::CommuneOfficer, ProvinceReview, FirstRating, false),
            (Role::ProvinceOfficer, ProvinceReview, Upgrade, true),
            (Role::ProvinceOfficer, Decision, FirstRating, true),
            // A sitting's scoring is its chair's to close; a re-rating's may be the province's.
            (Role::ProvinceOfficer, CouncilScoring, FirstRating, false),
            (Role::ProvinceOfficer, CouncilScoring, ReRating, true),
            (Role::CouncilChair, CouncilScoring, FirstRating, true),
            (Role::NationalOfficer, NationalReferral, Upgrade, true),
            (Role::NationalOfficer, NationalDecision, FirstRating, true),
            (Role::NationalOfficer, ReturnedFromNational, FirstRating, false),
            (Role::ProvinceOfficer, ReturnedFromNational, Upgrade, true),
            (Role::ProvinceOfficer, NationalDecision, Upgrade, false),
            (Role::CouncilChair, NationalScoring, FirstRating, true),
            (Role::NationalOfficer, Decision, Upgrade, false),
            (Role::Administrator, CommuneReview, FirstRating, false),
        ];
        for &(role, state, kind, expected) in cases {
            assert_eq!(awaits(role, state, kind), expected, "{role:?} {state:?} {kind:?}");
        }
    }
}

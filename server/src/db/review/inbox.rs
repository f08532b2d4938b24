//! The inbox of a staff post, and the report of its reach: dossiers awaiting the caller's
//! role, oldest deadline first.

use app::domain::{dossier::MOVES, DossierState, Role};
use app::model::{InboxRow, Reports};
use app::ports::{PortError, StaffCaller};
use sqlx::Row;

use crate::db::codes::{code, from_code};
use crate::db::port_error;

use super::{date_of, deadline, reach, SqlBackOffice, DOSSIER_FROM};

pub(super) async fn inbox(office: &SqlBackOffice, caller: &StaffCaller, all: bool) -> Result<Vec<InboxRow>, PortError> {
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
    .fetch_all(&office.db.pool)
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
        let (deadline, overdue) = deadline(state, submitted_at, office.db.clock.today());
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

pub(super) async fn reports(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    expiring_days: u32,
) -> Result<Reports, PortError> {
    let mut steps = Vec::new();
    if let Some((condition, value)) = reach(&caller.post) {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d.state, d.submitted_at {DOSSIER_FROM} WHERE {condition} AND d.submitted_at IS NOT NULL"
        )))
        .bind(value)
        .fetch_all(&office.db.pool)
        .await
        .map_err(port_error)?;
        for r in &rows {
            let state: DossierState = from_code(r.get(0))?;
            steps.push((state, deadline(state, r.get(1), office.db.clock.today()).1));
        }
    }
    super::reports::reports(&office.db, &caller.post, super::reports::step_counts(steps), expiring_days).await
}

/// The states in which the role has a step to take.
fn states_awaiting(role: Role) -> Vec<String> {
    let mut states: Vec<String> = MOVES.iter().filter(|m| m.by == role).map(|m| code(m.from)).collect();
    states.sort();
    states.dedup();
    states
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

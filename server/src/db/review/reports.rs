//! The back office's reports for an officer's reach.

use app::domain::{DossierState, StaffPost, ValidUntil};
use app::model::{product_href, Count, EndingCertificate, Reports, StatusFilter, StepCount};
use app::ports::PortError;
use chrono::Duration;

use crate::db::reach::{reach_at, Place};
use crate::db::sql::{CountRow, Params, Today};
use crate::db::{Database, LISTED};

/// A certificate ending soon, with its product and producer.
#[derive(sqlx::FromRow)]
struct EndingRow {
    id: i64,
    name: String,
    producer_name: String,
    commune_name: Option<String>,
    stars: i64,
    certificate_number: Option<String>,
    /// The last valid day.
    expires_on: String,
}

impl EndingRow {
    /// The certificate, unless its stored date is not one.
    fn certificate(self) -> Option<EndingCertificate> {
        Some(EndingCertificate {
            valid_until: ValidUntil::parse(&self.expires_on)?,
            product_id: self.id,
            href: product_href(self.id, &self.name),
            product_name: self.name,
            producer_name: self.producer_name,
            commune_name: self.commune_name,
            stars: self.stars.clamp(0, 5) as u8,
            certificate_number: self.certificate_number,
        })
    }
}

/// Everything but the dossier steps, which `back_office` counts with its own reach and deadlines.
pub(super) async fn reports(
    db: &Database,
    post: &StaffPost,
    steps: Vec<StepCount>,
    expiring_days: u32,
) -> Result<Reports, PortError> {
    let today = Today { today: db.clock.today() };
    let empty = Reports {
        as_of: today.today.to_string(),
        by_stars: vec![],
        by_subgroup: vec![],
        by_commune: vec![],
        by_year: vec![],
        steps,
        expiring_days,
        expiring: vec![],
    };
    let product_place = Place { commune: "p.commune_code", province: "p.province_code" };
    let Some((reach, value)) = reach_at(post, product_place) else { return Ok(empty) };
    // (key, label, grouped by, ordered by) of each count.
    let groupings = [
        ("CAST(p.stars AS TEXT)", "CAST(p.stars AS TEXT) || ' sao'", "p.stars", "p.stars DESC"),
        ("COALESCE(p.subgroup_code, '')", "COALESCE(s.name, 'Chưa phân nhóm')", "p.subgroup_code, s.name", "2"),
        (
            "COALESCE(p.commune_code, '')",
            "COALESCE(c.full_name, 'Chưa rõ xã, phường')",
            "p.commune_code, c.full_name",
            "2",
        ),
        (
            "CAST(p.recognized_year AS TEXT)",
            "CAST(p.recognized_year AS TEXT)",
            "p.recognized_year",
            "p.recognized_year DESC",
        ),
    ];
    let mut counts = Vec::new();
    for (key, label, group, order) in groupings {
        let mut params = Params::default();
        params.bind(value.clone());
        let in_force = today.condition(StatusFilter::Current, &mut params).unwrap_or_else(|| "1 = 1".into());
        let sql = format!(
            "SELECT {key} AS key, {label} AS label, COUNT(*) AS count FROM products p \
             LEFT JOIN score_sheets s ON s.code = p.subgroup_code LEFT JOIN communes c ON c.code = p.commune_code \
             WHERE {reach} AND {LISTED} AND {in_force} GROUP BY {group} ORDER BY {order}"
        );
        let rows: Vec<CountRow> = params.fetch_all(&db.pool, sql).await?;
        counts.push(rows.into_iter().map(Count::from).collect());
    }
    let mut params = Params::default();
    params.bind(value);
    // Still in force today (in force on its last valid day) and ending within `expiring_days`.
    let from = params.bind(today.today.to_string());
    let until = params.bind((today.today + Duration::days(i64::from(expiring_days))).to_string());
    let sql = format!(
        "SELECT p.id, p.name, pr.name AS producer_name, c.full_name AS commune_name, p.stars, p.certificate_number, \
                p.expires_on FROM products p \
         JOIN producers pr ON pr.id = p.producer_id LEFT JOIN communes c ON c.code = p.commune_code \
         WHERE {reach} AND {LISTED} AND p.revoked_on IS NULL AND p.expires_on >= {from} AND p.expires_on <= {until} \
         ORDER BY p.expires_on, p.id LIMIT 500"
    );
    let expiring: Vec<EndingRow> = params.fetch_all(&db.pool, sql).await?;
    let expiring = expiring.into_iter().filter_map(EndingRow::certificate).collect();
    let [by_stars, by_subgroup, by_commune, by_year]: [Vec<Count>; 4] =
        counts.try_into().map_err(|_| PortError::Internal("four counts".into()))?;
    Ok(Reports { by_stars, by_subgroup, by_commune, by_year, expiring, ..empty })
}

/// Counts dossiers by step, each with whether it is past its step's deadline and whether the
/// certificate it earned has been revoked since.
pub(super) fn step_counts(dossiers: impl IntoIterator<Item = (DossierState, bool, bool)>) -> Vec<StepCount> {
    let mut steps: Vec<StepCount> = Vec::new();
    for (state, overdue, revoked) in dossiers {
        match steps.iter_mut().find(|step| step.state == state) {
            Some(step) => {
                step.dossiers += 1;
                step.overdue += u64::from(overdue);
                step.revoked += u64::from(revoked);
            }
            None => {
                steps.push(StepCount { state, dossiers: 1, overdue: u64::from(overdue), revoked: u64::from(revoked) })
            }
        }
    }
    steps.sort_by_key(|step| DossierState::ALL.iter().position(|state| *state == step.state));
    steps
}

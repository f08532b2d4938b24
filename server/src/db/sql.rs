//! Writing SQL with its values: bound parameters numbered as they are used, and the
//! conditions on a certificate's status today. Shared by the catalog and the reports.

use app::domain::StatusBounds;
use app::model::{Count, StatusFilter};
use app::ports::PortError;
use chrono::{Datelike, NaiveDate};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, FromRow};

use super::bulk::{arguments, Cell};
use super::port_error;

/// Bound values collected while a statement is written, numbered as they are used.
#[derive(Default)]
pub(crate) struct Params {
    cells: Vec<Cell>,
}

impl Params {
    /// Runs `sql` with the values bound so far, reading each row by its columns' names.
    pub(crate) async fn fetch_all<T>(self, pool: &sqlx::AnyPool, sql: String) -> Result<Vec<T>, PortError>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        sqlx::query_as_with(AssertSqlSafe(sql), arguments(self.cells)).fetch_all(pool).await.map_err(port_error)
    }

    /// Binds `cell` as the next parameter; gives its placeholder.
    pub(crate) fn bind(&mut self, cell: impl Into<Cell>) -> String {
        self.cells.push(cell.into());
        format!("${}", self.cells.len())
    }
}

/// One line of a count, its columns named alike by every counting query: what is counted
/// (`key`, `label`) and how many (`count`).
#[derive(sqlx::FromRow)]
pub(crate) struct CountRow {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) count: i64,
}

impl From<CountRow> for Count {
    fn from(row: CountRow) -> Self {
        Count { key: row.key, label: row.label, count: row.count as u64 }
    }
}

/// The dates that decide certificate status today.
///
/// `p.expires_on` holds the certificate's LAST VALID DAY (`app::domain::ValidUntil`; the name is
/// the column's since the first migration): a certificate is in force on that day and expired
/// from the day after. The bounds come from `StatusBounds`, which a domain test holds to
/// `ValidUntil::status_on`; `p.pending_rerating_until` keeps it in force longer, as
/// `ValidUntil::status_pending_rerating` does.
#[derive(Clone, Copy)]
pub(crate) struct Today {
    pub(crate) today: NaiveDate,
}

impl Today {
    /// SQL deciding whether `p` has `status` today (`None` for no condition).
    pub(crate) fn condition(self, status: StatusFilter, params: &mut Params) -> Option<String> {
        let t = self.today.to_string();
        let bounds = StatusBounds::on(self.today);
        let in_force_from = bounds.in_force_from.to_string();
        let expiring_through = bounds.expiring_through.to_string();
        let not_revoked =
            |params: &mut Params| format!("(p.revoked_on IS NULL OR p.revoked_on > {})", params.bind(t.as_str()));
        let year = || i64::from(self.today.year() - 3);
        // In force: on or before its last valid day, or kept in force by a re-rating filed in
        // time (Art. 12.3; `pending_rerating_until` is only ever later than `expires_on`).
        let in_force = |params: &mut Params| {
            let from = params.bind(in_force_from.as_str());
            format!("(p.expires_on >= {from} OR p.pending_rerating_until >= {from})")
        };
        let out_of_force = |params: &mut Params| {
            let from = params.bind(in_force_from.as_str());
            format!(
                "(p.expires_on < {from} AND (p.pending_rerating_until IS NULL OR p.pending_rerating_until < {from}))"
            )
        };
        Some(match status {
            StatusFilter::All => return None,
            StatusFilter::Revoked => {
                format!("(p.revoked_on IS NOT NULL AND p.revoked_on <= {})", params.bind(t.as_str()))
            }
            StatusFilter::Valid => {
                format!("({} AND p.expires_on > {})", not_revoked(params), params.bind(expiring_through.as_str()))
            }
            StatusFilter::Expiring => format!(
                "({} AND p.expires_on <= {} AND {})",
                not_revoked(params),
                params.bind(expiring_through.as_str()),
                in_force(params)
            ),
            StatusFilter::Expired => format!(
                "({} AND ({} OR (p.expires_on IS NULL AND p.recognized_year < {})))",
                not_revoked(params),
                out_of_force(params),
                params.bind(year())
            ),
            StatusFilter::Unknown => {
                format!(
                    "({} AND p.expires_on IS NULL AND p.recognized_year >= {})",
                    not_revoked(params),
                    params.bind(year())
                )
            }
            StatusFilter::Current => format!(
                "({} AND ({} OR (p.expires_on IS NULL AND p.recognized_year >= {})))",
                not_revoked(params),
                in_force(params),
                params.bind(year())
            ),
        })
    }
}

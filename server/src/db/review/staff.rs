//! Staff posts: who holds which, appointing a person (inviting them when they have no
//! account) and deactivating or reactivating an account.

use app::domain::{SignInName, StaffPost};
use app::language::Language;
use app::model::StaffMember;
use app::ports::{BackOfficeError, PortError, StaffCaller};

use crate::db::codes::{code, from_code};
use crate::db::{port_error, Database};

use super::SqlBackOffice;

/// A staff post as stored: the role's code and the places it reaches.
#[derive(sqlx::FromRow)]
struct PostRow {
    role: String,
    province_code: Option<String>,
    commune_code: Option<String>,
}

impl TryFrom<PostRow> for StaffPost {
    type Error = PortError;

    fn try_from(row: PostRow) -> Result<Self, PortError> {
        StaffPost::new(from_code(row.role)?, row.province_code.as_deref(), row.commune_code.as_deref())
            .map_err(|err| PortError::Internal(format!("stored staff post: {err}")))
    }
}

pub(super) async fn staff_post(office: &SqlBackOffice, account_id: i64) -> Result<Option<StaffPost>, PortError> {
    let row: Option<PostRow> = sqlx::query_as(
        "SELECT role, province_code, commune_code FROM staff_posts WHERE account_id = $1 AND deactivated_at IS NULL",
    )
    .bind(account_id)
    .fetch_optional(&office.db.pool)
    .await
    .map_err(port_error)?;
    row.map(StaffPost::try_from).transpose()
}

/// A staff account and its post, with the names of the places the post reaches.
#[derive(sqlx::FromRow)]
struct StaffMemberRow {
    account_id: i64,
    display_name: String,
    sign_in_name: String,
    role: String,
    province_name: Option<String>,
    commune_name: Option<String>,
    deactivated_at: Option<i64>,
}

impl TryFrom<StaffMemberRow> for StaffMember {
    type Error = PortError;

    fn try_from(row: StaffMemberRow) -> Result<Self, PortError> {
        let place = match (row.commune_name, row.province_name) {
            (Some(commune), Some(province)) => Some(format!("{commune}, {province}")),
            (None, Some(province)) => Some(province),
            _ => None,
        };
        Ok(StaffMember {
            account_id: row.account_id,
            display_name: row.display_name,
            sign_in_name: row.sign_in_name,
            role: from_code(row.role)?,
            place,
            active: row.deactivated_at.is_none(),
        })
    }
}

pub(super) async fn staff(office: &SqlBackOffice) -> Result<Vec<StaffMember>, PortError> {
    let rows: Vec<StaffMemberRow> = sqlx::query_as(
        "SELECT a.id AS account_id, a.display_name, a.sign_in_name, s.role, pv.name AS province_name,
                c.name AS commune_name, s.deactivated_at
         FROM staff_posts s JOIN accounts a ON a.id = s.account_id
         LEFT JOIN provinces pv ON pv.code = s.province_code LEFT JOIN communes c ON c.code = s.commune_code
         ORDER BY s.deactivated_at IS NOT NULL, pv.name, c.name, a.display_name",
    )
    .fetch_all(&office.db.pool)
    .await
    .map_err(port_error)?;
    rows.into_iter().map(StaffMember::try_from).collect()
}

pub(super) async fn set_active(
    office: &SqlBackOffice,
    caller: &StaffCaller,
    account_id: i64,
    active: bool,
) -> Result<(), BackOfficeError> {
    if !active && account_id == caller.account_id {
        return Err(BackOfficeError::OwnAccount);
    }
    let mut tx = office.db.begin_write().await.map_err(port_error)?;
    let changed = sqlx::query("UPDATE staff_posts SET deactivated_at = $2 WHERE account_id = $1")
        .bind(account_id)
        .bind((!active).then(|| office.db.clock.timestamp()))
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    if changed.rows_affected() == 0 {
        return Err(BackOfficeError::NotFound);
    }
    if !active {
        // A deactivated officer is signed out on every device at once.
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
    }
    tx.commit().await.map_err(port_error)?;
    Ok(())
}

/// The language an appointment is mailed in. A link goes to an account just opened (or taken
/// back), which has no language of its own yet: it is written in the appointing officer's. A
/// post given to someone who already works here goes out in theirs. Vietnamese if unreadable:
/// the post is given either way.
pub(super) async fn appointment_language(db: &Database, appointer: i64, appointee: &SignInName, new: bool) -> Language {
    let stored: Result<Option<String>, _> = if new {
        sqlx::query_scalar("SELECT language FROM accounts WHERE id = $1").bind(appointer).fetch_optional(&db.pool).await
    } else {
        sqlx::query_scalar("SELECT language FROM accounts WHERE sign_in_name = $1")
            .bind(appointee.as_str())
            .fetch_optional(&db.pool)
            .await
    };
    stored.ok().flatten().map(|code| Language::stored(&code)).unwrap_or_default()
}

/// How long an invitation link to set a first password stays valid.
const INVITATION_SECONDS: i64 = 7 * 24 * 3600;

/// Gives `post` to the account named `name`, creating the account when there is none; returns
/// the link to set its first password for a new account. `granted_by` is `None` when the post
/// is given from the command line (the first administrator).
pub async fn appoint(
    db: &Database,
    public_url: &str,
    granted_by: Option<i64>,
    name: &SignInName,
    display_name: &str,
    post: &StaffPost,
) -> Result<Option<String>, BackOfficeError> {
    if let (Some(province), Some(commune)) = (post.province_code(), post.commune_code()) {
        let inside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communes WHERE code = $1 AND province_code = $2")
            .bind(commune)
            .bind(province)
            .fetch_one(&db.pool)
            .await
            .map_err(port_error)?;
        if inside == 0 {
            return Err(BackOfficeError::CommuneNotInProvince);
        }
    } else if let Some(province) = post.province_code() {
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM provinces WHERE code = $1")
            .bind(province)
            .fetch_one(&db.pool)
            .await
            .map_err(port_error)?;
        if known == 0 {
            return Err(BackOfficeError::Post(app::domain::StaffPostError::NeedsProvince));
        }
    }
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
        .bind(name.as_str())
        .fetch_optional(&db.pool)
        .await
        .map_err(port_error)?;
    let link = match existing {
        Some(account_id) => {
            let acts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM producer_members WHERE account_id = $1")
                .bind(account_id)
                .fetch_one(&db.pool)
                .await
                .map_err(port_error)?;
            if acts > 0 {
                return Err(BackOfficeError::ActsForProducer);
            }
            let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_posts WHERE account_id = $1")
                .bind(account_id)
                .fetch_one(&db.pool)
                .await
                .map_err(port_error)?;
            if posts > 0 {
                (account_id, None)
            } else {
                // Anyone may have opened this account with an address they do not own, before
                // it was appointed: whoever holds it loses it, and the person appointed takes
                // it through the link sent to the address.
                crate::db::credentials::take_back(db, account_id).await?;
                let link =
                    crate::db::credentials::password_link(db, public_url, account_id, INVITATION_SECONDS).await?;
                (account_id, Some(link))
            }
        }
        None => {
            let account_id = crate::db::credentials::create_invited(db, name, display_name).await?;
            let link = crate::db::credentials::password_link(db, public_url, account_id, INVITATION_SECONDS).await?;
            (account_id, Some(link))
        }
    };
    let (account_id, link) = link;
    sqlx::query(
        "INSERT INTO staff_posts (account_id, role, province_code, commune_code, granted_by, granted_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (account_id) DO UPDATE SET role = excluded.role, province_code = excluded.province_code,
                 commune_code = excluded.commune_code, granted_by = excluded.granted_by,
                 granted_at = excluded.granted_at, deactivated_at = NULL",
    )
    .bind(account_id)
    .bind(code(post.role()))
    .bind(post.province_code())
    .bind(post.commune_code())
    .bind(granted_by)
    .bind(db.clock.timestamp())
    .execute(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(link)
}

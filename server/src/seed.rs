//! The demo catalog a newcomer sees on a fresh database: the real sample products (imported as
//! a province would import them) and a few hundred synthetic ones.

use app::domain::{NewPassword, Role, SignInName, StaffPost};

use crate::db::credentials::set_password;
use crate::db::review::appoint;
use crate::db::Database;
use crate::generate::generate;
use crate::import::{import_csv, ImportOptions, ImportReport, Language};

const SAMPLE_PRODUCTS: &str = include_str!("../data/sample-products.csv");
pub const DEMO_GENERATED_PRODUCTS: usize = 400;
const DEMO_SEED: u64 = 2026;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{0}")]
    Import(#[from] crate::import::ImportError),
    #[error("The demo catalog could not be written ({0}).")]
    Database(#[from] sqlx::Error),
    #[error("The embedded sample products were refused: {0}")]
    Refused(String),
}

/// Seeds only an empty catalog, so restarting never duplicates or overwrites anything.
pub async fn seed_demo(db: &Database) -> Result<Option<(ImportReport, u64)>, SeedError> {
    let products: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products").fetch_one(&db.pool).await?;
    if products > 0 {
        return Ok(None);
    }
    let report = import_csv(db, SAMPLE_PRODUCTS, ImportOptions::default()).await?;
    if !report.written {
        let reasons: Vec<String> = report.rejected.iter().map(|e| e.message(Language::En)).collect();
        return Err(SeedError::Refused(reasons.join(" ")));
    }
    let generated = generate(db, DEMO_GENERATED_PRODUCTS, DEMO_SEED).await?;
    Ok(Some((report, generated)))
}

/// The demo staff: who runs each step for the demo producer's commune (20194, Đà Nẵng).
/// (sign-in name, name, role, province, commune)
type DemoPost = (&'static str, &'static str, Role, Option<&'static str>, Option<&'static str>);
const DEMO_STAFF: &[DemoPost] = &[
    ("quantri@ocop.demo", "Quản trị Demo", Role::Administrator, None, None),
    ("canbo.xa@ocop.demo", "Cán bộ Xã Demo", Role::CommuneOfficer, Some("48"), Some("20194")),
    ("canbo.tinh@ocop.demo", "Cán bộ Tỉnh Demo", Role::ProvinceOfficer, Some("48"), None),
    ("chutich.hoidong@ocop.demo", "Chủ tịch Hội đồng Demo", Role::CouncilChair, Some("48"), None),
    ("thanhvien1@ocop.demo", "Thành viên Một Demo", Role::CouncilMember, Some("48"), None),
    ("thanhvien2@ocop.demo", "Thành viên Hai Demo", Role::CouncilMember, Some("48"), None),
    ("trunguong@ocop.demo", "Cán bộ Trung ương Demo", Role::NationalOfficer, None, None),
    // The central council, which scores again what provinces refer for five stars.
    ("chutich.trunguong@ocop.demo", "Chủ tịch Hội đồng Trung ương Demo", Role::CouncilChair, None, None),
    ("thanhvien1.trunguong@ocop.demo", "Thành viên Trung ương Một Demo", Role::CouncilMember, None, None),
    ("thanhvien2.trunguong@ocop.demo", "Thành viên Trung ương Hai Demo", Role::CouncilMember, None, None),
];

/// Makes the demo staff accounts once, when no staff exists yet; says whether it did.
pub async fn seed_demo_staff(db: &Database, password: &str) -> Result<bool, String> {
    let password = NewPassword::parse(password, password)
        .map_err(|err| format!("The demo staff password: {}", err.message(Language::En)))?;
    let staff: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_posts")
        .fetch_one(&db.pool)
        .await
        .map_err(|err| err.to_string())?;
    if staff > 0 {
        return Ok(false);
    }
    for (name, display_name, role, province, commune) in DEMO_STAFF {
        let post = StaffPost::new(*role, *province, *commune).map_err(|err| err.to_string())?;
        let sign_in_name = SignInName::parse(name).map_err(|err| err.message(Language::En))?;
        appoint(db, "", None, &sign_in_name, display_name, &post).await.map_err(|err| err.to_string())?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE sign_in_name = $1")
            .bind(sign_in_name.as_str())
            .fetch_one(&db.pool)
            .await
            .map_err(|err| err.to_string())?;
        set_password(db, id, &password).await.map_err(|err| err.to_string())?;
    }
    Ok(true)
}

/// The `appoint` command: checks what was typed and gives the post.
pub async fn appoint_from_command_line(
    db: &Database,
    public_url: &str,
    sign_in_name: &str,
    name: &str,
    role: &str,
    province: Option<String>,
    commune: Option<String>,
) -> Result<Option<String>, String> {
    let role = Role::from_code(role).ok_or_else(|| format!("Unknown role \"{role}\": use commune_officer, province_officer, advisory_member, council_member, council_chair, national_officer or administrator."))?;
    let post = StaffPost::new(role, province.as_deref(), commune.as_deref()).map_err(|err| format!("{err}."))?;
    let sign_in_name = SignInName::parse(sign_in_name).map_err(|err| err.message(Language::En))?;
    let name = app::domain::display_name(name).map_err(|err| err.message(Language::En))?;
    appoint(db, public_url, None, &sign_in_name, &name, &post).await.map_err(|err| err.to_string())
}

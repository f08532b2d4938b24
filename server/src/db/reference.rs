//! Loads the programme's reference data, embedded in the binary from `server/data`: the 2025
//! provinces and communes, the legacy provinces, the classification and the criteria sets.
//! It is written in one transaction, and only when the embedded data changed.

use app::domain::{fold, CriteriaSetDoc};
use serde::Deserialize;

use super::bulk::{insert_rows, Cell};
use super::Database;

const ADMIN_UNITS: &str = include_str!("../../data/admin-units-2025.csv");
const LEGACY_PROVINCES: &str = include_str!("../../data/legacy-provinces-2025.csv");
const CRITERIA_2026: &str = include_str!("../../data/ocop-criteria-2026.json");

#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("The embedded reference data is malformed ({0}); this build is broken and must not start.")]
    Malformed(String),
    #[error("The criteria set was refused: {0}")]
    SheetCheck(String),
    #[error("The reference data could not be written ({0}); nothing was changed.")]
    Database(#[from] sqlx::Error),
}

#[derive(Debug, Deserialize)]
struct AdminUnit {
    level: String,
    code: String,
    province_code: String,
    name: String,
    full_name: String,
    name_en: String,
    full_name_en: String,
    unit_type: String,
}

#[derive(Debug, Deserialize)]
struct LegacyProvince {
    legacy_province: String,
    province_code: String,
}

/// What was loaded, for the start-up log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceCounts {
    pub provinces: usize,
    pub communes: usize,
    pub legacy_provinces: usize,
    pub score_sheets: usize,
    /// False when the database already held this exact data.
    pub written: bool,
}

/// The criteria set 26/2026, parsed and checked.
pub fn criteria_2026() -> Result<CriteriaSetDoc, ReferenceError> {
    let doc: CriteriaSetDoc =
        serde_json::from_str(CRITERIA_2026).map_err(|err| ReferenceError::Malformed(err.to_string()))?;
    doc.check().map_err(|err| ReferenceError::SheetCheck(err.to_string()))?;
    Ok(doc)
}

pub async fn load(db: &Database) -> Result<ReferenceCounts, ReferenceError> {
    let units: Vec<AdminUnit> = parse_csv(ADMIN_UNITS)?;
    let legacy: Vec<LegacyProvince> = parse_csv(LEGACY_PROVINCES)?;
    let criteria = criteria_2026()?;
    let (provinces, communes): (Vec<_>, Vec<_>) = units.iter().partition(|unit| unit.level == "province");
    let mut counts = ReferenceCounts {
        provinces: provinces.len(),
        communes: communes.len(),
        legacy_provinces: legacy.len(),
        score_sheets: criteria.sheets.len(),
        written: false,
    };

    let fingerprint = format!("{:016x}", fnv1a(&[ADMIN_UNITS, LEGACY_PROVINCES, CRITERIA_2026]));
    let stored: Option<String> = sqlx::query_scalar("SELECT value FROM reference_meta WHERE name = 'fingerprint'")
        .fetch_optional(&db.pool)
        .await?;
    if stored.as_deref() == Some(fingerprint.as_str()) {
        return Ok(counts);
    }

    let mut tx = db.begin_write().await?;
    let unit_row = |unit: &&AdminUnit| -> Vec<Cell> {
        vec![
            unit.code.as_str().into(),
            unit.name.as_str().into(),
            unit.full_name.as_str().into(),
            unit.name_en.as_str().into(),
            unit.full_name_en.as_str().into(),
            unit.unit_type.as_str().into(),
            fold(&unit.name).into(),
        ]
    };
    let columns = "code, name, full_name, name_en, full_name_en, unit_type, search_key";
    let update = "ON CONFLICT (code) DO UPDATE SET name = excluded.name, full_name = excluded.full_name, \
                  name_en = excluded.name_en, full_name_en = excluded.full_name_en, unit_type = excluded.unit_type, \
                  search_key = excluded.search_key";
    insert_rows(
        &mut tx,
        &format!("INSERT INTO provinces ({columns})"),
        update,
        &provinces.iter().map(unit_row).collect::<Vec<_>>(),
    )
    .await?;
    let commune_rows: Vec<Vec<Cell>> = communes
        .iter()
        .map(|unit| {
            let mut row = unit_row(unit);
            row.push(unit.province_code.as_str().into());
            row
        })
        .collect();
    let commune_update = format!("{update}, province_code = excluded.province_code");
    insert_rows(&mut tx, &format!("INSERT INTO communes ({columns}, province_code)"), &commune_update, &commune_rows)
        .await?;

    let legacy_rows: Vec<Vec<Cell>> = legacy
        .iter()
        .map(|row| {
            vec![
                row.legacy_province.as_str().into(),
                fold(&row.legacy_province).into(),
                row.province_code.as_str().into(),
            ]
        })
        .collect();
    insert_rows(
        &mut tx,
        "INSERT INTO legacy_provinces (name, search_key, province_code)",
        "ON CONFLICT (name) DO UPDATE SET search_key = excluded.search_key, province_code = excluded.province_code",
        &legacy_rows,
    )
    .await?;

    write_criteria_sets(&mut tx, &criteria).await?;
    write_classification(&mut tx, &criteria).await?;

    sqlx::query(
        "INSERT INTO reference_meta (name, value) VALUES ('fingerprint', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(fingerprint)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    counts.written = true;
    Ok(counts)
}

async fn write_criteria_sets(conn: &mut sqlx::AnyConnection, criteria: &CriteriaSetDoc) -> Result<(), ReferenceError> {
    let part = |code: &str| criteria.parts.iter().find(|p| p.code == code).map_or(0, |p| i64::from(p.max_points));
    let mut rows = vec![vec![
        criteria.criteria_set.as_str().into(),
        criteria.title.as_str().into(),
        criteria.effective_from.as_str().into(),
        part("A").into(),
        part("B").into(),
        part("C").into(),
        Cell::NullText,
    ]];
    for earlier in &criteria.earlier_criteria_sets {
        let max = |code: &str| earlier.parts.get(code).map_or(0, |points| i64::from(*points));
        rows.push(vec![
            earlier.criteria_set.as_str().into(),
            format!("Bộ tiêu chí OCOP {}", earlier.criteria_set).into(),
            earlier.effective_from.as_str().into(),
            max("A").into(),
            max("B").into(),
            max("C").into(),
            Cell::Text(earlier.note.clone()),
        ]);
    }
    insert_rows(
        conn,
        "INSERT INTO criteria_sets (code, title, effective_from, part_a_max, part_b_max, part_c_max, note)",
        "ON CONFLICT (code) DO UPDATE SET title = excluded.title, effective_from = excluded.effective_from, \
         part_a_max = excluded.part_a_max, part_b_max = excluded.part_b_max, part_c_max = excluded.part_c_max, note = excluded.note",
        &rows,
    )
    .await?;
    Ok(())
}

/// Industries → groups → subgroups; a subgroup is a score sheet. Groups have no official code,
/// so they get `industry.position` (for example `I.3`).
async fn write_classification(conn: &mut sqlx::AnyConnection, criteria: &CriteriaSetDoc) -> Result<(), ReferenceError> {
    let mut industries = Vec::new();
    let mut groups = Vec::new();
    let mut sheets = Vec::new();
    for (industry_position, industry) in criteria.classification.iter().enumerate() {
        industries.push(vec![
            industry.code.as_str().into(),
            industry.name.as_str().into(),
            (industry_position as i64).into(),
        ]);
        for (group_position, group) in industry.groups.iter().enumerate() {
            let group_code = format!("{}.{}", industry.code, group_position + 1);
            groups.push(vec![
                group_code.as_str().into(),
                industry.code.as_str().into(),
                group.name.as_str().into(),
                (group_position as i64).into(),
            ]);
            for (sheet_position, sheet_code) in group.sheets.iter().enumerate() {
                let sheet = criteria.sheets.iter().find(|sheet| &sheet.code == sheet_code).ok_or_else(|| {
                    ReferenceError::SheetCheck(format!("the classification names an unknown sheet {sheet_code}"))
                })?;
                let json = serde_json::to_string(sheet).map_err(|err| ReferenceError::Malformed(err.to_string()))?;
                sheets.push(vec![
                    sheet.code.as_str().into(),
                    criteria.criteria_set.as_str().into(),
                    group_code.as_str().into(),
                    sheet.name.as_str().into(),
                    fold(&sheet.name).into(),
                    sheet.managing_agency.as_str().into(),
                    i64::from(sheet.requires_sample_product).into(),
                    (sheet_position as i64).into(),
                    json.into(),
                ]);
            }
        }
    }
    insert_rows(
        conn,
        "INSERT INTO industries (code, name, position)",
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position",
        &industries,
    )
    .await?;
    insert_rows(
        conn,
        "INSERT INTO product_groups (code, industry_code, name, position)",
        "ON CONFLICT (code) DO UPDATE SET industry_code = excluded.industry_code, name = excluded.name, position = excluded.position",
        &groups,
    )
    .await?;
    insert_rows(
        conn,
        "INSERT INTO score_sheets (code, criteria_set, group_code, name, search_key, managing_agency, requires_sample_product, position, sheet_json)",
        "ON CONFLICT (code) DO UPDATE SET criteria_set = excluded.criteria_set, group_code = excluded.group_code, name = excluded.name, \
         search_key = excluded.search_key, managing_agency = excluded.managing_agency, \
         requires_sample_product = excluded.requires_sample_product, position = excluded.position, sheet_json = excluded.sheet_json",
        &sheets,
    )
    .await?;
    Ok(())
}

fn parse_csv<T: for<'de> Deserialize<'de>>(text: &str) -> Result<Vec<T>, ReferenceError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|err| ReferenceError::Malformed(err.to_string()))
}

/// A stable fingerprint of the embedded files (FNV-1a), to skip reloading unchanged data.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|part| part.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

//! Recognises a province however a spreadsheet writes it: the 2025 name or a pre-2025 one,
//! with or without diacritics, in either tone placement, with or without "Tỉnh"/"Thành phố".

use std::collections::HashMap;

use app::domain::fold;

use super::Database;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct PlaceIndex {
    by_key: HashMap<String, Province>,
}

impl PlaceIndex {
    pub async fn load(db: &Database) -> Result<Self, sqlx::Error> {
        let provinces: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT code, name, full_name, name_en FROM provinces").fetch_all(&db.pool).await?;
        let legacy: Vec<(String, String)> =
            sqlx::query_as("SELECT name, province_code FROM legacy_provinces").fetch_all(&db.pool).await?;
        let mut index = PlaceIndex::default();
        let mut names = HashMap::new();
        for (code, name, full_name, name_en) in provinces {
            let province = Province { code: code.clone(), name: name.clone() };
            for written in [&name, &full_name, &name_en] {
                index.by_key.insert(fold(written), province.clone());
            }
            names.insert(code, name);
        }
        // A current name wins over a legacy one spelled the same (e.g. Hà Nội then and now).
        for (legacy_name, code) in legacy {
            if let Some(name) = names.get(&code) {
                index.by_key.entry(fold(&legacy_name)).or_insert(Province { code, name: name.clone() });
            }
        }
        Ok(index)
    }

    /// The 2025 province of this code.
    pub fn province_by_code(&self, code: &str) -> Option<&Province> {
        self.by_key.values().find(|province| province.code == code)
    }

    /// The 2025 province for a name as written, if it is one we know.
    pub fn province(&self, written: &str) -> Option<&Province> {
        let key = fold(written);
        if let Some(found) = self.by_key.get(&key) {
            return Some(found);
        }
        ["tinh ", "thanh pho ", "tp "]
            .iter()
            .find_map(|prefix| key.strip_prefix(prefix))
            .and_then(|rest| self.by_key.get(rest))
    }
}

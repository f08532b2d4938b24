//! Recognises a province however a spreadsheet writes it: the 2025 name or a pre-2025 one,
//! with or without diacritics, in either tone placement, with or without "Tỉnh"/"Thành phố";
//! and a 2025 commune of a province the same way, with or without "Xã"/"Phường".

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
    /// The communes of each province by folded name (without "xã", "phường"…): one code, or
    /// several when two communes of the province share the name.
    communes: HashMap<(String, String), Vec<String>>,
}

/// The words before a commune's own name, folded.
const COMMUNE_KINDS: [&str; 4] = ["xa ", "phuong ", "thi tran ", "dac khu "];

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
        let communes: Vec<(String, String, String)> =
            sqlx::query_as("SELECT code, province_code, name FROM communes").fetch_all(&db.pool).await?;
        for (code, province_code, name) in communes {
            index.communes.entry((province_code, fold(&name))).or_default().push(code);
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

    /// The 2025 commune of province `province_code` named as written ("Phường Hải Vân", "xa
    /// hai van", "Hải Vân"), when exactly one commune of the province has that name.
    pub fn commune(&self, province_code: &str, written: &str) -> Option<&str> {
        let key = fold(written);
        let name = COMMUNE_KINDS.iter().find_map(|kind| key.strip_prefix(kind)).unwrap_or(&key);
        match self.communes.get(&(province_code.to_string(), name.trim().to_string())) {
            Some(codes) if codes.len() == 1 => Some(codes[0].as_str()),
            _ => None,
        }
    }

    /// The 2025 commune an address names, in one of its parts ("Thôn 1, Phường Hải Vân, Đà
    /// Nẵng"), written with its kind so that a village is not taken for a commune of its name;
    /// none when no part, or more than one, names a commune of the province.
    pub fn commune_in_address(&self, province_code: &str, address: &str) -> Option<&str> {
        let mut found = address.split([',', ';', '-']).filter_map(|part| {
            let key = fold(part);
            COMMUNE_KINDS.iter().any(|kind| key.starts_with(kind)).then(|| self.commune(province_code, part)).flatten()
        });
        let first = found.next()?;
        found.all(|other| other == first).then_some(first)
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

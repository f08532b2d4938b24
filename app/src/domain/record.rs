//! Records staff keep: a catalog product's public facts as an officer edits them, and what an
//! edit changed, for the audit history and for the view a refused stale save shows.

use serde::{Deserialize, Serialize};

use super::account::parse_phone;
use super::producer::{optional, required_text, website, FieldError};

/// A product's editable public facts, checked field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRecord {
    pub name: String,
    pub description: String,
    pub phone: String,
    pub website: String,
}

/// One field an edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The longest product story kept, in characters.
pub const MAX_DESCRIPTION: usize = 5000;

impl ProductRecord {
    /// The fields, with their Vietnamese labels, in form order.
    pub const FIELDS: [(&'static str, &'static str); 4] = [
        ("name", "Tên sản phẩm"),
        ("description", "Câu chuyện, mô tả sản phẩm"),
        ("phone", "Điện thoại liên hệ"),
        ("website", "Trang web"),
    ];

    pub fn parse(name: &str, description: &str, phone: &str, site: &str) -> Result<Self, FieldError> {
        let name = required_text(name, "name", 200, "Tên sản phẩm", "The product name")?;
        let description = description.trim().to_string();
        if description.chars().count() > MAX_DESCRIPTION {
            return Err(FieldError {
                field: "description",
                message_vi: format!("Mô tả dài quá {MAX_DESCRIPTION} ký tự; hãy rút gọn."),
                message_en: format!("The description is longer than {MAX_DESCRIPTION} characters."),
            });
        }
        let phone = optional(phone)
            .map(parse_phone)
            .transpose()
            .map_err(|e| FieldError::from_input("phone", e))?
            .unwrap_or_default();
        let website = optional(site).map(website).transpose()?.unwrap_or_default();
        Ok(ProductRecord { name, description, phone, website })
    }

    pub fn get(&self, field: &str) -> &str {
        match field {
            "name" => &self.name,
            "description" => &self.description,
            "phone" => &self.phone,
            "website" => &self.website,
            _ => "",
        }
    }

    /// The fields that differ in `after`, in form order.
    pub fn changes_to(&self, after: &ProductRecord) -> Vec<FieldChange> {
        Self::FIELDS
            .iter()
            .filter(|(field, _)| self.get(field) != after.get(field))
            .map(|(field, _)| FieldChange {
                field: field.to_string(),
                before: self.get(field).to_string(),
                after: after.get(field).to_string(),
            })
            .collect()
    }

    /// The Vietnamese label of a field.
    pub fn label(field: &str) -> &'static str {
        Self::FIELDS.iter().find(|(f, _)| *f == field).map_or("", |(_, label)| label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_checked_field_by_field() {
        let ok = ProductRecord::parse(" Mật ong  Hải Vân ", "  Câu chuyện  ", "0905 123 456", "matong.vn").unwrap();
        assert_eq!(
            ok,
            ProductRecord {
                name: "Mật ong Hải Vân".into(),
                description: "Câu chuyện".into(),
                phone: "0905123456".into(),
                website: "https://matong.vn".into(),
            }
        );
        assert_eq!(ProductRecord::parse("Mật ong", "", "", "").unwrap().phone, "");
        let cases = [
            ("", "", "", "", "name"),
            ("Mật ong", &"x".repeat(MAX_DESCRIPTION + 1) as &str, "", "", "description"),
            ("Mật ong", "", "12345", "", "phone"),
            ("Mật ong", "", "", "not a site", "website"),
        ];
        for (name, description, phone, site, field) in cases {
            assert_eq!(ProductRecord::parse(name, description, phone, site).unwrap_err().field, field, "{field}");
        }
    }

    #[test]
    fn changes_name_each_field_that_differs() {
        let before = ProductRecord::parse("Mật ong", "cũ", "", "").unwrap();
        let after = ProductRecord::parse("Mật ong rừng", "cũ", "0905123456", "").unwrap();
        let changes = before.changes_to(&after);
        assert_eq!(
            changes.iter().map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
            vec![("name", "Mật ong", "Mật ong rừng"), ("phone", "", "0905123456")]
        );
        assert!(after.changes_to(&after).is_empty());
        assert_eq!(ProductRecord::label("phone"), "Điện thoại liên hệ");
    }
}

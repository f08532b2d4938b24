//! Records staff keep: a catalog product's public facts as an officer edits them, and what an
//! edit changed, for the audit history and for the view a refused stale save shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::parse_phone;
use super::certificate::RevocationGround;
use super::certificate_record::CertificateRecord;
use super::producer::{optional, required_text, website, FieldError, Refusals};
use super::score::Score;
use crate::language::{Language, Said};
use crate::model::vietnamese_date;

/// A product's editable public facts, checked field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRecord {
    pub name: String,
    pub description: String,
    pub phone: String,
    pub website: String,
    /// Where to buy it: one point of sale a line (a shop, a market stall, a marketplace page).
    pub where_to_buy: String,
}

/// A producer's public facts as an officer corrects them (a producer from a provincial list;
/// one that files in the portal keeps its own profile).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerRecord {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub website: String,
}

/// The longest producer address kept, in characters.
pub const MAX_ADDRESS: usize = 300;

impl ProducerRecord {
    /// The fields as the history names them (apart from a product's), with their Vietnamese
    /// labels, in form order.
    pub const FIELDS: [(&'static str, &'static str); 4] = [
        ("producer_name", "Tên chủ thể"),
        ("producer_address", "Địa chỉ chủ thể"),
        ("producer_phone", "Điện thoại chủ thể"),
        ("producer_website", "Trang web chủ thể"),
    ];

    /// The record as typed, or every refused field at once.
    pub fn parse(name: &str, address: &str, phone: &str, site: &str) -> Result<Self, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let name = refusals.check(required_text(name, "name", 200, Said::text("Tên chủ thể")));
        let address = refusals.check(required_text(address, "address", MAX_ADDRESS, Said::text("Địa chỉ")));
        let phone = refusals.check(optional_phone(phone));
        let website = refusals.check(optional_website(site));
        let made = (|| Some(ProducerRecord { name: name?, address: address?, phone: phone?, website: website? }))();
        refusals.outcome(made)
    }

    pub fn get(&self, field: &str) -> &str {
        match field {
            "producer_name" => &self.name,
            "producer_address" => &self.address,
            "producer_phone" => &self.phone,
            "producer_website" => &self.website,
            _ => "",
        }
    }

    /// The Vietnamese label of a field, or `None` for a field of another record.
    pub fn label(field: &str) -> Option<&'static str> {
        Self::FIELDS.iter().find(|(f, _)| *f == field).map(|(_, label)| *label)
    }

    /// The fields that differ in `after`, in form order.
    pub fn changes_to(&self, after: &ProducerRecord) -> Vec<FieldChange> {
        changed_fields(&Self::FIELDS, |f| self.get(f).to_string(), |f| after.get(f).to_string())
    }
}

/// One place to buy a product, as the product page lists it: the words, and the web address
/// in them if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PointOfSale {
    pub text: String,
    pub link: Option<String>,
}

/// The most points of sale a product lists, and the longest line, in characters.
pub const MAX_POINTS_OF_SALE: usize = 20;
pub const MAX_POINT_OF_SALE_CHARS: usize = 300;

/// One field an edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The history's field for leaving and re-entering the catalog: `after` holds the reason when
/// the record was deleted, and is empty when it was restored.
pub const DELETION_FIELD: &str = "deleted";
/// The history's field for the photos: `before` or `after` holds the number of the photo that
/// went or came (written as "ảnh số N" before the history spoke English too).
pub const PHOTOS_FIELD: &str = "photos";
/// The history's field of a revocation as written before the history spoke English too: a
/// Vietnamese sentence in `after`, shown as it is.
pub const REVOCATION_FIELD: &str = "revoked";
/// The history's field of a certificate revoked from its record: `after` holds the day, the
/// ground's code and the decision's number, `2026-12-01;misuse_of_mark;12/QĐ-UBND`, so that the
/// sentence is written in the reader's language.
pub const REVOCATION_DECISION_FIELD: &str = "revocation";
/// The history's field of a finding that grounds a revocation: `after` holds the day it was
/// found and the ground's code, `2026-11-28;misuse_of_mark`.
pub const REVOCATION_FINDING_FIELD: &str = "finding";
/// The longest reason for deleting a record, in characters.
pub const MAX_DELETION_REASON: usize = 500;

/// The fields of a record (`fields`, in form order) whose values differ from `before` to
/// `after`, as the history keeps them.
pub(crate) fn changed_fields(
    fields: &[(&'static str, &'static str)],
    before: impl Fn(&str) -> String,
    after: impl Fn(&str) -> String,
) -> Vec<FieldChange> {
    fields
        .iter()
        .map(|(field, _)| FieldChange { field: field.to_string(), before: before(field), after: after(field) })
        .filter(|change| change.before != change.after)
        .collect()
}

impl FieldChange {
    /// A photo added to a record (`added`) or removed from it.
    pub fn photo(photo_id: i64, added: bool) -> Self {
        let (before, after) =
            if added { (String::new(), photo_id.to_string()) } else { (photo_id.to_string(), String::new()) };
        FieldChange { field: PHOTOS_FIELD.into(), before, after }
    }

    /// A certificate revoked from day `on` (`YYYY-MM-DD`) on the ground coded `ground` by the
    /// decision numbered `decision`, as the record keeps them.
    pub fn revocation(on: &str, ground: &str, decision: &str) -> Self {
        let after = format!("{on};{ground};{decision}");
        FieldChange { field: REVOCATION_DECISION_FIELD.into(), before: String::new(), after }
    }

    /// A finding that grounds a revocation, recorded on the record.
    pub fn finding(on: NaiveDate, ground: RevocationGround) -> Self {
        let after = format!("{on};{}", ground.code());
        FieldChange { field: REVOCATION_FINDING_FIELD.into(), before: String::new(), after }
    }

    /// The change as one line of a record's history, in `language`.
    pub fn describe(&self, language: Language) -> String {
        let (before, after) = (self.before.as_str(), self.after.as_str());
        // A day and a ground as the revocation fields keep them, and what follows them.
        let day_and_ground = || {
            let mut parts = after.splitn(3, ';');
            let on = vietnamese_date(parts.next().unwrap_or_default());
            let ground = parts.next().unwrap_or_default();
            let ground =
                RevocationGround::from_code(ground).map_or(ground.to_string(), |g| g.label(language).to_string());
            (on, ground, parts.next().unwrap_or_default().to_string())
        };
        // Written "ảnh số N" before the history spoke English too.
        let photo = |value: &str| value.strip_prefix("ảnh số ").unwrap_or(value).to_string();
        match self.field.as_str() {
            DELETION_FIELD if after.is_empty() => language.tr_in("history", "Khôi phục vào danh mục").to_string(),
            DELETION_FIELD => language.tr_with("Xoá khỏi danh mục, lý do: “{reason}”", &[("reason", &after)]),
            PHOTOS_FIELD if after.is_empty() => language.tr_with("Xoá ảnh số {photo}", &[("photo", &photo(before))]),
            PHOTOS_FIELD => language.tr_with("Thêm ảnh số {photo}", &[("photo", &photo(after))]),
            REVOCATION_FIELD => after.to_string(),
            REVOCATION_DECISION_FIELD => {
                let (on, ground, decision) = day_and_ground();
                language.tr_with(
                    "Thu hồi giấy chứng nhận từ ngày {on}: {ground}. Quyết định số {decision}.",
                    &[("on", &on), ("ground", &ground), ("decision", &decision)],
                )
            }
            REVOCATION_FINDING_FIELD => {
                let (on, ground, _) = day_and_ground();
                language.tr_with("Phát hiện ngày {on}: {ground}", &[("on", &on), ("ground", &ground)])
            }
            field => {
                let label = CertificateRecord::label(field)
                    .or_else(|| ProducerRecord::label(field))
                    .unwrap_or_else(|| ProductRecord::label(field));
                // Days are kept as YYYY-MM-DD and scores as Vietnamese write them: both are
                // shown as the reader writes them.
                let shown = |value: &str| match field {
                    "decision_date" | "expires_on" => vietnamese_date(value),
                    "score" => Score::parse(value).map_or(value.to_string(), |score| score.text(language)),
                    _ => value.to_string(),
                };
                language.tr_with(
                    "{field}: “{before}” → “{after}”",
                    &[("field", &language.tr(label)), ("before", &shown(before)), ("after", &shown(after))],
                )
            }
        }
    }

    /// The Vietnamese labels `describe` asks the catalogue for, besides its own sentences.
    pub fn labels() -> impl Iterator<Item = &'static str> {
        let fields = CertificateRecord::FIELDS.into_iter().chain(ProducerRecord::FIELDS).chain(ProductRecord::FIELDS);
        fields.map(|(_, label)| label)
    }
}

/// Why an officer deletes a product record (a duplicate, an entry made in error): required, so
/// the history says why the product left the catalog.
pub fn deletion_reason(text: &str) -> Result<String, FieldError> {
    let reason = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let refuse = |said: Said| Err(FieldError::new("reason", said));
    if reason.is_empty() {
        return refuse(Said::text("Hãy ghi lý do xoá, ví dụ: “Trùng với bản ghi số 123”."));
    }
    if reason.chars().count() > MAX_DELETION_REASON {
        return refuse(Said::with("Lý do dài quá {max} ký tự; hãy rút gọn.", &[("max", &MAX_DELETION_REASON)]));
    }
    Ok(reason)
}

/// The longest product story kept, in characters.
pub const MAX_DESCRIPTION: usize = 5000;

impl ProductRecord {
    /// The fields, with their Vietnamese labels, in form order.
    pub const FIELDS: [(&'static str, &'static str); 5] = [
        ("name", "Tên sản phẩm"),
        ("description", "Câu chuyện, mô tả sản phẩm"),
        ("phone", "Điện thoại liên hệ"),
        ("website", "Trang web"),
        ("where_to_buy", "Nơi bán"),
    ];

    pub fn parse(
        name: &str,
        description: &str,
        phone: &str,
        site: &str,
        where_to_buy: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let name = refusals.check(required_text(name, "name", 200, Said::text("Tên sản phẩm")));
        let description = description.trim().to_string();
        let description = refusals.check(if description.chars().count() > MAX_DESCRIPTION {
            Err(FieldError::new(
                "description",
                Said::with("Mô tả dài quá {max} ký tự; hãy rút gọn.", &[("max", &MAX_DESCRIPTION)]),
            ))
        } else {
            Ok(description)
        });
        let phone = refusals.check(optional_phone(phone));
        let website = refusals.check(optional_website(site));
        let where_to_buy = refusals.check(parse_where_to_buy(where_to_buy));
        let made = (|| {
            Some(ProductRecord {
                name: name?,
                description: description?,
                phone: phone?,
                website: website?,
                where_to_buy: where_to_buy?,
            })
        })();
        refusals.outcome(made)
    }

    pub fn get(&self, field: &str) -> &str {
        match field {
            "name" => &self.name,
            "description" => &self.description,
            "phone" => &self.phone,
            "website" => &self.website,
            "where_to_buy" => &self.where_to_buy,
            _ => "",
        }
    }

    /// The fields that differ in `after`, in form order.
    pub fn changes_to(&self, after: &ProductRecord) -> Vec<FieldChange> {
        changed_fields(&Self::FIELDS, |f| self.get(f).to_string(), |f| after.get(f).to_string())
    }

    /// The Vietnamese label of a field.
    pub fn label(field: &str) -> &'static str {
        Self::FIELDS.iter().find(|(f, _)| *f == field).map_or("", |(_, label)| label)
    }
}

/// A web address, if one was typed.
fn optional_website(site: &str) -> Result<String, FieldError> {
    Ok(optional(site).map(website).transpose()?.unwrap_or_default())
}

/// A phone number, if one was typed.
fn optional_phone(phone: &str) -> Result<String, FieldError> {
    Ok(optional(phone)
        .map(parse_phone)
        .transpose()
        .map_err(|e| FieldError::from_input("phone", e))?
        .unwrap_or_default())
}

/// The points of sale as typed: blank lines dropped, each line trimmed, at most
/// `MAX_POINTS_OF_SALE` of at most `MAX_POINT_OF_SALE_CHARS`, and every web address in them a
/// real one (the product page makes it a link).
fn parse_where_to_buy(text: &str) -> Result<String, FieldError> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let refuse = |said: Said| Err(FieldError::new("where_to_buy", said));
    if lines.len() > MAX_POINTS_OF_SALE {
        return refuse(Said::with(
            "Nhiều nhất {max} điểm bán (mỗi dòng một điểm); đang có {count}.",
            &[("max", &MAX_POINTS_OF_SALE), ("count", &lines.len())],
        ));
    }
    for (number, line) in lines.iter().enumerate().map(|(i, line)| (i + 1, line)) {
        if line.chars().count() > MAX_POINT_OF_SALE_CHARS {
            return refuse(Said::with(
                "Dòng {number} dài quá {max} ký tự.",
                &[("number", &number), ("max", &MAX_POINT_OF_SALE_CHARS)],
            ));
        }
        if let Some(address) = web_address_in(line) {
            if website(address).is_err() {
                return refuse(Said::with(
                    "Dòng {number}: địa chỉ web «{address}» chưa đúng, ví dụ: https://shopee.vn/matongbana.",
                    &[("number", &number), ("address", &address)],
                ));
            }
        }
    }
    Ok(lines.join("\n"))
}

/// The first word of a line that starts like a web address.
fn web_address_in(line: &str) -> Option<&str> {
    line.split_whitespace().find(|word| word.starts_with("http://") || word.starts_with("https://"))
}

/// The points of sale of a saved record, for the product page.
pub fn points_of_sale(where_to_buy: &str) -> Vec<PointOfSale> {
    where_to_buy
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let link = web_address_in(line).map(str::to_string);
            let words = match &link {
                Some(address) => line.replacen(address.as_str(), "", 1),
                None => line.to_string(),
            };
            let text = words.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.trim_matches(|c: char| c == ':' || c == '-' || c == '–' || c.is_whitespace()).to_string();
            PointOfSale { text, link }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_told_in_the_readers_language() {
        let on = "2026-11-28".parse().unwrap();
        let change = |field: &str, before: &str, after: &str| FieldChange {
            field: field.into(),
            before: before.into(),
            after: after.into(),
        };
        // (change, Vietnamese, English)
        let cases = [
            (
                change("name", "Mật ong", "Mật ong rừng"),
                "Tên sản phẩm: “Mật ong” → “Mật ong rừng”",
                "Product name: “Mật ong” → “Mật ong rừng”",
            ),
            (change("score", "71,1", "72"), "Điểm: “71,10” → “72”", "Points: “71.10” → “72”"),
            (
                change("decision_date", "", "2026-11-20"),
                "Ngày quyết định: “” → “20/11/2026”",
                "Decision date: “” → “20/11/2026”",
            ),
            (
                change(DELETION_FIELD, "", "Trùng"),
                "Xoá khỏi danh mục, lý do: “Trùng”",
                "Deleted from the catalog, reason: “Trùng”",
            ),
            (change(DELETION_FIELD, "Trùng", ""), "Khôi phục vào danh mục", "Restored to the catalog"),
            (FieldChange::photo(12, true), "Thêm ảnh số 12", "Photo no. 12 added"),
            (FieldChange::photo(12, false), "Xoá ảnh số 12", "Photo no. 12 removed"),
            // Written before the history spoke English.
            (change(PHOTOS_FIELD, "", "ảnh số 7"), "Thêm ảnh số 7", "Photo no. 7 added"),
            (
                change(REVOCATION_FIELD, "", "Thu hồi từ ngày 01/12/2026."),
                "Thu hồi từ ngày 01/12/2026.",
                "Thu hồi từ ngày 01/12/2026.",
            ),
            (
                FieldChange::revocation("2026-12-01", "misuse_of_mark", "12/QĐ-UBND"),
                "Thu hồi giấy chứng nhận từ ngày 01/12/2026: Sử dụng sai nhãn hiệu OCOP. Quyết định số 12/QĐ-UBND.",
                "Certificate revoked from 01/12/2026: Misuse of the OCOP mark. Decision no. 12/QĐ-UBND.",
            ),
            (
                FieldChange::finding(on, RevocationGround::ForgedDossier),
                "Phát hiện ngày 28/11/2026: Giả mạo hồ sơ",
                "Found on 28/11/2026: Forged dossier",
            ),
        ];
        for (change, vietnamese, english) in cases {
            assert_eq!(change.describe(Language::Vi), vietnamese, "{change:?}");
            assert_eq!(change.describe(Language::En), english, "{change:?}");
        }
    }

    #[test]
    fn a_record_is_checked_field_by_field() {
        let ok = ProductRecord::parse(
            " Mật ong  Hải Vân ",
            "  Câu chuyện  ",
            "0905 123 456",
            "matong.vn",
            "\n  Chợ Hàn, quầy 12  \n\nShopee: https://shopee.vn/matong \n",
        )
        .unwrap();
        assert_eq!(
            ok,
            ProductRecord {
                name: "Mật ong Hải Vân".into(),
                description: "Câu chuyện".into(),
                phone: "0905123456".into(),
                website: "https://matong.vn".into(),
                where_to_buy: "Chợ Hàn, quầy 12\nShopee: https://shopee.vn/matong".into(),
            }
        );
        assert_eq!(ProductRecord::parse("Mật ong", "", "", "", "").unwrap().phone, "");
        let many = "Chợ\n".repeat(MAX_POINTS_OF_SALE + 1);
        let long = "x".repeat(MAX_POINT_OF_SALE_CHARS + 1);
        let cases = [
            ("", "", "", "", "", "name"),
            ("Mật ong", &"x".repeat(MAX_DESCRIPTION + 1) as &str, "", "", "", "description"),
            ("Mật ong", "", "12345", "", "", "phone"),
            ("Mật ong", "", "", "not a site", "", "website"),
            ("Mật ong", "", "", "", &many as &str, "where_to_buy"),
            ("Mật ong", "", "", "", &long as &str, "where_to_buy"),
            ("Mật ong", "", "", "", "Chợ Hàn\nShop https://nohost", "where_to_buy"),
        ];
        for (name, description, phone, site, where_to_buy, field) in cases {
            let refused = ProductRecord::parse(name, description, phone, site, where_to_buy).unwrap_err();
            assert_eq!(refused.iter().map(|r| r.field).collect::<Vec<_>>(), [field]);
        }
        let refused = ProductRecord::parse("Mật ong", "", "", "", "Chợ Hàn\nShop https://nohost").unwrap_err();
        let said = |language| refused[0].message.in_language(language);
        assert!(said(Language::Vi).starts_with("Dòng 2: địa chỉ web «https://nohost»"), "{}", said(Language::Vi));
        assert!(said(Language::En).starts_with("Line 2: the web address «https://nohost»"), "{}", said(Language::En));
        // A field left empty is named by its label, in each language.
        let refused = ProductRecord::parse(" ", "", "", "", "").unwrap_err();
        assert_eq!(refused[0].message.in_language(Language::Vi), "Tên sản phẩm không được để trống.");
        assert_eq!(refused[0].message.in_language(Language::En), "Product name is required.");
        // Every refused field at once, in the form's order.
        let refused =
            ProductRecord::parse(" ", &"x".repeat(MAX_DESCRIPTION + 1), "12345", "not a site", &long).unwrap_err();
        let fields: Vec<_> = refused.iter().map(|r| r.field).collect();
        assert_eq!(fields, ["name", "description", "phone", "website", "where_to_buy"]);
    }

    #[test]
    fn points_of_sale_keep_their_words_and_link_their_address() {
        let cases = [
            ("Chợ Hàn, quầy 12", "Chợ Hàn, quầy 12", None),
            ("Shopee: https://shopee.vn/matong", "Shopee", Some("https://shopee.vn/matong")),
            ("https://tiki.vn/matong", "", Some("https://tiki.vn/matong")),
            ("Gian hàng https://sendo.vn/x – giao toàn quốc", "Gian hàng – giao toàn quốc", Some("https://sendo.vn/x")),
        ];
        for (line, text, link) in cases {
            let points = points_of_sale(line);
            assert_eq!(points, vec![PointOfSale { text: text.into(), link: link.map(str::to_string) }], "{line}");
        }
        assert_eq!(points_of_sale("a\n\n b ").len(), 2);
    }

    #[test]
    fn changes_name_each_field_that_differs() {
        let before = ProductRecord::parse("Mật ong", "cũ", "", "", "").unwrap();
        let after = ProductRecord::parse("Mật ong rừng", "cũ", "0905123456", "", "").unwrap();
        let changes = before.changes_to(&after);
        assert_eq!(
            changes.iter().map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str())).collect::<Vec<_>>(),
            vec![("name", "Mật ong", "Mật ong rừng"), ("phone", "", "0905123456")]
        );
        assert!(after.changes_to(&after).is_empty());
        assert_eq!(ProductRecord::label("phone"), "Điện thoại liên hệ");
    }

    #[test]
    fn a_producer_record_is_checked_field_by_field() {
        let ok = ProducerRecord::parse(" HTX  Trà Hòa Bắc ", "Thôn 5, xã Hòa Bắc", "0236 3 123 456", "trahoabac.vn");
        assert_eq!(
            ok.unwrap(),
            ProducerRecord {
                name: "HTX Trà Hòa Bắc".into(),
                address: "Thôn 5, xã Hòa Bắc".into(),
                phone: "02363123456".into(),
                website: "https://trahoabac.vn".into(),
            }
        );
        let long = "x".repeat(MAX_ADDRESS + 1);
        for (name, address, phone, site, field) in [
            ("", "Thôn 5", "", "", "name"),
            ("HTX", "", "", "", "address"),
            ("HTX", &long as &str, "", "", "address"),
            ("HTX", "Thôn 5", "123", "", "phone"),
            ("HTX", "Thôn 5", "", "not a site", "website"),
        ] {
            let refused = ProducerRecord::parse(name, address, phone, site).unwrap_err();
            assert_eq!(refused.iter().map(|r| r.field).collect::<Vec<_>>(), [field]);
        }
        let refused = ProducerRecord::parse("", "", "123", "not a site").unwrap_err();
        assert_eq!(refused.iter().map(|r| r.field).collect::<Vec<_>>(), ["name", "address", "phone", "website"]);
        let before = ProducerRecord::parse("HTX", "Thôn 5", "", "").unwrap();
        let after = ProducerRecord::parse("HTX Trà", "Thôn 5", "", "").unwrap();
        let changes: Vec<String> = before.changes_to(&after).into_iter().map(|c| c.describe(Language::Vi)).collect();
        assert_eq!(changes, ["Tên chủ thể: “HTX” → “HTX Trà”"]);
    }

    #[test]
    fn a_deletion_needs_a_short_reason() {
        assert_eq!(deletion_reason("  Trùng   với bản ghi 12 ").unwrap(), "Trùng với bản ghi 12");
        for bad in ["", "   \n ", &"x".repeat(MAX_DELETION_REASON + 1) as &str] {
            assert_eq!(deletion_reason(bad).unwrap_err().field, "reason");
        }
    }
}

//! The producer (chủ thể) behind OCOP products: its kind and the profile it files under,
//! validated field by field so a bad value names the field it came from.

use serde::{Deserialize, Serialize};

use super::account::{parse_email, parse_phone, AccountInputError, TaxCode};
use super::coded::coded_enum;
use crate::language::{Language, Said};

coded_enum! {
    /// The four kinds of producer the programme recognises.
    #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
    pub enum ProducerKind {
        Enterprise,
        Cooperative,
        CooperativeGroup,
        Household,
    }
}

impl ProducerKind {
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::Enterprise => "Doanh nghiệp",
            Self::Cooperative => "Hợp tác xã",
            Self::CooperativeGroup => "Tổ hợp tác",
            Self::Household => "Hộ sản xuất có đăng ký kinh doanh",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn name(self, language: Language) -> &'static str {
        language.tr_in("ProducerKind", self.name_vi())
    }
}

/// A producer profile as typed into the form: every field is text until checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub kind: String,
    pub name: String,
    pub tax_code: String,
    pub legal_representative: String,
    pub province_code: String,
    pub commune_code: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
}

impl ProfileForm {
    /// A form from named values (a query string, a posted form); missing ones are empty.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let field = |name: &str| get(name).unwrap_or_default();
        ProfileForm {
            kind: field("kind"),
            name: field("name"),
            tax_code: field("tax_code"),
            legal_representative: field("legal_representative"),
            province_code: field("province_code"),
            commune_code: field("commune_code"),
            address: field("address"),
            phone: field("phone"),
            email: field("email"),
            website: field("website"),
        }
    }

    /// The form's fields by name, to keep what was typed when a save is refused.
    pub fn fields(&self) -> [(&'static str, &str); 10] {
        [
            ("kind", &self.kind),
            ("name", &self.name),
            ("tax_code", &self.tax_code),
            ("legal_representative", &self.legal_representative),
            ("province_code", &self.province_code),
            ("commune_code", &self.commune_code),
            ("address", &self.address),
            ("phone", &self.phone),
            ("email", &self.email),
            ("website", &self.website),
        ]
    }
}

/// A profile whose every field passed its check. Whether the commune lies in the province is
/// for the database to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub kind: ProducerKind,
    pub name: String,
    pub tax_code: TaxCode,
    pub legal_representative: String,
    pub province_code: String,
    pub commune_code: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// Which field was refused and why, said in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: Said,
}

impl FieldError {
    pub fn new(field: &'static str, message: Said) -> Self {
        FieldError { field, message }
    }

    pub(crate) fn from_input(field: &'static str, err: AccountInputError) -> Self {
        FieldError::new(field, Said::new(|language| err.message(language)))
    }
}

impl Profile {
    /// Checks every field and gives every refusal, in the order the form shows them, so that
    /// the person corrects them all at once rather than one per submission.
    pub fn parse(form: &ProfileForm) -> Result<Profile, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let kind = refusals.check(
            ProducerKind::from_code(form.kind.trim())
                .ok_or_else(|| FieldError::new("kind", Said::text("Vui lòng chọn loại hình chủ thể."))),
        );
        let name = refusals.check(required_text(&form.name, "name", 200, Said::text("Tên chủ thể")));
        let tax_code =
            refusals.check(TaxCode::parse(&form.tax_code).map_err(|e| FieldError::from_input("tax_code", e)));
        let legal_representative = refusals.check(required_text(
            &form.legal_representative,
            "legal_representative",
            100,
            Said::text("Người đại diện"),
        ));
        let code = |text: &str, digits: usize| {
            let code = text.trim();
            (code.len() == digits && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.to_string())
        };
        let province_code = refusals.check(
            code(&form.province_code, 2)
                .ok_or_else(|| FieldError::new("province_code", Said::text("Vui lòng chọn tỉnh, thành phố."))),
        );
        let commune_code = refusals.check(
            code(&form.commune_code, 5)
                .ok_or_else(|| FieldError::new("commune_code", Said::text("Vui lòng chọn xã, phường."))),
        );
        let address = refusals.check(required_text(&form.address, "address", 200, Said::text("Địa chỉ")));
        let phone = refusals.check(parse_phone(form.phone.trim()).map_err(|e| FieldError::from_input("phone", e)));
        let email = refusals
            .check(optional(&form.email).map(parse_email).transpose().map_err(|e| FieldError::from_input("email", e)));
        let website = refusals.check(optional(&form.website).map(website).transpose());
        let profile = || {
            Some(Profile {
                kind: kind?,
                name: name?,
                tax_code: tax_code?,
                legal_representative: legal_representative?,
                province_code: province_code?,
                commune_code: commune_code?,
                address: address?,
                phone: phone?,
                email: email?,
                website: website?,
            })
        };
        refusals.outcome(profile())
    }
}

/// The refusals of a form, gathered field by field so that all of them are said at once (as
/// `FieldError`s, or as a context's own errors).
#[derive(Debug)]
pub struct Refusals<E = FieldError>(Vec<E>);

impl<E> Default for Refusals<E> {
    fn default() -> Self {
        Refusals(Vec::new())
    }
}

impl<E> Refusals<E> {
    /// The value of a field that passed; a refused one is noted and gives nothing.
    pub fn check<T>(&mut self, checked: Result<T, E>) -> Option<T> {
        checked.map_err(|refused| self.0.push(refused)).ok()
    }

    /// What the form made when every field passed, else every refusal in the order checked.
    pub fn outcome<T>(self, made: Option<T>) -> Result<T, Vec<E>> {
        match made {
            Some(made) if self.0.is_empty() => Ok(made),
            _ => Err(self.0),
        }
    }
}

pub(crate) fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// `text` with its spaces made single, refused when empty or longer than `max` characters; the
/// refusal names the field by its `label`, as the form shows it.
pub(crate) fn required_text(text: &str, field: &'static str, max: usize, label: Said) -> Result<String, FieldError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let said = |language: Language| {
            language.tr_with("{label} không được để trống.", &[("label", &label.in_language(language))])
        };
        return Err(FieldError::new(field, Said::new(said)));
    }
    if text.chars().count() > max {
        let said = |language: Language| {
            language.tr_with("{label} dài quá {max} ký tự.", &[("label", &label.in_language(language)), ("max", &max)])
        };
        return Err(FieldError::new(field, Said::new(said)));
    }
    Ok(text)
}

/// A web address; `https://` is added when the scheme is left out, as people usually type it.
pub(crate) fn website(text: &str) -> Result<String, FieldError> {
    let url = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = url.len() <= 200
        && !url.chars().any(char::is_whitespace)
        && host.is_some_and(|h| h.contains('.') && !h.starts_with('.') && !h.ends_with('.'));
    if ok {
        Ok(url)
    } else {
        Err(FieldError::new("website", Said::text("Địa chỉ trang web chưa đúng, ví dụ: https://htxmatong.vn.")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ProfileForm {
        ProfileForm {
            kind: "cooperative".into(),
            name: " Hợp tác xã  Mật ong Bana ".into(),
            tax_code: "4101234567".into(),
            legal_representative: "Nguyễn Văn A".into(),
            province_code: "48".into(),
            commune_code: "20194".into(),
            address: "Thôn 3".into(),
            phone: "0912 345 678".into(),
            email: "".into(),
            website: "htxbana.vn".into(),
        }
    }

    #[test]
    fn a_good_profile_is_normalised() {
        let profile = Profile::parse(&good()).unwrap();
        assert_eq!(profile.kind, ProducerKind::Cooperative);
        assert_eq!(profile.name, "Hợp tác xã Mật ong Bana");
        assert_eq!(profile.phone, "0912345678");
        assert_eq!(profile.email, None);
        assert_eq!(profile.website.as_deref(), Some("https://htxbana.vn"));
    }

    #[test]
    fn each_bad_field_is_named() {
        type Spoil = fn(&mut ProfileForm);
        let cases: &[(Spoil, &str)] = &[
            (|f| f.kind = "company".into(), "kind"),
            (|f| f.kind = "".into(), "kind"),
            (|f| f.name = "   ".into(), "name"),
            (|f| f.name = "x".repeat(201), "name"),
            (|f| f.tax_code = "123".into(), "tax_code"),
            (|f| f.legal_representative = "".into(), "legal_representative"),
            (|f| f.province_code = "Đà Nẵng".into(), "province_code"),
            (|f| f.province_code = "".into(), "province_code"),
            (|f| f.commune_code = "".into(), "commune_code"),
            (|f| f.commune_code = "2019'".into(), "commune_code"),
            (|f| f.address = " ".into(), "address"),
            (|f| f.phone = "12345".into(), "phone"),
            (|f| f.email = "htx@".into(), "email"),
            (|f| f.website = "javascript:alert(1)".into(), "website"),
            (|f| f.website = "https://".into(), "website"),
            (|f| f.website = "bana bee.vn".into(), "website"),
        ];
        for (spoil, field) in cases {
            let mut form = good();
            spoil(&mut form);
            let fields = |errors: Vec<FieldError>| errors.into_iter().map(|e| e.field).collect::<Vec<_>>();
            assert_eq!(Profile::parse(&form).map_err(fields), Err(vec![*field]), "{form:?}");
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once_in_the_forms_order() {
        let mut form = good();
        form.website = "bana bee.vn".into();
        form.name = "".into();
        form.commune_code = "".into();
        form.phone = "12345".into();
        let refused: Vec<&str> = Profile::parse(&form).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(refused, ["name", "commune_code", "phone", "website"]);
        let blank = ProfileForm::default();
        let refused = Profile::parse(&blank).unwrap_err();
        assert_eq!(refused.len(), 8, "all but the optional email and website: {refused:?}");
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in ProducerKind::ALL {
            assert_eq!(ProducerKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ProducerKind::from_code("Enterprise"), None);
    }
}

//! The catalog's filters as they travel in the URL, so a result page can be shared,
//! bookmarked and reached with the back button, and the facets counted for them.

use serde::{Deserialize, Serialize};

use super::ProductSummary;
use crate::domain::coded::coded_enum;
use crate::language::Language;

/// Longest query we read; anything longer is cut, and the page says so.
pub const MAX_QUERY_CHARS: usize = 200;
pub const PAGE_SIZE: u32 = 24;
const MAX_PAGE: u32 = 10_000;

coded_enum! {
    /// Which certificates to show. The default hides what is known to be expired or revoked.
    #[derive(Default)]
    #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
    pub enum StatusFilter {
        /// Valid, expiring, or of unknown validity (old lists without dates).
        #[default]
        Current,
        Valid,
        Expiring,
        Expired,
        Revoked,
        Unknown,
        All,
    }
}

impl StatusFilter {
    pub fn label(self, t: Language) -> &'static str {
        match self {
            StatusFilter::Current => t.tr("Còn hiệu lực hoặc chưa rõ"),
            StatusFilter::Valid => t.tr("Còn hiệu lực"),
            StatusFilter::Expiring => t.tr("Sắp hết hạn (180 ngày)"),
            StatusFilter::Expired => t.tr("Đã hết hạn"),
            StatusFilter::Revoked => t.tr("Đã bị thu hồi"),
            StatusFilter::Unknown => t.tr("Chưa rõ thời hạn"),
            StatusFilter::All => t.tr("Tất cả"),
        }
    }

    pub fn label_vi(self) -> &'static str {
        self.label(Language::Vi)
    }
}

coded_enum! {
    #[derive(Default)]
    #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
    pub enum SortOrder {
        /// Name matches first, then certificates in force, then stars.
        #[default]
        Relevance,
        Stars,
        Newest,
        Name,
    }
}

impl SortOrder {
    pub fn label(self, t: Language) -> &'static str {
        match self {
            SortOrder::Relevance => t.tr("Phù hợp nhất"),
            SortOrder::Stars => t.tr("Nhiều sao nhất"),
            SortOrder::Newest => t.tr("Mới công nhận"),
            SortOrder::Name => t.tr("Tên A–Z"),
        }
    }
}

/// Everything that selects a page of the catalog. Missing fields take their defaults, so
/// the API accepts short queries.
// The patterns and bounds of the API's description are those `from_query` accepts: a value
// outside them is refused with 400, which schemathesis checks both ways.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[serde(default)]
pub struct CatalogFilters {
    /// Words to find in product, producer and place names, with or without diacritics.
    #[cfg_attr(feature = "ssr", param(max_length = 200))]
    pub q: String,
    /// A 2025 province code (2 digits).
    #[cfg_attr(feature = "ssr", param(pattern = "^[0-9]{2}$"))]
    pub province: Option<String>,
    #[cfg_attr(feature = "ssr", param(minimum = 3, maximum = 5))]
    pub stars: Option<u8>,
    /// A 2025 commune code (5 digits).
    #[cfg_attr(feature = "ssr", param(pattern = "^[0-9]{5}$"))]
    pub commune: Option<String>,
    /// An industry of the classification (`I` to `VI`).
    #[cfg_attr(feature = "ssr", param(pattern = "^(I|II|III|IV|V|VI)$"))]
    pub industry: Option<String>,
    /// A group of the classification (e.g. `I.3`).
    #[cfg_attr(feature = "ssr", param(pattern = "^(I|II|III|IV|V|VI)\\.[0-9]{1,2}$"))]
    pub group: Option<String>,
    /// A subgroup, by the code of its score sheet (e.g. `mat-ong-mat-khac-tpthuc-khac`).
    #[cfg_attr(feature = "ssr", param(pattern = "^[a-z0-9-]{1,60}$"))]
    pub subgroup: Option<String>,
    /// A producer kind.
    #[cfg_attr(feature = "ssr", param(value_type = Option<crate::domain::ProducerKind>, inline))]
    pub kind: Option<String>,
    /// Certificate status; `current` (the default) is valid, expiring or of unknown validity.
    #[cfg_attr(feature = "ssr", param(inline))]
    pub status: StatusFilter,
    #[cfg_attr(feature = "ssr", param(inline))]
    pub sort: SortOrder,
    /// 1-based (the downloads take every page and only check it).
    #[cfg_attr(feature = "ssr", param(minimum = 1, maximum = 10_000))]
    pub page: u32,
}

impl Default for CatalogFilters {
    fn default() -> Self {
        CatalogFilters {
            q: String::new(),
            province: None,
            stars: None,
            commune: None,
            industry: None,
            group: None,
            subgroup: None,
            kind: None,
            status: StatusFilter::default(),
            sort: SortOrder::default(),
            page: 1,
        }
    }
}

/// The URL parameters that choose a filter, the sort or the page (all but the words, `q`).
pub const FILTER_PARAMETERS: [&str; 10] =
    ["province", "commune", "industry", "group", "kind", "stars", "subgroup", "status", "sort", "page"];

impl CatalogFilters {
    /// Reads the filters from URL parameters. A malformed value is ignored, and a note says
    /// so, rather than failing the whole page.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> (Self, Vec<FilterNote>) {
        let mut notes = Vec::new();
        let mut filters = CatalogFilters::default();
        let value = |name: &str| get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(q) = get("q") {
            filters.q = match q.char_indices().nth(MAX_QUERY_CHARS) {
                Some((cut, _)) => {
                    notes.push(FilterNote::QueryCut);
                    q[..cut].to_string()
                }
                None => q,
            };
        }
        if let Some(province) = value("province") {
            if is_place_code(&province, 2) {
                filters.province = Some(province);
            } else {
                notes.push(FilterNote::Province(shorten(&province)));
            }
        }
        if let Some(stars) = value("stars") {
            match stars.parse::<u8>() {
                Ok(n @ 3..=5) => filters.stars = Some(n),
                _ => notes.push(FilterNote::Stars(shorten(&stars))),
            }
        }
        if let Some(commune) = value("commune") {
            if is_place_code(&commune, 5) {
                filters.commune = Some(commune);
            } else {
                notes.push(FilterNote::Commune(shorten(&commune)));
            }
        }
        if let Some(industry) = value("industry") {
            if is_industry_code(&industry) {
                filters.industry = Some(industry);
            } else {
                notes.push(FilterNote::Industry(shorten(&industry)));
            }
        }
        if let Some(group) = value("group") {
            match group.split_once('.') {
                Some((industry, number)) if is_industry_code(industry) && is_small_number(number) => {
                    filters.group = Some(group)
                }
                _ => notes.push(FilterNote::Group(shorten(&group))),
            }
        }
        if let Some(kind) = value("kind") {
            if crate::domain::ProducerKind::from_code(&kind).is_some() {
                filters.kind = Some(kind);
            } else {
                notes.push(FilterNote::Kind(shorten(&kind)));
            }
        }
        if let Some(subgroup) = value("subgroup") {
            if is_subgroup_code(&subgroup) {
                filters.subgroup = Some(subgroup);
            } else {
                notes.push(FilterNote::Subgroup(shorten(&subgroup)));
            }
        }
        if let Some(status) = value("status") {
            match StatusFilter::from_code(&status) {
                Some(s) => filters.status = s,
                None => notes.push(FilterNote::Status(shorten(&status))),
            }
        }
        if let Some(sort) = value("sort") {
            match SortOrder::from_code(&sort) {
                Some(s) => filters.sort = s,
                None => notes.push(FilterNote::Sort(shorten(&sort))),
            }
        }
        if let Some(page) = value("page") {
            match page.parse::<u32>() {
                Ok(n @ 1..=MAX_PAGE) => filters.page = n,
                _ => notes.push(FilterNote::Page(shorten(&page))),
            }
        }
        (filters, notes)
    }

    /// The URL query for these filters (`?q=…&stars=4`), leaving out defaults.
    pub fn to_query(&self) -> String {
        let stars = self.stars.map(|s| s.to_string()).unwrap_or_default();
        let page = if self.page > 1 { self.page.to_string() } else { String::new() };
        let status = if self.status == StatusFilter::default() { "" } else { self.status.code() };
        let sort = if self.sort == SortOrder::default() { "" } else { self.sort.code() };
        query_string(&[
            ("q", self.q.as_str()),
            ("province", self.province.as_deref().unwrap_or("")),
            ("stars", &stars),
            ("commune", self.commune.as_deref().unwrap_or("")),
            ("industry", self.industry.as_deref().unwrap_or("")),
            ("group", self.group.as_deref().unwrap_or("")),
            ("subgroup", self.subgroup.as_deref().unwrap_or("")),
            ("kind", self.kind.as_deref().unwrap_or("")),
            ("status", status),
            ("sort", sort),
            ("page", &page),
        ])
    }

    /// The same filters on another page.
    pub fn with_page(&self, page: u32) -> Self {
        CatalogFilters { page, ..self.clone() }
    }
}

/// A filter value from the URL that was cut or ignored, with the value (shortened) as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterNote {
    QueryCut,
    Province(String),
    Commune(String),
    Industry(String),
    Group(String),
    Kind(String),
    Stars(String),
    Subgroup(String),
    Status(String),
    Sort(String),
    Page(String),
}

impl FilterNote {
    pub fn text(&self, t: Language) -> String {
        match self {
            FilterNote::QueryCut => {
                t.tr_with("Từ khóa quá dài nên chỉ {n} ký tự đầu được dùng để tìm kiếm.", &[("n", &MAX_QUERY_CHARS)])
            }
            FilterNote::Province(v) => t.tr_with("Đã bỏ qua bộ lọc tỉnh \"{v}\": mã tỉnh gồm 2 chữ số.", &[("v", v)]),
            FilterNote::Commune(v) => t.tr_with("Đã bỏ qua bộ lọc xã \"{v}\": mã xã gồm 5 chữ số.", &[("v", v)]),
            FilterNote::Industry(v) => t.tr_with("Đã bỏ qua bộ lọc ngành \"{v}\" vì không hợp lệ.", &[("v", v)]),
            FilterNote::Group(v) => t.tr_with("Đã bỏ qua bộ lọc nhóm ngành \"{v}\" vì không hợp lệ.", &[("v", v)]),
            FilterNote::Kind(v) => {
                t.tr_with("Đã bỏ qua bộ lọc loại hình chủ thể \"{v}\" vì không hợp lệ.", &[("v", v)])
            }
            FilterNote::Stars(v) => {
                t.tr_with("Đã bỏ qua bộ lọc số sao \"{v}\": sản phẩm OCOP được công nhận từ 3 đến 5 sao.", &[("v", v)])
            }
            FilterNote::Subgroup(v) => {
                t.tr_with("Đã bỏ qua bộ lọc nhóm sản phẩm \"{v}\" vì không hợp lệ.", &[("v", v)])
            }
            FilterNote::Status(v) => t.tr_with("Đã bỏ qua bộ lọc hiệu lực \"{v}\" vì không hợp lệ.", &[("v", v)]),
            FilterNote::Sort(v) => t.tr_with("Đã bỏ qua cách sắp xếp \"{v}\" vì không hợp lệ.", &[("v", v)]),
            FilterNote::Page(v) => t.tr_with("Trang \"{v}\" không hợp lệ nên hiển thị trang 1.", &[("v", v)]),
        }
    }
}

/// Province codes have 2 digits, commune codes 5.
fn is_place_code(code: &str, digits: usize) -> bool {
    code.len() == digits && code.bytes().all(|b| b.is_ascii_digit())
}

/// Industries are numbered in Roman numerals, I to VI.
fn is_industry_code(code: &str) -> bool {
    matches!(code, "I" | "II" | "III" | "IV" | "V" | "VI")
}

fn is_small_number(text: &str) -> bool {
    (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Score sheet codes are lower-case words joined by dashes.
pub fn is_subgroup_code(code: &str) -> bool {
    (1..=60).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

/// Builds `?k=v&…` as a form would (`application/x-www-form-urlencoded`), leaving out empty
/// values so URLs stay short.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(pairs.iter().filter(|(_, value)| !value.is_empty()));
    let query = query.finish();
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

/// One value of a facet with how many products it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Facets {
    pub provinces: Vec<FacetCount>,
    /// The communes of the chosen province (empty until a province is chosen).
    pub communes: Vec<FacetCount>,
    pub stars: Vec<FacetCount>,
    pub industries: Vec<FacetCount>,
    pub groups: Vec<FacetCount>,
    pub subgroups: Vec<FacetCount>,
    pub kinds: Vec<FacetCount>,
    pub statuses: Vec<FacetCount>,
}

/// One page of catalog results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProductPage {
    pub total: u64,
    pub items: Vec<ProductSummary>,
    pub page: u32,
    pub page_count: u32,
    pub facets: Facets,
    /// Query words matched by what they were likely meant to be (one slip away), not as typed.
    pub corrections: Vec<Correction>,
}

/// What the search box offers while someone types: products, producers and places whose
/// names hold the words typed (as word beginnings, accents or not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Suggestions {
    pub products: Vec<Suggestion>,
    pub producers: Vec<Suggestion>,
    pub places: Vec<Suggestion>,
}

/// One thing offered, and where it leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub label: String,
    pub href: String,
}

/// How many of each kind the search box offers.
pub const SUGGESTIONS_EACH: usize = 5;

/// A query word that began no word in the catalog, and the catalog's words searched instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Correction {
    pub typed: String,
    pub read_as: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)]) -> (CatalogFilters, Vec<FilterNote>) {
        CatalogFilters::from_query(|name| query.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn reads_and_writes_the_url() {
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, usize);
        let cases: &[Case] = &[
            (&[], "", 0),
            (&[("q", "mật ong")], "?q=m%E1%BA%ADt+ong", 0),
            (
                &[
                    ("q", "mat ong"),
                    ("province", "48"),
                    ("stars", "4"),
                    ("status", "all"),
                    ("sort", "newest"),
                    ("page", "3"),
                ],
                "?q=mat+ong&province=48&stars=4&status=all&sort=newest&page=3",
                0,
            ),
            (&[("stars", "9")], "", 1),
            (&[("subgroup", "mat-ong-mat-khac-tpthuc-khac")], "?subgroup=mat-ong-mat-khac-tpthuc-khac", 0),
            (&[("subgroup", "Mật ong")], "", 1),
            (
                &[("commune", "20194"), ("industry", "I"), ("group", "I.3"), ("kind", "cooperative")],
                "?commune=20194&industry=I&group=I.3&kind=cooperative",
                0,
            ),
            (&[("commune", "2019"), ("industry", "VII"), ("group", "I.3.1"), ("kind", "company")], "", 4),
            (&[("group", "X.1"), ("industry", "i")], "", 2),
            (
                &[("stars", "abc"), ("province", "Đà Nẵng"), ("status", "maybe"), ("sort", "random"), ("page", "0")],
                "",
                5,
            ),
            (&[("page", "99999999999")], "", 1),
            (&[("status", "current"), ("sort", "relevance"), ("page", "1")], "", 0),
            (&[("q", "a&b=c")], "?q=a%26b%3Dc", 0),
        ];
        for (query, url, notes) in cases {
            let (filters, found) = parse(query);
            assert_eq!(filters.to_query(), *url, "{query:?}");
            assert_eq!(found.len(), *notes, "{query:?}: {found:?}");
        }
    }

    #[test]
    fn cuts_long_queries_with_a_note() {
        let long = "a".repeat(10_000);
        let (filters, notes) = parse(&[("q", &long)]);
        assert_eq!(filters.q.chars().count(), MAX_QUERY_CHARS);
        assert!(notes[0].text(Language::Vi).contains("200 ký tự"));
        assert!(notes[0].text(Language::En).contains("first 200 characters"));
        let (filters, _) = parse(&[("q", &"ẩ".repeat(300))]);
        assert_eq!(filters.q.chars().count(), MAX_QUERY_CHARS, "cuts on characters, not bytes");
    }
}

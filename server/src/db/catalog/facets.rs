//! One page of results with its facet counts, counted from the database: each facet counts
//! with every other filter applied, so a value shows how many products choosing it would give.

use app::domain::{fold, ProducerKind};
use app::model::{CatalogFilters, FacetCount, Facets, ProductPage, ProductSummary, StatusFilter, PAGE_SIZE};
use app::ports::PortError;

use std::collections::HashMap;

use super::search::{corrections, search_words};
use super::{SqlCatalog, SUMMARY_COLUMNS, SUMMARY_JOINS};
use crate::db::sql::{Params, Today};
use crate::db::LISTED;

/// How many matching products share a province, a star level, a status today, a subgroup
/// and a kind of producer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CubeCell {
    pub(super) province: String,
    pub(super) province_name: String,
    pub(super) stars: u8,
    pub(super) status: String,
    /// (code, name) of the product's place in the classification, when it has a subgroup.
    pub(super) industry: Option<(String, String)>,
    pub(super) group: Option<(String, String)>,
    pub(super) subgroup: Option<(String, String)>,
    pub(super) kind: Option<String>,
    pub(super) count: u64,
}

/// The filters the facet cube counts by; each facet counts with all the others applied.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Province,
    Stars,
    Status,
    Industry,
    Group,
    Subgroup,
    Kind,
}

impl Facet {
    const ALL: [Facet; 7] =
        [Facet::Province, Facet::Stars, Facet::Status, Facet::Industry, Facet::Group, Facet::Subgroup, Facet::Kind];

    /// Whether `cell` passes this facet's filter.
    fn passes(self, cell: &CubeCell, filters: &CatalogFilters) -> bool {
        let code_is = |chosen: &Option<String>, code: &Option<(String, String)>| {
            chosen.as_ref().is_none_or(|chosen| code.as_ref().is_some_and(|(c, _)| c == chosen))
        };
        match self {
            Facet::Province => filters.province.as_ref().is_none_or(|p| &cell.province == p),
            Facet::Stars => filters.stars.is_none_or(|s| cell.stars == s),
            Facet::Status => statuses_of(filters.status).contains(&cell.status.as_str()),
            Facet::Industry => code_is(&filters.industry, &cell.industry),
            Facet::Group => code_is(&filters.group, &cell.group),
            Facet::Subgroup => code_is(&filters.subgroup, &cell.subgroup),
            Facet::Kind => filters.kind.is_none() || cell.kind == filters.kind,
        }
    }
}

/// The statuses (as the search index names them) a status filter lets through.
pub(super) fn statuses_of(filter: StatusFilter) -> &'static [&'static str] {
    match filter {
        StatusFilter::Current => &["valid", "expiring", "unknown"],
        StatusFilter::Valid => &["valid"],
        StatusFilter::Expiring => &["expiring"],
        StatusFilter::Expired => &["expired"],
        StatusFilter::Revoked => &["revoked"],
        StatusFilter::Unknown => &["unknown"],
        StatusFilter::All => &["valid", "expiring", "unknown", "expired", "revoked"],
    }
}

/// The total for the filters, and each facet counted with the other filters but not its own,
/// so every value shows how many products choosing it would give.
fn facets_from_cube(cells: &[CubeCell], filters: &CatalogFilters) -> (u64, Facets) {
    // The cells a facet counts: those passing every filter but its own.
    let counted = |facet: Facet| {
        cells.iter().filter(move |c| Facet::ALL.iter().all(|other| *other == facet || other.passes(c, filters)))
    };
    // Sums the counted cells by the value `key` gives them, labelled, in the order first seen.
    let by = |facet: Facet, key: &dyn Fn(&CubeCell) -> Option<(String, String)>| {
        let mut values: Vec<FacetCount> = Vec::new();
        for cell in counted(facet) {
            let Some((value, label)) = key(cell) else { continue };
            match values.iter_mut().find(|f| f.value == value) {
                Some(found) => found.count += cell.count,
                None => values.push(FacetCount { value, label, count: cell.count }),
            }
        }
        values
    };
    // Alphabetical the Vietnamese way: "Đà Nẵng" sits with the D's, not after Z.
    let alphabetical = |mut values: Vec<FacetCount>| {
        values.sort_by_key(|facet| fold(&facet.label));
        values
    };
    let in_code_order = |mut values: Vec<FacetCount>| {
        values.sort_by(|a, b| (a.value.len(), &a.value).cmp(&(b.value.len(), &b.value)));
        values
    };

    let total = cells.iter().filter(|c| Facet::ALL.iter().all(|f| f.passes(c, filters))).map(|c| c.count).sum();
    let provinces = alphabetical(by(Facet::Province, &|c| Some((c.province.clone(), c.province_name.clone()))));
    let stars = (3..=5u8)
        .rev()
        .map(|level| FacetCount {
            value: level.to_string(),
            label: format!("{level} sao"),
            count: counted(Facet::Stars).filter(|c| c.stars == level).map(|c| c.count).sum(),
        })
        .collect();
    let statuses = StatusFilter::ALL
        .into_iter()
        .map(|status| FacetCount {
            value: status.code().to_string(),
            label: status.label_vi().to_string(),
            count: counted(Facet::Status)
                .filter(|c| statuses_of(status).contains(&c.status.as_str()))
                .map(|c| c.count)
                .sum(),
        })
        .collect();
    let industries = in_code_order(by(Facet::Industry, &|c| c.industry.clone()));
    let groups = in_code_order(by(Facet::Group, &|c| c.group.clone()));
    let subgroups = alphabetical(by(Facet::Subgroup, &|c| c.subgroup.clone()));
    let mut kinds = by(Facet::Kind, &|c| {
        let kind = ProducerKind::from_code(c.kind.as_deref()?)?;
        Some((kind.code().to_string(), kind.name_vi().to_string()))
    });
    kinds.sort_by_key(|facet| ProducerKind::ALL.iter().position(|k| k.code() == facet.value));
    let facets = Facets { provinces, communes: vec![], stars, industries, groups, subgroups, kinds, statuses };
    (total, facets)
}

impl SqlCatalog {
    /// One page of results, matched, counted and ranked by the search index; the database
    /// gives only the page's cards.
    pub(super) async fn search_uncached(
        &self,
        filters: &CatalogFilters,
        today: Today,
    ) -> Result<ProductPage, PortError> {
        let index = self.index.current(&self.db).await?;
        let words = search_words(&index, &filters.q);
        let offset = filters.page.saturating_sub(1) as usize * PAGE_SIZE as usize;
        let found = index.search(&words, filters, today.today, PAGE_SIZE as usize, offset);
        let (total, mut facets) = facets_from_cube(&found.cube, filters);
        // The chosen place stays in its select, counted 0, when nothing matches there.
        if let Some(chosen) = filters.province.as_ref().filter(|p| !facets.provinces.iter().any(|f| &f.value == *p)) {
            let label = index.province_name(chosen).unwrap_or(chosen).to_string();
            facets.provinces.push(FacetCount { value: chosen.clone(), label, count: 0 });
        }
        facets.communes =
            found.communes.into_iter().map(|((value, label), count)| FacetCount { value, label, count }).collect();
        facets.communes.sort_by_key(|facet| fold(&facet.label));
        Ok(ProductPage {
            total,
            items: self.summaries_of(&found.ids).await?,
            page: filters.page,
            page_count: total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32,
            facets,
            corrections: corrections(&words),
        })
    }

    /// The products matching `filters` in their order, at most `limit`.
    pub(super) async fn list(
        &self,
        filters: &CatalogFilters,
        today: Today,
        limit: usize,
    ) -> Result<Vec<ProductSummary>, PortError> {
        let index = self.index.current(&self.db).await?;
        let words = search_words(&index, &filters.q);
        let found = index.search(&words, filters, today.today, limit, 0);
        let mut summaries = Vec::with_capacity(found.ids.len());
        for ids in found.ids.chunks(CARDS_AT_ONCE) {
            summaries.extend(self.summaries_of(ids).await?);
        }
        Ok(summaries)
    }

    /// The cards of products `ids`, in that order (one deleted meanwhile is left out).
    async fn summaries_of(&self, ids: &[i64]) -> Result<Vec<ProductSummary>, PortError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut params = Params::default();
        let list: Vec<String> = ids.iter().map(|id| params.bind(*id)).collect();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM products p {SUMMARY_JOINS} WHERE {LISTED} AND p.id IN ({})",
            list.join(", ")
        );
        let mut summaries = self.fetch_summaries(sql, params).await?;
        let place: HashMap<i64, usize> = ids.iter().enumerate().map(|(at, id)| (*id, at)).collect();
        summaries.sort_by_key(|summary| place.get(&summary.id).copied().unwrap_or(usize::MAX));
        Ok(summaries)
    }
}

/// Cards read in one query for a long list: well under every database's bound on parameters.
const CARDS_AT_ONCE: usize = 1_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(province: &str, stars: u8, status: &str, count: u64) -> CubeCell {
        CubeCell {
            province: province.into(),
            province_name: format!("Tỉnh {province}"),
            stars,
            status: status.into(),
            industry: Some(("V".into(), "Sinh vật cảnh".into())),
            group: Some(("V.1".into(), "Hoa".into())),
            subgroup: Some(("hoa".into(), "Hoa".into())),
            kind: Some(if province == "48" { "cooperative" } else { "household" }.into()),
            count,
        }
    }

    #[test]
    fn facets_count_the_other_filters_only() {
        let cube = [
            cell("48", 3, "valid", 5),
            cell("48", 4, "expired", 2),
            cell("01", 4, "valid", 3),
            cell("01", 5, "revoked", 1),
            cell("01", 3, "unknown", 4),
        ];
        let filters = CatalogFilters { province: Some("01".into()), stars: Some(4), ..CatalogFilters::default() };
        let (total, facets) = facets_from_cube(&cube, &filters);
        assert_eq!(total, 3, "01, 4 stars, in force");
        let counts = |list: &[FacetCount]| list.iter().map(|f| (f.value.clone(), f.count)).collect::<Vec<_>>();
        assert_eq!(counts(&facets.provinces), vec![("01".into(), 3)], "4 stars in force, any province");
        assert_eq!(
            counts(&facets.stars),
            vec![("5".into(), 0), ("4".into(), 3), ("3".into(), 4)],
            "01 in force, any stars"
        );
        let statuses = counts(&facets.statuses);
        assert_eq!(statuses[0], ("current".into(), 3));
        assert_eq!(statuses.last(), Some(&("all".into(), 3)), "01 with 4 stars, any status");

        let (all, _) =
            facets_from_cube(&cube, &CatalogFilters { status: StatusFilter::All, ..CatalogFilters::default() });
        assert_eq!(all, 15);
        assert_eq!(counts(&facets.subgroups), vec![("hoa".into(), 3)], "01, 4 stars, in force, any subgroup");
        let other = CatalogFilters {
            subgroup: Some("cay-canh".into()),
            status: StatusFilter::All,
            ..CatalogFilters::default()
        };
        assert_eq!(facets_from_cube(&cube, &other).0, 0);

        // The classification and the producer kind count the same way.
        assert_eq!(counts(&facets.industries), vec![("V".into(), 3)]);
        assert_eq!(counts(&facets.groups), vec![("V.1".into(), 3)]);
        assert_eq!(counts(&facets.kinds), vec![("household".into(), 3)], "01, 4 stars, in force, any kind");
        let cooperatives =
            CatalogFilters { kind: Some("cooperative".into()), status: StatusFilter::All, ..CatalogFilters::default() };
        let (total, facets) = facets_from_cube(&cube, &cooperatives);
        assert_eq!(total, 7, "the two cells of 48");
        assert_eq!(counts(&facets.kinds), vec![("cooperative".into(), 7), ("household".into(), 8)]);
        assert_eq!(counts(&facets.provinces), vec![("48".into(), 7)]);
    }
}

//! The catalog's facets as a search counts them: each value of each facet with how many of
//! the matching products it would give, and how the page lists them.

use app::domain::ProducerKind;
use app::model::{CatalogFilters, FacetCount, Facets, StatusFilter};

use super::{
    statuses_of, Code, Coded, Doc, SearchIndex, COMMUNE, GROUP, INDUSTRY, KIND, NONE, PROVINCE, STARS, STATUSES,
    SUBGROUP,
};

/// How many matching products each value of each facet would give: counted with every filter
/// but the facet's own, so that a product failing one filter counts only in that one's facet.
pub(super) struct Counts {
    pub(super) total: u64,
    pub(super) provinces: Vec<u64>,
    pub(super) stars: [u64; 6],
    pub(super) statuses: [u64; STATUSES.len()],
    pub(super) industries: Vec<u64>,
    pub(super) groups: Vec<u64>,
    pub(super) subgroups: Vec<u64>,
    pub(super) kinds: Vec<u64>,
    pub(super) communes: Vec<u64>,
}

impl SearchIndex {
    /// The facets as the page shows them: each value with its name and count, in its order;
    /// a chosen province or commune stays in its list, counted 0, when nothing matches there.
    pub(super) fn facets(&self, counts: Counts, filters: &CatalogFilters, chosen: &Chosen) -> Facets {
        let named = |values: Vec<(&Coded, u64)>| -> Vec<FacetCount> {
            values
                .into_iter()
                .map(|(coded, count)| FacetCount { value: coded.code.clone(), label: coded.name.clone(), count })
                .collect()
        };
        // Alphabetical the Vietnamese way: "Đà Nẵng" sits with the D's, not after Z.
        let alphabetical = |mut values: Vec<(&Coded, u64)>| {
            values.sort_by(|a, b| a.0.folded.cmp(&b.0.folded));
            named(values)
        };
        // Industries and groups in the order of their codes: I, II, …; I.1, I.2, …, I.10.
        let in_code_order = |mut values: Vec<(&Coded, u64)>| {
            values.sort_by(|a, b| (a.0.code.len(), &a.0.code).cmp(&(b.0.code.len(), &b.0.code)));
            named(values)
        };
        let kinds = ProducerKind::ALL
            .iter()
            .filter_map(|kind| {
                let count = counts.kinds[self.kinds.iter().position(|k| k == kind.code())?];
                (count > 0).then(|| FacetCount { value: kind.code().into(), label: kind.name_vi().into(), count })
            })
            .collect();
        let status_count = |status: StatusFilter| {
            STATUSES
                .iter()
                .zip(counts.statuses)
                .filter(|(name, _)| statuses_of(status).contains(name))
                .map(|(_, n)| n)
                .sum()
        };
        Facets {
            provinces: alphabetical(listed(self.provinces.iter(), &counts.provinces, chosen.province)),
            communes: match filters.province {
                Some(_) => alphabetical(listed(self.communes.iter(), &counts.communes, chosen.commune)),
                None => Vec::new(),
            },
            stars: (3..=5u8)
                .rev()
                .map(|level| FacetCount {
                    value: level.to_string(),
                    label: format!("{level} sao"),
                    count: counts.stars[usize::from(level)],
                })
                .collect(),
            industries: in_code_order(listed(self.industries.iter(), &counts.industries, None)),
            groups: in_code_order(listed(self.groups.iter(), &counts.groups, None)),
            subgroups: alphabetical(listed(self.subgroups.iter().map(|s| &s.coded), &counts.subgroups, None)),
            kinds,
            statuses: StatusFilter::ALL
                .into_iter()
                .map(|status| FacetCount {
                    value: status.code().to_string(),
                    label: status.label_vi().to_string(),
                    count: status_count(status),
                })
                .collect(),
        }
    }
}

/// Each value of a facet with its count, if it has one or is the one chosen (`keep`).
fn listed<'a>(list: impl Iterator<Item = &'a Coded>, counts: &[u64], keep: Option<Code>) -> Vec<(&'a Coded, u64)> {
    list.zip(counts)
        .enumerate()
        .filter(|(at, (_, count))| **count > 0 || keep.is_some_and(|keep| usize::from(keep) == *at))
        .map(|(_, (coded, count))| (coded, *count))
        .collect()
}

/// The filters as the index's numbers; a code the index does not know matches nothing.
pub(super) struct Chosen {
    province: Option<Code>,
    commune: Option<Code>,
    industry: Option<Code>,
    group: Option<Code>,
    subgroup: Option<Code>,
    kind: Option<Code>,
    stars: Option<u8>,
}

impl Chosen {
    pub(super) fn of(index: &SearchIndex, filters: &CatalogFilters) -> Chosen {
        // `NONE - 1` stands for no value at all, so nothing passes.
        fn find<'a>(mut codes: impl Iterator<Item = &'a str>, chosen: &Option<String>) -> Option<Code> {
            chosen.as_ref().map(|chosen| codes.position(|code| code == chosen).map_or(NONE - 1, |at| at as Code))
        }
        fn codes(list: &[Coded]) -> impl Iterator<Item = &str> {
            list.iter().map(|c| c.code.as_str())
        }
        Chosen {
            province: find(codes(&index.provinces), &filters.province),
            commune: find(codes(&index.communes), &filters.commune),
            industry: find(codes(&index.industries), &filters.industry),
            group: find(codes(&index.groups), &filters.group),
            subgroup: find(index.subgroups.iter().map(|s| s.coded.code.as_str()), &filters.subgroup),
            kind: find(index.kinds.iter().map(String::as_str), &filters.kind),
            stars: filters.stars,
        }
    }

    /// The facets whose filter `doc` fails (bits by facet), but the status, which is the day's.
    pub(super) fn fails(&self, doc: &Doc) -> u16 {
        let fails =
            |chosen: Option<Code>, value: Code, facet: u8| u16::from(chosen.is_some_and(|c| c != value)) << facet;
        fails(self.province, doc.province, PROVINCE)
            | u16::from(self.stars.is_some_and(|stars| stars != doc.stars)) << STARS
            | fails(self.industry, doc.industry, INDUSTRY)
            | fails(self.group, doc.group, GROUP)
            | fails(self.subgroup, doc.subgroup, SUBGROUP)
            | fails(self.kind, doc.kind, KIND)
            | fails(self.commune, doc.commune, COMMUNE)
    }
}

#[cfg(test)]
mod tests {
    use app::model::{CatalogFilters, StatusFilter};
    use chrono::NaiveDate;

    use super::super::load::tests::{index_in, row};

    #[test]
    fn provinces_are_listed_in_the_vietnamese_alphabetical_order() {
        // In the order of their codes, and of their bytes ("Đ" after "L"), they would not be.
        let provinces = [("01", "Hà Nội"), ("15", "Lào Cai"), ("48", "Đà Nẵng"), ("89", "An Giang"), ("96", "Cà Mau")];
        let rows = provinces
            .iter()
            .enumerate()
            .map(|(at, &province)| row(at as i64 + 1, "Mật ong", "HTX Ong", province, 4, 2025, "cooperative"))
            .collect();
        let index = index_in(rows, &provinces);
        let all = CatalogFilters { status: StatusFilter::All, ..CatalogFilters::default() };
        let found = index.search(&[], &all, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(), 20, 0);
        let listed: Vec<&str> = found.facets.provinces.iter().map(|facet| facet.label.as_str()).collect();
        assert_eq!(listed, ["An Giang", "Cà Mau", "Đà Nẵng", "Hà Nội", "Lào Cai"]);
    }
}

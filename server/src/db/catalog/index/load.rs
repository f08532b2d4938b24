//! The index read whole from the database: the reference tables and every listed product.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::domain::{fold_words, ProductPhoto};
use app::model::Suggestion;
use app::ports::PortError;

use super::places::Places;
use super::rows::{position, rows_where, IndexRow, Positions};
use super::words::{Words, WordsBuilder};
use super::{Coded, SearchIndex, Subgroup};
use crate::db::photos::every_photo;
use crate::db::{port_error, Database};

/// A row of a reference table: its code, its name and the code it belongs to, if any.
#[derive(sqlx::FromRow)]
struct ReferenceRow {
    code: String,
    name: String,
    parent: Option<String>,
}

async fn reference(db: &Database, sql: &'static str) -> Result<Vec<ReferenceRow>, PortError> {
    sqlx::query_as(sql).fetch_all(&db.pool).await.map_err(port_error)
}

/// The codes of a reference table in their order, and where each stands.
fn coded(rows: &[ReferenceRow]) -> (Vec<Coded>, HashMap<String, u32>) {
    let list: Vec<Coded> = rows.iter().map(|row| Coded::new(&row.code, &row.name)).collect();
    let at = list.iter().enumerate().map(|(at, c)| (c.code.clone(), at as u32)).collect();
    (list, at)
}

/// Every province and commune as the search box offers them, provinces first.
fn places(provinces: &[Coded], communes: &[ReferenceRow]) -> Places {
    let province_name = |code: &str| provinces.iter().find(|p| p.code == code).map_or("", |p| p.name.as_str());
    let of_provinces = provinces
        .iter()
        .map(|p| (fold_words(&p.name), Suggestion { label: p.name.clone(), href: format!("/?province={}", p.code) }));
    let of_communes = communes.iter().filter_map(|c| {
        let province = c.parent.as_deref()?;
        Some((
            fold_words(&c.name),
            Suggestion {
                label: format!("{}, {}", c.name, province_name(province)),
                href: format!("/?province={province}&commune={}", c.code),
            },
        ))
    });
    Places::new(of_provinces.chain(of_communes))
}

impl SearchIndex {
    /// Reads every listed product, at catalog edition `edition` (read before, so that a change
    /// committed meanwhile makes this index stale rather than lost).
    pub(super) async fn load(db: &Database, edition: u64) -> Result<SearchIndex, PortError> {
        let provinces = reference(db, "SELECT code, name, NULL AS parent FROM provinces ORDER BY code").await?;
        let communes = reference(db, "SELECT code, name, province_code AS parent FROM communes ORDER BY code").await?;
        let industries = reference(db, "SELECT code, name, NULL AS parent FROM industries ORDER BY code").await?;
        let groups =
            reference(db, "SELECT code, name, industry_code AS parent FROM product_groups ORDER BY code").await?;
        let subgroups =
            reference(db, "SELECT code, name, group_code AS parent FROM score_sheets ORDER BY code").await?;
        let rows = rows_where(db, "1 = 1").await?;
        let photos = every_photo(db).await?;
        // Folding and sorting 100,000 products' words is CPU for a while: not on a request's thread.
        tokio::task::spawn_blocking(move || {
            SearchIndex::build(edition, rows, photos, [provinces, communes, industries, groups, subgroups])
        })
        .await
        .map_err(|failed| PortError::Unavailable(format!("the search index could not be built: {failed}")))
    }

    fn build(
        edition: u64,
        rows: Vec<IndexRow>,
        mut photos: HashMap<i64, Vec<ProductPhoto>>,
        tables: [Vec<ReferenceRow>; 5],
    ) -> SearchIndex {
        let [provinces, communes, industries, groups, subgroups] = tables;
        let (provinces, _) = coded(&provinces);
        let (communes_list, _) = coded(&communes);
        let places = places(&provinces, &communes);
        let (industries_list, industry_at) = coded(&industries);
        let (groups_list, group_at) = coded(&groups);
        let group_industry: HashMap<&str, Option<&String>> =
            groups.iter().map(|g| (g.code.as_str(), g.parent.as_ref())).collect();
        let subgroup_list: Vec<Subgroup> = subgroups
            .iter()
            .map(|s| {
                let industry = s.parent.as_ref().and_then(|g| group_industry.get(g.as_str()).copied().flatten());
                Subgroup {
                    coded: Coded::new(&s.code, &s.name),
                    group: position(&group_at, s.parent.as_ref()),
                    industry: position(&industry_at, industry),
                }
            })
            .collect();
        let mut index = SearchIndex {
            edition,
            docs: Vec::with_capacity(rows.len()),
            sortings: Vec::with_capacity(rows.len()),
            lives: Vec::with_capacity(rows.len()),
            producer_of: Vec::with_capacity(rows.len()),
            standing: Vec::new(),
            cards: Vec::with_capacity(rows.len()),
            doc_of: HashMap::with_capacity(rows.len()),
            listed: (0..rows.len() as u32).collect(),
            words: Words::default(),
            provinces,
            communes: communes_list,
            producers: Vec::new(),
            producer_rank: Vec::new(),
            producer_at: HashMap::new(),
            places: Arc::new(places),
            subgroups: subgroup_list,
            groups: groups_list,
            industries: industries_list,
            kinds: Vec::new(),
            statuses: Mutex::new(None),
            short_suggestions: Mutex::default(),
        };
        let positions = Positions::of(&index);
        let mut words = WordsBuilder::default();
        for row in rows {
            let photo = photos.remove(&row.card.id).and_then(|list| list.into_iter().next());
            index.take_in(row, photo, &positions, &mut words);
        }
        index.words = words.build();
        index.rank_names();
        index
    }
}

#[cfg(test)]
pub(super) mod tests {
    use app::domain::fold;
    use chrono::NaiveDate;

    use super::super::super::SummaryRow;
    use app::model::{CatalogFilters, StatusFilter};

    use super::*;
    use crate::db::catalog::search::search_words;

    pub(in crate::db::catalog::index) fn row(
        id: i64,
        name: &str,
        producer: &str,
        province: (&str, &str),
        stars: i64,
        year: i64,
        kind: &str,
    ) -> IndexRow {
        IndexRow {
            card: SummaryRow {
                id,
                name: name.into(),
                producer_name: producer.into(),
                province_name: province.1.into(),
                address_as_written: String::new(),
                stars,
                score_hundredths: None,
                subgroup_name: Some("Hoa".into()),
                subgroup_code: Some("hoa".into()),
                recognized_year: year,
                criteria_set: "26/2026".into(),
                expires_on: None,
                revoked_on: None,
                pending_rerating_until: None,
            },
            producer_id: id,
            name_key: fold(name),
            kind: Some(kind.into()),
            province_code: province.0.into(),
            province_as_written: province.1.into(),
            commune_code: None,
            decision_date: None,
        }
    }

    fn reference(rows: &[(&str, &str, Option<&str>)]) -> Vec<ReferenceRow> {
        rows.iter()
            .map(|(code, name, parent)| ReferenceRow {
                code: code.to_string(),
                name: name.to_string(),
                parent: parent.map(str::to_string),
            })
            .collect()
    }

    /// An index of `rows` in a province or two, all in one subgroup.
    pub(in crate::db::catalog::index) fn index_of(rows: Vec<IndexRow>) -> SearchIndex {
        index_in(rows, &[("01", "Hà Nội"), ("46", "Huế")])
    }

    /// The same in these `provinces` (code, name).
    pub(in crate::db::catalog::index) fn index_in(rows: Vec<IndexRow>, provinces: &[(&str, &str)]) -> SearchIndex {
        let provinces: Vec<(&str, &str, Option<&str>)> =
            provinces.iter().map(|&(code, name)| (code, name, None)).collect();
        let tables = [
            reference(&provinces),
            Vec::new(),
            reference(&[("V", "Sinh vật cảnh", None)]),
            reference(&[("V.1", "Hoa", Some("V"))]),
            reference(&[("hoa", "Hoa", Some("V.1"))]),
        ];
        SearchIndex::build(1, rows, HashMap::new(), tables)
    }

    fn index() -> SearchIndex {
        let (hue, hanoi) = (("46", "Huế"), ("01", "Hà Nội"));
        index_of(vec![
            row(1, "Hoa lan Huế", "HTX Lan Hương", hue, 4, 2025, "cooperative"),
            row(2, "Hoa sen Tây Hồ", "Hộ Lan Anh", hanoi, 3, 2025, "household"),
            row(3, "Trà sen", "HTX Sen Vàng", hanoi, 5, 2025, "cooperative"),
            row(4, "Lan đột biến", "Cơ sở Hoa Huế", hue, 3, 2021, "household"),
        ])
    }

    #[test]
    fn a_query_ranks_counts_and_pages_in_one_pass() {
        let index = index();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let all = CatalogFilters { status: StatusFilter::All, ..CatalogFilters::default() };
        // (query, filters, the ids in order, the total)
        let cases: Vec<(&str, CatalogFilters, Vec<i64>, u64)> = vec![
            ("hoa", all.clone(), vec![1, 2, 4], 3),
            ("lan", all.clone(), vec![1, 4, 2], 3),
            ("sen", all.clone(), vec![3, 2], 2),
            ("lan", CatalogFilters { province: Some("46".into()), ..all.clone() }, vec![1, 4], 2),
            ("lan", CatalogFilters::default(), vec![1, 2], 2),
            ("", CatalogFilters { stars: Some(3), ..all.clone() }, vec![2, 4], 2),
            ("", CatalogFilters { kind: Some("cooperative".into()), ..all.clone() }, vec![3, 1], 2),
            ("hoa", CatalogFilters { province: Some("79".into()), ..all.clone() }, vec![], 0),
            ("zzz", all.clone(), vec![], 0),
        ];
        for (q, filters, ids, total) in cases {
            let words = search_words(&index, q);
            let found = index.search(&words, &filters, today, 20, 0);
            let got: Vec<i64> = found.cards.iter().map(|card| card.id).collect();
            assert_eq!((got, found.total), (ids, total), "{q} {filters:?}");
        }
    }

    #[test]
    fn each_facet_counts_with_every_filter_but_its_own() {
        let index = index();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let filters = CatalogFilters {
            province: Some("46".into()),
            stars: Some(4),
            status: StatusFilter::All,
            ..CatalogFilters::default()
        };
        let found = index.search(&[], &filters, today, 20, 0);
        let counts =
            |list: &[app::model::FacetCount]| list.iter().map(|f| (f.value.clone(), f.count)).collect::<Vec<_>>();
        assert_eq!(found.total, 1);
        assert_eq!(counts(&found.facets.provinces), [("46".into(), 1)], "4 stars in any province: Huế only");
        assert_eq!(counts(&found.facets.stars), [("5".into(), 0), ("4".into(), 1), ("3".into(), 1)], "Huế, any stars");
        assert_eq!(counts(&found.facets.kinds), [("cooperative".into(), 1)]);
        let statuses = counts(&found.facets.statuses);
        assert_eq!(statuses.last(), Some(&("all".into(), 1)));
        assert!(statuses.contains(&("expired".into(), 0)) && statuses.contains(&("current".into(), 1)));
        // A chosen province with nothing stays listed, counted 0.
        let nowhere = CatalogFilters { province: Some("79".into()), ..CatalogFilters::default() };
        let found = index.search(&[], &nowhere, today, 20, 0);
        assert_eq!(found.total, 0);
        assert_eq!(counts(&found.facets.provinces), [("01".into(), 2), ("46".into(), 1)]);
    }
}

//! The index read from the database, and kept in step with the catalog's edition.

use std::collections::HashMap;
use std::sync::Mutex;

use app::domain::{fold_words, ValidUntil};
use app::model::Suggestion;
use app::ports::PortError;
use chrono::NaiveDate;
use futures_util::TryStreamExt;

use super::super::{SummaryRow, SUMMARY_COLUMNS, SUMMARY_JOINS};
use super::words::{field, WordsBuilder};
use super::{day_number, Coded, Doc, Life, Place, SearchIndex, Subgroup, NONE};
use crate::db::photos::every_photo;
use crate::db::{port_error, Database, LISTED};

/// A listed product as the index reads it: its card and what search needs beside.
#[derive(sqlx::FromRow)]
struct IndexRow {
    #[sqlx(flatten)]
    card: SummaryRow,
    producer_id: i64,
    name_key: String,
    kind: Option<String>,
    province_code: String,
    province_as_written: String,
    commune_code: Option<String>,
    subgroup_code: Option<String>,
    decision_date: Option<String>,
}

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
    let list: Vec<Coded> = rows.iter().map(|row| Coded { code: row.code.clone(), name: row.name.clone() }).collect();
    let at = list.iter().enumerate().map(|(at, c)| (c.code.clone(), at as u32)).collect();
    (list, at)
}

/// Every province and commune as the search box offers them, provinces first.
fn places(provinces: &[Coded], communes: &[ReferenceRow]) -> Vec<Place> {
    let province_name = |code: &str| provinces.iter().find(|p| p.code == code).map_or("", |p| p.name.as_str());
    let of_provinces = provinces.iter().map(|p| Place {
        words: fold_words(&p.name),
        offered: Suggestion { label: p.name.clone(), href: format!("/?province={}", p.code) },
    });
    let of_communes = communes.iter().filter_map(|c| {
        let province = c.parent.as_deref()?;
        Some(Place {
            words: fold_words(&c.name),
            offered: Suggestion {
                label: format!("{}, {}", c.name, province_name(province)),
                href: format!("/?province={province}&commune={}", c.code),
            },
        })
    });
    of_provinces.chain(of_communes).collect()
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
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, p.producer_id, p.name_key, pr.kind, p.province_code, p.province_as_written, p.commune_code, \
                    p.subgroup_code, p.decision_date FROM products p {SUMMARY_JOINS} WHERE {LISTED}"
        );
        let rows: Vec<IndexRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch(&db.pool).try_collect().await.map_err(port_error)?;
        let mut photos = every_photo(db).await?;
        // Folding and sorting 100,000 products' words is CPU for a while: not on a request's thread.
        tokio::task::spawn_blocking(move || {
            let mut index = SearchIndex::build(edition, rows, [provinces, communes, industries, groups, subgroups]);
            for (card, photo) in &mut index.cards {
                *photo = photos.remove(&card.id).and_then(|list| list.into_iter().next());
            }
            index
        })
        .await
        .map_err(|failed| PortError::Unavailable(format!("the search index could not be built: {failed}")))
    }

    fn build(edition: u64, rows: Vec<IndexRow>, tables: [Vec<ReferenceRow>; 5]) -> SearchIndex {
        let [provinces, communes, industries, groups, subgroups] = tables;
        let (provinces, province_at) = coded(&provinces);
        let (communes_list, commune_at) = coded(&communes);
        let places = places(&provinces, &communes);
        let (industries_list, industry_at) = coded(&industries);
        let (groups_list, group_at) = coded(&groups);
        let group_industry: HashMap<&str, Option<&String>> =
            groups.iter().map(|g| (g.code.as_str(), g.parent.as_ref())).collect();
        let position =
            |at: &HashMap<String, u32>, code: Option<&String>| code.and_then(|c| at.get(c)).copied().unwrap_or(NONE);
        let subgroup_list: Vec<Subgroup> = subgroups
            .iter()
            .map(|s| {
                let industry = s.parent.as_ref().and_then(|g| group_industry.get(g.as_str()).copied().flatten());
                Subgroup {
                    coded: Coded { code: s.code.clone(), name: s.name.clone() },
                    group: position(&group_at, s.parent.as_ref()),
                    industry: position(&industry_at, industry),
                }
            })
            .collect();
        let subgroup_at: HashMap<String, u32> =
            subgroup_list.iter().enumerate().map(|(at, s)| (s.coded.code.clone(), at as u32)).collect();

        let mut words = WordsBuilder::default();
        let mut kinds: Vec<String> = Vec::new();
        let mut docs = Vec::with_capacity(rows.len());
        let mut lives = Vec::with_capacity(rows.len());
        let mut cards = Vec::with_capacity(rows.len());
        let mut producers: Vec<(i64, String)> = Vec::new();
        let mut producer_at: HashMap<i64, u32> = HashMap::new();
        let mut names: Vec<(String, i64, u32)> = Vec::with_capacity(rows.len());
        let date = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
        for (at, row) in rows.into_iter().enumerate() {
            let doc = at as u32;
            let folded = |texts: &[&str]| texts.iter().flat_map(|text| fold_words(text)).collect::<Vec<_>>();
            let name = folded(&[&row.card.name]);
            words.add(doc, field::NAME, name.iter().map(String::as_str));
            words.add(doc, field::PRODUCER, folded(&[&row.card.producer_name]).iter().map(String::as_str));
            let place = folded(&[&row.card.province_name, &row.province_as_written, &row.card.address_as_written]);
            words.add(doc, field::PLACE, place.iter().map(String::as_str));
            let subgroup = folded(&[row.card.subgroup_name.as_deref().unwrap_or_default()]);
            words.add(doc, field::SUBGROUP, subgroup.iter().map(String::as_str));
            let kind = match row.kind {
                Some(kind) => match kinds.iter().position(|k| *k == kind) {
                    Some(at) => at as u32,
                    None => {
                        kinds.push(kind);
                        kinds.len() as u32 - 1
                    }
                },
                None => NONE,
            };
            let card = &row.card;
            let subgroup = position(&subgroup_at, row.subgroup_code.as_ref());
            let (group, industry) =
                subgroup_list.get(subgroup as usize).map_or((NONE, NONE), |s| (s.group, s.industry));
            let producer = *producer_at.entry(row.producer_id).or_insert_with(|| {
                producers.push((row.producer_id, card.producer_name.clone()));
                producers.len() as u32 - 1
            });
            lives.push(Life {
                producer,
                valid_until: card.expires_on.as_deref().and_then(ValidUntil::parse),
                pending_rerating_until: card.pending_rerating_until.as_deref().and_then(ValidUntil::parse),
                revoked_on: date(&card.revoked_on),
            });
            docs.push(Doc {
                id: card.id,
                province: position(&province_at, Some(&row.province_code)),
                commune: position(&commune_at, row.commune_code.as_ref()),
                subgroup,
                group,
                industry,
                kind,
                stars: card.stars.clamp(0, 5) as u8,
                recognized_year: card.recognized_year as i32,
                decision_day: day_number(date(&row.decision_date)),
                name_rank: 0,
            });
            names.push((row.name_key, card.id, doc));
            cards.push((row.card, None));
        }
        names.sort_unstable();
        for (rank, (_, _, doc)) in names.into_iter().enumerate() {
            docs[doc as usize].name_rank = rank as u32;
        }
        SearchIndex {
            edition,
            docs,
            lives,
            cards,
            words: words.build(),
            provinces,
            communes: communes_list,
            producers,
            places,
            subgroups: subgroup_list,
            groups: groups_list,
            industries: industries_list,
            kinds,
            statuses: Mutex::new(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use app::domain::fold;
    use app::model::{CatalogFilters, StatusFilter};

    use super::*;
    use crate::db::catalog::search::search_words;

    fn row(id: i64, name: &str, producer: &str, province: (&str, &str), stars: i64, year: i64, kind: &str) -> IndexRow {
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
            subgroup_code: Some("hoa".into()),
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

    fn index() -> SearchIndex {
        let (hue, hanoi) = (("46", "Huế"), ("01", "Hà Nội"));
        let rows = vec![
            row(1, "Hoa lan Huế", "HTX Lan Hương", hue, 4, 2025, "cooperative"),
            row(2, "Hoa sen Tây Hồ", "Hộ Lan Anh", hanoi, 3, 2025, "household"),
            row(3, "Trà sen", "HTX Sen Vàng", hanoi, 5, 2025, "cooperative"),
            row(4, "Lan đột biến", "Cơ sở Hoa Huế", hue, 3, 2021, "household"),
        ];
        let tables = [
            reference(&[("01", "Hà Nội", None), ("46", "Huế", None)]),
            Vec::new(),
            reference(&[("V", "Sinh vật cảnh", None)]),
            reference(&[("V.1", "Hoa", Some("V"))]),
            reference(&[("hoa", "Hoa", Some("V.1"))]),
        ];
        SearchIndex::build(1, rows, tables)
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

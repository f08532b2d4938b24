//! The catalog's search index: every listed product held in memory as its folded words and a
//! few numbers, so that a query of any words, filters, order and page is matched, counted by
//! facet and ranked in a few milliseconds, the database giving only the page's twenty cards.
//!
//! By hand rather than on a search library (tantivy): a product is a dozen words and seven
//! codes, so 100,000 of them hold in a few tens of megabytes, and the rules are the catalog's
//! own, which such a library would have to be bent to: words matched as prefixes of folded
//! Vietnamese, a ranking in fixed tiers (name, whole words, producer, place, in force, stars)
//! where BM25 would weigh rare words, each facet counted with every filter but its own (one
//! pass over the matches here, a query per facet there), and the certificate's status on
//! today's date. What it does not do, the database still does: it is rebuilt from it whenever
//! the catalog's edition moves (`load`).

use std::sync::{Arc, Mutex};

use app::domain::{status_from_year, CertificateStatus, ValidUntil};
use app::model::{CatalogFilters, SortOrder, StatusFilter};
use chrono::{Datelike, NaiveDate};

use super::facets::{statuses_of, CubeCell};
use super::search::SearchWord;
use words::{field, Words};

mod load;
mod words;

pub(super) use load::SharedIndex;

/// "None" in a product's code columns.
const NONE: u32 = u32::MAX;

/// A listed product as search needs it.
struct Doc {
    id: i64,
    province: u32,
    commune: u32,
    subgroup: u32,
    kind: u32,
    stars: u8,
    recognized_year: i32,
    valid_until: Option<ValidUntil>,
    pending_rerating_until: Option<ValidUntil>,
    revoked_on: Option<NaiveDate>,
    /// Days since the Common Era of the decision, 0 without one (for "newest first").
    decision_day: i32,
    /// Its place in the order of names (folded), ties by id.
    name_rank: u32,
}

/// A code of the reference tables and its name.
#[derive(Clone)]
struct Coded {
    code: String,
    name: String,
}

/// A subgroup, with the group and industry it belongs to (indexes, `NONE` when unknown).
struct Subgroup {
    coded: Coded,
    group: u32,
    industry: u32,
}

/// The statuses a product can have on a day, as the facets name them.
const STATUSES: [&str; 5] = ["valid", "expiring", "unknown", "expired", "revoked"];

fn status_index(status: Option<CertificateStatus>) -> u8 {
    match status {
        Some(CertificateStatus::Valid) => 0,
        Some(CertificateStatus::Expiring) => 1,
        None => 2,
        Some(CertificateStatus::Expired) => 3,
        Some(CertificateStatus::Revoked) => 4,
    }
}

pub(super) struct SearchIndex {
    /// The catalog edition it was read at.
    edition: u64,
    docs: Vec<Doc>,
    words: Words,
    provinces: Vec<Coded>,
    communes: Vec<Coded>,
    subgroups: Vec<Subgroup>,
    groups: Vec<Coded>,
    industries: Vec<Coded>,
    kinds: Vec<String>,
    /// Each product's status (an index of `STATUSES`) on the day it was last asked for.
    statuses: Mutex<Option<(NaiveDate, Arc<[u8]>)>>,
}

/// What a query found: the counts the facets are summed from, the matching communes of the
/// chosen province, and the products of the page asked for, in order.
pub(super) struct Found {
    pub(super) cube: Vec<CubeCell>,
    pub(super) communes: Vec<((String, String), u64)>,
    pub(super) ids: Vec<i64>,
}

impl Coded {
    fn into_pair(self) -> (String, String) {
        (self.code, self.name)
    }
}

impl SearchIndex {
    /// The statuses of every product on `today`, worked out once a day by the domain's rule.
    fn statuses_on(&self, today: NaiveDate) -> Arc<[u8]> {
        let mut held = self.statuses.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, statuses)) = held.as_ref().filter(|(day, _)| *day == today) {
            return statuses.clone();
        }
        let statuses: Arc<[u8]> = self
            .docs
            .iter()
            .map(|doc| {
                status_index(match doc.valid_until {
                    Some(until) => {
                        Some(until.status_pending_rerating(doc.pending_rerating_until, doc.revoked_on, today))
                    }
                    None => status_from_year(doc.recognized_year, doc.revoked_on, today),
                })
            })
            .collect();
        *held = Some((today, statuses.clone()));
        statuses
    }

    /// The products matching every word, each with its rank: how many words stand in its name,
    /// how many as whole words there, in its producer's name, in its place (each a byte, in
    /// that order of weight). `None` when there are no words: every product, ranked alike.
    fn matching(&self, words: &[SearchWord]) -> Option<Vec<(u32, u32)>> {
        if words.is_empty() {
            return None;
        }
        // The cheapest word first: once nothing is left, the others are not looked at.
        let mut by_cost: Vec<(usize, &SearchWord)> = words
            .iter()
            .map(|word| (word.matches.iter().map(|m| self.words.cost(self.words.beginning(m))).sum(), word))
            .collect();
        by_cost.sort_by_key(|(cost, _)| *cost);
        let mut marks = vec![0u8; self.docs.len()];
        let mut found: Option<Vec<(u32, u32)>> = None;
        for (_, word) in by_cost {
            for prefix in &word.matches {
                self.words.mark(prefix, &mut marks);
            }
            let rank_of = |marks: u8| {
                let has = |bit: u8, weight: u32| if marks & bit != 0 { weight } else { 0 };
                has(field::NAME, 1 << 24)
                    + has(field::WHOLE_IN_NAME, 1 << 16)
                    + has(field::PRODUCER, 1 << 8)
                    + has(field::PLACE, 1)
            };
            let next = match found.take() {
                None => marks
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| **m != 0)
                    .map(|(doc, m)| (doc as u32, rank_of(*m)))
                    .collect(),
                Some(mut so_far) => {
                    so_far.retain_mut(|(doc, rank)| {
                        let m = marks[*doc as usize];
                        *rank += rank_of(m);
                        m != 0
                    });
                    so_far
                }
            };
            if next.is_empty() {
                return Some(next);
            }
            found = Some(next);
            marks.fill(0);
        }
        found
    }

    /// Matches `words` under `filters` on `today`; gives the page of `limit` products from
    /// `offset` in the order asked for.
    pub(super) fn search(
        &self,
        words: &[SearchWord],
        filters: &CatalogFilters,
        today: NaiveDate,
        limit: usize,
        offset: usize,
    ) -> Found {
        let statuses = self.statuses_on(today);
        let chosen = Chosen::of(self, filters);
        let matched = self.matching(words);
        let all = || (0..self.docs.len() as u32).map(|doc| (doc, 0));
        let candidates: Box<dyn Iterator<Item = (u32, u32)>> = match &matched {
            Some(found) => Box::new(found.iter().copied()),
            None => Box::new(all()),
        };
        // The cube: products by province, stars, status, subgroup and kind, with the words and
        // the commune applied (`facets_from_cube` sums every facet from it).
        let dims = [self.provinces.len() + 1, 6, STATUSES.len(), self.subgroups.len() + 1, self.kinds.len() + 1];
        let cell_of = |doc: &Doc, status: u8| {
            let at = |value: u32, size: usize| if value == NONE { size - 1 } else { value as usize };
            (((at(doc.province, dims[0]) * dims[1] + usize::from(doc.stars.min(5))) * dims[2] + usize::from(status))
                * dims[3]
                + at(doc.subgroup, dims[3]))
                * dims[4]
                + at(doc.kind, dims[4])
        };
        let mut cube = vec![0u32; dims.iter().product()];
        let mut communes: Vec<u64> = vec![0; if filters.province.is_some() { self.communes.len() } else { 0 }];
        let mut listed: Vec<(u128, u32)> = Vec::new();
        let in_force = statuses_of(StatusFilter::Current);
        let status_passes = statuses_of(filters.status);
        for (at, rank) in candidates {
            let doc = &self.docs[at as usize];
            let status = statuses[at as usize];
            let others = chosen.passes(self, doc) && status_passes.contains(&STATUSES[usize::from(status)]);
            let in_commune = chosen.commune.is_none_or(|commune| doc.commune == commune);
            if in_commune {
                cube[cell_of(doc, status)] += 1;
            }
            if others && !communes.is_empty() && doc.commune != NONE {
                communes[doc.commune as usize] += 1;
            }
            if others && in_commune {
                let in_force = in_force.contains(&STATUSES[usize::from(status)]);
                listed.push((order_key(filters.sort, doc, rank, in_force), at));
            }
        }
        let wanted = (offset + limit).min(listed.len());
        if wanted < listed.len() && wanted > 0 {
            listed.select_nth_unstable(wanted - 1);
        }
        listed.truncate(wanted);
        listed.sort_unstable();
        let ids = listed.iter().skip(offset).map(|(_, at)| self.docs[*at as usize].id).collect();
        Found { cube: self.cube_cells(&cube, &dims), communes: self.counted_communes(communes, &chosen), ids }
    }

    fn cube_cells(&self, cube: &[u32], dims: &[usize; 5]) -> Vec<CubeCell> {
        let coded = |list: &[Coded], at: usize| list.get(at).cloned().map(Coded::into_pair);
        let mut cells = Vec::new();
        for (at, count) in cube.iter().enumerate().filter(|(_, count)| **count > 0) {
            let kind = at % dims[4];
            let rest = at / dims[4];
            let subgroup = rest % dims[3];
            let rest = rest / dims[3];
            let status = rest % dims[2];
            let rest = rest / dims[2];
            let (stars, province) = (rest % dims[1], rest / dims[1]);
            let Some(province) = self.provinces.get(province) else { continue };
            let subgroup = self.subgroups.get(subgroup);
            cells.push(CubeCell {
                province: province.code.clone(),
                province_name: province.name.clone(),
                stars: stars as u8,
                status: STATUSES[status].to_string(),
                industry: subgroup.and_then(|s| coded(&self.industries, s.industry as usize)),
                group: subgroup.and_then(|s| coded(&self.groups, s.group as usize)),
                subgroup: subgroup.map(|s| s.coded.clone().into_pair()),
                kind: self.kinds.get(kind).cloned(),
                count: u64::from(*count),
            });
        }
        cells
    }

    /// The chosen province's communes holding matches, and the chosen commune even without.
    fn counted_communes(&self, counts: Vec<u64>, chosen: &Chosen) -> Vec<((String, String), u64)> {
        counts
            .into_iter()
            .enumerate()
            .filter(|(at, count)| *count > 0 || chosen.commune == Some(*at as u32))
            .map(|(at, count)| (self.communes[at].clone().into_pair(), count))
            .collect()
    }

    /// The name of the province of `code`.
    pub(super) fn province_name(&self, code: &str) -> Option<&str> {
        self.provinces.iter().find(|p| p.code == code).map(|p| p.name.as_str())
    }

    /// Whether some word of the catalog begins with `prefix`.
    pub(super) fn begins_a_word(&self, prefix: &str) -> bool {
        !self.words.beginning(prefix).is_empty()
    }

    /// Whether `word` is a word of the catalog.
    pub(super) fn holds_word(&self, word: &str) -> bool {
        self.words.holds(word)
    }
}

/// The sort key of a product (smallest first): every order ends on the name's rank, which is
/// unique, so pages never overlap.
fn order_key(sort: SortOrder, doc: &Doc, rank: u32, in_force: bool) -> u128 {
    let stars_down = u128::from(7 - doc.stars.min(7));
    let year_down = u128::from(u16::MAX - doc.recognized_year.clamp(0, i32::from(u16::MAX)) as u16);
    let name = u128::from(doc.name_rank);
    match sort {
        SortOrder::Relevance => {
            u128::from(u32::MAX - rank) << 96 | u128::from(!in_force) << 95 | stars_down << 88 | year_down << 64 | name
        }
        SortOrder::Stars => stars_down << 64 | name,
        SortOrder::Newest => {
            let day_down = u128::from(u32::MAX - doc.decision_day.max(0) as u32);
            year_down << 96 | day_down << 64 | u128::from(u64::MAX - doc.id.max(0) as u64)
        }
        SortOrder::Name => name,
    }
}

/// The filters as the index's numbers; a code the index does not know matches nothing.
struct Chosen {
    province: Option<u32>,
    commune: Option<u32>,
    industry: Option<u32>,
    group: Option<u32>,
    subgroup: Option<u32>,
    kind: Option<u32>,
    stars: Option<u8>,
}

impl Chosen {
    fn of(index: &SearchIndex, filters: &CatalogFilters) -> Chosen {
        // `NONE - 1` stands for no value at all, so nothing passes.
        fn find<'a>(mut codes: impl Iterator<Item = &'a str>, chosen: &Option<String>) -> Option<u32> {
            chosen.as_ref().map(|chosen| codes.position(|code| code == chosen).map_or(NONE - 1, |at| at as u32))
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

    /// Whether `doc` passes every filter but the commune and the status.
    fn passes(&self, index: &SearchIndex, doc: &Doc) -> bool {
        let is = |chosen: Option<u32>, value: u32| chosen.is_none_or(|chosen| chosen == value);
        let subgroup = index.subgroups.get(doc.subgroup as usize);
        is(self.province, doc.province)
            && self.stars.is_none_or(|stars| stars == doc.stars)
            && is(self.subgroup, doc.subgroup)
            && is(self.group, subgroup.map_or(NONE, |s| s.group))
            && is(self.industry, subgroup.map_or(NONE, |s| s.industry))
            && is(self.kind, doc.kind)
    }
}

/// Days since the Common Era of an ISO date, 0 without one.
fn day_number(date: Option<NaiveDate>) -> i32 {
    date.map_or(0, |date| date.num_days_from_ce())
}

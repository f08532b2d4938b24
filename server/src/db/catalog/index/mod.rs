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
//! today's date. What it does not do, the database still does: it is read from it at start
//! (`load`) and, whenever the catalog's edition moves, takes in the products changed since
//! (`patch`, from the change log the database's triggers keep).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::domain::{status_from_year, CertificateStatus, ProductPhoto, ValidUntil};
use app::model::{CatalogFilters, Facets, ProductSummary, StatusFilter};
use chrono::{Datelike, NaiveDate};

use super::search::SearchWord;
use super::SummaryRow;
use facets::{Chosen, Counts};
use matching::Matched;
use order::Best;
use places::Places;
use words::Words;

mod facets;
mod load;
mod matching;
mod order;
mod patch;
mod places;
mod rows;
mod shared;
mod suggest;
mod words;

pub(super) use shared::SharedIndex;
use suggest::ShortSuggestions;

/// A product's place in a list of the reference tables (provinces, communes, subgroups, …):
/// 16 bits, as no list nears 65,535 (3,321 communes), so that a product's codes take a
/// quarter of a cache line.
type Code = u16;

/// "None" in a product's code columns.
const NONE: Code = Code::MAX;

/// A listed product as every search's pass over its matches reads it: what its facets and
/// filters need, in 16 bytes, so that the pass over a one-letter prefix's 900,000 matches at a
/// million reads 15 MB, not 45 (the pass is bound by memory, not by counting). What only an
/// order other than relevance reads is in `Sorting`; its certificate's dates in `lives`, read
/// once a day; its card in `cards`.
#[derive(Clone, Copy)]
struct Doc {
    province: Code,
    commune: Code,
    subgroup: Code,
    group: Code,
    industry: Code,
    kind: Code,
    stars: u8,
    /// The year it was recognized (0 unknown), for its status without a certificate's dates
    /// and for relevance's order of ties.
    recognized_year: u16,
}

const _: () = assert!(std::mem::size_of::<Doc>() == 16, "a Doc is a quarter of a cache line");

/// What the orders by name, stars and date read of a product.
#[derive(Clone, Copy)]
struct Sorting {
    id: i64,
    /// Days since the Common Era of the decision, 0 without one (for "newest first").
    decision_day: i32,
    /// Its place in the order of names (folded), ties by id.
    name_rank: u32,
}

/// What a product's status on a day is worked out from.
#[derive(Clone, Copy)]
struct Life {
    valid_until: Option<ValidUntil>,
    pending_rerating_until: Option<ValidUntil>,
    revoked_on: Option<NaiveDate>,
}

/// A product's card as the page shows it, its first photo, and its name folded (for the order
/// of names). Shared, so that the next edition's index copies no card its changes left alone.
struct Card {
    row: SummaryRow,
    photo: Option<ProductPhoto>,
    name_key: Box<str>,
}

/// A code of the reference tables and its name.
#[derive(Clone)]
struct Coded {
    code: String,
    name: String,
    /// The name folded, for the Vietnamese alphabetical order of the facets ("Đà Nẵng" with
    /// the D's, not after Z): folded once here rather than in every search.
    folded: Box<str>,
}

impl Coded {
    fn new(code: &str, name: &str) -> Coded {
        Coded { code: code.into(), name: name.into(), folded: app::domain::fold(name).into() }
    }
}

/// A subgroup, with the group and industry it belongs to (indexes, `NONE` when unknown).
#[derive(Clone)]
struct Subgroup {
    coded: Coded,
    group: Code,
    industry: Code,
}

/// The statuses (as `STATUSES` names them) a status filter lets through.
fn statuses_of(filter: StatusFilter) -> &'static [&'static str] {
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
    /// What the other orders read of each product, in the order of `docs`.
    sortings: Vec<Sorting>,
    /// Each product's certificate dates, in the order of `docs`.
    lives: Vec<Life>,
    /// Each product's producer (in `producers`), in the order of `docs`: apart, so that
    /// counting a short prefix's producers reads 4 bytes a product.
    producer_of: Vec<u32>,
    /// Each product's place in the order relevance falls back on (most stars, latest
    /// recognition, name), in the order of `docs`: ranking by relevance reads 4 bytes a
    /// product, not its `Doc` (a suggestion for one letter ranks most of a million).
    standing: Vec<u32>,
    /// Each product's card, in the order of `docs`.
    cards: Vec<Arc<Card>>,
    /// Where each product stands in `docs`: a product no longer listed keeps its place, out of
    /// `listed` and of the words, until the index is read whole again.
    doc_of: HashMap<i64, u32>,
    /// The products listed, in the order of `docs`.
    listed: Vec<u32>,
    words: Words,
    provinces: Vec<Coded>,
    communes: Vec<Coded>,
    subgroups: Vec<Subgroup>,
    groups: Vec<Coded>,
    industries: Vec<Coded>,
    kinds: Vec<String>,
    /// Each producer's id and name, and where each id stands.
    producers: Vec<(i64, String)>,
    /// Each producer's place in the order of their names, so that suggestions order the many
    /// producers a short prefix matches by comparing numbers, not names.
    producer_rank: Vec<u32>,
    producer_at: HashMap<i64, u32>,
    places: Arc<Places>,
    /// Each product's status (an index of `STATUSES`) on the day it was last asked for.
    statuses: Mutex<Option<(NaiveDate, Arc<[u8]>)>>,
    /// What was offered for the shortest queries, on that day (see `suggest`).
    short_suggestions: Mutex<ShortSuggestions>,
}

/// What a query found: how many products, the facets' counts, and the products of the page
/// asked for, in order.
pub(super) struct Found {
    pub(super) total: u64,
    pub(super) facets: Facets,
    pub(super) cards: Vec<ProductSummary>,
}

/// The facets of the catalog, in the order of the bits of `Chosen::fails`.
const PROVINCE: u8 = 0;
const STARS: u8 = 1;
const STATUS: u8 = 2;
const INDUSTRY: u8 = 3;
const GROUP: u8 = 4;
const SUBGROUP: u8 = 5;
const KIND: u8 = 6;
const COMMUNE: u8 = 7;

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
            .zip(&self.lives)
            .map(|(doc, life)| {
                status_index(match life.valid_until {
                    Some(until) => {
                        Some(until.status_pending_rerating(life.pending_rerating_until, life.revoked_on, today))
                    }
                    None => status_from_year(i32::from(doc.recognized_year), life.revoked_on, today),
                })
            })
            .collect();
        *held = Some((today, statuses.clone()));
        statuses
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
        self.search_among(&self.matching(words), filters, today, limit, offset)
    }

    /// The pass over the products matched that counts the facets and keeps the page.
    fn search_among(
        &self,
        matched: &Matched,
        filters: &CatalogFilters,
        today: NaiveDate,
        limit: usize,
        offset: usize,
    ) -> Found {
        let statuses = self.statuses_on(today);
        let chosen = Chosen::of(self, filters);
        // The communes' facet is listed only within a chosen province (see `facets`).
        let communes_shown = filters.province.is_some();
        let mut counts = Counts {
            total: 0,
            provinces: vec![0; self.provinces.len()],
            stars: [0; 6],
            statuses: [0; STATUSES.len()],
            industries: vec![0; self.industries.len()],
            groups: vec![0; self.groups.len()],
            subgroups: vec![0; self.subgroups.len()],
            kinds: vec![0; self.kinds.len()],
            communes: if communes_shown { vec![0; self.communes.len()] } else { Vec::new() },
        };
        let status_passes = STATUSES.map(|name| statuses_of(filters.status).contains(&name));
        let in_force = STATUSES.map(|name| statuses_of(StatusFilter::Current).contains(&name));
        let mut best = Best::new(offset + limit, self.docs.len());
        matched.each(&self.listed, |at, rank| {
            let doc = &self.docs[at as usize];
            let status = usize::from(statuses[at as usize]);
            let fails = chosen.fails(doc) | u16::from(!status_passes[status]) << STATUS;
            // Counted in a facet: failing no filter but, perhaps, the facet's own.
            let counted = |facet: u8| fails & !(1 << facet) == 0;
            let add = |list: &mut Vec<u64>, facet: u8, value: Code| {
                if value != NONE && counted(facet) {
                    list[value as usize] += 1;
                }
            };
            add(&mut counts.provinces, PROVINCE, doc.province);
            add(&mut counts.industries, INDUSTRY, doc.industry);
            add(&mut counts.groups, GROUP, doc.group);
            add(&mut counts.subgroups, SUBGROUP, doc.subgroup);
            add(&mut counts.kinds, KIND, doc.kind);
            if communes_shown {
                add(&mut counts.communes, COMMUNE, doc.commune);
            }
            if counted(STARS) {
                counts.stars[usize::from(doc.stars.min(5))] += 1;
            }
            if counted(STATUS) {
                counts.statuses[status] += 1;
            }
            if fails == 0 {
                counts.total += 1;
                best.offer(self.order_key(filters.sort, at, rank, in_force[status]), at);
            }
        });
        let cards = self.cards_of(best, offset, today);
        Found { total: counts.total, facets: self.facets(counts, filters, &chosen), cards }
    }

    /// The cards of the best products, from `offset`, in order.
    fn cards_of(&self, best: Best, offset: usize, today: NaiveDate) -> Vec<ProductSummary> {
        best.page(offset)
            .into_iter()
            .map(|at| {
                let card = &self.cards[at as usize];
                ProductSummary { photo: card.photo.clone(), ..card.row.clone().summary(today) }
            })
            .collect()
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

/// Days since the Common Era of a date, 0 without one.
fn day_number(date: Option<NaiveDate>) -> i32 {
    date.map_or(0, |date| date.num_days_from_ce())
}

//! A listed product as the index takes it in: read from the database, turned into the
//! index's numbers, words and card; shared by the whole read (`load`) and the update (`patch`).

use std::collections::HashMap;
use std::sync::Arc;

use app::domain::{fold_words, ProductPhoto, ValidUntil};
use app::ports::PortError;
use chrono::NaiveDate;
use futures_util::TryStreamExt;

use super::super::{SummaryRow, SUMMARY_COLUMNS, SUMMARY_JOINS};
use super::order::standings;
use super::words::{field, WordsBuilder};
use super::{day_number, Card, Code, Doc, Life, SearchIndex, Sorting, NONE};
use crate::db::{port_error, Database, LISTED};

/// A listed product as the index reads it: its card and what search needs beside.
#[derive(Clone, sqlx::FromRow)]
pub(super) struct IndexRow {
    #[sqlx(flatten)]
    pub(super) card: SummaryRow,
    pub(super) producer_id: i64,
    pub(super) name_key: String,
    pub(super) kind: Option<String>,
    pub(super) province_code: String,
    pub(super) province_as_written: String,
    pub(super) commune_code: Option<String>,
    pub(super) decision_date: Option<String>,
}

impl IndexRow {
    pub(super) fn id(&self) -> i64 {
        self.card.id
    }
}

/// The listed products for which `condition` holds, as the index reads them.
pub(super) async fn rows_where(db: &Database, condition: &str) -> Result<Vec<IndexRow>, PortError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, p.producer_id, p.name_key, pr.kind, p.province_code, p.province_as_written, p.commune_code, \
                p.decision_date FROM products p {SUMMARY_JOINS} WHERE {LISTED} AND {condition}"
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch(&db.pool).try_collect().await.map_err(port_error)
}

impl SearchIndex {
    /// Puts `row` in the index with `photo`: in the place its product had, or in a new one at
    /// the end, which it gives; its words go to `words`.
    pub(super) fn take_in(
        &mut self,
        row: IndexRow,
        photo: Option<ProductPhoto>,
        positions: &Positions,
        words: &mut WordsBuilder,
    ) -> u32 {
        let card = &row.card;
        let doc = *self.doc_of.entry(card.id).or_insert(self.docs.len() as u32);
        let folded = |texts: &[&str]| texts.iter().flat_map(|text| fold_words(text)).collect::<Vec<_>>();
        words.add(doc, field::NAME, folded(&[&card.name]).iter().map(String::as_str));
        words.add(doc, field::PRODUCER, folded(&[&card.producer_name]).iter().map(String::as_str));
        let place = folded(&[&card.province_name, &row.province_as_written, &card.address_as_written]);
        words.add(doc, field::PLACE, place.iter().map(String::as_str));
        let subgroup = folded(&[card.subgroup_name.as_deref().unwrap_or_default()]);
        words.add(doc, field::SUBGROUP, subgroup.iter().map(String::as_str));
        let kind = match &row.kind {
            Some(kind) => match self.kinds.iter().position(|k| k == kind) {
                Some(at) => at as Code,
                None => {
                    self.kinds.push(kind.clone());
                    self.kinds.len() as Code - 1
                }
            },
            None => NONE,
        };
        let subgroup = position(&positions.subgroup_at, row.card.subgroup_code.as_ref());
        let (group, industry) = self.subgroups.get(subgroup as usize).map_or((NONE, NONE), |s| (s.group, s.industry));
        let producer = match self.producer_at.get(&row.producer_id) {
            Some(&at) => {
                // A rename reaches every product of the producer: the last one read says it.
                self.producers[at as usize].1.clone_from(&card.producer_name);
                at
            }
            None => {
                self.producers.push((row.producer_id, card.producer_name.clone()));
                let at = self.producers.len() as u32 - 1;
                self.producer_at.insert(row.producer_id, at);
                at
            }
        };
        let date = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<NaiveDate>().ok());
        let life = Life {
            valid_until: card.expires_on.as_deref().and_then(ValidUntil::parse),
            pending_rerating_until: card.pending_rerating_until.as_deref().and_then(ValidUntil::parse),
            revoked_on: date(&card.revoked_on),
        };
        let entry = Doc {
            province: position(&positions.province_at, Some(&row.province_code)),
            commune: position(&positions.commune_at, row.commune_code.as_ref()),
            subgroup,
            group,
            industry,
            kind,
            stars: card.stars.clamp(0, 5) as u8,
            recognized_year: card.recognized_year.clamp(0, i64::from(u16::MAX)) as u16,
        };
        let sorting = Sorting { id: card.id, decision_day: day_number(date(&row.decision_date)), name_rank: 0 };
        let card = Arc::new(Card { row: row.card, photo, name_key: row.name_key.into() });
        if doc as usize == self.docs.len() {
            self.docs.push(entry);
            self.sortings.push(sorting);
            self.lives.push(life);
            self.producer_of.push(producer);
            self.cards.push(card);
        } else {
            self.docs[doc as usize] = entry;
            self.sortings[doc as usize] = sorting;
            self.lives[doc as usize] = life;
            self.producer_of[doc as usize] = producer;
            self.cards[doc as usize] = card;
        }
        doc
    }

    /// Numbers the listed products in the order of their folded names, ties by id, and the
    /// producers in the order of their names.
    pub(super) fn rank_names(&mut self) {
        let mut order = self.listed.clone();
        order.sort_unstable_by(|&a, &b| self.by_name(a, b));
        self.number_names(&order);
        self.rank_producers();
    }

    /// The same for an index made from `before` by taking in the products `taken` (and
    /// taking out those `stale` marks): the order held, less the products changed, with the
    /// taken ones put in their places. At a million products this is a few milliseconds where
    /// sorting every name again took about a second of each change.
    pub(super) fn rank_names_after(&mut self, before: &SearchIndex, stale: &[bool], taken: &[u32]) {
        let mut held = vec![0; before.listed.len()];
        for &doc in &before.listed {
            held[before.sortings[doc as usize].name_rank as usize] = doc;
        }
        held.retain(|&doc| !stale[doc as usize]);
        let mut moved = taken.to_vec();
        moved.sort_unstable_by(|&a, &b| self.by_name(a, b));
        let mut order = Vec::with_capacity(held.len() + moved.len());
        let mut from = 0;
        for doc in moved {
            let at = from + held[from..].partition_point(|&other| self.by_name(other, doc).is_lt());
            order.extend_from_slice(&held[from..at]);
            order.push(doc);
            from = at;
        }
        order.extend_from_slice(&held[from..]);
        self.number_names(&order);
        // Most changes add products to producers already held, under the same names: their
        // order stands (sorting 400,000 names again took a third of a change at a million).
        if self.producers == before.producers {
            self.producer_rank.clone_from(&before.producer_rank);
        } else {
            self.rank_producers();
        }
    }

    fn by_name(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let (a, b) = (&self.cards[a as usize], &self.cards[b as usize]);
        a.name_key.cmp(&b.name_key).then(a.row.id.cmp(&b.row.id))
    }

    /// Gives the products of `order` their places in it, and their standings.
    fn number_names(&mut self, order: &[u32]) {
        for (rank, &doc) in order.iter().enumerate() {
            self.sortings[doc as usize].name_rank = rank as u32;
        }
        self.standing = standings(&self.docs, order);
    }

    /// Gives the producers their places in the order of their names.
    fn rank_producers(&mut self) {
        let mut order: Vec<u32> = (0..self.producers.len() as u32).collect();
        order
            .sort_unstable_by(|&a, &b| self.producers[a as usize].1.cmp(&self.producers[b as usize].1).then(a.cmp(&b)));
        self.producer_rank = vec![0; self.producers.len()];
        for (rank, at) in order.into_iter().enumerate() {
            self.producer_rank[at as usize] = rank as u32;
        }
    }
}

/// Where each code of the reference tables stands in the index's lists.
pub(super) struct Positions {
    province_at: HashMap<String, u32>,
    commune_at: HashMap<String, u32>,
    subgroup_at: HashMap<String, u32>,
}

impl Positions {
    pub(super) fn of(index: &SearchIndex) -> Positions {
        let at = |codes: &mut dyn Iterator<Item = &String>| {
            codes.enumerate().map(|(at, code)| (code.clone(), at as u32)).collect()
        };
        Positions {
            province_at: at(&mut index.provinces.iter().map(|c| &c.code)),
            commune_at: at(&mut index.communes.iter().map(|c| &c.code)),
            subgroup_at: at(&mut index.subgroups.iter().map(|s| &s.coded.code)),
        }
    }
}

/// Where `code` stands in its list; `NONE` when unknown (or, were a list ever to pass
/// 65,534 codes, beyond them: such a product would be filtered as having none).
pub(super) fn position(at: &HashMap<String, u32>, code: Option<&String>) -> Code {
    code.and_then(|c| at.get(c)).and_then(|&at| Code::try_from(at).ok()).filter(|&at| at < NONE - 1).unwrap_or(NONE)
}

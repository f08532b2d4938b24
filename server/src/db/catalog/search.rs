//! What a query searches for: its folded words, each as typed or, when it begins none of the
//! catalog's words, as the words one slip away from it; and the WHERE and ORDER BY they make.

use app::domain::{fold_words, one_slip_away, worth_correcting};
use app::model::{CatalogFilters, Correction, SortOrder, StatusFilter};
use app::ports::PortError;

use super::SqlCatalog;
use crate::db::sql::{Params, Today};
use crate::db::{port_error, Backend, LISTED};

/// The folded words of a query, and the database that will look for them.
pub(super) struct Search {
    pub(super) words: Vec<SearchWord>,
    backend: Backend,
}

/// A word as typed, and what it matches as a word prefix: itself, or the catalog's words one
/// slip away from it when it begins none as typed.
pub(super) struct SearchWord {
    typed: String,
    matches: Vec<String>,
}

impl Search {
    /// The words searched for something other than as typed.
    pub(super) fn corrections(&self) -> Vec<Correction> {
        self.words
            .iter()
            .filter(|word| word.matches != [word.typed.as_str()])
            .map(|word| Correction { typed: word.typed.clone(), read_as: word.matches.clone() })
            .collect()
    }
}

impl SearchWord {
    /// A condition matching the word as a word prefix of `column` (padded with spaces).
    fn condition(&self, column: &str, params: &mut Params) -> String {
        let likes: Vec<String> =
            self.matches.iter().map(|word| format!("{column} LIKE {}", params.bind(format!("% {word}%")))).collect();
        format!("({})", likes.join(" OR "))
    }
}

/// The WHERE clause for `filters`.
pub(super) fn where_clause(filters: &CatalogFilters, search: &Search, today: Today, params: &mut Params) -> String {
    let mut conditions = vec![LISTED.to_string()];
    if let (Backend::Sqlite, false) = (search.backend, search.words.is_empty()) {
        // The FTS index narrows the rows; the LIKE below keeps the exact rule on what is left.
        let query: Vec<String> = search
            .words
            .iter()
            .map(|word| {
                let any: Vec<String> = word.matches.iter().map(|word| format!("\"{word}\"*")).collect();
                format!("({})", any.join(" OR "))
            })
            .collect();
        conditions.push(format!(
            "p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH {})",
            params.bind(query.join(" AND "))
        ));
    }
    conditions.extend(search.words.iter().map(|word| word.condition("p.search_text", params)));
    if let Some(province) = &filters.province {
        conditions.push(format!("p.province_code = {}", params.bind(province.as_str())));
    }
    if let Some(stars) = filters.stars {
        conditions.push(format!("p.stars = {}", params.bind(i64::from(stars))));
    }
    if let Some(commune) = &filters.commune {
        conditions.push(format!("p.commune_code = {}", params.bind(commune.as_str())));
    }
    if let Some(industry) = &filters.industry {
        conditions.push(format!(
            "p.subgroup_code IN (SELECT s2.code FROM score_sheets s2 JOIN product_groups g2 ON g2.code = s2.group_code \
             WHERE g2.industry_code = {})",
            params.bind(industry.as_str())
        ));
    }
    if let Some(group) = &filters.group {
        conditions.push(format!(
            "p.subgroup_code IN (SELECT code FROM score_sheets WHERE group_code = {})",
            params.bind(group.as_str())
        ));
    }
    if let Some(subgroup) = &filters.subgroup {
        conditions.push(format!("p.subgroup_code = {}", params.bind(subgroup.as_str())));
    }
    if let Some(kind) = &filters.kind {
        conditions
            .push(format!("p.producer_id IN (SELECT id FROM producers WHERE kind = {})", params.bind(kind.as_str())));
    }
    conditions.extend(today.condition(filters.status, params));
    format!("WHERE {}", conditions.join(" AND "))
}

/// Name matches first, then certificates in force, then stars, for relevance.
pub(super) fn order_by(sort: SortOrder, words: &[SearchWord], today: Today, params: &mut Params) -> String {
    match sort {
        SortOrder::Relevance => {
            let name_hits: Vec<String> = words
                .iter()
                .map(|word| format!("CASE WHEN {} THEN 1 ELSE 0 END", word.condition("p.name_key", params)))
                .collect();
            let in_force = today.condition(StatusFilter::Current, params).unwrap_or_else(|| "1 = 1".into());
            // A bare number in ORDER BY would mean a column position, so no words, no term.
            let name_rank =
                if name_hits.is_empty() { String::new() } else { format!("{} DESC, ", name_hits.join(" + ")) };
            format!(
                "{name_rank}CASE WHEN {in_force} THEN 1 ELSE 0 END DESC, p.stars DESC, p.recognized_year DESC, p.name_key, p.id"
            )
        }
        SortOrder::Stars => "p.stars DESC, p.name_key, p.id".into(),
        SortOrder::Newest => "p.recognized_year DESC, COALESCE(p.decision_date, '') DESC, p.id DESC".into(),
        SortOrder::Name => "p.name_key, p.id".into(),
    }
}

impl SqlCatalog {
    /// The words of query `q`. A longer word that begins none of the catalog's words is taken as
    /// a slip and stands for the catalog's words one slip away from it, when there are any.
    pub(super) async fn search_for(&self, q: &str) -> Result<Search, PortError> {
        let mut words = Vec::new();
        let mut corrected = 0;
        for word in fold_words(q) {
            let mut matches = vec![word.clone()];
            if worth_correcting(&word, corrected) && !self.begins_a_catalog_word(&word).await? {
                corrected += 1;
                let mut params = Params::default();
                let variants = one_slip_away(&word);
                let list: Vec<String> = variants.into_iter().map(|variant| params.bind(variant)).collect();
                let sql = format!("SELECT term FROM search_words WHERE term IN ({}) ORDER BY term", list.join(", "));
                let known: Vec<String> = params.fetch_column(&self.db.pool, sql).await?;
                if !known.is_empty() {
                    matches = known;
                }
            }
            words.push(SearchWord { typed: word, matches });
        }
        Ok(Search { words, backend: self.db.backend })
    }

    /// Whether some word the catalog holds begins with `word` (as a search word would match it).
    async fn begins_a_catalog_word(&self, word: &str) -> Result<bool, PortError> {
        // Folded words are ASCII letters and digits, and '{' sorts after all of them.
        let found: Option<String> =
            sqlx::query_scalar("SELECT term FROM search_words WHERE term >= $1 AND term < $2 LIMIT 1")
                .bind(word.to_owned())
                .bind(format!("{word}{{"))
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        Ok(found.is_some())
    }
}

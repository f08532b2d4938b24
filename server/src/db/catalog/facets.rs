//! One page of results with its facet counts, counted from the database: each facet counts
//! with every other filter applied, so a value shows how many products choosing it would give.

use app::domain::{fold, ProducerKind};
use app::model::{CatalogFilters, FacetCount, Facets, ProductPage, ProductSummary, StatusFilter, PAGE_SIZE};
use app::ports::PortError;
use sqlx::AssertSqlSafe;

use super::search::{order_by, where_clause, Search};
use super::{SqlCatalog, SUMMARY_COLUMNS, SUMMARY_JOINS};
use crate::db::port_error;
use crate::db::sql::{CountRow, Params, Today};

/// How many matching products share a province, a star level and a status today.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CubeCell {
    province: String,
    province_name: String,
    stars: u8,
    status: String,
    /// (code, name) of the product's place in the classification, when it has a subgroup.
    industry: Option<(String, String)>,
    group: Option<(String, String)>,
    subgroup: Option<(String, String)>,
    kind: Option<String>,
    count: u64,
}

/// A cell of the cube as the database counts it.
#[derive(sqlx::FromRow)]
struct CubeRow {
    province_code: String,
    province_name: String,
    stars: i64,
    status: String,
    subgroup_code: Option<String>,
    subgroup_name: Option<String>,
    group_code: Option<String>,
    group_name: Option<String>,
    industry_code: Option<String>,
    industry_name: Option<String>,
    kind: Option<String>,
    products: i64,
}

impl From<CubeRow> for CubeCell {
    fn from(row: CubeRow) -> Self {
        CubeCell {
            province: row.province_code,
            province_name: row.province_name,
            stars: row.stars.clamp(0, 5) as u8,
            status: row.status,
            subgroup: row.subgroup_code.zip(row.subgroup_name),
            group: row.group_code.zip(row.group_name),
            industry: row.industry_code.zip(row.industry_name),
            kind: row.kind,
            count: row.products as u64,
        }
    }
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

/// The statuses (as `Today::status_case` names them) a status filter lets through.
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
    /// One page of results, counted and read from the database.
    pub(super) async fn search_uncached(
        &self,
        filters: &CatalogFilters,
        today: Today,
    ) -> Result<ProductPage, PortError> {
        let search = self.search_for(&filters.q).await?;
        let cube = self.facet_cube(filters, &search, today).await?;
        let (total, mut facets) = facets_from_cube(&cube, filters);
        self.keep_chosen(&mut facets.provinces, filters.province.as_ref(), "provinces").await?;

        if filters.province.is_some() {
            facets.communes = self.commune_facet(filters, &search, today).await?;
        }

        let offset = u64::from(filters.page.saturating_sub(1)) * u64::from(PAGE_SIZE);
        let items = self.list(filters, &search, today, u64::from(PAGE_SIZE), offset).await?;
        Ok(ProductPage {
            total,
            items,
            page: filters.page,
            page_count: total.div_ceil(u64::from(PAGE_SIZE)).max(1) as u32,
            facets,
            corrections: search.corrections(),
        })
    }

    /// The products matching `filters` in their sort order, `limit` from `offset`.
    pub(super) async fn list(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<ProductSummary>, PortError> {
        let mut params = Params::default();
        let filter = where_clause(filters, search, today, &mut params);
        let order = order_by(filters.sort, &search.words, today, &mut params);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM products p {SUMMARY_JOINS} {filter} ORDER BY {order} LIMIT {} OFFSET {}",
            params.bind(limit as i64),
            params.bind(offset as i64)
        );
        self.fetch_summaries(sql, params).await
    }

    /// Adds the chosen place to its facet, counted 0, when nothing matches there: the select
    /// still shows what the person chose. `table` (`provinces` or `communes`) names the place.
    async fn keep_chosen(
        &self,
        values: &mut Vec<FacetCount>,
        chosen: Option<&String>,
        table: &'static str,
    ) -> Result<(), PortError> {
        let Some(chosen) = chosen.filter(|chosen| !values.iter().any(|facet| &facet.value == *chosen)) else {
            return Ok(());
        };
        let name: Option<String> =
            sqlx::query_scalar(AssertSqlSafe(format!("SELECT name FROM {table} WHERE code = $1")))
                .bind(chosen.clone())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(port_error)?;
        values.push(FacetCount { value: chosen.clone(), label: name.unwrap_or_else(|| chosen.clone()), count: 0 });
        Ok(())
    }

    /// The communes of the chosen province that hold matching products, with how many (every
    /// other filter applied), in alphabetical order; a chosen commune with none stays listed.
    async fn commune_facet(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
    ) -> Result<Vec<FacetCount>, PortError> {
        let mut params = Params::default();
        let filter = where_clause(&CatalogFilters { commune: None, ..filters.clone() }, search, today, &mut params);
        let sql = format!(
            "SELECT p.commune_code AS key, c.name AS label, COUNT(*) AS count \
             FROM products p JOIN communes c ON c.code = p.commune_code {filter} GROUP BY p.commune_code, c.name"
        );
        let rows: Vec<CountRow> = self.fetch_all(sql, params).await?;
        let mut communes: Vec<FacetCount> = rows
            .into_iter()
            .map(|row| FacetCount { value: row.key, label: row.label, count: row.count as u64 })
            .collect();
        self.keep_chosen(&mut communes, filters.commune.as_ref(), "communes").await?;
        communes.sort_by_key(|facet| fold(&facet.label));
        Ok(communes)
    }

    /// Counts of the products matching the words, by province, stars and status: one scan
    /// from which the total and every facet are summed (see `facets_from_cube`).
    async fn facet_cube(
        &self,
        filters: &CatalogFilters,
        search: &Search,
        today: Today,
    ) -> Result<Vec<CubeCell>, PortError> {
        // Every filter counted in the cube is left out here; the words and the commune stay.
        let words_only = CatalogFilters {
            province: None,
            stars: None,
            industry: None,
            group: None,
            subgroup: None,
            kind: None,
            status: StatusFilter::All,
            ..filters.clone()
        };
        let mut params = Params::default();
        let filter = where_clause(&words_only, search, today, &mut params);
        let status = today.status_case(&mut params);
        let sql = format!(
            "SELECT p.province_code, pv.name AS province_name, p.stars, {status} AS status, \
                    p.subgroup_code, s.name AS subgroup_name, g.code AS group_code, g.name AS group_name, \
                    i.code AS industry_code, i.name AS industry_name, pr.kind, COUNT(*) AS products \
             FROM products p JOIN provinces pv ON pv.code = p.province_code \
             JOIN producers pr ON pr.id = p.producer_id \
             LEFT JOIN score_sheets s ON s.code = p.subgroup_code \
             LEFT JOIN product_groups g ON g.code = s.group_code \
             LEFT JOIN industries i ON i.code = g.industry_code {filter} \
             GROUP BY p.province_code, pv.name, p.stars, status, p.subgroup_code, s.name, g.code, g.name, i.code, i.name, pr.kind"
        );
        let rows: Vec<CubeRow> = self.fetch_all(sql, params).await?;
        Ok(rows.into_iter().map(CubeCell::from).collect())
    }
}

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

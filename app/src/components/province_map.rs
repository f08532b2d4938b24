use leptos::prelude::*;

use crate::language::use_language;
use crate::model::{format_count, Count};

/// The 34 provinces of 2025 as a tile map: one tile each, placed roughly where the province
/// lies (column, row), north at the top. Tiles keep small provinces as visible as large ones
/// and need no map data.
const TILES: [(&str, u8, u8); 34] = [
    ("12", 0, 0),
    ("15", 1, 0),
    ("08", 2, 0),
    ("04", 3, 0),
    ("11", 0, 1),
    ("14", 1, 1),
    ("25", 2, 1),
    ("19", 3, 1),
    ("20", 4, 1),
    ("01", 2, 2),
    ("24", 3, 2),
    ("22", 4, 2),
    ("37", 2, 3),
    ("33", 3, 3),
    ("31", 4, 3),
    ("38", 2, 4),
    ("40", 2, 5),
    ("42", 3, 6),
    ("44", 3, 7),
    ("46", 4, 8),
    ("48", 4, 9),
    ("51", 4, 10),
    ("52", 4, 11),
    ("66", 4, 12),
    ("68", 3, 13),
    ("56", 4, 13),
    ("80", 1, 14),
    ("75", 2, 14),
    ("79", 3, 14),
    ("91", 0, 15),
    ("82", 1, 15),
    ("86", 2, 15),
    ("96", 0, 16),
    ("92", 1, 16),
];

/// Province counts shaded on the tile map. Each tile is a link to the catalog of its province
/// naming it and its count in the page's own text (not drawn: an SVG scaled to a phone wrote
/// 7-pixel codes), placed on a grid by class (the site's policy allows no inline style).
#[component]
pub fn ProvinceMap(counts: Vec<Count>) -> impl IntoView {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let t = use_language();
    let tiles = TILES
        .into_iter()
        .map(|(code, col, row)| {
            let found = counts.iter().find(|c| c.key == code);
            let count = found.map_or(0, |c| c.count);
            let name = found.map_or_else(|| code.to_string(), |c| c.label.clone());
            // Shaded by the share of the largest count, in five steps.
            let shade = ((count * 5).saturating_sub(1) / max).min(4);
            let label = t.tr_with("{name}: {n} sản phẩm", &[("n", &format_count(count)), ("name", &name)]);
            view! {
                <li class=format!("col-{col} row-{row} shade-{shade}")>
                    <a href=format!("/?province={code}") aria-label=label>
                        <span class="map-name">{name}</span>
                        <span class="map-count">{format_count(count)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="province-map" aria-label=t.tr("Bản đồ ô: số sản phẩm OCOP còn hiệu lực theo tỉnh, thành phố")>
            {tiles}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::TILES;

    #[test]
    fn every_province_has_one_tile_of_its_own() {
        let units = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/data/admin-units-2025.csv"));
        let provinces: HashSet<&str> = units
            .lines()
            .filter_map(|line| line.strip_prefix("province,"))
            .filter_map(|rest| rest.split(',').next())
            .collect();
        let codes: HashSet<&str> = TILES.iter().map(|(code, ..)| *code).collect();
        let places: HashSet<(u8, u8)> = TILES.iter().map(|(_, col, row)| (*col, *row)).collect();
        assert_eq!(provinces.len(), 34);
        assert_eq!(codes, provinces, "one tile per 2025 province");
        assert_eq!(places.len(), 34, "no two tiles overlap");
        // The style sheet places columns 0-4 and rows 0-16.
        assert!(TILES.iter().all(|(_, col, row)| *col < 5 && *row < 17));
    }
}

use leptos::prelude::*;

use crate::language::use_language;
use crate::model::{format_count, Count};

/// The 34 provinces of 2025 as a tile map: one square each, placed roughly where the province
/// lies (column, row), north at the top. Tiles keep small provinces as visible as large ones
/// and need no map data.
const TILES: [(&str, &str, u8, u8); 34] = [
    ("12", "LCh", 0, 0),
    ("15", "LCa", 1, 0),
    ("08", "TQu", 2, 0),
    ("04", "CBa", 3, 0),
    ("11", "ĐBi", 0, 1),
    ("14", "SLa", 1, 1),
    ("25", "PTh", 2, 1),
    ("19", "TNg", 3, 1),
    ("20", "LSơ", 4, 1),
    ("01", "HNộ", 2, 2),
    ("24", "BNi", 3, 2),
    ("22", "QNi", 4, 2),
    ("37", "NBì", 2, 3),
    ("33", "HYê", 3, 3),
    ("31", "HPh", 4, 3),
    ("38", "THo", 2, 4),
    ("40", "NAn", 2, 5),
    ("42", "HTĩ", 3, 6),
    ("44", "QTr", 3, 7),
    ("46", "Huế", 4, 8),
    ("48", "ĐNẵ", 4, 9),
    ("51", "QNg", 4, 10),
    ("52", "GLa", 4, 11),
    ("66", "ĐLắ", 4, 12),
    ("68", "LĐồ", 3, 13),
    ("56", "KHo", 4, 13),
    ("80", "TNi", 1, 14),
    ("75", "ĐNa", 2, 14),
    ("79", "HCM", 3, 14),
    ("91", "AGi", 0, 15),
    ("82", "ĐTh", 1, 15),
    ("86", "VLo", 2, 15),
    ("96", "CMa", 0, 16),
    ("92", "CTh", 1, 16),
];
const TILE: u32 = 44;
/// From few to many products; the last two are dark enough for white text.
const SHADES: [&str; 5] = ["#f6e3df", "#eab3a8", "#d9786a", "#b3261e", "#7a1a14"];

/// Province counts shaded on the tile map, with each tile naming its province and count.
#[component]
pub fn ProvinceMap(counts: Vec<Count>) -> impl IntoView {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let language = use_language();
    let products = language.pick("sản phẩm", "products");
    let tiles = TILES
        .into_iter()
        .map(|(code, short, col, row)| {
            let found = counts.iter().find(|c| c.key == code);
            let count = found.map_or(0, |c| c.count);
            let name = found.map_or_else(|| code.to_string(), |c| c.label.clone());
            // Shade by the share of the largest count, in five steps.
            let step = ((count * 5).saturating_sub(1) / max).min(4) as usize;
            let (fill, ink) = (SHADES[step], if step >= 3 { "#ffffff" } else { "#1d1b1a" });
            let (x, y) = (u32::from(col) * TILE, u32::from(row) * TILE);
            view! {
                <g>
                    <title>{format!("{name}: {} {products}", format_count(count))}</title>
                    <rect x=x + 1 y=y + 1 width=TILE - 2 height=TILE - 2 rx="4" fill=fill></rect>
                    <text x=x + TILE / 2 y=y + 18 text-anchor="middle" class="map-code" fill=ink>{short}</text>
                    <text x=x + TILE / 2 y=y + 34 text-anchor="middle" class="map-count" fill=ink>{format_count(count)}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="province-map" viewBox=format!("0 0 {} {}", TILE * 5, TILE * 17) role="img"
            aria-label=language.pick(
                "Bản đồ ô: số sản phẩm OCOP còn hiệu lực theo tỉnh, thành phố",
                "Tile map: OCOP products in force by province",
            )>
            {tiles}
        </svg>
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
        let places: HashSet<(u8, u8)> = TILES.iter().map(|(_, _, col, row)| (*col, *row)).collect();
        assert_eq!(provinces.len(), 34);
        assert_eq!(codes, provinces, "one tile per 2025 province");
        assert_eq!(places.len(), 34, "no two tiles overlap");
    }
}

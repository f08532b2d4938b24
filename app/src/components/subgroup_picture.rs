use leptos::prelude::*;

/// What a card shows of a product that has no photo: a line drawing of its subgroup (a jar of
/// honey, a bottle of fish sauce, a tea leaf), drawn here so that a phone downloads nothing
/// for it. Decoration: the card's text names the product and its subgroup.
#[component]
pub fn SubgroupPicture(code: Option<String>) -> impl IntoView {
    let (family, strokes) = drawing(code.as_deref().unwrap_or_default());
    view! {
        <svg class=format!("card-picture pic-{family}") viewBox="0 0 64 48" aria-hidden="true" focusable="false">
            {strokes.iter().map(|d| view! { <path d=*d/> }).collect_view()}
        </svg>
    }
}

/// The family a subgroup is coloured by, and its drawing as path data on a 64 × 48 grid,
/// one entry per score sheet of criteria set 26/2026; a code not among them gets the star.
fn drawing(code: &str) -> (&'static str, &'static [&'static str]) {
    match code {
        "rau-cu-qua-hat-tuoi" => ("food", &["M26 18h12l-6 22z", "M32 18c-2-6-4-8-6-9m6 9c1-6 3-8 6-9m-6 9v-8"]),
        "thit-thuy-san-trung-sua-tuoi" => ("food", &["M16 24c6-10 22-10 28 0-6 10-22 10-28 0z", "M44 24l6-6v12z", "M23 22h.1"]),
        "gao-ngu-coc-hat-so-che" => (
            "food",
            &["M32 42V10", "M32 16c-5-1-7-4-7-7 4 1 6 3 7 7zm0 0c5-1 7-4 7-7-4 1-6 3-7 7z", "M32 24c-5-1-7-4-7-7 4 1 6 3 7 7zm0 0c5-1 7-4 7-7-4 1-6 3-7 7z", "M32 32c-5-1-7-4-7-7 4 1 6 3 7 7zm0 0c5-1 7-4 7-7-4 1-6 3-7 7z"],
        ),
        "mat-ong-mat-khac-tpthuc-khac" => (
            "food",
            &["M23 12h18v5H23z", "M24 17h16c4 3 5 7 5 11v7c0 3-2 5-5 5H24c-3 0-5-2-5-5v-7c0-4 1-8 5-11z", "M19 27c5 4 21 4 26 0"],
        ),
        "do-an-nhanh" => ("food", &["M14 24h36c0 9-8 15-18 15s-18-6-18-15z", "M38 8l-8 16m14-14l-9 14", "M22 18c-2-2 2-4 0-6m6 6c-2-2 2-4 0-6"]),
        "che-bien-tu-gao-ngu-coc" => ("food", &["M20 12h24v26H20z", "M20 25h24M32 12v26"]),
        "che-bien-tu-rau-cu-qua-hat" => (
            "food",
            &["M22 10h20v5H22z", "M23 15h18c2 1 4 3 4 6v15c0 2-2 4-4 4H23c-2 0-4-2-4-4V21c0-3 2-5 4-6z", "M27 29a5 5 0 1 0 10 0 5 5 0 1 0-10 0"],
        ),
        // Dried and cured: a fish in slices.
        "che-bien-tu-thit-trung-sua-ts" => ("food", &["M14 24c8-9 24-9 32 0-8 9-24 9-32 0z", "M46 24l6-5v10z", "M24 18v12m6-13v14m6-13v12"]),
        "tuong-nuoc-mam-gia-vi-dang-long" => (
            "food",
            &["M29 6h6v7c4 2 6 5 6 9v16c0 2-1 3-3 3H26c-2 0-3-1-3-3V22c0-4 2-7 6-9z", "M23 26h18"],
        ),
        "gia-vi-khac" => ("food", &["M20 36c11 0 21-8 24-20-6 6-14 11-23 13-3 1-3 7-1 7z", "M44 16c0-3 2-5 5-6"]),
        "che-tuoi-che-bien" => ("drink", &["M32 42C18 35 18 16 32 7c14 9 14 28 0 35z", "M32 42V14m0 12l-7-5m7 11l7-5"]),
        "san-pham-che-tu-thuc-vat-khac" => (
            "drink",
            &["M18 20h24v8c0 7-5 12-12 12s-12-5-12-12z", "M42 23c6 0 6 8 0 8", "M26 6c-2 3 2 5 0 8m6-8c-2 3 2 5 0 8"],
        ),
        "ca-phe-ca-cao" => ("drink", &["M32 39c-9 0-14-7-14-15s5-15 14-15 14 7 14 15-5 15-14 15z", "M32 9c-5 7 5 23 0 30"]),
        "ruou-trang" => ("drink", &["M27 6h8v9l5 6v17c0 2-1 3-3 3H25c-2 0-3-1-3-3V21l5-6z", "M44 30h8l-1 9h-6z"]),
        "do-uong-co-con-khac" => ("drink", &["M23 8h18c0 11-4 18-9 18s-9-7-9-18z", "M32 26v13m-7 2h14", "M24 15h16"]),
        "nuoc-khoang-nuoc-uong-dong-chai" => (
            "drink",
            &["M29 5h6v5c3 2 5 4 5 8v20c0 2-1 3-3 3H27c-2 0-3-1-3-3V18c0-4 2-6 5-8z", "M24 23h16m-16 7h16"],
        ),
        "do-uong-khong-con" => ("drink", &["M22 14h20l-3 27H25z", "M37 5l-4 21", "M23 23h18"]),
        "tpcn-thuoc-duoc-lieu-co-truyen" => ("herb", &["M19 31l13-13a6 6 0 0 1 9 9L28 40a6 6 0 0 1-9-9z", "M25 25l9 9"]),
        "my-pham-tu-duoc-lieu" => ("herb", &["M22 15h20v6H22z", "M20 21h24v15c0 2-2 4-4 4H24c-2 0-4-2-4-4z", "M29 32c0-4 4-7 8-7 0 4-3 7-8 7z"]),
        "tinh-dau-duoc-lieu-khac" => (
            "herb",
            &["M30 6h4v6h-4zm-2 6h8v7h-8z", "M24 19h16v17c0 2-2 4-4 4h-8c-2 0-4-2-4-4z", "M48 24c-2 3-3 5-3 6a3 3 0 0 0 6 0c0-1-1-3-3-6z"],
        ),
        "tcmn-gia-dung-trang-tri" => ("craft", &["M14 22h36l-4 17H18z", "M21 22c0-11 22-11 22 0", "M17 28h30m-29 5h28"]),
        "vai-may-mac" => ("craft", &["M25 9l-11 7 4 8 4-2v18h20V22l4 2 4-8-11-7c-2 4-12 4-14 0z"]),
        "hoa" => (
            "nature",
            &["M28 22a4 4 0 1 0 8 0 4 4 0 1 0-8 0", "M27 12a5 5 0 1 0 10 0 5 5 0 1 0-10 0m10 10a5 5 0 1 0 10 0 5 5 0 1 0-10 0m-10 10a5 5 0 1 0 10 0 5 5 0 1 0-10 0M17 22a5 5 0 1 0 10 0 5 5 0 1 0-10 0", "M32 37v8"],
        ),
        "cay-canh" => (
            "nature",
            &["M22 33h20l-2 8H24z", "M32 33c0-6-4-8-2-14", "M18 19c0-6 8-8 12-6 4-4 14-2 14 4 4 2 2 8-4 8H22c-4 0-6-4-4-6z"],
        ),
        "dong-vat-canh" => ("nature", &["M14 31c8 0 12-6 16-12s14-6 16 0l6 2-6 2c-2 8-10 14-20 14-6 0-10-3-12-6z", "M39 18h.1"]),
        "dv-du-lich-cong-dong-sinh-thai" => ("travel", &["M8 41l15-21 8 10 7-9 18 20z", "M42 11a4 4 0 1 0 8 0 4 4 0 1 0-8 0"]),
        _ => ("other", &["M32 9l4 9 10 1-8 7 3 10-9-6-9 6 3-10-8-7 10-1z"]),
    }
}

#[cfg(test)]
mod tests {
    use super::drawing;

    /// Every score sheet of criteria set 26/2026 has its own drawing; an unknown code the star.
    #[test]
    fn each_subgroup_has_a_drawing_of_its_own() {
        let sheets: serde_json::Value =
            serde_json::from_str(include_str!("../../../server/data/ocop-criteria-2026.json"))
                .expect("the criteria read");
        let codes: Vec<&str> =
            sheets["sheets"].as_array().expect("sheets").iter().map(|s| s["code"].as_str().expect("a code")).collect();
        assert_eq!(codes.len(), 26);
        let star = drawing("khong-co");
        assert_eq!(star.0, "other");
        let mut seen = Vec::new();
        for code in codes {
            let (family, strokes) = drawing(code);
            assert_ne!(family, "other", "{code} has no drawing");
            assert!(!seen.contains(&strokes), "{code} is drawn like another subgroup");
            seen.push(strokes);
        }
    }
}

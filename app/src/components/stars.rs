use leptos::prelude::*;

use crate::language::use_language;

/// Stars as symbols for the eye and as words for screen readers.
#[component]
pub fn StarRating(stars: u8) -> impl IntoView {
    let filled = "★".repeat(stars as usize);
    let empty = "☆".repeat(5usize.saturating_sub(stars as usize));
    view! {
        <span class="stars" role="img" aria-label=use_language().tr_with("{n} sao", &[("n", &stars)])>
            <span aria-hidden="true">{filled}<span class="stars-empty">{empty}</span></span>
        </span>
    }
}

use leptos::prelude::*;

use crate::components::{StarRating, StatusBadge, SubgroupPicture};
use crate::language::use_language;
use crate::model::ProductSummary;

/// A catalog card: what the product is, who makes it, where, and whether its rating holds.
#[component]
pub fn ProductCard(product: ProductSummary) -> impl IntoView {
    let href = product.href.clone();
    let recognized = use_language().tr_with("Công nhận năm {year}", &[("year", &product.recognized_year)]);
    view! {
        <article class="product-card">
            // The name beside it says what it shows, so the picture is decoration to a reader.
            {match product.photo.as_ref() {
                Some(photo) => view! {
                    <img class="card-photo" src=photo.smallest() width="320" height="240" loading="lazy" decoding="async" alt=""/>
                }
                .into_any(),
                None => view! { <SubgroupPicture code=product.subgroup_code.clone()/> }.into_any(),
            }}
            <h2 class="product-name"><a href=href>{product.name}</a></h2>
            <StarRating stars=product.stars/>
            <p class="producer">{product.producer_name}</p>
            <p class="place">
                {product.province_name}
                <span class="address">" · " {product.address_as_written}</span>
            </p>
            {product.subgroup_name.map(|name| view! { <p class="subgroup">{name}</p> })}
            <p class="meta">
                <StatusBadge
                    status=product.status
                    valid_until=product.valid_until
                    pending_rerating_until=product.pending_rerating_until
                />
                <span class="year">{format!(" {recognized}")}</span>
            </p>
        </article>
    }
}

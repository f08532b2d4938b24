use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use crate::api::get_producer;
use crate::components::{route_record, LoadedOrNotFound, PageTitle, ProductCard};
use crate::language::use_language;
use crate::model::{id_from_segment, producer_kind_name, ProducerDetail};
use crate::site::absolute_url;

/// A producer's public page: who they are, where, and their products.
#[component]
pub fn ProducerPage() -> impl IntoView {
    let producer = route_record(id_from_segment, || (), get_producer);
    view! { <LoadedOrNotFound resource=producer render=|producer| view! { <ProducerView producer/> }/> }
}

#[component]
fn ProducerView(producer: ProducerDetail) -> impl IntoView {
    let count = producer.products.len();
    let language = use_language();
    let text = move |vi, en| language.pick(vi, en);
    let description = language.pick(
        format!("{} – chủ thể OCOP tại {}, {count} sản phẩm.", producer.name, producer.province_name),
        format!("{} – an OCOP producer in {}, {count} product(s).", producer.name, producer.province_name),
    );
    view! {
        <PageTitle text=producer.name.clone()/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=absolute_url(&producer.href)/>
        <article class="producer-page">
            <h1>{producer.name.clone()}</h1>
            <dl class="facts">
                {producer.kind.as_deref().map(|kind| view! {
                    <dt>{text("Loại hình", "Kind")}</dt>
                    <dd>{producer_kind_name(kind, language)}</dd>
                })}
                <dt>{text("Địa chỉ", "Address")}</dt>
                <dd>
                    {producer.address_as_written.clone()}
                    <br/>
                    <span class="muted">{format!("{}: {}", text("Tỉnh, thành phố (2025)", "Province (2025)"), producer.province_name)}</span>
                </dd>
                {producer.phone.clone().map(|p| view! {
                    <dt>{text("Điện thoại", "Phone")}</dt>
                    <dd><a href=format!("tel:{p}")>{p.clone()}</a></dd>
                })}
                {producer.website.clone().map(|w| view! {
                    <dt>{text("Trang web", "Website")}</dt>
                    <dd><a href=w.clone() rel="nofollow noopener">{w.clone()}</a></dd>
                })}
            </dl>
            <h2>{format!("{} ({count})", text("Sản phẩm OCOP", "OCOP products"))}</h2>
            <ul class="product-grid">
                {producer.products.into_iter().map(|product| view! { <li><ProductCard product/></li> }).collect_view()}
            </ul>
        </article>
    }
}

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
    let t = use_language();
    let description = t.tr_with(
        "{name} – chủ thể OCOP tại {province}, {count} sản phẩm.",
        &[("count", &count), ("province", &producer.province_name), ("name", &producer.name)],
    );
    view! {
        <PageTitle text=producer.name.clone()/>
        <Meta name="description" content=description/>
        <Link rel="canonical" href=absolute_url(&producer.href)/>
        <article class="producer-page">
            <h1>{producer.name.clone()}</h1>
            <dl class="facts">
                {producer.kind.as_deref().map(|kind| view! {
                    <dt>{t.tr("Loại hình")}</dt>
                    <dd>{producer_kind_name(kind, t)}</dd>
                })}
                <dt>{t.tr("Địa chỉ")}</dt>
                <dd>
                    {producer.address_as_written.clone()}
                    <br/>
                    <span class="muted">{t.tr_with("Tỉnh, thành phố (2025): {province}", &[("province", &producer.province_name)])}</span>
                </dd>
                {producer.phone.clone().map(|p| view! {
                    <dt>{t.tr("Điện thoại")}</dt>
                    <dd><a href=format!("tel:{p}")>{p.clone()}</a></dd>
                })}
                {producer.website.clone().map(|w| view! {
                    <dt>{t.tr("Trang web")}</dt>
                    <dd><a href=w.clone() rel="nofollow noopener">{w.clone()}</a></dd>
                })}
            </dl>
            <h2>{t.tr_with("Sản phẩm OCOP ({count})", &[("count", &count)])}</h2>
            <ul class="product-grid">
                {producer.products.into_iter().map(|product| view! { <li><ProductCard product/></li> }).collect_view()}
            </ul>
        </article>
    }
}

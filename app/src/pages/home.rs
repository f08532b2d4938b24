use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{search_products, MAX_QUERY_CHARS};
use crate::components::{query_string, ProductCard};

/// The home page: the catalog of certified products with a search box. Without JavaScript the
/// box is a plain GET form; once hydrated, results follow each keystroke.
#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let query = move || query_map.read().get("q").unwrap_or_default();
    let results = Resource::new(query, search_products);
    let navigate = use_navigate();

    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        let url = format!("/{}", query_string(&[("q", typed.as_str())]));
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };

    view! {
        <Title text="Sản phẩm OCOP"/>
        <section class="hero">
            <h1>"Sản phẩm OCOP"</h1>
            <p>"Tra cứu sản phẩm được công nhận OCOP trên cả nước, chủ thể sản xuất và hiệu lực chứng nhận."</p>
            <form class="search" method="get" action="/" role="search">
                <label for="q">"Tìm sản phẩm, chủ thể hoặc địa phương"</label>
                <div class="search-row">
                    <input
                        id="q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        maxlength=MAX_QUERY_CHARS.to_string()
                        placeholder="ví dụ: mật ong, nước mắm Nam Ô, Đà Nẵng"
                        value=query
                        prop:value=query
                        on:input=on_input
                    />
                    <button type="submit">"Tìm"</button>
                </div>
            </form>
        </section>
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => {
                        let count = if page.total == 0 {
                            "Không có sản phẩm nào khớp với từ khóa.".to_string()
                        } else {
                            format!("{} sản phẩm", page.total)
                        };
                        view! {
                            {page.note_vi.map(|note| view! { <p class="note" role="status">{note}</p> })}
                            <p class="result-count" aria-live="polite">{count}</p>
                            <ul class="product-grid">
                                {page.items.into_iter().map(|product| view! { <li><ProductCard product/></li> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(err) => view! { <p class="error" role="alert">{err.message_vi()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

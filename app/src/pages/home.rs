use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{search_products, suggest};
use crate::components::{DownloadLinks, PageTitle, ProductCard};
use crate::error::AppError;
use crate::language::{use_language, Language};
use crate::model::{
    format_count, producer_kind_name, CatalogFilters, FacetCount, ProductPage, SortOrder, StatusFilter, MAX_QUERY_CHARS,
};

/// How long typing must pause before the catalog searches what was typed.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(120);

/// The home page is the catalog: search, filters with counts, sorting and pages, all held in
/// the URL. Without JavaScript every control is a plain GET form; once hydrated, results
/// follow each keystroke and each choice.
#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        let map = query_map.read();
        CatalogFilters::from_query(|name| map.get(name))
    });
    let filters = Memo::new(move |_| parsed.get().0);
    // A search overtaken by a newer one is dropped, which aborts its request: a fast typist
    // leaves the server one search to answer, not a queue of stale ones.
    let overtaking = StoredValue::new(None::<oneshot::Sender<()>>);
    let results = Resource::new(
        move || filters.get(),
        move |filters| {
            let (overtake, overtaken) = oneshot::channel::<()>();
            // Dropping the previous search's sender ends its wait below.
            overtaking.set_value(Some(overtake));
            async move {
                match select(Box::pin(search_products(filters)), overtaken).await {
                    Either::Left((page, _)) => page,
                    Either::Right(_) => Err(AppError::Unavailable),
                }
            }
        },
    );
    let navigate = use_navigate();
    let go = move |next: CatalogFilters, replace: bool| {
        navigate(&format!("/{}", next.to_query()), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    let go_typed = go.clone();
    // Keystrokes closer together than `TYPING_PAUSE` make one search: a word typed quickly is
    // one request, not one a letter.
    let waiting = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev| {
        let next = CatalogFilters { q: event_target_value(&ev), page: 1, ..filters.get_untracked() };
        if let Some(superseded) = waiting.get_value() {
            superseded.clear();
        }
        let go_typed = go_typed.clone();
        waiting.set_value(set_timeout_with_handle(move || go_typed(next, true), TYPING_PAUSE).ok());
    };
    // Someone who types and at once follows a link must not be brought back by the search.
    on_cleanup(move || {
        if let Some(Some(pending)) = waiting.try_get_value() {
            pending.clear();
        }
    });
    let on_filter = Callback::new(move |(name, value): (String, String)| {
        let mut next = filters.get_untracked();
        next.page = 1;
        match name.as_str() {
            "province" => {
                // A commune of another province would match nothing.
                next.commune = None;
                next.province = Some(value).filter(|v| !v.is_empty());
            }
            "commune" => next.commune = Some(value).filter(|v| !v.is_empty()),
            "industry" => next.industry = Some(value).filter(|v| !v.is_empty()),
            "group" => next.group = Some(value).filter(|v| !v.is_empty()),
            "kind" => next.kind = Some(value).filter(|v| !v.is_empty()),
            "stars" => next.stars = value.parse().ok(),
            "subgroup" => next.subgroup = Some(value).filter(|v| !v.is_empty()),
            "status" => next.status = StatusFilter::ALL.into_iter().find(|s| s.code() == value).unwrap_or_default(),
            "sort" => next.sort = SortOrder::ALL.into_iter().find(|s| s.code() == value).unwrap_or_default(),
            _ => return,
        }
        go(next, false);
    });

    // The box follows the URL (back button, links), but never on the first run: hydration
    // must not wipe what someone typed while the page was loading.
    let search_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |previous: Option<String>| {
        let q = filters.get().q;
        if let (Some(_), Some(input)) = (&previous, search_box.get()) {
            if input.value() != q {
                input.set_value(&q);
            }
        }
        q
    });

    let t = use_language();
    // Offered under the box as people type (in the browser only: a page served whole needs none).
    let offered = LocalResource::new(move || {
        let q = filters.get().q;
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let found = suggest(q).await.unwrap_or_default();
            let kinds = [
                (found.products, t.tr("sản phẩm")),
                (found.producers, t.tr("chủ thể")),
                (found.places, t.tr("địa phương")),
            ];
            kinds
                .into_iter()
                .flat_map(|(list, kind)| list.into_iter().map(move |offer| (offer.label, kind)))
                .collect::<Vec<_>>()
        }
    });

    view! {
        <PageTitle text=t.tr("Sản phẩm OCOP")/>
        <section class="hero">
            <h1>{t.tr("Sản phẩm OCOP")}</h1>
            <p>
                {t.tr(
                    "Tra cứu sản phẩm được công nhận OCOP trên cả nước, chủ thể sản xuất và hiệu lực chứng nhận.",
                )}
            </p>
            <form class="search" method="get" action="/" role="search">
                <label for="q">{t.tr("Tìm sản phẩm, chủ thể hoặc địa phương")}</label>
                <div class="search-row">
                    <input
                        id="q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        maxlength=MAX_QUERY_CHARS.to_string()
                        placeholder=t.tr("ví dụ: mật ong, nước mắm Nam Ô, Đà Nẵng")
                        value=filters.get_untracked().q
                        node_ref=search_box
                        on:input=on_input
                        list="goi-y"
                    />
                    <datalist id="goi-y">
                        {move || offered.get().unwrap_or_default().into_iter().map(|(label, kind)| {
                            view! { <option value=label label=kind></option> }
                        }).collect_view()}
                    </datalist>
                    <button type="submit">{t.tr("Tìm")}</button>
                </div>
                <KeepFilters filters=filters except="q"/>
            </form>
        </section>
        {move || {
            let notes = parsed.get().1;
            (!notes.is_empty()).then(|| view! {
                <div class="note" role="status">
                    <ul>{notes.into_iter().map(|n| view! { <li>{n.text(t)}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! { <Results page filters=filters.get_untracked() on_filter/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Hidden fields that carry the other filters through a plain form submission.
#[component]
fn KeepFilters(filters: Memo<CatalogFilters>, except: &'static str) -> impl IntoView {
    move || {
        let f = filters.get();
        let stars = f.stars.map(|s| s.to_string());
        let status = (f.status != StatusFilter::default()).then(|| f.status.code().to_string());
        let sort = (f.sort != SortOrder::default()).then(|| f.sort.code().to_string());
        let q = (!f.q.is_empty()).then_some(f.q);
        [
            ("q", q),
            ("province", f.province),
            ("commune", f.commune),
            ("stars", stars),
            ("industry", f.industry),
            ("group", f.group),
            ("subgroup", f.subgroup),
            ("kind", f.kind),
            ("status", status),
            ("sort", sort),
        ]
        .into_iter()
        .filter(|(name, value)| *name != except && value.is_some())
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
    }
}

#[component]
fn Results(page: ProductPage, filters: CatalogFilters, on_filter: Callback<(String, String)>) -> impl IntoView {
    let t = use_language();
    // Drawn: back to where the person was, if they came back to this list.
    Effect::new(|_| crate::scroll_memory::restore_place());
    let count = match page.total {
        0 => t.tr("Không có sản phẩm nào khớp với từ khóa và bộ lọc.").to_string(),
        n => t.tr_count("{n} sản phẩm", n, &[("n", &format_count(n))]),
    };
    // Said beside the count, so a person sees why the results hold a word they did not type.
    let corrections = (!page.corrections.is_empty()).then(|| {
        let read: Vec<String> = page
            .corrections
            .iter()
            .map(|c| {
                t.tr_with(
                    "«{read_as}» thay cho «{typed}»",
                    &[("read_as", &c.read_as.join("», «")), ("typed", &c.typed)],
                )
            })
            .collect();
        let said = t.tr_with("Không có từ nào bắt đầu như bạn gõ; đã tìm {words}.", &[("words", &read.join("; "))]);
        view! { <p class="note" role="status">{said}</p> }
    });
    // "Is this still OCOP?": nothing in force matches, but products no longer certified do.
    let count_of = |code: &str| page.facets.statuses.iter().find(|s| s.value == code).map_or(0, |s| s.count);
    let lapsed = count_of("expired") + count_of("revoked");
    let lapsed_hidden = !matches!(filters.status, StatusFilter::All | StatusFilter::Expired | StatusFilter::Revoked);
    let lapsed = (page.total == 0 && lapsed_hidden && lapsed > 0).then(|| {
        let href = format!("/{}", CatalogFilters { status: StatusFilter::All, ..filters.with_page(1) }.to_query());
        let said = t.tr_count(
            "Có {n} sản phẩm khớp nhưng không còn được công nhận OCOP (giấy chứng nhận đã hết hạn hoặc bị thu hồi).",
            lapsed,
            &[("n", &format_count(lapsed))],
        );
        view! {
            <p class="note lapsed-matches" role="status">
                {said} " " <a href=href>{t.tr("Xem các sản phẩm đó")}</a>
            </p>
        }
    });
    // The server counts; the words around the counts are the reader's.
    let stars: Vec<FacetCount> = page
        .facets
        .stars
        .iter()
        .map(|facet| FacetCount { label: t.tr_with("{n} sao", &[("n", &facet.value)]), ..facet.clone() })
        .collect();
    let statuses: Vec<FacetCount> = page
        .facets
        .statuses
        .iter()
        .map(|facet| FacetCount {
            label: StatusFilter::from_code(&facet.value).map_or(facet.label.clone(), |s| s.label(t).to_string()),
            ..facet.clone()
        })
        .collect();
    let kinds: Vec<FacetCount> = page
        .facets
        .kinds
        .iter()
        .map(|facet| FacetCount { label: producer_kind_name(&facet.value, t).to_string(), ..facet.clone() })
        .collect();
    let chosen = |value: &Option<String>| value.clone().unwrap_or_default();
    // (parameter, chosen value, values with counts), in the order shown; a commune is offered
    // once a province is chosen.
    let facets = [
        Some(("province", chosen(&filters.province), page.facets.provinces.clone())),
        filters.province.is_some().then(|| ("commune", chosen(&filters.commune), page.facets.communes.clone())),
        Some(("stars", filters.stars.map(|s| s.to_string()).unwrap_or_default(), stars)),
        Some(("industry", chosen(&filters.industry), page.facets.industries.clone())),
        Some(("group", chosen(&filters.group), page.facets.groups.clone())),
        Some(("subgroup", chosen(&filters.subgroup), page.facets.subgroups.clone())),
        Some(("kind", chosen(&filters.kind), kinds)),
        Some(("status", filters.status.code().to_string(), statuses)),
    ];
    // On a phone the results come first; the filters follow them, reached by one link that
    // says how many are chosen.
    let chosen_count =
        facets.iter().flatten().filter(|(name, selected, _)| *name != "status" && !selected.is_empty()).count()
            + usize::from(filters.status != StatusFilter::default());
    let filter_link = match chosen_count {
        0 => t.tr("Lọc").to_string(),
        n => t.tr_with("Lọc ({n})", &[("n", &n)]),
    };
    // Nothing matched: each chosen filter whose removal would give products, with how many (a
    // facet is counted with every filter but its own, so the sum of its counts is that number).
    let widen = (page.total == 0).then(|| {
        let offers: Vec<_> = facets
            .iter()
            .flatten()
            .filter(|(name, selected, _)| *name != "status" && !selected.is_empty())
            .filter_map(|(name, selected, values)| {
                let count: u64 = values.iter().map(|facet| facet.count).sum();
                let label =
                    values.iter().find(|facet| facet.value == *selected).map_or(selected.clone(), |f| f.label.clone());
                let mut wider = filters.with_page(1);
                match *name {
                    "province" => (wider.province, wider.commune) = (None, None),
                    "commune" => wider.commune = None,
                    "stars" => wider.stars = None,
                    "industry" => (wider.industry, wider.group, wider.subgroup) = (None, None, None),
                    "group" => (wider.group, wider.subgroup) = (None, None),
                    "subgroup" => wider.subgroup = None,
                    _ => wider.kind = None,
                }
                let said =
                    t.tr_with("Bỏ lọc «{label}»: {n} sản phẩm", &[("n", &format_count(count)), ("label", &label)]);
                (count > 0).then(|| view! { <li><a href=format!("/{}", wider.to_query())>{said}</a></li> })
            })
            .collect();
        (!offers.is_empty()).then(|| {
            view! {
                <div class="note widen" role="status">
                    <p>{t.tr("Thử bỏ bớt một bộ lọc:")}</p>
                    <ul>{offers}</ul>
                </div>
            }
        })
    });
    let selects = facets
        .into_iter()
        .flatten()
        .map(|(name, selected, values)| {
            let (label, all) = facet_words(name, t);
            view! { <FacetSelect name label all selected values on_filter/> }
        })
        .collect_view();
    view! {
        <div class="catalog">
            <form class="filters" id="bo-loc" method="get" action="/" aria-label=t.tr("Bộ lọc")>
                {(!filters.q.is_empty()).then(|| view! { <input type="hidden" name="q" value=filters.q.clone()/> })}
                {selects}
                <label class="facet">
                    <span>{t.tr("Sắp xếp")}</span>
                    <select name="sort" on:change=move |ev| on_filter.run(("sort".into(), event_target_value(&ev)))>
                        {SortOrder::ALL.into_iter().map(|sort| view! {
                            <option value=sort.code() selected=sort == filters.sort>{sort.label(t)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="apply">{t.tr("Áp dụng")}</button>
                <a class="back-to-results" href="#ket-qua">{t.tr("↑ Về kết quả")}</a>
            </form>
            <div class="results" id="ket-qua">
                <a class="filter-link" href="#bo-loc">{filter_link}</a>
                <p class="result-count">
                    <span aria-live="polite">{count}</span>
                    // Nothing matched, nothing to download.
                    {(page.total > 0).then(|| view! {
                        " · "
                        <DownloadLinks stem="/api/v1/products" query=filters.with_page(1).to_query()
                            label=t.tr("Tải danh sách")/>
                    })}
                </p>
                {lapsed}
                {widen}
                {corrections}
                <ul class="product-grid">
                    {page.items.into_iter().map(|product| view! { <li><ProductCard product/></li> }).collect_view()}
                </ul>
                <Pager filters page_number=page.page page_count=page.page_count/>
            </div>
        </div>
    }
}

/// A filter's label and its "any" choice, in `t`; validity has no "any".
fn facet_words(name: &str, t: Language) -> (&'static str, &'static str) {
    match name {
        "province" => (t.tr("Tỉnh, thành phố"), t.tr("Cả nước")),
        "commune" => (t.tr("Xã, phường"), t.tr("Mọi xã, phường")),
        "stars" => (t.tr("Số sao"), t.tr("Mọi hạng sao")),
        "industry" => (t.tr("Ngành"), t.tr("Mọi ngành")),
        "group" => (t.tr("Nhóm"), t.tr("Mọi nhóm")),
        "subgroup" => (t.tr("Phân nhóm"), t.tr("Mọi phân nhóm")),
        "kind" => (t.tr("Loại hình chủ thể"), t.tr("Mọi loại hình")),
        _ => (t.tr("Hiệu lực chứng nhận"), ""),
    }
}

/// A filter as a select whose options show how many products each value would give.
#[component]
fn FacetSelect(
    name: &'static str,
    label: &'static str,
    all: &'static str,
    selected: String,
    values: Vec<FacetCount>,
    on_filter: Callback<(String, String)>,
) -> impl IntoView {
    view! {
        <label class="facet">
            <span>{label}</span>
            <select name=name on:change=move |ev| on_filter.run((name.to_string(), event_target_value(&ev)))>
                {(!all.is_empty()).then(|| view! { <option value="" selected=selected.is_empty()>{all}</option> })}
                {values.into_iter().map(|facet| {
                    let is_selected = facet.value == selected;
                    view! {
                        <option value=facet.value selected=is_selected>
                            {format!("{} ({})", facet.label, format_count(facet.count))}
                        </option>
                    }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn Pager(filters: CatalogFilters, page_number: u32, page_count: u32) -> impl IntoView {
    let t = use_language();
    (page_count > 1).then(|| {
        let link = |page: u32| format!("/{}", filters.with_page(page).to_query());
        let previous =
            (page_number > 1).then(|| view! { <a rel="prev" href=link(page_number - 1)>{t.tr("← Trang trước")}</a> });
        let next = (page_number < page_count)
            .then(|| view! { <a rel="next" href=link(page_number + 1)>{t.tr("Trang sau →")}</a> });
        let position = t.tr_with(
            "Trang {page} / {pages}",
            &[("page", &format_count(page_number.into())), ("pages", &format_count(page_count.into()))],
        );
        view! {
            <nav class="pager" aria-label=t.tr("Phân trang")>
                {previous}
                <span>{position}</span>
                {next}
            </nav>
        }
    })
}

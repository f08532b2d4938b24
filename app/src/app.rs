use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};

use crate::components::{AccountMenu, LanguageSwitch, SessionChanges};
use crate::language::Language;
use crate::pages::{
    AccountScreens, BackOfficeScreens, HomePage, NotFound, PortalScreens, ProducerRoute, ProductRoute, StatisticsRoute,
    VerifyRoute,
};

/// The HTML document the server streams; the body is the hydrated `App`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::security::set_content_security_policy();
    let language = Language::current();
    view! {
        <!DOCTYPE html>
        <html lang=language.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let language = Language::current();
    provide_context(language);
    SessionChanges::provide();
    // Effects run in the browser only, once hydrated.
    Effect::new(|_| crate::scroll_memory::remember_places());

    view! {
        <Stylesheet id="leptos" href="/pkg/ocop.css"/>
        <Meta
            name="description"
            content=language.tr(
                "Danh mục sản phẩm OCOP (Mỗi xã một sản phẩm): tra cứu sản phẩm, chủ thể và hiệu lực chứng nhận.",
            )
        />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <header class="site-header">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"★"</span>
                    " OCOP Việt Nam"
                </a>
                <nav class="site-nav" aria-label=language.tr("Chính")>
                    <a href="/">{language.pick("Sản phẩm", "Products")}</a>
                    <a href="/xac-thuc">{language.tr("Xác thực tem")}</a>
                    <a href="/thong-ke">{language.tr("Thống kê")}</a>
                    <AccountMenu/>
                    <LanguageSwitch/>
                </nav>
            </header>
            <main id="main">
                <Routes fallback=NotFound>
                    // Async: each page arrives as finished HTML with the right status, so it
                    // works without JavaScript, and search engines see the products.
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("san-pham"), ParamSegment("id")) view={Lazy::<ProductRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("chu-the"), ParamSegment("id")) view={Lazy::<ProducerRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("xac-thuc") view={Lazy::<VerifyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("thong-ke") view={Lazy::<StatisticsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("xac-thuc"), ParamSegment("code")) view={Lazy::<VerifyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dang-nhap") view={Lazy::<AccountScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dang-ky") view={Lazy::<AccountScreens>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("xac-nhan"), ParamSegment("token"))
                        view={Lazy::<AccountScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("tai-khoan") view={Lazy::<PortalScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("ho-so") view={Lazy::<PortalScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("san-pham-cua-toi") view={Lazy::<PortalScreens>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("ho-so-danh-gia"), ParamSegment("id"))
                        view={Lazy::<PortalScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("thong-bao") view={Lazy::<PortalScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tem"), ParamSegment("id")) view={Lazy::<PortalScreens>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("giay-chung-nhan"), ParamSegment("id"))
                        view={Lazy::<PortalScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("can-bo") view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("nhan-su")) view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia")) view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("bao-cao")) view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("nhap")) view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("da-xoa")) view={Lazy::<BackOfficeScreens>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("chu-the"), ParamSegment("id"))
                        view={Lazy::<BackOfficeScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("san-pham"), ParamSegment("id"))
                        view={Lazy::<BackOfficeScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia"), ParamSegment("id"))
                        view={Lazy::<BackOfficeScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("cham-diem"), ParamSegment("id"))
                        view={Lazy::<BackOfficeScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("ho-so"), ParamSegment("id"))
                        view={Lazy::<BackOfficeScreens>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("quen-mat-khau") view={Lazy::<AccountScreens>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("dat-lai-mat-khau"), ParamSegment("token"))
                        view={Lazy::<AccountScreens>::new()}
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>
                    {language.tr(
                        "Chương trình Mỗi xã một sản phẩm (OCOP). Dữ liệu đơn vị hành chính theo sắp xếp năm 2025.",
                    )}
                </p>
            </footer>
        </Router>
    }
}

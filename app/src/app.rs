use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};

use crate::components::{AccountMenu, LanguageSwitch, SessionChanges};
use crate::language::Language;
use crate::pages::{
    AccountRoute, CertificateRoute, ConfirmAddressRoute, CouncilSheetRoute, DeletedRecordsRoute, ForgotPasswordRoute,
    HomePage, ImportListRoute, MyProductsRoute, NotFound, NotificationsRoute, ProducerProfileRoute,
    ProducerRecordRoute, ProducerRoute, ProductRecordRoute, ProductRoute, ReportsRoute, ResetPasswordRoute, RoundRoute,
    RoundsRoute, SelfAssessmentRoute, SignInRoute, SignUpRoute, StaffAdminRoute, StaffDossierRoute, StaffInboxRoute,
    StampSheetRoute, StatisticsRoute, VerifyRoute,
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
                    <a href="/">{language.tr_in("menu", "Sản phẩm")}</a>
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
                    <Route path=StaticSegment("dang-nhap") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dang-ky") view={Lazy::<SignUpRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("xac-nhan"), ParamSegment("token"))
                        view={Lazy::<ConfirmAddressRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("tai-khoan") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("ho-so") view={Lazy::<ProducerProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("san-pham-cua-toi") view={Lazy::<MyProductsRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("ho-so-danh-gia"), ParamSegment("id"))
                        view={Lazy::<SelfAssessmentRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("thong-bao") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tem"), ParamSegment("id")) view={Lazy::<StampSheetRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("giay-chung-nhan"), ParamSegment("id"))
                        view={Lazy::<CertificateRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("can-bo") view={Lazy::<StaffInboxRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("nhan-su")) view={Lazy::<StaffAdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia")) view={Lazy::<RoundsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("bao-cao")) view={Lazy::<ReportsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("nhap")) view={Lazy::<ImportListRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("da-xoa")) view={Lazy::<DeletedRecordsRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("chu-the"), ParamSegment("id"))
                        view={Lazy::<ProducerRecordRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("san-pham"), ParamSegment("id"))
                        view={Lazy::<ProductRecordRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia"), ParamSegment("id"))
                        view={Lazy::<RoundRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("cham-diem"), ParamSegment("id"))
                        view={Lazy::<CouncilSheetRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("ho-so"), ParamSegment("id"))
                        view={Lazy::<StaffDossierRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("quen-mat-khau") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("dat-lai-mat-khau"), ParamSegment("token"))
                        view={Lazy::<ResetPasswordRoute>::new()}
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

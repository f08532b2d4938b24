use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::components::{AccountMenu, SessionChanges};
use crate::pages::{
    AccountPage, CouncilSheetPage, ForgotPasswordPage, HomePage, MyProductsPage, NotFound, NotificationsPage,
    ProducerPage, ProducerProfilePage, ProductPage, ProductRecordPage, ResetPasswordPage, RoundPage, RoundsPage,
    SelfAssessmentPage, SignInPage, SignUpPage, StaffAdminPage, StaffDossierPage, StaffInboxPage, StampSheetPage,
    StatisticsPage, VerifyPage,
};

/// The HTML document the server streams; the body is the hydrated `App`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="vi">
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
    SessionChanges::provide();
    // Set only in the browser once hydrated, so tests (and people debugging) can tell an
    // interactive page from server-rendered HTML.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/ocop.css"/>
        <Title formatter=|text| format!("{text} · OCOP Việt Nam")/>
        <Meta name="description" content="Danh mục sản phẩm OCOP (Mỗi xã một sản phẩm): tra cứu sản phẩm, chủ thể và hiệu lực chứng nhận."/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Router>
            <header class="site-header">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"★"</span>
                    " OCOP Việt Nam"
                </a>
                <nav class="site-nav" aria-label="Chính">
                    <a href="/">"Sản phẩm"</a>
                    <a href="/xac-thuc">"Xác thực tem"</a>
                    <a href="/thong-ke">"Thống kê"</a>
                    <AccountMenu/>
                </nav>
            </header>
            <main id="main" data-hydrated=move || hydrated.get().then_some("true")>
                <Routes fallback=NotFound>
                    // Async: each page arrives as finished HTML with the right status, so it
                    // works without JavaScript, and search engines see the products.
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("san-pham"), ParamSegment("id")) view=ProductPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("chu-the"), ParamSegment("id")) view=ProducerPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("xac-thuc") view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("thong-ke") view=StatisticsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("xac-thuc"), ParamSegment("code")) view=VerifyPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dang-nhap") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dang-ky") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("tai-khoan") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("ho-so") view=ProducerProfilePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("san-pham-cua-toi") view=MyProductsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("ho-so-danh-gia"), ParamSegment("id"))
                        view=SelfAssessmentPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("thong-bao") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tem"), ParamSegment("id")) view=StampSheetPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("can-bo") view=StaffInboxPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("nhan-su")) view=StaffAdminPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia")) view=RoundsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("san-pham"), ParamSegment("id"))
                        view=ProductRecordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("dot-danh-gia"), ParamSegment("id"))
                        view=RoundPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("cham-diem"), ParamSegment("id"))
                        view=CouncilSheetPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("can-bo"), StaticSegment("ho-so"), ParamSegment("id"))
                        view=StaffDossierPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("quen-mat-khau") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("dat-lai-mat-khau"), ParamSegment("token"))
                        view=ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Chương trình Mỗi xã một sản phẩm (OCOP). Dữ liệu đơn vị hành chính theo sắp xếp năm 2025."</p>
            </footer>
        </Router>
    }
}

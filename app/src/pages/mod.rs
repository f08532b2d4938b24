//! Screens, one file each.

mod account;
mod certificate;
mod confirm_address;
mod council_sheet;
mod deleted_records;
mod forgot_password;
mod home;
mod import_list;
mod my_products;
mod not_found;
mod notifications;
mod producer;
mod producer_profile;
mod producer_record;
mod product;
mod product_record;
mod reports;
mod reset_password;
mod round;
mod rounds;
mod self_assessment;
mod sign_in;
mod sign_up;
mod staff_admin;
mod staff_dossier;
mod staff_inbox;
mod stamp_sheet;
mod statistics;
mod verify;

// The catalog, where most citizens land, and the 404 are in the first WASM a phone downloads.
pub use home::HomePage;
pub use not_found::NotFound;

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// Every other screen is a lazy route: its code is split into WASM chunks (`cargo leptos
/// build --split`) that the browser fetches only when the screen is opened, so the portal and
/// the back office never weigh on a citizen's phone, and the catalog's first load carries only
/// the catalog. The server renders every screen in full either way.
///
/// The public screens are a split point each; the account screens, the portal's and the back
/// office's are one split point a group. The splitter gives every set of split points that
/// shares some code a file of its own, with no floor on its size: 27 split points made 1,181
/// files (a staff page fetched over a hundred) and a loader of 206 KB in every first load.
macro_rules! lazy_screens {
    ($($route:ident => $page:path),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_screens! {
    ProducerRoute => producer::ProducerPage,
    ProductRoute => product::ProductPage,
    StatisticsRoute => statistics::StatisticsPage,
    VerifyRoute => verify::VerifyPage,
}

/// The path's segments, for the grouped screens to find theirs (the route table in `app.rs`
/// has matched the path already; this only tells its screens apart).
fn segments() -> Vec<String> {
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    path.split('/').filter(|segment| !segment.is_empty()).map(str::to_string).collect()
}

/// Signing in, up and back: one split point, light, as a producer's first screen.
pub struct AccountScreens;

#[lazy_route]
impl LazyRoute for AccountScreens {
    fn data() -> Self {
        AccountScreens
    }

    fn view(_this: Self) -> AnyView {
        match segments().first().map(String::as_str).unwrap_or_default() {
            "dang-nhap" => sign_in::SignInPage().into_any(),
            "dang-ky" => sign_up::SignUpPage().into_any(),
            "xac-nhan" => confirm_address::ConfirmAddressPage().into_any(),
            "quen-mat-khau" => forgot_password::ForgotPasswordPage().into_any(),
            "dat-lai-mat-khau" => reset_password::ResetPasswordPage().into_any(),
            _ => NotFound().into_any(),
        }
    }
}

/// The producer's portal, signed in: one split point.
pub struct PortalScreens;

#[lazy_route]
impl LazyRoute for PortalScreens {
    fn data() -> Self {
        PortalScreens
    }

    fn view(_this: Self) -> AnyView {
        match segments().first().map(String::as_str).unwrap_or_default() {
            "tai-khoan" => account::AccountPage().into_any(),
            "ho-so" => producer_profile::ProducerProfilePage().into_any(),
            "san-pham-cua-toi" => my_products::MyProductsPage().into_any(),
            "ho-so-danh-gia" => self_assessment::SelfAssessmentPage().into_any(),
            "thong-bao" => notifications::NotificationsPage().into_any(),
            "tem" => stamp_sheet::StampSheetPage().into_any(),
            "giay-chung-nhan" => certificate::CertificatePage().into_any(),
            _ => NotFound().into_any(),
        }
    }
}

/// The back office's screens (`/can-bo/…`), one split point.
pub struct BackOfficeScreens;

#[lazy_route]
impl LazyRoute for BackOfficeScreens {
    fn data() -> Self {
        BackOfficeScreens
    }

    fn view(_this: Self) -> AnyView {
        let segments = segments();
        let (second, third) = (segments.get(1).map(String::as_str), segments.get(2));
        match (second, third.is_some()) {
            (None, _) => staff_inbox::StaffInboxPage().into_any(),
            (Some("nhan-su"), false) => staff_admin::StaffAdminPage().into_any(),
            (Some("dot-danh-gia"), false) => rounds::RoundsPage().into_any(),
            (Some("dot-danh-gia"), true) => round::RoundPage().into_any(),
            (Some("bao-cao"), false) => reports::ReportsPage().into_any(),
            (Some("nhap"), false) => import_list::ImportListPage().into_any(),
            (Some("da-xoa"), false) => deleted_records::DeletedRecordsPage().into_any(),
            (Some("chu-the"), true) => producer_record::ProducerRecordPage().into_any(),
            (Some("san-pham"), true) => product_record::ProductRecordPage().into_any(),
            (Some("cham-diem"), true) => council_sheet::CouncilSheetPage().into_any(),
            (Some("ho-so"), true) => staff_dossier::StaffDossierPage().into_any(),
            _ => NotFound().into_any(),
        }
    }
}

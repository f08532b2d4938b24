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

/// Every other screen is a lazy route: its code is split into its own WASM chunk (`cargo leptos
/// build --split`) that the browser fetches only when the screen is opened, so the portal and
/// the back office never weigh on a citizen's phone, and the catalog's first load carries only
/// the catalog. The server renders every screen in full either way.
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
    AccountRoute => account::AccountPage,
    CertificateRoute => certificate::CertificatePage,
    ConfirmAddressRoute => confirm_address::ConfirmAddressPage,
    CouncilSheetRoute => council_sheet::CouncilSheetPage,
    DeletedRecordsRoute => deleted_records::DeletedRecordsPage,
    ForgotPasswordRoute => forgot_password::ForgotPasswordPage,
    ImportListRoute => import_list::ImportListPage,
    MyProductsRoute => my_products::MyProductsPage,
    NotificationsRoute => notifications::NotificationsPage,
    ProducerRoute => producer::ProducerPage,
    ProducerProfileRoute => producer_profile::ProducerProfilePage,
    ProducerRecordRoute => producer_record::ProducerRecordPage,
    ProductRecordRoute => product_record::ProductRecordPage,
    ProductRoute => product::ProductPage,
    ReportsRoute => reports::ReportsPage,
    ResetPasswordRoute => reset_password::ResetPasswordPage,
    RoundRoute => round::RoundPage,
    RoundsRoute => rounds::RoundsPage,
    SelfAssessmentRoute => self_assessment::SelfAssessmentPage,
    SignInRoute => sign_in::SignInPage,
    SignUpRoute => sign_up::SignUpPage,
    StaffAdminRoute => staff_admin::StaffAdminPage,
    StaffDossierRoute => staff_dossier::StaffDossierPage,
    StaffInboxRoute => staff_inbox::StaffInboxPage,
    StampSheetRoute => stamp_sheet::StampSheetPage,
    StatisticsRoute => statistics::StatisticsPage,
    VerifyRoute => verify::VerifyPage,
}

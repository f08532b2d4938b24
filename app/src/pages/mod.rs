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

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

// Every other screen is a lazy route: its code is split into WASM chunks (`cargo leptos
// build --split`) that the browser fetches only when the screen is opened, so the portal and
// the back office never weigh on a citizen's phone, and the catalog's first load carries only
// the catalog. The server renders every screen in full either way.
//
// The screens come in four groups, one split point each: the public screens, the account
// screens, the portal's and the back office's. The splitter gives every set of split points
// that shares some code a file of its own, with no floor on its size: 27 split points made
// 1,181 files (a staff page fetched over a hundred) and a loader of 206 KB in every first load;
// seven made 28 files for a staff page. Four make at most eight files past the first load's.

/// A group of screens that share one split point: a `#[lazy]` function that draws the screen it
/// is given, and a route type per screen that calls it, so the route table still names each
/// screen and the screen is known from the route, not read back from the address bar.
macro_rules! grouped_screens {
    ($group:ident, $preload:ident: $($route:ident => $screen:expr),* $(,)?) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $group($screen).await
            }

            async fn preload() {
                // Only the browser's build has the split point to fetch.
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    )*};
}

/// The public screens a citizen opens from the catalog or from a stamp's QR code. The stamp
/// check is readable from the server's HTML before any of this arrives.
#[derive(Clone, Copy)]
enum PublicScreen {
    Producer,
    Product,
    Statistics,
    Verify,
}

#[lazy]
fn public_screens(screen: PublicScreen) -> AnyView {
    match screen {
        PublicScreen::Producer => producer::ProducerPage().into_any(),
        PublicScreen::Product => product::ProductPage().into_any(),
        PublicScreen::Statistics => statistics::StatisticsPage().into_any(),
        PublicScreen::Verify => verify::VerifyPage().into_any(),
    }
}

grouped_screens! {
    public_screens, __preload_public_screens:
    ProducerRoute => PublicScreen::Producer,
    ProductRoute => PublicScreen::Product,
    StatisticsRoute => PublicScreen::Statistics,
    VerifyRoute => PublicScreen::Verify,
}

/// Signing in, up and back: light, as a producer's first screen.
#[derive(Clone, Copy)]
enum AccountScreen {
    SignIn,
    SignUp,
    ConfirmAddress,
    ForgotPassword,
    ResetPassword,
}

#[lazy]
fn account_screens(screen: AccountScreen) -> AnyView {
    match screen {
        AccountScreen::SignIn => sign_in::SignInPage().into_any(),
        AccountScreen::SignUp => sign_up::SignUpPage().into_any(),
        AccountScreen::ConfirmAddress => confirm_address::ConfirmAddressPage().into_any(),
        AccountScreen::ForgotPassword => forgot_password::ForgotPasswordPage().into_any(),
        AccountScreen::ResetPassword => reset_password::ResetPasswordPage().into_any(),
    }
}

grouped_screens! {
    account_screens, __preload_account_screens:
    SignInRoute => AccountScreen::SignIn,
    SignUpRoute => AccountScreen::SignUp,
    ConfirmAddressRoute => AccountScreen::ConfirmAddress,
    ForgotPasswordRoute => AccountScreen::ForgotPassword,
    ResetPasswordRoute => AccountScreen::ResetPassword,
}

/// The producer's portal, signed in.
#[derive(Clone, Copy)]
enum PortalScreen {
    Account,
    ProducerProfile,
    MyProducts,
    SelfAssessment,
    Notifications,
    StampSheet,
    Certificate,
}

#[lazy]
fn portal_screens(screen: PortalScreen) -> AnyView {
    match screen {
        PortalScreen::Account => account::AccountPage().into_any(),
        PortalScreen::ProducerProfile => producer_profile::ProducerProfilePage().into_any(),
        PortalScreen::MyProducts => my_products::MyProductsPage().into_any(),
        PortalScreen::SelfAssessment => self_assessment::SelfAssessmentPage().into_any(),
        PortalScreen::Notifications => notifications::NotificationsPage().into_any(),
        PortalScreen::StampSheet => stamp_sheet::StampSheetPage().into_any(),
        PortalScreen::Certificate => certificate::CertificatePage().into_any(),
    }
}

grouped_screens! {
    portal_screens, __preload_portal_screens:
    AccountRoute => PortalScreen::Account,
    ProducerProfileRoute => PortalScreen::ProducerProfile,
    MyProductsRoute => PortalScreen::MyProducts,
    SelfAssessmentRoute => PortalScreen::SelfAssessment,
    NotificationsRoute => PortalScreen::Notifications,
    StampSheetRoute => PortalScreen::StampSheet,
    CertificateRoute => PortalScreen::Certificate,
}

/// The back office (`/can-bo/…`).
#[derive(Clone, Copy)]
enum BackOfficeScreen {
    Inbox,
    Staff,
    Rounds,
    Round,
    Reports,
    Imports,
    DeletedRecords,
    ProducerRecord,
    ProductRecord,
    CouncilSheet,
    Dossier,
}

#[lazy]
fn back_office_screens(screen: BackOfficeScreen) -> AnyView {
    match screen {
        BackOfficeScreen::Inbox => staff_inbox::StaffInboxPage().into_any(),
        BackOfficeScreen::Staff => staff_admin::StaffAdminPage().into_any(),
        BackOfficeScreen::Rounds => rounds::RoundsPage().into_any(),
        BackOfficeScreen::Round => round::RoundPage().into_any(),
        BackOfficeScreen::Reports => reports::ReportsPage().into_any(),
        BackOfficeScreen::Imports => import_list::ImportListPage().into_any(),
        BackOfficeScreen::DeletedRecords => deleted_records::DeletedRecordsPage().into_any(),
        BackOfficeScreen::ProducerRecord => producer_record::ProducerRecordPage().into_any(),
        BackOfficeScreen::ProductRecord => product_record::ProductRecordPage().into_any(),
        BackOfficeScreen::CouncilSheet => council_sheet::CouncilSheetPage().into_any(),
        BackOfficeScreen::Dossier => staff_dossier::StaffDossierPage().into_any(),
    }
}

grouped_screens! {
    back_office_screens, __preload_back_office_screens:
    StaffInboxRoute => BackOfficeScreen::Inbox,
    StaffAdminRoute => BackOfficeScreen::Staff,
    RoundsRoute => BackOfficeScreen::Rounds,
    RoundRoute => BackOfficeScreen::Round,
    ReportsRoute => BackOfficeScreen::Reports,
    ImportListRoute => BackOfficeScreen::Imports,
    DeletedRecordsRoute => BackOfficeScreen::DeletedRecords,
    ProducerRecordRoute => BackOfficeScreen::ProducerRecord,
    ProductRecordRoute => BackOfficeScreen::ProductRecord,
    CouncilSheetRoute => BackOfficeScreen::CouncilSheet,
    StaffDossierRoute => BackOfficeScreen::Dossier,
}

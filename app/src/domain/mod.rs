//! The programme's rules in plain Rust, shared by the browser (live previews) and the server
//! (the authoritative result). No Leptos, no I/O.

pub mod certificate;
pub mod council;
pub mod criteria;
pub mod dossier;
pub mod folding;
pub mod product_code;
pub mod scoring;

pub use certificate::{
    certificate_status_on, expires_on, rerating_window, rerating_window_state, status as certificate_status,
    status_from_year, CertificateStatus, RevocationGround, WindowState,
};
pub use council::{council_result, CouncilError, CouncilResult, FarApart, MemberScore};
pub use criteria::{CriteriaSetDoc, Criterion, ScoreOption, ScoreSheet, SheetError, SheetPart};
pub use dossier::{
    allowed_actions, may_open, next_state, DossierAction, DossierKind, DossierState, OpenDossierError, Role,
    TransitionError,
};
pub use folding::{fold, fold_words, slug};
pub use product_code::{ProductCode, ProductCodeError};
pub use scoring::{assess, Assessment, Choices, PartTotal, Requirement, ScoringError, Stars};

//! The programme's rules in plain Rust, shared by the browser (live previews) and the server
//! (the authoritative result). No Leptos, no I/O, no clock: "today" is always a parameter.

/// Sign-in names, passwords, tax codes and the lock after repeated failed sign-ins.
pub mod account;
/// Certificate validity, status, the re-rating window and revocation grounds.
pub mod certificate;
mod certificate_record;
/// Enums written by one code in forms, addresses, JSON and the database.
pub(crate) mod coded;
/// The council result: average, band, members too far apart, quorum, national referral.
pub mod council;
/// Criteria sets and score sheets as data, and the checks they must pass at load.
pub mod criteria;
/// Decisions: recognition, referral to the national council, revocation.
pub mod decision;
/// Excluding a dossier before scoring on one of its sheet's grounds.
pub mod disqualification;
/// The dossier state machine, who may make each move, and which dossiers may be opened.
pub mod dossier;
/// Evidence documents: kinds, accepted file types judged by content, size limits.
pub mod evidence;
/// Vietnamese text folding for search, matching and slugs.
pub mod folding;
/// The producer's way to a certificate, as a checklist.
pub mod next_steps;
/// Product photos: accepted files, the widths kept, their addresses.
pub mod photo;
/// Producer kinds and the profile a producer files under.
pub mod producer;
/// The product code `48-20194-0001-2026`.
pub mod product_code;
/// Records staff edit, and what an edit changed.
pub mod record;
/// Evaluation rounds: dates, seats, the council's readiness and members' notes.
pub mod round;
/// The councils' half-yearly terms: when rounds close for the dossiers that reached them.
pub mod round_terms;
/// A product's score out of 100 to the hundredth, as read, written and stored.
pub mod score;
/// The scoring engine: choices → totals, band and the rating after minimum requirements.
pub mod scoring;
/// Staff posts and their reach, the commune's review (Mẫu 03) and working-day deadlines.
pub mod staff;

pub use account::{
    display_name, AccountInputError, NewPassword, SignInName, SignInThrottle, TaxCode, FREE_FAILURES_BY_NAME,
    FREE_FAILURES_BY_SOURCE, RESET_LINK_SECONDS, SESSION_IDLE_SECONDS,
};
pub use certificate::{
    status as certificate_status, status_from_year, Certificate, CertificateStatus, ReratingReminder, RevocationGround,
    StatusBounds, ValidUntil, WindowState,
};
pub use certificate_record::CertificateRecord;
pub use council::{council_result, CouncilError, CouncilResult, MemberScore};
pub use criteria::{
    CriteriaSetDoc, Criterion, EarlierCriteriaSet, Industry, PartSummary, ProductGroup, ScoreOption, ScoreSheet,
    SheetError, SheetPart, StarBand,
};
pub use decision::{
    after_central_scoring, certifiable_stars, certificate_number, may_refer, revoked_by, Decision, DecisionError,
    Issuer, Revocation, RevocationFinding,
};
pub use disqualification::{Disqualification, DisqualificationError, Disqualifier};
pub use dossier::{
    allowed_actions, may_open, next_state, DossierAction, DossierKind, DossierState, OpenDossierError, Role,
    TransitionError,
};
pub use evidence::{
    check_file, DocumentKind, EvidenceRefusal, FileType, MAX_DOSSIER_BYTES, MAX_FILE_BYTES, MAX_PRODUCER_BYTES,
};
pub use folding::{fold, fold_words, one_slip_away, slug, worth_correcting};
pub use next_steps::{next_steps, DossierProgress, ProducerStep};
pub use photo::{
    check_photo, kept_widths, PhotoRefusal, ProductPhoto, MAX_PHOTOS, MAX_PHOTO_BYTES, MIN_PHOTO_WIDTH, PHOTO_WIDTHS,
};
pub use producer::{FieldError, ProducerKind, Profile, ProfileForm, Refusals};
pub use product_code::{CodePart, ProductCode, ProductCodeError};
pub use record::{
    deletion_reason, points_of_sale, FieldChange, PointOfSale, ProducerRecord, ProductRecord, DELETION_FIELD,
    MAX_DELETION_REASON, MAX_DESCRIPTION, MAX_POINTS_OF_SALE, MAX_POINT_OF_SALE_CHARS, PHOTOS_FIELD,
    REVOCATION_DECISION_FIELD, REVOCATION_FIELD, REVOCATION_FINDING_FIELD,
};
pub use round::{
    council_ready, criterion_notes, Closing, CouncilOf, RoundError, RoundMode, RoundPlan, Seat, MAX_CRITERION_NOTE,
    MIN_COUNCIL_MEMBERS,
};
pub use round_terms::{CouncilLevel, RoundTerm};
pub use score::{decimal_separator, Score, ScoreError};
pub use scoring::{assess, Assessment, Choices, Requirement, ScoringError, Stars};
pub use staff::{
    is_working_day, note_text, return_reason, step_comment, step_deadline, step_deadline_words,
    unannounced_year_between, working_days_after, CommunePoint, CommuneReview, DossierPlace, NoteKind, PointFinding,
    ReviewError, StaffPost, StaffPostError, StepDates, COMMUNE_REVIEW_WORKING_DAYS, RERATING_DECISION_DAYS,
};

#[cfg(test)]
mod tests {
    use serde::Serialize;

    /// Every value of `T` is written the same by serde (JSON, stored codes) and by strum (forms,
    /// addresses, stored codes): one encoding, whichever path a value takes.
    fn one_encoding<T>(values: &[T], codes: impl Fn(T) -> &'static str)
    where
        T: Serialize + Copy + std::fmt::Debug + std::str::FromStr + PartialEq,
    {
        for value in values {
            let serde = serde_json::to_value(value).unwrap();
            assert_eq!(serde.as_str(), Some(codes(*value)), "{value:?}");
            assert!(codes(*value).parse::<T>().is_ok_and(|back| back == *value), "{value:?} reads back");
        }
    }

    #[test]
    fn serde_and_the_enum_codes_agree() {
        use super::*;
        use crate::model::{SortOrder, StatusFilter};
        one_encoding(&Seat::ALL, Seat::code);
        one_encoding(&RoundMode::ALL, RoundMode::code);
        one_encoding(&ProducerKind::ALL, ProducerKind::code);
        one_encoding(&RevocationGround::ALL, RevocationGround::code);
        one_encoding(&DocumentKind::ALL, DocumentKind::code);
        one_encoding(&DossierKind::ALL, DossierKind::code);
        one_encoding(&Role::ALL, Role::code);
        one_encoding(&DossierAction::ALL, DossierAction::code);
        one_encoding(&CommunePoint::ALL, CommunePoint::code);
        one_encoding(&NoteKind::ALL, NoteKind::code);
        one_encoding(&StatusFilter::ALL, StatusFilter::code);
        one_encoding(&SortOrder::ALL, SortOrder::code);
    }
}

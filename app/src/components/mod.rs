//! Pieces shared by several screens, one file each.

mod account_menu;
mod bar_chart;
mod certificate_card;
mod evidence_list;
mod form_field;
mod language_switch;
mod loaded_or_not_found;
mod not_found_status;
mod page_title;
mod place_chooser;
mod portal_refusal;
mod product_card;
mod province_map;
mod score_sheet;
mod staff_tabs;
mod stars;
mod status_badge;
mod timeline;

pub use account_menu::{AccountMenu, SessionChanges};
pub use bar_chart::BarChart;
pub use certificate_card::CertificateCard;
pub use evidence_list::EvidenceList;
pub use form_field::{action_error, FormError, FormField, FormSelect, FormTextArea};
pub use language_switch::LanguageSwitch;
pub use loaded_or_not_found::LoadedOrNotFound;
pub use not_found_status::set_not_found_status;
pub use page_title::PageTitle;
pub use place_chooser::PlaceChooser;
pub use portal_refusal::portal_refusal;
pub use product_card::ProductCard;
pub use province_map::ProvinceMap;
pub use score_sheet::{SheetEditor, SheetOwner};
pub use staff_tabs::StaffTabs;
pub use stars::StarRating;
pub use status_badge::{status_text, StatusBadge};
pub use timeline::Timeline;

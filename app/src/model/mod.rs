//! Types that cross the wire between server functions and screens. They carry only what a
//! screen shows: no internal keys, no secrets.

mod account;
mod catalog;
mod dossier;
mod format;
mod import;
mod producer_profile;
mod product;
mod reports;
mod staff;
mod statistics;

pub use account::*;
pub use catalog::*;
pub use dossier::*;
pub use format::*;
pub use import::*;
pub use producer_profile::*;
pub use product::*;
pub use reports::*;
pub use staff::*;
pub use statistics::*;

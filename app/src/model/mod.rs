//! Types that cross the wire between server functions and screens. They carry only what a
//! screen shows: no internal keys, no secrets.

mod account;
mod catalog;
mod format;
mod product;
mod statistics;

pub use account::*;
pub use catalog::*;
pub use format::*;
pub use product::*;
pub use statistics::*;

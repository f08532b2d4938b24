//! Types that cross the wire between server functions and screens. They carry only what a
//! screen shows: no internal keys, no secrets.

mod catalog;
mod format;
mod product;
mod statistics;

pub use catalog::*;
pub use format::*;
pub use product::*;
pub use statistics::*;

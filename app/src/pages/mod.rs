//! Screens, one file each.

mod home;
mod not_found;
mod producer;
mod product;
mod statistics;
mod verify;

pub use home::HomePage;
pub use not_found::NotFound;
pub use producer::ProducerPage;
pub use product::ProductPage;
pub use statistics::StatisticsPage;
pub use verify::VerifyPage;

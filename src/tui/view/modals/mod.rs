//! The boxes drawn over a screen, one file each. `layers::stack` decides
//! which are open and in which order; `view::render` draws them bottom up.

pub mod confirm;
pub mod duplicate;
pub mod error;
pub mod goto;
pub mod help;
pub mod info;
pub mod member;
pub mod org;
pub mod palette;
pub mod quantities;
pub mod save_report;
pub mod token;
pub mod workspace;

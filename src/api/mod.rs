//! The client side of the contract.

pub mod accounts;
pub mod admin;
pub mod billing;
pub mod budget;
pub mod budget_file;
pub mod client;
mod client_as;
pub mod error;
mod http;
pub mod journal;
pub mod log;
pub mod lookup;
pub mod model;
pub mod options;
pub mod orgs;
pub mod scheduler;
pub mod seen;
mod token;
#[cfg(all(unix, not(target_vendor = "apple")))]
pub mod trust;
pub mod write;
pub mod writes;

pub use billing::AccountRef;
pub use client::{ApiClient, ClientOptions, Token};
pub use error::{ApiError, ErrorBody};
pub use log::{ApiLogEntry, Observer};
pub use seen::{Seen, Witness};

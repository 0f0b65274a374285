//! alto: a terminal admin console for the Altostrat SDX API.
//!
//! The library holds everything the `alto` binary does, so `tests/` can drive
//! it: the contract's types and client (`api`), the one table of rules
//! (`rules`), the embedded sandbox server (`sandbox`), configuration
//! (`config`, `paths`) and the non-interactive commands (`cli`).

pub mod api;
pub mod cli;
pub mod config;
pub mod countries;
pub mod import;
pub mod index;
pub mod inert;
pub mod logging;
pub mod matcher;
pub mod money;
pub mod paths;
pub mod rules;
pub mod sandbox;
pub mod sheet;
pub mod token;
pub mod tree;
pub mod tui;

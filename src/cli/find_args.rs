//! The arguments of `alto find` and `alto cache`.

use super::*;

#[derive(Debug, Args)]
pub struct FindArgs {
    /// What to look for: an email, a name (fuzzy, any case or accent), a cus_ id, a phone number, a postal code, a workspace
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Search only what is indexed, at once (no request; no token needed)
    #[arg(long)]
    pub cached: bool,
    /// Show at most N results
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Where the index is, its size, how much of the tenant it holds and how old
    Status,
    /// Remove the index (every profile's): it holds customer data
    Clear,
}

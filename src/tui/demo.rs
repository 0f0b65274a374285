//! What the console knows of the demo (`--demo`: the sandbox inside the
//! process): its token and who the token is. The only console file that
//! reads the sandbox; the sandbox itself is started by `alto`'s CLI.

/// The token the demo's sandbox takes (never a user's).
pub fn token() -> crate::api::Token {
    crate::api::Token::new(crate::sandbox::DEMO_TOKEN)
}

/// The user the demo's token signs in as (its member rows are "you").
pub const CALLER: &str = crate::sandbox::store::CALLER;

//! The arguments of `alto accounts …`: the account commands and the fields
//! of a billing account as flags.

use super::*;

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// List a workspace's billing accounts
    List {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        #[command(flatten)]
        out: ListOutput,
    },
    /// Show one billing account
    Get {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a billing account (checked before anything is sent; sent once)
    Create {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        #[command(flatten)]
        fields: AccountFields,
        /// Create it even when the workspace holds an account with the same email or name
        #[arg(long)]
        allow_duplicate: bool,
        /// Read the body from a JSON file; flags override its fields
        #[arg(long, value_name = "FILE")]
        from_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Create billing accounts from a CSV file: every row checked first, each sent at most once (a journal survives a kill; --resume)
    Import(ImportArgs),
    /// Change the given fields of a billing account (an empty value clears an optional one)
    Update {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[command(flatten)]
        fields: AccountFields,
        #[arg(long)]
        json: bool,
    },
    /// Delete a billing account (asks first unless --yes)
    Delete {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Default, Args)]
pub struct AccountFields {
    /// Name (required, at most 100 characters)
    #[arg(long)]
    pub name: Option<String>,
    /// Billing email (required, at most 150 characters)
    #[arg(long)]
    pub email: Option<String>,
    /// Phone (at most 50 characters)
    #[arg(long)]
    pub phone: Option<String>,
    /// Description (at most 200 characters)
    #[arg(long)]
    pub description: Option<String>,
    /// usd, zar, eur, gbp or aud [default: the workspace's]
    #[arg(long)]
    pub currency: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. US, GB, ZA
    #[arg(long)]
    pub country: Option<String>,
    /// Address line 1
    #[arg(long)]
    pub line1: Option<String>,
    /// Address line 2
    #[arg(long)]
    pub line2: Option<String>,
    /// City
    #[arg(long)]
    pub city: Option<String>,
    /// State or province
    #[arg(long)]
    pub state: Option<String>,
    /// Postal code
    #[arg(long)]
    pub postal_code: Option<String>,
}

impl AccountFields {
    /// The flags given, by field. Currency and country are case-normalised:
    /// the API wants `eur` and `GB`, people type `EUR` and `gb`.
    pub fn given(&self) -> Vec<(Field, String)> {
        let all = [
            (Field::Name, &self.name),
            (Field::Email, &self.email),
            (Field::Phone, &self.phone),
            (Field::Description, &self.description),
            (Field::Currency, &self.currency),
            (Field::Country, &self.country),
            (Field::Line1, &self.line1),
            (Field::Line2, &self.line2),
            (Field::City, &self.city),
            (Field::State, &self.state),
            (Field::PostalCode, &self.postal_code),
        ];
        all.into_iter()
            .filter_map(|(f, v)| v.as_ref().map(|v| (f, crate::rules::normalise(f, v))))
            .collect()
    }
}

/// `alto accounts import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
    pub workspace: String,
    /// The CSV: a header of the contract's names (name,email,phone,description,currency,country,line1,line2,city,state,postal_code)
    pub file: PathBuf,
    /// Check everything (the rows, duplicates, the workspace's cap) and stop: nothing is sent
    #[arg(long)]
    pub dry_run: bool,
    /// Send the valid rows even when others are broken (those are listed and skipped)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Carry on an import that stopped: rows whose outcome is unknown are looked up before anything is sent
    #[arg(long)]
    pub resume: bool,
    /// Write the summary CSV (line,status,id,message) here rather than to stdout
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

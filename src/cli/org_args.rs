//! The `alto orgs` commands and the flags of an organization body.

use super::*;

#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// List a workspace's organizations as a tree (parents before children)
    List {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        #[command(flatten)]
        out: ListOutput,
    },
    /// Show one organization with its usage, limits and branding
    Get {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Show an organization's capacity per product: used, free, the limit that binds and where it comes from
    Limits {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Show an organization's parent (a top-level one has none: exit 3, 404)
    Parent {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a top-level organization (a billing account is required in single and assigned modes, refused in pooled)
    Create {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        #[command(flatten)]
        fields: OrgFields,
        #[arg(long)]
        json: bool,
    },
    /// Create a child organization under PARENT (at most 10 levels, 100 children)
    Child {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        /// The parent organization's id
        parent: String,
        #[command(flatten)]
        fields: OrgFields,
        #[arg(long)]
        json: bool,
    },
    /// Change the given fields (limits merge per product; --limit P=none removes one)
    Update {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[command(flatten)]
        fields: OrgFields,
        #[arg(long)]
        json: bool,
    },
    /// Delete an organization and its children (refused while any has usage; asks first unless --yes)
    Delete {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Save the usage report of every organization as a PDF
    #[command(name = "usage-pdf")]
    UsagePdf {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        /// Where to write it; `-` is standard output (only when it is not a terminal)
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// Replace FILE if it exists (never done without this)
        #[arg(long)]
        force: bool,
    },
}

/// The fields of an organization body.
#[derive(Debug, Clone, Default, Args)]
pub struct OrgFields {
    /// Name (required on create, at most 50 characters)
    #[arg(long)]
    pub name: Option<String>,
    /// The billing account (cus_…) of a top-level organization; "" sends null
    #[arg(long, value_name = "ID")]
    pub billing_account: Option<String>,
    /// A limit, PRODUCT=N (locations, users, sso; 0 disables, `none` is no limit); repeatable
    #[arg(long = "limit", value_name = "PRODUCT=N")]
    pub limits: Vec<String>,
    /// An https URL or a data: URI of a JPEG, PNG or GIF under 2 MB; "" removes it
    #[arg(long, value_name = "URL")]
    pub picture: Option<String>,
    /// The login page's display name (at most 255 characters)
    #[arg(long)]
    pub display_name: Option<String>,
    /// The login page's hint (at most 255 characters)
    #[arg(long)]
    pub login_hint: Option<String>,
    /// The login page's primary colour, #RGB or #RRGGBB
    #[arg(long, value_name = "COLOR")]
    pub primary_color: Option<String>,
    /// The login page's background colour, #RGB or #RRGGBB
    #[arg(long, value_name = "COLOR")]
    pub page_background: Option<String>,
}

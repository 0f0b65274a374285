//! What counts as the same billing account, for the guard that runs
//! before a create (console and CLI) and, later, the index across
//! workspaces: the same email (case-insensitive) or the same name (white
//! space collapsed, case-insensitive).

use crate::api::model::BillingAccount;

/// Why an existing account looks like the one about to be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Same {
    Email,
    Name,
}

impl Same {
    pub fn word(&self) -> &'static str {
        match self {
            Same::Email => "the same email",
            Same::Name => "the same name",
        }
    }
}

/// An email as compared: trimmed, lower case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A name as compared: words separated by one space, lower case.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The existing accounts that look like a new one with `name` and
/// `email`, each with why (the email first when both match).
pub fn matches<'a>(
    accounts: &'a [BillingAccount],
    name: &str,
    email: &str,
) -> Vec<(&'a BillingAccount, Same)> {
    let (name, email) = (name_key(name), email_key(email));
    accounts
        .iter()
        .filter_map(|a| {
            if !email.is_empty() && email_key(&a.email) == email {
                Some((a, Same::Email))
            } else if !name.is_empty() && name_key(&a.name) == name {
                Some((a, Same::Name))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, name: &str, email: &str) -> BillingAccount {
        serde_json::from_value(serde_json::json!({
            "id": id, "workspace_id": "ws", "name": name, "email": email,
            "created_at": "", "updated_at": "",
        }))
        .unwrap()
    }

    #[test]
    fn the_same_email_in_any_case_or_the_same_name_in_any_spacing() {
        let list = [
            account("cus_1", "ACME  Corp", "Billing@ACME.example"),
            account("cus_2", "Globex", "ap@globex.example"),
        ];
        let m = matches(&list, "Other", " billing@acme.EXAMPLE ");
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].0.id.as_str(), &m[0].1), ("cus_1", &Same::Email));
        let m = matches(&list, " acme corp ", "new@acme.example");
        assert_eq!(m[0].1, Same::Name);
        assert!(matches(&list, "ACME Corporation", "new@acme.example").is_empty());
        assert!(matches(&list, "", "").is_empty());
    }
}

//! The billing account's fields: the rule table, one field's check, the
//! whole body's validation and the PATCH builder.

use super::is_email;
use crate::api::model::{
    Address, BillingAccount, Currency, NewBillingAccount, UpdateBillingAccount,
};
use crate::countries;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every field a user can fill when creating a billing account, in form order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Name,
    Email,
    Phone,
    Description,
    Currency,
    Country,
    Line1,
    Line2,
    City,
    State,
    PostalCode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Email,
    Currency,
    Country,
}

/// One row of the table.
#[derive(Debug)]
pub struct Rule {
    pub field: Field,
    /// The key in request bodies and in 422 `errors` (nested keys dotted).
    pub key: &'static str,
    /// What messages call the field.
    pub label: &'static str,
    pub required: bool,
    /// Maximum length in code points after trimming.
    pub max: Option<usize>,
    pub kind: Kind,
}

const fn rule(
    field: Field,
    key: &'static str,
    label: &'static str,
    required: bool,
    max: Option<usize>,
    kind: Kind,
) -> Rule {
    Rule {
        field,
        key,
        label,
        required,
        max,
        kind,
    }
}

/// The table. Name, email, phone and description limits are the reference's;
/// the address limits are the contract's `x-assumed` ones.
pub const RULES: [Rule; 11] = [
    rule(Field::Name, "name", "name", true, Some(100), Kind::Text),
    rule(Field::Email, "email", "email", true, Some(150), Kind::Email),
    rule(Field::Phone, "phone", "phone", false, Some(50), Kind::Text),
    rule(
        Field::Description,
        "description",
        "description",
        false,
        Some(200),
        Kind::Text,
    ),
    rule(
        Field::Currency,
        "currency",
        "currency",
        false,
        None,
        Kind::Currency,
    ),
    rule(
        Field::Country,
        "address.country",
        "country",
        false,
        Some(2),
        Kind::Country,
    ),
    rule(
        Field::Line1,
        "address.line1",
        "address line 1",
        false,
        Some(200),
        Kind::Text,
    ),
    rule(
        Field::Line2,
        "address.line2",
        "address line 2",
        false,
        Some(200),
        Kind::Text,
    ),
    rule(
        Field::City,
        "address.city",
        "city",
        false,
        Some(100),
        Kind::Text,
    ),
    rule(
        Field::State,
        "address.state",
        "state",
        false,
        Some(100),
        Kind::Text,
    ),
    rule(
        Field::PostalCode,
        "address.postal_code",
        "postal code",
        false,
        Some(20),
        Kind::Text,
    ),
];

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Description,
        Field::Currency,
        Field::Country,
        Field::Line1,
        Field::Line2,
        Field::City,
        Field::State,
        Field::PostalCode,
    ];

    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
    pub fn key(self) -> &'static str {
        self.rule().key
    }
    pub fn label(self) -> &'static str {
        self.rule().label
    }
    /// The label on a row of its own, in the form and the detail pane
    /// ("Line 1" under the Address heading, "Postal code").
    pub fn title(self) -> String {
        match self {
            Field::Line1 => "Line 1".into(),
            Field::Line2 => "Line 2".into(),
            other => {
                let mut c = other.label().chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        }
    }
    /// The CLI's name for it ("line1", "postal code"): the key without
    /// its `address.` prefix.
    pub fn short_name(self) -> String {
        self.key().trim_start_matches("address.").replace('_', " ")
    }
    pub fn max_len(self) -> Option<usize> {
        self.rule().max
    }
    pub fn required(self) -> bool {
        self.rule().required
    }
    pub fn is_address(self) -> bool {
        self.key().starts_with("address.")
    }
    /// The field a 422 `errors` key refers to (`address.country` → Country).
    pub fn from_key(key: &str) -> Option<Field> {
        RULES.iter().find(|r| r.key == key).map(|r| r.field)
    }
}

/// A broken rule: which field, and the message to show under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub field: Field,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.key(), self.message)
    }
}

/// Checks one field's value as typed. Empty optional fields pass: they are
/// omitted from the request.
pub fn check(field: Field, raw: &str) -> Result<(), String> {
    let r = field.rule();
    let Some(value) = super::present(r.label, raw, r.required)? else {
        return Ok(());
    };
    match r.kind {
        Kind::Currency => {
            return match Currency::from_code(value) {
                Some(_) => Ok(()),
                None => Err(format!(
                    "The selected currency is invalid: use one of {} (lower case), or leave it empty for the workspace default.",
                    Currency::ALL.map(Currency::code).join(", ")
                )),
            };
        }
        Kind::Country => {
            if countries::by_code(value).is_some() {
                return Ok(());
            }
            let mut msg = "The country field must be an ISO 3166-1 alpha-2 code such as US or GB."
                .to_string();
            if let Some(c) = countries::hint(value) {
                msg.push_str(&format!(" Did you mean {} ({})?", c.code, c.name));
            }
            return Err(msg);
        }
        Kind::Email | Kind::Text => {}
    }
    if let Some(max) = r.max {
        super::at_most(r.label, value, max)?;
    }
    if r.kind == Kind::Email && !is_email(value) {
        return Err(format!(
            "The {} field must be a valid email address.",
            r.label
        ));
    }
    Ok(())
}

/// What a user typed for a new billing account, one string per field
/// (empty means absent). The form, the CLI and the sandbox all build one of
/// these and call [`AccountInput::validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub description: String,
    pub currency: String,
    pub country: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
}

impl AccountInput {
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Email => &self.email,
            Field::Phone => &self.phone,
            Field::Description => &self.description,
            Field::Currency => &self.currency,
            Field::Country => &self.country,
            Field::Line1 => &self.line1,
            Field::Line2 => &self.line2,
            Field::City => &self.city,
            Field::State => &self.state,
            Field::PostalCode => &self.postal_code,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Name => &mut self.name,
            Field::Email => &mut self.email,
            Field::Phone => &mut self.phone,
            Field::Description => &mut self.description,
            Field::Currency => &mut self.currency,
            Field::Country => &mut self.country,
            Field::Line1 => &mut self.line1,
            Field::Line2 => &mut self.line2,
            Field::City => &mut self.city,
            Field::State => &mut self.state,
            Field::PostalCode => &mut self.postal_code,
        }
    }

    /// Every broken rule, in form order.
    pub fn violations(&self) -> Vec<Violation> {
        Field::ALL
            .into_iter()
            .filter_map(|field| {
                check(field, self.get(field))
                    .err()
                    .map(|message| Violation { field, message })
            })
            .collect()
    }

    /// The request body: trimmed, empty optional fields omitted, or every
    /// broken rule at once.
    pub fn validate(&self) -> Result<NewBillingAccount, Vec<Violation>> {
        let violations = self.violations();
        if !violations.is_empty() {
            return Err(violations);
        }
        let opt = |f: Field| {
            Some(self.get(f).trim())
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let address = Address {
            country: opt(Field::Country),
            line1: opt(Field::Line1),
            line2: opt(Field::Line2),
            city: opt(Field::City),
            state: opt(Field::State),
            postal_code: opt(Field::PostalCode),
        };
        Ok(NewBillingAccount {
            name: self.name.trim().to_string(),
            email: self.email.trim().to_string(),
            phone: opt(Field::Phone),
            description: opt(Field::Description),
            currency: opt(Field::Currency).and_then(|c| Currency::from_code(&c)),
            address: (!address.is_empty()).then_some(address),
        })
    }
}

impl AccountInput {
    /// The values an existing account has, as the form shows them.
    pub fn from_account(a: &BillingAccount) -> AccountInput {
        let addr = a.address.clone().unwrap_or_default();
        let s = |v: Option<String>| v.unwrap_or_default();
        AccountInput {
            name: a.name.clone(),
            email: a.email.clone(),
            phone: s(a.phone.clone()),
            description: s(a.description.clone()),
            currency: s(a.currency.clone()),
            country: s(addr.country),
            line1: s(addr.line1),
            line2: s(addr.line2),
            city: s(addr.city),
            state: s(addr.state),
            postal_code: s(addr.postal_code),
        }
    }

    /// The fields whose (trimmed) value differs from `original`: what a
    /// PATCH should send, and nothing else.
    pub fn changes_from(&self, original: &AccountInput) -> Vec<(Field, String)> {
        Field::ALL
            .into_iter()
            .filter(|f| self.get(*f).trim() != original.get(*f).trim())
            .map(|f| (f, self.get(f).to_string()))
            .collect()
    }
}

/// Builds a PATCH body from the fields the user wants to change. An empty
/// value clears an optional field (sent as `null`); required fields and the
/// country cannot be cleared, and the currency cannot be changed at all.
pub fn validate_patch(changes: &[(Field, String)]) -> Result<UpdateBillingAccount, Vec<Violation>> {
    let mut out = UpdateBillingAccount::default();
    let mut violations = Vec::new();
    let mut address = serde_json::Map::new();
    for (field, raw) in changes {
        let field = *field;
        if field == Field::Currency {
            violations.push(Violation {
                field,
                message: "The currency cannot be changed after the account is created.".into(),
            });
            continue;
        }
        if field == Field::Country && raw.trim().is_empty() {
            violations.push(Violation {
                field,
                message: "The country field cannot be cleared; give an ISO 3166-1 alpha-2 code."
                    .into(),
            });
            continue;
        }
        if let Err(message) = check(field, raw) {
            violations.push(Violation { field, message });
            continue;
        }
        let value = raw.trim().to_string();
        let nullable = Some(value.clone()).filter(|v| !v.is_empty());
        match field {
            Field::Name => out.name = Some(value),
            Field::Email => out.email = Some(value),
            Field::Phone => out.phone = Some(nullable),
            Field::Description => out.description = Some(nullable),
            _ => {
                let key = field.key().trim_start_matches("address.").to_string();
                address.insert(key, nullable.map_or(serde_json::Value::Null, Into::into));
            }
        }
    }
    if !address.is_empty() {
        out.address = Some(address);
    }
    if violations.is_empty() {
        Ok(out)
    } else {
        Err(violations)
    }
}

/// Messages by field key (`name`, `address.country`), as in a 422 body.
pub type FieldErrors = std::collections::BTreeMap<String, Vec<String>>;

/// Fields that may be sent as `null` (the contract's `nullable: true`).
pub fn nullable(field: Field) -> bool {
    !field.required() && !matches!(field, Field::Currency | Field::Country)
}

/// Reads a JSON request body (the sandbox's, or the CLI's `--from-file`) into
/// `(field, value)` pairs for the fields present, with the framework's
/// messages for values of the wrong type. `null` reads as "" where the
/// contract allows it. Unknown keys are ignored, as the server does.
pub fn fields_from_json(
    value: &serde_json::Value,
) -> Result<(Vec<(Field, String)>, FieldErrors), String> {
    use serde_json::Value;
    let Value::Object(obj) = value else {
        return Err("The request body must be a JSON object.".into());
    };
    let mut errors = FieldErrors::new();
    let empty = serde_json::Map::new();
    let address = match obj.get("address") {
        None => &empty,
        Some(Value::Object(m)) => m,
        Some(_) => {
            errors.insert(
                "address".into(),
                vec!["The address field must be an object.".into()],
            );
            &empty
        }
    };
    let mut present = Vec::new();
    for field in Field::ALL {
        let key = field.key();
        let value = match key.strip_prefix("address.") {
            Some(sub) => address.get(sub),
            None => obj.get(key),
        };
        match value {
            None => {}
            // A field that cannot be null cannot be blank either: "" is not
            // a currency or a country code (only name and email say
            // "required"; the others are simply invalid).
            Some(Value::String(s))
                if s.trim().is_empty() && !nullable(field) && !field.required() =>
            {
                errors.insert(
                    key.into(),
                    vec![format!(
                        "The {} field must not be empty when present.",
                        field.label()
                    )],
                );
            }
            Some(Value::String(s)) => present.push((field, s.clone())),
            Some(Value::Null) if nullable(field) => present.push((field, String::new())),
            Some(_) => {
                errors.insert(
                    key.into(),
                    vec![format!("The {} field must be a string.", field.label())],
                );
            }
        }
    }
    Ok((present, errors))
}

/// Case fixes that cannot change meaning (a currency typed `EUR`, a
/// country `za`), made where values come from outside a form: the CLI's
/// flags and an import's cells.
pub fn normalise(field: Field, value: &str) -> String {
    match field {
        Field::Currency => value.trim().to_lowercase(),
        Field::Country => value.trim().to_uppercase(),
        _ => value.to_string(),
    }
}

//! The rules of organization bodies and of the tree, for the CLI, the
//! console and the sandbox alike: a name (required, at most 50), the
//! billing account a root needs in single and assigned mode (and must not
//! have in pooled mode, nor as a child), limits per product (0 to
//! 1,000,000; null is no limit, 0 disables), a picture (an https URL or a
//! small image as a data URI), branding (texts of 255, hex colours), and
//! the tree's caps (10 levels, 100 children, 1,000 organizations).

use super::body::{Problem, Problems, object, part, problem, text_field};
use crate::api::model::{
    BillingMode, Branding, Colors, Limits, NewOrganization, ProductType, UpdateOrganization,
};
use serde_json::{Map, Value};

pub const NAME_MAX: usize = 50;
/// Levels of the tree: depths 0 to 9.
pub const DEPTH_MAX: i64 = 10;
pub const CHILDREN_MAX: usize = 100;
pub const ORGANIZATIONS_MAX: usize = 1000;
pub const LIMIT_MAX: i64 = 1_000_000;
/// A data URI holding 2 MiB of image (the contract's assumption).
pub const PICTURE_MAX: usize = 2_796_227;
pub const BRANDING_TEXT_MAX: usize = 255;

/// Where an organization sits, which decides its billing account rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A top-level organization of a workspace in this mode.
    Root(BillingMode),
    Child,
}

impl Place {
    /// The billing account rule for this place: the problem with `value`
    /// (`None` when absent or null), if any.
    fn billing_account(&self, value: Option<&str>) -> Option<&'static str> {
        match (self, value) {
            (Place::Child, Some(_)) => Some(
                "The billing account id field must be null for a child organization (children draw on their root's account).",
            ),
            (Place::Root(m), Some(_)) if *m == BillingMode::Pooled => Some(
                "The billing account id field must be null in a pooled workspace (its organizations share the pool).",
            ),
            (Place::Root(m), None) if *m != BillingMode::Pooled => Some(
                "The billing account id field is required for a top-level organization in single and assigned modes.",
            ),
            (_, Some(id)) if !id.starts_with("cus_") => {
                Some("The billing account id field must start with cus_.")
            }
            _ => None,
        }
    }

    /// Whether a root here needs a billing account (the form says so).
    pub fn needs_account(&self) -> bool {
        matches!(self, Place::Root(m) if *m != BillingMode::Pooled)
    }
}

/// The body of a create (`Place::Root`) or of a child's create.
pub fn new_organization(body: &Value, place: &Place) -> Result<NewOrganization, Problems> {
    let map = object(body)?;
    // The contract leaves these bodies open: other keys are ignored.
    let mut problems = Vec::new();
    let name = text_field(map, "name", NAME_MAX, true, &mut problems);
    let account = billing_account(map, place, &mut problems);
    let limits = optional(map, "limits", limits, &mut problems);
    let picture = optional(map, "picture", picture, &mut problems);
    let branding = optional(map, "branding", branding, &mut problems);
    match name {
        Some(name) if problems.is_empty() => Ok(NewOrganization {
            name,
            billing_account_id: account,
            limits,
            picture,
            branding,
        }),
        _ => Err(problems),
    }
}

/// The body of `PATCH …/organizations/{id}`: the create's rules for the
/// fields that are sent; limits merge per product.
pub fn organization_patch(body: &Value, place: &Place) -> Result<UpdateOrganization, Problems> {
    let map = object(body)?;
    // The contract leaves these bodies open: other keys are ignored.
    let mut problems = Vec::new();
    let mut patch = UpdateOrganization::default();
    if map.contains_key("name") {
        patch.name = text_field(map, "name", NAME_MAX, true, &mut problems);
    }
    if map.contains_key("billing_account_id") {
        patch.billing_account_id = Some(billing_account(map, place, &mut problems));
    }
    patch.limits = optional(map, "limits", limits, &mut problems);
    if map.contains_key("picture") {
        patch.picture = Some(optional(map, "picture", picture, &mut problems));
    }
    patch.branding = optional(map, "branding", branding, &mut problems);
    if problems.is_empty() {
        Ok(patch)
    } else {
        Err(problems)
    }
}

fn billing_account(
    map: &Map<String, Value>,
    place: &Place,
    problems: &mut Problems,
) -> Option<String> {
    let value = match map.get("billing_account_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim()),
        Some(_) => {
            problems.push(problem("billing_account_id", "must be a string"));
            return None;
        }
    };
    if let Some(message) = place.billing_account(value) {
        problems.push(Problem {
            key: "billing_account_id".into(),
            message: message.into(),
        });
        return None;
    }
    value.map(String::from)
}

/// `read` on `map[key]` when it is there and not null.
fn optional<T>(
    map: &Map<String, Value>,
    key: &str,
    read: fn(&Value) -> Result<T, Problems>,
    problems: &mut Problems,
) -> Option<T> {
    match map.get(key) {
        None | Some(Value::Null) => None,
        Some(v) => part(problems, read(v)),
    }
}

/// Limits per product: only locations, users and sso; each null (no
/// limit) or a whole number from 0 (disabled) to 1,000,000.
pub fn limits(value: &Value) -> Result<Limits, Problems> {
    let Some(map) = value.as_object() else {
        return Err(vec![problem("limits", "must be an object")]);
    };
    let mut problems = Vec::new();
    let mut out = Limits::new();
    for (key, v) in map {
        let field = format!("limits.{key}");
        if ProductType::from_key(key).is_none() {
            problems.push(Problem {
                message: format!(
                    "The {} field is not a product (locations, users or sso).",
                    crate::inert::quoted(&field)
                ),
                key: field,
            });
            continue;
        }
        match v {
            Value::Null => {
                out.insert(key.clone(), None);
            }
            _ => match v.as_i64().filter(|n| (0..=LIMIT_MAX).contains(n)) {
                Some(n) => {
                    out.insert(key.clone(), Some(n));
                }
                None => problems.push(Problem {
                    message: format!(
                        "The {field} field must be a whole number from 0 to {LIMIT_MAX}, or null for no limit."
                    ),
                    key: field,
                }),
            },
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A limit typed by a person: empty is no limit, else a number.
pub fn limit_text(product: &str, raw: &str) -> Result<Option<i64>, String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    raw.replace([',', '_'], "")
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=LIMIT_MAX).contains(n))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "The limits.{product} field must be a whole number from 0 to {LIMIT_MAX} (empty for no limit)."
            )
        })
}

/// An https URL without white space or forbidden characters, or a JPEG,
/// PNG or GIF as a base64 data URI, at most [`PICTURE_MAX`] characters.
pub fn picture(value: &Value) -> Result<String, Problems> {
    let Some(s) = value.as_str() else {
        return Err(vec![problem("picture", "must be a string")]);
    };
    let refuse = |rule: &str| Err(vec![problem("picture", rule)]);
    if s.chars().count() > PICTURE_MAX {
        return refuse("must be an image under 2 MB");
    }
    if let Some(rest) = s.strip_prefix("https://") {
        let clean = !rest.is_empty()
            && !rest
                .chars()
                .any(|c| c.is_whitespace() || super::is_forbidden_char(c));
        return match clean {
            true => Ok(s.to_string()),
            false => refuse("must be an https URL without spaces or control characters"),
        };
    }
    let data = ["jpeg", "png", "gif"]
        .iter()
        .find_map(|k| s.strip_prefix(&format!("data:image/{k};base64,")));
    match data {
        Some(b64) if is_base64(b64) => Ok(s.to_string()),
        _ => refuse("must be an https URL or a base64 data URI of a JPEG, PNG or GIF image"),
    }
}

fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    !body.is_empty()
        && s.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// Branding: a display name and a login hint of at most 255 characters,
/// colours as `#RGB` or `#RRGGBB`.
pub fn branding(value: &Value) -> Result<Branding, Problems> {
    let Some(map) = value.as_object() else {
        return Err(vec![problem("branding", "must be an object")]);
    };
    let mut problems = Vec::new();
    let text = |key: &str, problems: &mut Problems| {
        let mut mine = Vec::new();
        let v = text_field(map, key, BRANDING_TEXT_MAX, false, &mut mine);
        problems.extend(nested("branding", mine));
        v
    };
    let display_name = text("display_name", &mut problems);
    let login_hint = text("login_hint", &mut problems);
    let colors = match map.get("colors") {
        None | Some(Value::Null) => None,
        Some(v) => part(&mut problems, colors(v)),
    };
    match problems.is_empty() {
        true => Ok(Branding {
            display_name,
            login_hint,
            colors,
        }),
        false => Err(problems),
    }
}

fn colors(value: &Value) -> Result<Colors, Problems> {
    let Some(map) = value.as_object() else {
        return Err(vec![problem("branding.colors", "must be an object")]);
    };
    let mut problems = Vec::new();
    let mut color = |key: &str| match map.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if is_hex_color(s) => Some(s.clone()),
        Some(_) => {
            let field = format!("branding.colors.{key}");
            problems.push(Problem {
                message: format!("The {field} field must be a colour such as #0059D6 or #FFF."),
                key: field,
            });
            None
        }
    };
    let primary = color("primary");
    let page_background = color("page_background");
    match problems.is_empty() {
        true => Ok(Colors {
            primary,
            page_background,
        }),
        false => Err(problems),
    }
}

pub fn is_hex_color(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Problems of a part, keyed under `prefix` (`branding.display_name`).
fn nested(prefix: &str, problems: Problems) -> Problems {
    problems
        .into_iter()
        .map(|p| Problem {
            message: p.message.replacen(
                &format!("The {} field", p.key.replace('_', " ")),
                &format!("The {prefix}.{} field", p.key),
                1,
            ),
            key: format!("{prefix}.{}", p.key),
        })
        .collect()
}

/// A tree cap a new organization would break: its code and message.
pub fn hierarchy_refusal(
    parent_depth: Option<i64>,
    siblings: usize,
    total: usize,
) -> Option<(&'static str, &'static str)> {
    if total >= ORGANIZATIONS_MAX {
        return Some((
            "organization_limit_reached",
            "A workspace cannot have more than 1,000 organizations in total.",
        ));
    }
    let parent_depth = parent_depth?;
    if parent_depth + 1 >= DEPTH_MAX {
        return Some((
            "organization_depth_limit_reached",
            "The organization hierarchy cannot exceed 10 levels of depth.",
        ));
    }
    if siblings >= CHILDREN_MAX {
        return Some((
            "organization_children_limit_reached",
            "An organization cannot have more than 100 direct children.",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(p: Problems) -> Vec<String> {
        p.into_iter().map(|p| p.key).collect()
    }
    fn root(mode: &str) -> Place {
        Place::Root(BillingMode::from(mode.to_string()))
    }

    #[test]
    fn a_name_of_at_most_50_is_required() {
        let ok = new_organization(&json!({"name": " Lab "}), &root("pooled")).unwrap();
        assert_eq!(ok.name, "Lab");
        let long = new_organization(&json!({"name": "n".repeat(51)}), &root("pooled"));
        assert_eq!(keys(long.unwrap_err()), ["name"]);
        let blank = new_organization(&json!({"name": " "}), &Place::Child);
        assert!(blank.unwrap_err()[0].message.contains("required"));
        let bidi = new_organization(&json!({"name": "a\u{202e}b"}), &Place::Child);
        assert!(bidi.unwrap_err()[0].message.contains("U+202E"));
        // The contract's bodies are open (only limits is closed).
        let extra = new_organization(&json!({"name": "a", "owner": 1}), &Place::Child);
        assert_eq!(extra.unwrap().name, "a");
    }

    #[test]
    fn the_billing_account_follows_the_mode_and_the_place() {
        let with = json!({"name": "A", "billing_account_id": "cus_1"});
        let without = json!({"name": "A"});
        assert!(new_organization(&with, &root("single")).is_ok());
        assert!(new_organization(&with, &root("assigned")).is_ok());
        let missing = new_organization(&without, &root("single")).unwrap_err();
        assert!(missing[0].message.contains("required"), "{missing:?}");
        let pooled = new_organization(&with, &root("pooled")).unwrap_err();
        assert!(pooled[0].message.contains("pooled"));
        assert!(new_organization(&without, &root("pooled")).is_ok());
        let child = new_organization(&with, &Place::Child).unwrap_err();
        assert!(child[0].message.contains("child"));
        let null = json!({"name": "A", "billing_account_id": null});
        assert!(new_organization(&null, &Place::Child).is_ok());
        let bad = json!({"name": "A", "billing_account_id": "acct_1"});
        assert_eq!(
            keys(new_organization(&bad, &root("single")).unwrap_err()),
            ["billing_account_id"]
        );
        assert!(root("single").needs_account() && !root("pooled").needs_account());
    }

    #[test]
    fn limits_are_products_from_0_to_a_million_or_null() {
        let l = limits(&json!({"locations": 0, "users": 1_000_000, "sso": null})).unwrap();
        assert_eq!(l["locations"], Some(0));
        assert_eq!(l["sso"], None);
        let over = limits(&json!({"users": 1_000_001})).unwrap_err();
        assert_eq!(keys(over), ["limits.users"]);
        assert_eq!(
            keys(limits(&json!({"users": -1})).unwrap_err()),
            ["limits.users"]
        );
        assert_eq!(
            keys(limits(&json!({"users": 1.5})).unwrap_err()),
            ["limits.users"]
        );
        assert_eq!(
            keys(limits(&json!({"seats": 1})).unwrap_err()),
            ["limits.seats"]
        );
        assert_eq!(limit_text("users", " 1,000 "), Ok(Some(1000)));
        assert_eq!(limit_text("users", ""), Ok(None));
        assert!(limit_text("users", "-3").is_err());
        assert!(limit_text("users", "lots").is_err());
    }

    #[test]
    fn pictures_are_https_urls_or_small_images() {
        assert!(picture(&json!("https://cdn.example/a.png")).is_ok());
        assert!(picture(&json!("data:image/png;base64,iVBORw0KGgo=")).is_ok());
        assert!(picture(&json!("http://cdn.example/a.png")).is_err());
        assert!(picture(&json!("https://cdn.example/a b.png")).is_err());
        assert!(picture(&json!("https://cdn.example/\u{202e}gnp")).is_err());
        assert!(picture(&json!("data:image/svg+xml;base64,PHN2Zz4=")).is_err());
        assert!(picture(&json!("data:image/png;base64,!!")).is_err());
        let huge = format!("data:image/png;base64,{}", "A".repeat(PICTURE_MAX));
        assert!(picture(&json!(huge)).is_err());
    }

    #[test]
    fn branding_texts_and_colours() {
        let b = branding(&json!({"display_name": "ACME", "colors": {"primary": "#0059D6", "page_background": "#fff"}})).unwrap();
        assert_eq!(b.colors.unwrap().page_background.as_deref(), Some("#fff"));
        let bad = branding(&json!({"colors": {"primary": "blue"}})).unwrap_err();
        assert_eq!(keys(bad), ["branding.colors.primary"]);
        let long = branding(&json!({"login_hint": "h".repeat(256)})).unwrap_err();
        assert_eq!(long[0].key, "branding.login_hint");
        assert!(
            long[0].message.starts_with("The branding.login_hint field"),
            "{long:?}"
        );
    }

    #[test]
    fn a_patch_checks_what_it_sends() {
        let p = organization_patch(
            &json!({"limits": {"users": 60, "sso": null}}),
            &Place::Child,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"limits":{"sso":null,"users":60}}"#
        );
        let clear = organization_patch(&json!({"picture": null}), &Place::Child).unwrap();
        assert_eq!(
            serde_json::to_string(&clear).unwrap(),
            r#"{"picture":null}"#
        );
        let unset = organization_patch(&json!({"billing_account_id": null}), &root("single"));
        assert_eq!(keys(unset.unwrap_err()), ["billing_account_id"]);
        assert!(organization_patch(&json!({"name": ""}), &Place::Child).is_err());
    }

    #[test]
    fn the_tree_caps() {
        assert_eq!(
            hierarchy_refusal(Some(8), 0, 10),
            None,
            "depth 9 may be made"
        );
        assert_eq!(
            hierarchy_refusal(Some(9), 0, 10).unwrap().0,
            "organization_depth_limit_reached"
        );
        assert_eq!(
            hierarchy_refusal(Some(0), 100, 200).unwrap().0,
            "organization_children_limit_reached"
        );
        assert_eq!(
            hierarchy_refusal(None, 0, 1000).unwrap().0,
            "organization_limit_reached"
        );
        assert_eq!(
            hierarchy_refusal(None, 500, 999),
            None,
            "roots have no sibling cap"
        );
    }
}

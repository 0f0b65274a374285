//! What every JSON body's rules share: a broken rule as a dotted key and
//! the framework's message, and the reading of a body as an object.

use serde_json::{Map, Value};

/// One broken rule: the body's dotted key and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub message: String,
}

pub fn problem(key: &str, rule: &str) -> Problem {
    Problem {
        key: key.to_string(),
        message: format!("The {} field {rule}.", key.replace('_', " ")),
    }
}

pub type Problems = Vec<Problem>;

/// Every problem as `field: message` lines (for the CLI and error boxes).
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.message.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn object(body: &Value) -> Result<&Map<String, Value>, Problems> {
    body.as_object().ok_or_else(|| {
        vec![Problem {
            key: "body".into(),
            message: "The request body must be a JSON object.".into(),
        }]
    })
}

/// Keys not in `allowed` are refused (the contract's bodies are closed).
pub fn closed(map: &Map<String, Value>, allowed: &[&str]) -> Problems {
    map.keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| Problem {
            key: k.clone(),
            message: format!("The {} field is not allowed here.", crate::inert::quoted(k)),
        })
        .collect()
}

/// Collects a part's problems into `problems`, keeping its value.
pub fn part<T>(problems: &mut Problems, result: Result<T, Problems>) -> Option<T> {
    result.map_err(|p| problems.extend(p)).ok()
}

/// A text field of a body: a string (or absent/null when optional), with
/// the shared text rules; the trimmed value, `None` when left empty or
/// broken (the problem is then in `problems`).
pub fn text_field(
    map: &Map<String, Value>,
    key: &str,
    max: usize,
    required: bool,
    problems: &mut Problems,
) -> Option<String> {
    let label = key.replace('_', " ");
    let raw = match map.get(key) {
        None | Some(Value::Null) => "",
        Some(Value::String(s)) => s,
        Some(_) => {
            problems.push(problem(key, "must be a string"));
            return None;
        }
    };
    match super::text(&label, raw, max, required) {
        Ok(v) => v,
        Err(message) => {
            problems.push(Problem {
                key: key.into(),
                message,
            });
            None
        }
    }
}

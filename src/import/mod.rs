//! Importing billing accounts from a CSV file, checked whole before
//! anything is sent: every broken rule of every row (the form's rules),
//! duplicates inside the file and against the workspace, and the
//! workspace's mode cap (single 1, pooled and assigned 10). The CLI's
//! `accounts import` and the console's import screen share it.
//!
//! The columns are the contract's field names (`name,email,phone,
//! description,currency,country,line1,line2,city,state,postal_code`), in
//! any order, a header required; UTF-8 with or without a BOM; RFC 4180
//! quoting (the `csv` crate).

pub mod journal;

use crate::api::model::{BillingAccount, NewBillingAccount, Workspace};
use crate::rules::duplicate::{email_key, name_key};
use crate::rules::{AccountInput, Field};
use std::collections::HashMap;

/// The most a file may hold: far beyond what a workspace takes (10), a
/// bound on a runaway file.
pub const MAX_ROWS: usize = 100_000;

/// The most a CSV may be (100,000 rows of every field fit).
const MAX_FILE: u64 = 64 << 20;

/// A CSV file as text: bounded, UTF-8 (a bad byte placed by line and
/// column); why not, said whole.
pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    let bytes = crate::paths::read_at_most(path, MAX_FILE)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or_default();
        let (line, column) = crate::paths::line_col(good, good.len());
        format!(
            "{}:{line}:{column}: not UTF-8 (save the file as UTF-8); nothing was sent",
            path.display()
        )
    })
}

/// One data row, valid or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Its line in the file (1 is the header).
    pub line: u64,
    pub input: AccountInput,
    /// The body to send, when every rule holds.
    pub body: Option<NewBillingAccount>,
}

/// A problem, placed in the file: `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub line: u64,
    /// 1-based, in CSV columns; `None` for the row (or the file) as a whole.
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn located(&self, file: &str) -> String {
        match self.column {
            Some(c) => format!("{file}:{}:{c}: {}", self.line, self.message),
            None => format!("{file}:{}: {}", self.line, self.message),
        }
    }
}

/// The file read: its columns, its rows, what is wrong in them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The field of each column, in the file's order.
    pub columns: Vec<Field>,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
}

impl Parsed {
    /// The CSV column (1-based) that holds `field`.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|&f| f == field).map(|i| i + 1)
    }

    /// Lines with a problem.
    pub fn bad_lines(&self) -> std::collections::BTreeSet<u64> {
        self.problems.iter().map(|p| p.line).collect()
    }
}

/// A column's field: its name as the contract spells it (`line1`, not
/// `address.line1`), any case, spaces around it ignored.
fn field_named(name: &str) -> Option<Field> {
    let name = name.trim().to_ascii_lowercase();
    Field::ALL
        .into_iter()
        .find(|f| f.key().trim_start_matches("address.") == name)
}

fn problem(line: u64, column: Option<usize>, message: impl Into<String>) -> Problem {
    Problem {
        line,
        column,
        message: message.into(),
    }
}

/// Reads and checks `text`: the header, every row's rules, duplicates
/// within the file. Nothing is read from the network.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut parsed = Parsed::default();
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            parsed.problems.push(problem(1, None, e.to_string()));
            return parsed;
        }
    };
    if !header_ok(&header, &mut parsed) {
        return parsed;
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.problems.push(problem(line, None, e.to_string()));
                continue;
            }
        };
        if parsed.rows.len() == MAX_ROWS {
            let line = record.position().map_or(0, |p| p.line());
            let why = format!("more than {MAX_ROWS} rows: split the file");
            parsed.problems.push(problem(line, None, why));
            break;
        }
        row(&record, &mut parsed);
    }
    duplicates_within(&mut parsed);
    parsed.problems.sort();
    parsed
}

/// The header: known names, each once, name and email present.
fn header_ok(header: &csv::StringRecord, parsed: &mut Parsed) -> bool {
    let known = || {
        Field::ALL
            .iter()
            .map(|f| f.key().trim_start_matches("address."))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (i, name) in header.iter().enumerate() {
        match field_named(name) {
            Some(f) if parsed.columns.contains(&f) => parsed.problems.push(problem(
                1,
                Some(i + 1),
                format!("the column {} is given twice", crate::inert::quoted(name)),
            )),
            Some(f) => parsed.columns.push(f),
            None => parsed.problems.push(problem(
                1,
                Some(i + 1),
                format!(
                    "unknown column {}: the columns are {}",
                    crate::inert::quoted(name),
                    known()
                ),
            )),
        }
    }
    for needed in [Field::Name, Field::Email] {
        if !parsed.columns.contains(&needed) {
            parsed.problems.push(problem(
                1,
                None,
                format!(
                    "the header has no {} column (a header row is required)",
                    needed.key()
                ),
            ));
        }
    }
    parsed.problems.is_empty()
}

/// One record: the form's rules, each broken one at its column.
fn row(record: &csv::StringRecord, parsed: &mut Parsed) {
    let line = record.position().map_or(0, |p| p.line());
    if record.len() != parsed.columns.len() {
        parsed.problems.push(problem(
            line,
            None,
            format!(
                "{} fields where the header has {}",
                record.len(),
                parsed.columns.len()
            ),
        ));
    }
    let mut input = AccountInput::default();
    for (field, value) in parsed.columns.iter().zip(record.iter()) {
        // A cell alto's own CSV made inert for spreadsheets reads back
        // to the value it was.
        let value = crate::sheet::cell_value(value);
        *input.get_mut(*field) = crate::rules::normalise(*field, value);
    }
    let body = match input.validate() {
        Ok(body) => Some(body),
        Err(violations) => {
            for v in violations {
                let column = parsed.column_of(v.field);
                let message = format!(
                    "{}: {}",
                    v.field.key().trim_start_matches("address."),
                    v.message
                );
                parsed.problems.push(problem(line, column, message));
            }
            None
        }
    };
    parsed.rows.push(Row { line, input, body });
}

/// The same email (any case) or name (spacing, case) twice in the file:
/// each later row names the first.
fn duplicates_within(parsed: &mut Parsed) {
    use std::collections::hash_map::Entry;
    let (email_col, name_col) = (
        parsed.column_of(Field::Email),
        parsed.column_of(Field::Name),
    );
    let mut seen: HashMap<(&str, String), u64> = HashMap::new();
    let mut found = Vec::new();
    for r in &parsed.rows {
        let keys = [
            ("email", email_key(&r.input.email), email_col),
            ("name", name_key(&r.input.name), name_col),
        ];
        for (word, key, column) in keys.into_iter().filter(|k| !k.1.is_empty()) {
            match seen.entry((word, key)) {
                Entry::Occupied(first) => found.push(problem(
                    r.line,
                    column,
                    format!("the same {word} as line {}", first.get()),
                )),
                Entry::Vacant(v) => {
                    v.insert(r.line);
                }
            }
        }
    }
    parsed.problems.extend(found);
}

/// What the workspace says of the rows still to send (`pending`, by
/// line): an account in `existing` with the same email or name, and the
/// mode's cap against the `held` accounts (existing ones and any an
/// earlier run of this import created, which `existing` leaves out).
pub fn against_workspace(
    parsed: &Parsed,
    workspace: &Workspace,
    existing: &[BillingAccount],
    held: usize,
    pending: &[u64],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let rows = parsed.rows.iter().filter(|r| pending.contains(&r.line));
    for r in rows {
        let found = crate::rules::duplicate::matches(existing, &r.input.name, &r.input.email);
        if let Some((a, same)) = found.first() {
            let column = match same {
                crate::rules::duplicate::Same::Email => parsed.column_of(Field::Email),
                crate::rules::duplicate::Same::Name => parsed.column_of(Field::Name),
            };
            problems.push(problem(
                r.line,
                column,
                format!(
                    "the workspace already has {} with {}",
                    crate::inert::inert(&a.id),
                    same.word()
                ),
            ));
        }
    }
    let mode = workspace.billing_mode.as_ref();
    if let Some(cap) = mode.and_then(|m| m.account_limit())
        && held + pending.len() > cap
    {
        problems.push(problem(
            1,
            None,
            format!(
                "the workspace is in billing mode {} and holds {} of at most {cap}: {} more would make {}",
                mode.map_or("?", |m| m.as_str()),
                crate::money::count(held, "account", "accounts"),
                pending.len(),
                held + pending.len()
            ),
        ));
    }
    problems.sort();
    problems
}

/// What an import will do, all checked: the rows to send, those an
/// earlier run created, and every problem (the file's and the
/// workspace's). A row whose earlier answer was lost (`unknown`) blocks
/// until it is looked up (`--resume`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub pending: Vec<u64>,
    pub done_before: Vec<u64>,
    pub unknown: Vec<u64>,
    pub problems: Vec<Problem>,
}

impl Plan {
    /// Only valid rows are sent: with `skip_invalid`, problems on rows
    /// leave those rows out; a problem with the file (line 1) or an
    /// unknown outcome always stops it.
    pub fn blocked(&self, skip_invalid: bool) -> bool {
        !self.unknown.is_empty()
            || self.problems.iter().any(|p| p.line == 1)
            || (!self.problems.is_empty() && !skip_invalid)
    }
}

/// Plans an import of `parsed` into `workspace` given its accounts now
/// and the journal of earlier runs.
pub fn plan(
    parsed: &Parsed,
    workspace: &Workspace,
    existing: &[BillingAccount],
    journal: &journal::Journal,
) -> Plan {
    let done_before: Vec<u64> = parsed
        .rows
        .iter()
        .filter(|r| journal.created(r.line).is_some())
        .map(|r| r.line)
        .collect();
    let unknown: Vec<u64> = journal.unknown().map(|e| e.line).collect();
    let bad = parsed.bad_lines();
    let pending: Vec<u64> = parsed
        .rows
        .iter()
        .map(|r| r.line)
        .filter(|l| !bad.contains(l) && !done_before.contains(l) && !unknown.contains(l))
        .collect();
    // Accounts this import made are not duplicates of its rows.
    let made: Vec<&str> = done_before
        .iter()
        .filter_map(|l| journal.created(*l))
        .collect();
    let others: Vec<BillingAccount> = existing
        .iter()
        .filter(|a| !made.contains(&a.id.as_str()))
        .cloned()
        .collect();
    let mut problems = parsed.problems.clone();
    problems.extend(against_workspace(
        parsed,
        workspace,
        &others,
        existing.len(),
        &pending,
    ));
    for line in &unknown {
        problems.push(problem(
            *line,
            None,
            "sent before with no answer seen: `alto accounts import … --resume` looks it up before anything is sent",
        ));
    }
    problems.sort();
    let bad: std::collections::BTreeSet<u64> = problems.iter().map(|p| p.line).collect();
    Plan {
        pending: pending.into_iter().filter(|l| !bad.contains(l)).collect(),
        done_before,
        unknown,
        problems,
    }
}

#[cfg(test)]
mod tests;

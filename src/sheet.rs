//! Cells a spreadsheet reads. Every CSV alto writes (lists, the import
//! summary) makes a cell that a spreadsheet would run as a formula inert,
//! as OWASP advises against CSV injection: text beginning with `=`, `+`,
//! `-`, `@`, a tab or a CR gets a leading `'` (a customer can name an
//! account `=HYPERLINK(…)`). Every CSV alto reads (`accounts import`)
//! takes such a cell back to the value it was, so a round trip through
//! alto changes nothing. Plain numbers (`-5`, `12.50`) stay numbers.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn is_number(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Would a spreadsheet run it, or is it one that was escaped already
/// (quotes before a trigger), which must be escaped again to come back
/// whole?
fn needs_quote(v: &str) -> bool {
    let unquoted = v.trim_start_matches('\'');
    !is_number(v) && unquoted.starts_with(TRIGGERS)
}

/// The cell as written into a CSV file.
pub fn inert_cell(v: &str) -> Cow<'_, str> {
    match needs_quote(v) {
        true => Cow::Owned(format!("'{v}")),
        false => Cow::Borrowed(v),
    }
}

/// The value of a cell read from a CSV file ([`inert_cell`] undone).
pub fn cell_value(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// `headers` and `rows` as RFC 4180 CSV (the `csv` crate), every cell
/// made inert for spreadsheets.
pub fn csv_bytes(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(r.iter().map(|c| inert_cell(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_read_back_to_what_they_were() {
        for v in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=already quoted",
            "''@twice",
            "'plain",
            "plain",
            "",
            "-5",
            "12.50",
            "-",
            "'-5",
        ] {
            let written = inert_cell(v);
            assert!(
                !written.starts_with(TRIGGERS) || is_number(&written),
                "{v:?} -> {written:?}"
            );
            assert_eq!(cell_value(&written), v, "{v:?} -> {written:?}");
        }
        assert_eq!(inert_cell("=1+1"), "'=1+1");
        assert_eq!(inert_cell("-5"), "-5", "a number stays a number");
        assert_eq!(inert_cell("O'Brien"), "O'Brien");
    }
}

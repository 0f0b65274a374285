//! How the CLI prints results: JSON exact and inert, tables and pairs fitted
//! to the terminal when there is one, full (and inert) when piped.

use crate::inert::{DISPLAY_MAX, bounded, inert, shown};
use std::io::{IsTerminal, Write};
use unicode_width::UnicodeWidthStr;

/// The terminal's width when stdout is one; `None` when piped.
fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w).max(20))
}

/// Writes one line of results to stdout. A closed pipe (`alto … | head`)
/// ends the program quietly instead of panicking.
pub fn out(line: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("alto: cannot write output: {e}");
        std::process::exit(1);
    }
}

/// `--json`: exact values, control, bidi and zero-width characters as
/// `\uXXXX`.
pub fn print_json(value: &impl serde::Serialize) {
    out(&crate::inert::json(value));
}

/// `label  value` rows. On a terminal a value is shown as the console
/// shows it (escaped, at most a few thousand characters).
pub fn print_pairs<K: AsRef<str>>(pairs: &[(K, String)]) {
    let tty = terminal_width().is_some();
    let width = pairs
        .iter()
        .map(|(k, _)| k.as_ref().len())
        .max()
        .unwrap_or(0);
    for (k, v) in pairs {
        let k = k.as_ref();
        let v = if tty {
            shown(&bounded(v, DISPLAY_MAX, ", --json shows all")).into_owned()
        } else {
            inert(v).into_owned()
        };
        out(&format!("{k:width$}  {v}"));
    }
}

/// A column of a list: its title in a table, its name in CSV (the API's
/// field), whether it holds ids (which a table never cuts), and where it
/// appears (a table may show one column for what CSV keeps as several).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub title: &'static str,
    pub key: &'static str,
    pub id: bool,
    pub table: bool,
    pub csv: bool,
}

/// A column in both the table and CSV.
pub const fn col(title: &'static str, key: &'static str) -> Column {
    Column {
        title,
        key,
        id: false,
        table: true,
        csv: true,
    }
}

/// A column of ids, never cut in a table.
pub const fn id_col(title: &'static str, key: &'static str) -> Column {
    Column {
        id: true,
        ..col(title, key)
    }
}

/// A column only the table shows (a combination of CSV's columns).
pub const fn table_col(title: &'static str) -> Column {
    Column {
        csv: false,
        ..col(title, "")
    }
}

/// A column only CSV has (the table shows it combined).
pub const fn csv_col(key: &'static str) -> Column {
    Column {
        table: false,
        ..col("", key)
    }
}

/// One cell: the value as data (the API's word or number, empty when there
/// is none), for CSV; and how a table shows it, when that differs
/// (glyphs, "—", a short date).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub data: String,
    pub shown: Option<String>,
}

impl Cell {
    /// A cell shown as `shown` in a table.
    pub fn shown(data: impl Into<String>, shown: impl Into<String>) -> Cell {
        Cell {
            data: data.into(),
            shown: Some(shown.into()),
        }
    }

    fn table(&self) -> &str {
        self.shown.as_deref().unwrap_or(&self.data)
    }
}

impl From<String> for Cell {
    fn from(data: String) -> Cell {
        Cell { data, shown: None }
    }
}

impl From<&str> for Cell {
    fn from(data: &str) -> Cell {
        Cell::from(data.to_string())
    }
}

/// A list as `--json` (the API's `{data, has_more}` as it came), CSV (the
/// cells' data under the API's names) or a table (the cells as shown), with
/// a note when it is partial.
pub fn print_list<T: serde::Serialize>(
    list: &crate::api::model::List<T>,
    out: super::ListOutput,
    columns: &[Column],
    row: impl Fn(&T) -> Vec<Cell>,
) {
    use super::Format;
    if out.format() == Format::Json {
        return print_json(list);
    }
    let rows: Vec<Vec<Cell>> = list.data.iter().map(row).collect();
    print_rows(out.format(), columns, &rows);
    partial_note(list.has_more, list.data.len());
}

/// `rows` as CSV or as a table (see [`print_list`]).
pub fn print_rows(format: super::Format, columns: &[Column], rows: &[Vec<Cell>]) {
    let csv = format == super::Format::Csv;
    let kept: Vec<usize> = (0..columns.len())
        .filter(|&i| match csv {
            true => columns[i].csv,
            false => columns[i].table,
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            kept.iter()
                .map(|&i| {
                    r.get(i)
                        .map_or("", |c| if csv { &c.data } else { c.table() })
                })
                .map(str::to_string)
                .collect()
        })
        .collect();
    if csv {
        let keys: Vec<&str> = kept.iter().map(|&i| columns[i].key).collect();
        return print_csv(&keys, &cells);
    }
    let titles: Vec<&str> = kept.iter().map(|&i| columns[i].title).collect();
    let ids: Vec<bool> = kept.iter().map(|&i| columns[i].id).collect();
    for line in table_lines_keeping(&titles, &cells, terminal_width(), &ids) {
        out(&line);
    }
}

/// `--output csv`: every cell whole, quoted as RFC 4180 says (the `csv`
/// crate), a formula made inert for spreadsheets (`crate::sheet`); inert
/// for the terminal too, so a name cannot drive the one it is printed on.
pub fn print_csv(headers: &[&str], rows: &[Vec<String>]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| inert(c).into_owned()).collect())
        .collect();
    match crate::sheet::csv_bytes(headers, &rows) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            out(text.trim_end_matches('\n'));
        }
        Err(e) => eprintln!("alto: cannot write CSV: {e}"),
    }
}

/// A timestamp's date (`2026-01-31`), for a table; the whole when it is
/// not one.
pub fn date(timestamp: &str) -> String {
    timestamp.get(..10).unwrap_or(timestamp).to_string()
}

pub fn partial_note(has_more: bool, shown: usize) {
    if has_more {
        eprintln!(
            "note: the API says there are more than these {shown}; it documents no paging, so only these are shown"
        );
    }
}

pub fn print_table(headers: &[&str], rows: &[Vec<String>]) {
    for line in table_lines(headers, rows, terminal_width()) {
        out(&line);
    }
}

/// The table's lines. With `max_width` (a terminal), cells are escaped for
/// display and the widest columns are cut with `…` until a row fits; without
/// it, every cell is whole (and inert).
pub fn table_lines(
    headers: &[&str],
    rows: &[Vec<String>],
    max_width: Option<usize>,
) -> Vec<String> {
    table_lines_keeping(headers, rows, max_width, &[])
}

/// [`table_lines`], never cutting the columns `ids` marks (an id cut is
/// an id lost; names are cut instead).
pub fn table_lines_keeping(
    headers: &[&str],
    rows: &[Vec<String>],
    max_width: Option<usize>,
    ids: &[bool],
) -> Vec<String> {
    const GAP: usize = 2;
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match max_width {
                    // Only the first characters can show; the bound keeps a
                    // 10 MB cell from costing its size in width math.
                    Some(w) => shown(&bounded(c, w, "")).into_owned(),
                    None => inert(c).into_owned(),
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    if let Some(max) = max_width {
        fit(&mut widths, GAP, max, ids);
    }
    let line = |cells: Vec<&str>| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            let c = crate::inert::cut(c, widths[i]);
            line.push_str(&c);
            if i + 1 < cells.len() {
                line.push_str(&" ".repeat(widths[i] - c.width() + GAP));
            }
        }
        line.trim_end().to_string()
    };
    let mut lines = vec![line(headers.to_vec())];
    lines.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    lines
}

/// Narrows the widest column that is not an id, one cell at a time, until
/// the row fits in `max` (no column below 3 cells, the room for `ab…`).
fn fit(widths: &mut [usize], gap: usize, max: usize, ids: &[bool]) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + gap * w.len().saturating_sub(1);
    while total(widths) > max {
        let Some((i, &w)) = widths
            .iter()
            .enumerate()
            .filter(|(i, _)| !ids.get(*i).copied().unwrap_or(false))
            .max_by_key(|(_, w)| **w)
        else {
            return;
        };
        if w <= 3 {
            return;
        }
        widths[i] -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_table_fits_its_width() {
        let huge = "N".repeat(10_000);
        let rows = vec![
            vec!["ws_1".to_string(), huge.clone(), "pooled".to_string()],
            vec![
                "ws_2".to_string(),
                "Short".to_string(),
                "single".to_string(),
            ],
        ];
        let lines = table_lines(&["ID", "NAME", "MODE"], &rows, Some(80));
        for l in &lines {
            assert!(l.width() <= 80, "{} cells: {l}", l.width());
        }
        assert!(lines[1].contains("N…"), "{}", lines[1]);
        assert!(lines[1].ends_with("pooled"), "{}", lines[1]);
        assert!(lines[2].starts_with("ws_2  Short"), "{}", lines[2]);
        // Piped: every cell whole.
        let piped = table_lines(&["ID", "NAME", "MODE"], &rows, None);
        assert!(piped[1].contains(&huge));
    }

    #[test]
    fn a_narrow_table_cuts_names_with_a_mark_never_ids() {
        let id = "cus_0123456789abcdefghij0123456789";
        let rows = vec![vec![id.to_string(), "Q".repeat(60), "x".repeat(30)]];
        let lines = table_lines_keeping(
            &["ID", "NAME", "EMAIL"],
            &rows,
            Some(60),
            &[true, false, false],
        );
        assert!(lines[1].starts_with(id), "the id whole: {}", lines[1]);
        assert!(lines[1].contains("Q…"), "the cut is marked: {}", lines[1]);
        assert!(lines[1].width() <= 60, "{}", lines[1]);
    }

    #[test]
    fn a_terminal_table_escapes_what_would_misalign() {
        let rows = vec![vec!["co\u{ad}op".to_string(), "\u{1b}[2Jx".to_string()]];
        let lines = table_lines(&["A", "B"], &rows, Some(80));
        assert_eq!(lines[1], "co\\u{ad}op  \\u{1b}[2Jx");
    }
}

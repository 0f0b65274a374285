//! How the CLI prints results: JSON exact and inert, tables and pairs fitted
//! to the terminal when there is one, full (and inert) when piped.

use crate::inert::{DISPLAY_MAX, bounded, inert, shown};
use std::io::{IsTerminal, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// A list as `--json` (the API's `{data, has_more}` as it came) or as a
/// table of `row`s under `headers`, with a note when it is partial.
pub fn print_list<T: serde::Serialize>(
    list: &crate::api::model::List<T>,
    out: super::ListOutput,
    headers: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) {
    use super::Format;
    if out.format() == Format::Json {
        return print_json(list);
    }
    let rows: Vec<Vec<String>> = list.data.iter().map(row).collect();
    match out.format() {
        Format::Csv => print_csv(headers, &rows),
        _ => print_table(headers, &rows),
    }
    partial_note(list.has_more, list.data.len());
}

/// `--output csv`: the table's columns, every cell whole, quoted as RFC
/// 4180 says (the `csv` crate); inert, as the table is, so a name cannot
/// drive the terminal it is printed on.
pub fn print_csv(headers: &[&str], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut lines = std::iter::once(headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        .chain(
            rows.iter()
                .map(|r| r.iter().map(|c| inert(c).into_owned()).collect()),
        );
    let written = lines.try_for_each(|r| w.write_record(&r));
    match written.and_then(|()| w.into_inner().map_err(|e| e.into_error().into())) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            out(text.trim_end_matches('\n'));
        }
        Err(e) => eprintln!("alto: cannot write CSV: {e}"),
    }
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
        fit(&mut widths, GAP, max);
    }
    let line = |cells: Vec<&str>| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            let c = cut(c, widths[i]);
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

/// Narrows the widest column, one cell at a time, until the row fits in
/// `max` (no column below 3 cells, the room for `ab…`).
fn fit(widths: &mut [usize], gap: usize, max: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + gap * w.len().saturating_sub(1);
    while total(widths) > max {
        let Some((i, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            return;
        };
        if w <= 3 {
            return;
        }
        widths[i] -= 1;
    }
}

/// `s` cut to `width` cells, ending in `…` when cut.
fn cut(s: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if s.width() <= width {
        return s.into();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out.into()
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
    fn a_terminal_table_escapes_what_would_misalign() {
        let rows = vec![vec!["co\u{ad}op".to_string(), "\u{1b}[2Jx".to_string()]];
        let lines = table_lines(&["A", "B"], &rows, Some(80));
        assert_eq!(lines[1], "co\\u{ad}op  \\u{1b}[2Jx");
    }
}

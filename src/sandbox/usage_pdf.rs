//! `GET …/organizations/usage.pdf`: a small, real PDF listing every
//! organization of a workspace (indented by depth) with its subtree usage
//! against its limits, written with `pdf-writer` (the typst project's
//! PDF writer: a kept crate with no dependencies worth the name, so the
//! sandbox in the binary costs little).

use crate::api::model::{Organization, ProductType};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// Lines of organizations per A4 page.
const PER_PAGE: usize = 58;

/// The report: a title page header, then one line per organization in
/// tree order (each parent before its children).
pub fn report(workspace: &str, at: &str, orgs: &[Organization]) -> Vec<u8> {
    let lines = crate::tree::Tree::new(orgs)
        .all_rows()
        .into_iter()
        .map(|(i, level)| line(&orgs[i], level))
        .collect::<Vec<_>>();
    let pages: Vec<&[String]> = match lines.is_empty() {
        true => vec![&[]],
        false => lines.chunks(PER_PAGE).collect(),
    };
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let info = Ref::new(4);
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(5 + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(&format!("Organization usage: {workspace}")))
        .producer(TextStr("alto sandbox"));
    for (n, (chunk, id)) in pages.iter().zip(&page_ids).enumerate() {
        let contents = Ref::new(id.get() + 1);
        let mut page = pdf.page(*id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
            .parent(tree)
            .contents(contents);
        page.resources().fonts().pair(Name(b"F1"), font);
        page.finish();
        let heading = format!(
            "Organization usage: {workspace} ({} organizations, {at}), page {} of {}",
            orgs.len(),
            n + 1,
            pages.len()
        );
        let body = page_text(&heading, chunk);
        pdf.stream(contents, &body);
    }
    pdf.finish()
}

fn page_text(heading: &str, lines: &[String]) -> Vec<u8> {
    let mut c = Content::new();
    c.begin_text();
    c.set_font(Name(b"F1"), 11.0);
    c.next_line(40.0, 800.0);
    c.show(Str(&win_ansi(heading)));
    c.set_font(Name(b"F1"), 8.0);
    c.set_leading(12.5);
    c.next_line(0.0, -10.0);
    for l in lines {
        c.next_line_using_leading();
        c.show(Str(&win_ansi(l)));
    }
    c.end_text();
    c.finish().to_vec()
}

/// `  Name (org_…): locations 2/20, users 8/50, sso disabled`.
fn line(o: &Organization, level: usize) -> String {
    let products: Vec<String> = ProductType::ALL
        .iter()
        .map(|p| {
            let used = o.subtree_used(p.key());
            let limit = match o.limit(p.key()) {
                None => "no limit".to_string(),
                Some(0) => "disabled".to_string(),
                Some(n) => n.to_string(),
            };
            format!("{} {used}/{limit}", p.key())
        })
        .collect();
    let indent = "    ".repeat(level.min(10));
    format!("{indent}{} ({}): {}", o.name, o.id, products.join(", "))
}

/// Text for the standard Helvetica font: Latin-1 as it is, anything else
/// (and every control character) as `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_a_pdf_with_a_page_per_58_organizations() {
        let store = crate::sandbox::seed::demo();
        let ws = store
            .workspaces
            .iter()
            .find(|w| w.workspace.name == "Black Mesa")
            .unwrap();
        let orgs = crate::sandbox::orgs::served(&store, &ws.workspace.id);
        assert_eq!(orgs.len(), 1000);
        let pdf = report("Black Mesa", "2026-12-02", &orgs);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 18"), "1000 / 58 → 18 pages");
        assert!(text.contains("Region 0000"));
        let empty = report("Empty", "2026-12-02", &[]);
        assert!(String::from_utf8_lossy(&empty).contains("/Count 1"));
        assert_eq!(win_ansi("a\u{202e}é\u{1b}"), b"a?\xe9?");
    }
}

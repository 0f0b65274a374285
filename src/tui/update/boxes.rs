//! The error and message boxes, the token prompt, and copying.

use super::*;

/// The error and message boxes, and the token prompt.
pub(super) fn on_boxes(app: &mut App, msg: BoxMsg) -> Vec<Cmd> {
    match msg {
        BoxMsg::ScrollBox(by) => {
            let scroll = crate::tui::layers::top(app)
                .and_then(|kind| (crate::tui::boxes::spec(kind).scroll)(app));
            if let Some(scroll) = scroll {
                *scroll = if by == i16::MIN {
                    0
                } else {
                    scroll.saturating_add_signed(by).min(MAX_SCROLL)
                };
            }
        }
        BoxMsg::ShowStatus => match app.status.as_ref().or(app.said.as_ref()) {
            Some(s) => app.boxes.set_error(Some(ErrorPopup::echo(s))),
            None => app.set_status(StatusKind::Info, "No message yet"),
        },
        BoxMsg::DismissError => app.boxes.set_error(None),

        BoxMsg::TokenEdit(req) => {
            if let Some(t) = app.boxes.token_prompt_mut() {
                t.handle(req);
            }
        }
        BoxMsg::TokenSubmit => return token_submit(app),
    }
    Vec::new()
}

/// Copying.
pub(super) fn on_copy(app: &mut App, msg: CopyMsg) -> Vec<Cmd> {
    match msg {
        CopyMsg::CopyAll => {
            if app.screen() == Screen::ApiLog {
                let text: Vec<String> = app.api_log.iter().map(|e| e.line()).collect();
                return vec![Cmd::Copy {
                    what: "the API log",
                    text: text.join("\n"),
                }];
            }
        }
        CopyMsg::CopyId if app.screen() == Screen::ApiLog => {
            if let Some(e) = app.log_sel.current().and_then(|i| app.api_log.get(i)) {
                return vec![Cmd::Copy {
                    what: "the log entry",
                    text: e.line(),
                }];
            }
        }
        CopyMsg::CopyId if app.screen() == Screen::Ledger => {
            if let Some(e) = app.ledger_sel.current().and_then(|i| app.ledger.get(i)) {
                return vec![Cmd::Copy {
                    what: "the account id",
                    text: e.account.id.clone(),
                }];
            }
        }
        CopyMsg::CopyId | CopyMsg::CopyJson => {
            let json = matches!(msg, CopyMsg::CopyJson);
            return (screens::spec(app.screen()).copy)(app, json)
                .into_iter()
                .collect();
        }
        CopyMsg::CopyError => {
            if let Some(e) = app.boxes.error() {
                return vec![Cmd::Copy {
                    what: "the error",
                    text: match &e.full {
                        Some(full) => format!("{}\n{}\n\n{full}", e.title, e.text),
                        None => format!("{}\n{}", e.title, e.text),
                    },
                }];
            }
        }

        CopyMsg::Copied(result) => match result {
            Ok(what) => app.set_status(StatusKind::Success, format!("Copied {what}")),
            Err(e) => app.set_status(StatusKind::Error, format!("Copy failed: {e}")),
        },
    }
    Vec::new()
}

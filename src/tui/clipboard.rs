//! Copying: OSC 52 through the terminal (works over SSH and in tmux with
//! `set-clipboard on`) or the system clipboard through the desktop's own
//! tool (wl-copy, xclip, xsel, pbcopy). The tools are run rather than
//! linked: they work under Wayland and X11 alike and need no display
//! libraries at build time. A failed copy is always reported.

use crate::config::ClipboardMode;
use std::io::Write;

/// How a copy will be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Osc52,
    System,
    Off,
}

/// What `auto` means here: OSC 52 over SSH, in tmux, or with no local
/// display; the system clipboard otherwise.
pub fn resolve(mode: ClipboardMode, env: impl Fn(&str) -> Option<String>) -> Via {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    match mode {
        ClipboardMode::Osc52 => Via::Osc52,
        ClipboardMode::System => Via::System,
        ClipboardMode::Off => Via::Off,
        ClipboardMode::Auto => {
            let remote = set("SSH_CONNECTION") || set("SSH_TTY") || set("TMUX");
            let display = cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY");
            if remote || !display {
                Via::Osc52
            } else {
                Via::System
            }
        }
    }
}

/// The text as the screen shows it: control characters escaped (`\u{1b}`),
/// line breaks kept. What is copied is what was seen, never a third form.
fn clean(text: &str) -> String {
    text.split('\n')
        .map(crate::inert::inert)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52_sequence(text: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean(text).as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Writes the OSC 52 sequence to the terminal.
pub fn osc52(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    write!(out, "{}", osc52_sequence(text))
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write to the terminal: {e}"))
}

/// The clipboard tools to try, in order, for this desktop.
fn tools(env: impl Fn(&str) -> Option<String>) -> Vec<(&'static str, &'static [&'static str])> {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    let mut out: Vec<(&'static str, &'static [&'static str])> = Vec::new();
    if cfg!(target_os = "macos") {
        out.push(("pbcopy", &[]));
    }
    if set("WAYLAND_DISPLAY") {
        out.push(("wl-copy", &[]));
    }
    if set("DISPLAY") {
        out.push(("xclip", &["-selection", "clipboard"]));
        out.push(("xsel", &["--clipboard", "--input"]));
    }
    out
}

/// Copies through the first clipboard tool that works. Blocking: run it
/// off the UI thread.
pub fn system(text: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let candidates = tools(|k| std::env::var(k).ok());
    if candidates.is_empty() {
        return Err(
            "no local display for the system clipboard (set clipboard = \"osc52\" in the config)"
                .into(),
        );
    }
    let mut tried = Vec::new();
    for (tool, args) in candidates {
        let child = Command::new(tool)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = child else {
            tried.push(format!("{tool} (not installed)"));
            continue;
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(clean(text).as_bytes());
        }
        match child.wait() {
            Ok(status) if status.success() => return Ok(()),
            Ok(status) => tried.push(format!("{tool} ({status})")),
            Err(e) => tried.push(format!("{tool} ({e})")),
        }
    }
    Err(format!(
        "no clipboard tool worked: {}; install wl-clipboard or xclip, or set clipboard = \"osc52\"",
        tried.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn auto_uses_osc52_without_a_local_display() {
        let auto = ClipboardMode::Auto;
        if !cfg!(target_os = "macos") {
            assert_eq!(resolve(auto, env(&[])), Via::Osc52);
            assert_eq!(resolve(auto, env(&[("DISPLAY", ":0")])), Via::System);
            assert_eq!(
                resolve(auto, env(&[("WAYLAND_DISPLAY", "wayland-0")])),
                Via::System
            );
        }
        let ssh = [
            ("DISPLAY", ":0"),
            ("SSH_CONNECTION", "1.2.3.4 5 6.7.8.9 22"),
        ];
        assert_eq!(resolve(auto, env(&ssh)), Via::Osc52);
        let tmux = [("DISPLAY", ":0"), ("TMUX", "/tmp/tmux-1/default,1,0")];
        assert_eq!(resolve(auto, env(&tmux)), Via::Osc52);
        assert_eq!(resolve(ClipboardMode::System, env(&[])), Via::System);
        assert_eq!(resolve(ClipboardMode::Off, env(&ssh)), Via::Off);
        assert_eq!(
            resolve(ClipboardMode::Osc52, env(&[("DISPLAY", ":0")])),
            Via::Osc52
        );
    }

    #[test]
    fn osc52_carries_the_text_escaped_as_shown() {
        use base64::Engine;
        let seq = osc52_sequence("cus_1\u{1b}[2J\nline");
        let b64 = seq
            .trim_start_matches("\x1b]52;c;")
            .trim_end_matches('\x07');
        let back = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(String::from_utf8(back).unwrap(), "cus_1\\u{1b}[2J\nline");
    }

    #[test]
    fn the_tools_follow_the_desktop() {
        let names = |vars| {
            tools(env(vars))
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
        };
        if !cfg!(target_os = "macos") {
            assert!(names(&[]).is_empty());
        }
        assert!(names(&[("WAYLAND_DISPLAY", "w")]).contains(&"wl-copy"));
        assert!(names(&[("DISPLAY", ":0")]).contains(&"xclip"));
    }
}

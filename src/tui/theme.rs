//! Every colour and style in one place. Nothing is signalled by colour
//! alone: errors also carry `✗` and text, required fields a `*`, the
//! selection and badges are also bold or reversed.
//!
//! `NO_COLOR` (https://no-color.org) turns every colour off: each style has
//! a form made only of bold, dim, underline and reverse.

use ratatui::style::{Color, Modifier, Style};

pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

const fn m(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

/// The colours a theme sets. Modifiers (bold, reverse) stay the same in
/// every theme, so meaning never rests on a colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub dim: Color,
    pub key: Color,
    pub selected_fg: Color,
    pub selected_bg: Color,
    pub focused: Color,
    pub error: Color,
    pub warning: Color,
    pub success: Color,
    pub header_fg: Color,
    pub header_bg: Color,
    pub badge_fg: Color,
    pub badge_bg: Color,
}

impl Palette {
    pub const DEFAULT: Palette = Palette {
        dim: Color::DarkGray,
        key: Color::Cyan,
        selected_fg: Color::White,
        selected_bg: Color::Blue,
        focused: Color::Yellow,
        error: Color::Red,
        warning: Color::Yellow,
        success: Color::Green,
        header_fg: Color::White,
        header_bg: Color::DarkGray,
        badge_fg: Color::Black,
        badge_bg: Color::Green,
    };

    /// Black and white with bright accents: no dark grey on black, no
    /// blue under white text.
    pub const HIGH_CONTRAST: Palette = Palette {
        dim: Color::Gray,
        key: Color::LightCyan,
        selected_fg: Color::Black,
        selected_bg: Color::White,
        focused: Color::LightYellow,
        error: Color::LightRed,
        warning: Color::LightYellow,
        success: Color::LightGreen,
        header_fg: Color::Black,
        header_bg: Color::White,
        badge_fg: Color::Black,
        badge_bg: Color::LightGreen,
    };

    /// The names a user theme may set, for config checks and errors.
    pub const KEYS: [&'static str; 12] = [
        "dim",
        "key",
        "selected_fg",
        "selected_bg",
        "focused",
        "error",
        "warning",
        "success",
        "header_fg",
        "header_bg",
        "badge_fg",
        "badge_bg",
    ];

    /// Sets one colour by its name in [`Palette::KEYS`].
    pub fn set(&mut self, key: &str, color: Color) -> bool {
        let slot = match key {
            "dim" => &mut self.dim,
            "key" => &mut self.key,
            "selected_fg" => &mut self.selected_fg,
            "selected_bg" => &mut self.selected_bg,
            "focused" => &mut self.focused,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "success" => &mut self.success,
            "header_fg" => &mut self.header_fg,
            "header_bg" => &mut self.header_bg,
            "badge_fg" => &mut self.badge_fg,
            "badge_bg" => &mut self.badge_bg,
            _ => return false,
        };
        *slot = color;
        true
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Palette> {
        match name {
            "default" => Some(Palette::DEFAULT),
            "high-contrast" => Some(Palette::HIGH_CONTRAST),
            _ => None,
        }
    }
}

/// What rendering draws with: the palette, or no colour at all. It is
/// part of the state (the Context), handed to every render function, so
/// two apps (two tests) can draw with two themes at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    /// `NO_COLOR`: every style is made of bold, dim, underline and reverse.
    pub no_color: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            palette: Palette::DEFAULT,
            no_color: false,
        }
    }
}

impl Theme {
    /// The coloured style, or the colourless one under `NO_COLOR`.
    fn pick(&self, colour: Style, plain: Style) -> Style {
        if self.no_color { plain } else { colour }
    }

    pub fn title(&self) -> Style {
        m(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(self.palette.dim), m(Modifier::DIM))
    }
    pub fn key(&self) -> Style {
        let p = &self.palette;
        self.pick(
            Style::new().fg(p.key).add_modifier(Modifier::BOLD),
            m(Modifier::BOLD),
        )
    }
    pub fn selected(&self) -> Style {
        let p = &self.palette;
        self.pick(
            Style::new()
                .bg(p.selected_bg)
                .fg(p.selected_fg)
                .add_modifier(Modifier::BOLD),
            m(Modifier::REVERSED).add_modifier(Modifier::BOLD),
        )
    }
    pub fn focused(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.focused)
                .add_modifier(Modifier::BOLD),
            m(Modifier::BOLD),
        )
    }
    pub fn error(&self) -> Style {
        self.pick(Style::new().fg(self.palette.error), m(Modifier::BOLD))
    }
    pub fn warning(&self) -> Style {
        self.pick(Style::new().fg(self.palette.warning), m(Modifier::BOLD))
    }
    pub fn success(&self) -> Style {
        self.pick(Style::new().fg(self.palette.success), m(Modifier::BOLD))
    }
    pub fn header(&self) -> Style {
        let p = &self.palette;
        self.pick(
            Style::new().bg(p.header_bg).fg(p.header_fg),
            m(Modifier::REVERSED),
        )
    }
    pub fn sandbox_badge(&self) -> Style {
        let p = &self.palette;
        self.pick(
            Style::new()
                .bg(p.badge_bg)
                .fg(p.badge_fg)
                .add_modifier(Modifier::BOLD),
            m(Modifier::BOLD),
        )
    }
    pub fn input(&self) -> Style {
        m(Modifier::UNDERLINED)
    }
    pub fn button(&self, focused: bool) -> Style {
        let p = &self.palette;
        match (focused, self.no_color) {
            (true, false) => Style::new()
                .bg(p.success)
                .fg(p.badge_fg)
                .add_modifier(Modifier::BOLD),
            (true, true) => m(Modifier::REVERSED).add_modifier(Modifier::BOLD),
            (false, false) => Style::new().fg(p.success),
            (false, true) => Style::new(),
        }
    }
    /// The style of a `37/100` counter: plain, near the limit, over it.
    pub fn counter(&self, len: usize, max: usize) -> Style {
        if len > max {
            self.error().add_modifier(Modifier::BOLD)
        } else if len * 10 >= max * 9 {
            self.warning()
        } else {
            self.dim()
        }
    }
    /// The profile's frame.
    pub fn frame(&self, color: Color) -> Style {
        self.pick(Style::new().fg(color), Style::new())
    }
}

/// A colour from config: a name ("red", "lightblue"), `#rrggbb` or an
/// index 0–255.
pub fn parse_color(text: &str) -> Result<Color, String> {
    text.trim().parse::<Color>().map_err(|_| {
        format!(
            "{} is not a colour (a name such as red or lightblue, #rrggbb, or 0-255)",
            crate::inert::quoted(text)
        )
    })
}

/// The palette named by `preferences.theme`: a built-in one, or a
/// `[themes.NAME]` table of colours over a built-in `base`. Problems are
/// returned as text; whatever is wrong falls back to the default.
pub fn palette_from_config(
    config: &crate::config::Config,
    locate: impl Fn(&[&str]) -> String,
) -> (Palette, Vec<String>) {
    let name = config.preferences.theme.as_str();
    if let Some(p) = Palette::builtin(name) {
        return (p, Vec::new());
    }
    let Some(table) = config.themes.get(name) else {
        let mut known: Vec<&str> = vec!["default", "high-contrast"];
        known.extend(config.themes.keys().map(String::as_str));
        return (
            Palette::DEFAULT,
            vec![format!(
                "{}: theme {} is not defined (known: {})",
                locate(&["preferences", "theme"]),
                crate::inert::quoted(name),
                known.join(", ")
            )],
        );
    };
    let mut problems = Vec::new();
    let mut palette = Palette::DEFAULT;
    if let Some(base) = table.get("base") {
        match Palette::builtin(base) {
            Some(p) => palette = p,
            None => problems.push(format!(
                "{}: base {} is not a built-in theme (default, high-contrast)",
                locate(&["themes", name, "base"]),
                crate::inert::quoted(base)
            )),
        }
    }
    for (key, value) in table.iter().filter(|(k, _)| *k != "base") {
        let at = locate(&["themes", name, key]);
        match parse_color(value) {
            Ok(c) => {
                if !palette.set(key, c) {
                    problems.push(format!(
                        "{at}: {} is not a theme colour (known: base, {})",
                        crate::inert::quoted(key),
                        Palette::KEYS.join(", ")
                    ));
                }
            }
            Err(e) => problems.push(format!("{at}: {e}")),
        }
    }
    (palette, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    const TEXT: &str = r##"[preferences]
theme = "mine"

[themes.mine]
base = "high-contrast"
error = "#ff5f5f"
selection = "blue"
key = "cyanish"
"##;

    fn palette_of(text: &str) -> (Palette, Vec<String>) {
        let config = Config::parse(text).unwrap();
        let path = Path::new("/c/config.toml");
        palette_from_config(&config, |keys| crate::config::locate(path, text, keys))
    }

    #[test]
    fn built_in_and_user_themes_with_problems_at_file_and_line() {
        assert_eq!(
            palette_of("[preferences]\ntheme = \"high-contrast\"\n"),
            (Palette::HIGH_CONTRAST, vec![])
        );
        let (p, problems) = palette_of(TEXT);
        assert_eq!(p.error, Color::Rgb(0xff, 0x5f, 0x5f));
        assert_eq!(
            p.selected_bg,
            Palette::HIGH_CONTRAST.selected_bg,
            "from the base"
        );
        assert_eq!(
            p.key,
            Palette::HIGH_CONTRAST.key,
            "a bad colour keeps the base's"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("/c/config.toml:8: "),
            "{problems:?}"
        );
        assert!(problems[0].contains("\"cyanish\" is not a colour"));
        assert!(problems[1].starts_with("/c/config.toml:7: "));
        assert!(problems[1].contains("\"selection\" is not a theme colour"));
        let (p, problems) = palette_of("[preferences]\ntheme = \"nope\"\n");
        assert_eq!(p, Palette::DEFAULT);
        assert!(problems[0].starts_with("/c/config.toml:2: theme \"nope\" is not defined"));
    }

    #[test]
    fn a_theme_is_a_value_two_apps_can_hold_at_once() {
        let contrast = Theme {
            palette: Palette::HIGH_CONTRAST,
            no_color: false,
        };
        let plain = Theme {
            no_color: true,
            ..Theme::default()
        };
        assert_eq!(contrast.selected().bg, Some(Color::White));
        assert_eq!(Theme::default().selected().bg, Some(Color::Blue));
        assert_eq!(plain.selected().bg, None);
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(plain.error().fg, None, "NO_COLOR: no colour at all");
    }
}

//! Settings: TOML in the XDG config dir, with named profiles and one active.
//!
//! Saved atomically with mode 0600. A file that exists but cannot be read or
//! parsed is reported with its path and line and is never overwritten: `save`
//! re-reads the file first and refuses to replace one it cannot parse.

use crate::paths::write_private_atomic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where cards are added (Stripe's form, behind the dashboard): a terminal
/// never takes card numbers.
pub const DASHBOARD_URL: &str = "https://app.altostrat.io";
pub const DEFAULT_API_URL: &str = "https://api.altostrat.io";
pub const DEFAULT_PROFILE: &str = "default";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The profile used when none is named on the command line.
    pub active_profile: String,
    pub profiles: BTreeMap<String, Profile>,
    pub preferences: Preferences,
    /// User themes: `[themes.NAME]` with colours by name (see
    /// `tui::theme::Palette::KEYS`) and an optional built-in `base`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub themes: BTreeMap<String, BTreeMap<String, String>>,
    /// Key bindings: action name → key ("ctrl+s", "a", "f5").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, String>,
    /// The index `find` searches (`[cache]`).
    #[serde(default, skip_serializing_if = "CacheConfig::is_default")]
    pub cache: CacheConfig,
}

/// `[cache]`: the local index of workspaces and their accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheConfig {
    /// `false`: nothing is kept on disk and nothing fills in the background.
    pub enabled: bool,
    /// Seconds between two of the filler's requests: 0 (the default) is
    /// as fast as the shared budget allows, keeping its reserve for the
    /// user.
    pub interval_seconds: u64,
    /// An answer older than this is fetched again, oldest first.
    pub max_age_minutes: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            enabled: true,
            interval_seconds: 0,
            max_age_minutes: 60,
        }
    }
}

impl CacheConfig {
    fn is_default(&self) -> bool {
        *self == CacheConfig::default()
    }

    /// The filler's pace: the scheduler keeps it within the budget (and
    /// behind the user); `interval_seconds` adds a pause of its own.
    pub fn pace(&self) -> crate::index::Pace {
        use crate::index::Millis;
        crate::index::Pace {
            interval_ms: (self.interval_seconds.min(3600).saturating_mul(1000)) as Millis,
            max_age_ms: (self.max_age_minutes.max(1).saturating_mul(60_000)) as Millis,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub api_url: String,
    /// A colour that frames the UI for this profile (e.g. "red" for prod).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// Every create, update and delete asks for the workspace's name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirm_writes: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Preselect the workspace used last time.
    pub remember_last_workspace: bool,
    /// Capture the mouse at start (click, wheel); `m` toggles it.
    pub mouse: bool,
    /// How copies reach a clipboard.
    pub clipboard: ClipboardMode,
    /// "default", "high-contrast", or the name of a `[themes.NAME]` table.
    pub theme: String,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            remember_last_workspace: true,
            mouse: true,
            clipboard: ClipboardMode::Auto,
            theme: "default".into(),
        }
    }
}

/// `auto` uses OSC 52 over SSH or without a display, the system clipboard
/// otherwise; `off` refuses to copy (and says so).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClipboardMode {
    #[default]
    Auto,
    Osc52,
    System,
    Off,
}

impl Default for Config {
    fn default() -> Self {
        let mut profiles = BTreeMap::new();
        profiles.insert(
            DEFAULT_PROFILE.to_string(),
            Profile {
                api_url: DEFAULT_API_URL.to_string(),
                color: None,
                confirm_writes: false,
            },
        );
        Config {
            active_profile: DEFAULT_PROFILE.to_string(),
            profiles,
            preferences: Preferences::default(),
            themes: BTreeMap::new(),
            keys: BTreeMap::new(),
            cache: CacheConfig::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: crate::paths::ReadError,
    },
    #[error("{path}:{line}:{column}: {message} (the file was left as it is)")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("cannot save {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Config {
    /// Reads the file; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match crate::paths::read_text(path) {
            Ok(t) => t,
            Err(e) if e.not_found() => return Ok(Config::default()),
            Err(crate::paths::ReadError::NotUtf8 { line, column }) => {
                return Err(ConfigError::Parse {
                    path: path.into(),
                    line,
                    column,
                    message: "not valid UTF-8 (save the file as UTF-8)".into(),
                });
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.into(),
                    source,
                });
            }
        };
        let config =
            Config::parse(&text).map_err(|(line, column, message)| ConfigError::Parse {
                path: path.into(),
                line,
                column,
                message,
            })?;
        if !config.profiles.contains_key(&config.active_profile) {
            return Err(ConfigError::Invalid {
                path: locate(path, &text, &["active_profile"]).into(),
                message: format!(
                    "active_profile {} names no profile (known: {})",
                    crate::inert::quoted(&config.active_profile),
                    config
                        .profiles
                        .keys()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        Ok(config)
    }

    /// Parses TOML text; errors carry a 1-based line and column.
    pub fn parse(text: &str) -> Result<Config, (usize, usize, String)> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| crate::paths::line_col(text, span.start))
                .unwrap_or((1, 1));
            (line, column, e.message().trim().to_string())
        })?;
        if config.profiles.is_empty() {
            config.profiles = Config::default().profiles;
        }
        // A file that names its profiles but no active one starts on the
        // first of them (rather than on a "default" it does not define).
        let named_active = text
            .parse::<toml::Table>()
            .is_ok_and(|t| t.contains_key("active_profile"));
        if !named_active
            && !config.profiles.contains_key(&config.active_profile)
            && let Some(first) = config.profiles.keys().next()
        {
            config.active_profile = first.clone();
        }
        Ok(config)
    }

    /// Writes atomically with mode 0600, unless the file on disk is one this
    /// version cannot read: that one is kept for the user to mend.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        if path.exists() {
            Config::load(path)?;
        }
        let text = self.to_toml();
        write_private_atomic(path, text.as_bytes()).map_err(|source| ConfigError::Write {
            path: path.into(),
            source,
        })
    }

    /// The file's text for this config.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("config always serialises")
    }

    /// The active profile, or the one named.
    pub fn profile(&self, name: Option<&str>) -> Option<(&str, &Profile)> {
        let name = name.unwrap_or(&self.active_profile);
        self.profiles
            .get_key_value(name)
            .map(|(k, v)| (k.as_str(), v))
    }
}

/// `path:line` of `key` inside `[table…]` in a config file's text, found by
/// reading its lines (the file's own layout; good for the tables alto
/// writes and people write by hand). Falls back to the file alone.
pub fn locate(path: &Path, text: &str, keys: &[&str]) -> String {
    let (table, key) = match keys.split_last() {
        Some((key, table)) => (table.join("."), *key),
        None => return path.display().to_string(),
    };
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') && l.ends_with(']') {
            current = l
                .trim_matches(|c| c == '[' || c == ']')
                .split('.')
                .map(|p| p.trim().trim_matches('"'))
                .collect::<Vec<_>>()
                .join(".");
            continue;
        }
        let Some((k, _)) = l.split_once('=') else {
            continue;
        };
        if current == table && k.trim().trim_matches('"') == key {
            return format!("{}:{}", path.display(), i + 1);
        }
    }
    path.display().to_string()
}

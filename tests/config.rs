//! Config: round trip, atomic 0600 saves, and a corrupt file left untouched.

use alto::config::{Config, ConfigError, DEFAULT_API_URL, Profile};

#[test]
fn missing_file_gives_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let c = Config::load(&dir.path().join("config.toml")).unwrap();
    let (name, p) = c.profile(None).unwrap();
    assert_eq!((name, p.api_url.as_str()), ("default", DEFAULT_API_URL));
}

#[test]
fn round_trip_with_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alto").join("config.toml");
    let mut c = Config::default();
    c.profiles.insert(
        "prod".into(),
        Profile {
            api_url: "https://v1.api.altostrat.io".into(),
            color: Some("red".into()),
            confirm_writes: true,
        },
    );
    c.active_profile = "prod".into();
    c.preferences.remember_last_workspace = false;
    c.preferences.clipboard = alto::config::ClipboardMode::Osc52;
    c.save(&path).unwrap();
    let back = Config::load(&path).unwrap();
    assert_eq!(back, c);
    assert_eq!(back.profile(None).unwrap().1.color.as_deref(), Some("red"));
    assert_eq!(
        back.profile(Some("default")).unwrap().1.api_url,
        DEFAULT_API_URL
    );
}

#[cfg(unix)]
#[test]
fn saved_file_is_private_and_written_atomically() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    Config::default().save(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Saving again replaces the file by rename: a new inode, no temp files.
    use std::os::unix::fs::MetadataExt;
    let before = std::fs::metadata(&path).unwrap().ino();
    Config::default().save(&path).unwrap();
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn corrupt_file_is_reported_with_line_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let text =
        "active_profile = \"default\"\n\n[profiles.default]\napi_url = \"https://x\"\ncolor = [\n";
    std::fs::write(&path, text).unwrap();
    let err = Config::load(&path).unwrap_err();
    match &err {
        ConfigError::Parse { line, .. } => assert!(*line >= 5, "line {line}"),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("config.toml:"), "{err}");
    assert!(err.to_string().contains("left as it is"));
    let save = Config::default().save(&path);
    assert!(save.is_err(), "save refuses to replace an unreadable file");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn wrong_types_and_dangling_active_profile_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[profiles.default]\napi_url = 5\n").unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(err.contains(":2:"), "{err}");
    std::fs::write(
        &path,
        "active_profile = \"prod\"\n[profiles.default]\napi_url = \"https://x\"\n",
    )
    .unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(err.contains("\"prod\" names no profile"), "{err}");
}

#[test]
fn profiles_without_an_active_one_start_on_the_first() {
    let c = Config::parse("[profiles.staging]\napi_url = \"https://s.example\"\n[profiles.prod]\napi_url = \"https://p.example\"\nconfirm_writes = true\n").unwrap();
    assert_eq!(c.active_profile, "prod", "the first in name order");
    assert!(c.profiles["prod"].confirm_writes);
    // Named explicitly, a missing profile is still an error on load.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "active_profile = \"qa\"\n[profiles.prod]\napi_url = \"https://p.example\"\n",
    )
    .unwrap();
    assert!(
        Config::load(&path)
            .unwrap_err()
            .to_string()
            .contains("\"qa\" names no profile")
    );
}

#[test]
fn invalid_utf8_is_placed_by_line_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let bytes = b"active_profile = \"default\"\n[profiles.default]\napi_url = \"https://x\xff\"\n";
    std::fs::write(&path, bytes).unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(
        err.contains(&format!("{}:3:", path.display())) && err.contains("not valid UTF-8"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_huge_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, format!("# {}\n", "x".repeat(2 * 1024 * 1024))).unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(err.contains("larger than 1 MiB"), "{err}");
}

#[test]
fn a_huge_bad_value_is_quoted_bounded_and_placed() {
    let value = "z".repeat(900_000);
    let keys = std::collections::BTreeMap::from([("new".to_string(), value.clone())]);
    let (_, problems) =
        alto::tui::keymap::Keymap::from_config(&keys, |a| format!("config.toml:{a}"));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].len() < 300, "{} bytes", problems[0].len());
    assert!(
        problems[0].starts_with("config.toml:new"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("more characters"), "{}", problems[0]);
    // An active profile that names none is placed by its line.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "\n\nactive_profile = \"nope\"\n").unwrap();
    let err = Config::load(&path).unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}:3: ", path.display())), "{err}");
}

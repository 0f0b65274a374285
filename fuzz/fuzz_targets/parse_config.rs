//! Any config file gives a config or an error with a line and column,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match alto::config::Config::parse(&text) {
        Ok(config) => {
            // What parses also saves and parses back the same.
            let again = toml_round_trip(&config);
            assert_eq!(again.as_ref(), Some(&config));
        }
        Err((line, column, _)) => {
            assert!(line >= 1 && column >= 1);
            assert!(line <= text.lines().count().max(1) + 1);
        }
    }
});

fn toml_round_trip(c: &alto::config::Config) -> Option<alto::config::Config> {
    let text = c.to_toml();
    alto::config::Config::parse(&text).ok()
}

//! `alto doctor`: config, token source (masked), API reachable, paths.

use super::*;

/// `alto doctor`: each check on one line, `ok` or `!!` with what to do.
pub(super) async fn doctor(
    api_url: Option<&str>,
    profile: Option<&str>,
    paths: &Paths,
) -> Result<(), Failure> {
    let mut failed = 0;
    let mut line = |ok: bool, what: &str, detail: String| {
        if !ok {
            failed += 1;
        }
        out(&format!(
            "{}  {what:8} {}",
            if ok { "ok" } else { "!!" },
            inert(&detail)
        ));
    };
    let config = Config::load(&paths.config_file());
    match &config {
        Ok(c) => line(
            true,
            "config",
            format!(
                "{} (profile {})",
                paths.config_file().display(),
                c.active_profile
            ),
        ),
        Err(e) => line(false, "config", e.to_string()),
    }
    let url = match resolve_api_url(api_url, profile, paths) {
        Ok(url) => match crate::api::client::check_base_url(&url) {
            Ok(_) => {
                line(true, "api url", url.clone());
                Some(url)
            }
            Err(e) => {
                line(false, "api url", e.to_string());
                None
            }
        },
        Err(e) => {
            line(false, "api url", e);
            None
        }
    };
    let token = match crate::token::resolve(paths) {
        Ok(Some((t, source))) => {
            line(true, "token", format!("{} from {source}", t.masked()));
            Some(t)
        }
        Ok(None) => {
            line(
                false,
                "token",
                format!("none: set {TOKEN_ENV} or run `alto token save`"),
            );
            None
        }
        Err(e) => {
            line(false, "token", e);
            None
        }
    };
    if let Some(url) = url {
        let client = ApiClient::with_options(
            &url,
            token.clone().unwrap_or_else(|| Token::new("-")),
            crate::api::ClientOptions {
                get_retries: 0,
                timeout: std::time::Duration::from_secs(10),
                ..Default::default()
            },
        );
        let started = std::time::Instant::now();
        let answer = match client {
            Ok(c) => c.list_workspaces().await,
            Err(e) => Err(e),
        };
        let ms = started.elapsed().as_millis();
        match answer {
            Ok(list) => line(
                true,
                "api",
                format!(
                    "answered in {ms} ms; {} workspaces visible",
                    list.data.len()
                ),
            ),
            Err(e) if e.status() == Some(401) && token.is_none() => line(
                true,
                "api",
                format!("reachable in {ms} ms (401 without a token, as expected)"),
            ),
            Err(e) if e.status() == Some(401) => line(
                false,
                "api",
                format!("reachable, but the token was refused: {e}"),
            ),
            Err(e) => line(false, "api", e.to_string()),
        }
    }
    match crate::paths::ensure_private_dir(&paths.state_dir) {
        Ok(()) => line(true, "state", paths.state_dir.display().to_string()),
        Err(e) => line(
            false,
            "state",
            format!("{}: {e}", paths.state_dir.display()),
        ),
    }
    line(true, "log", paths.log_file().display().to_string());
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: format!(
                "alto doctor: {failed} check{} failed",
                if failed == 1 { "" } else { "s" }
            ),
        })
    }
}

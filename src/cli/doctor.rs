//! `alto doctor`: config, token source (masked), API reachable, paths.

use super::*;

/// The checks' lines, and how many failed.
#[derive(Default)]
struct Report {
    failed: usize,
}

impl Report {
    fn line(&mut self, ok: bool, what: &str, detail: String) {
        if !ok {
            self.failed += 1;
        }
        out(&format!(
            "{}  {what:8} {}",
            if ok { "ok" } else { "!!" },
            inert(&detail)
        ));
    }

    /// `Some(value)` as a passed check, `None` as a failed one.
    fn check<T>(&mut self, what: &str, result: Result<(T, String), String>) -> Option<T> {
        match result {
            Ok((value, detail)) => {
                self.line(true, what, detail);
                Some(value)
            }
            Err(detail) => {
                self.line(false, what, detail);
                None
            }
        }
    }
}

/// `alto doctor`: each check on one line, `ok` or `!!` with what to do.
pub(super) async fn doctor(
    api_url: Option<&str>,
    profile: Option<&str>,
    paths: &Paths,
) -> Result<(), Failure> {
    let mut report = Report::default();
    let config = Config::load(&paths.config_file())
        .map(|c| {
            let file = paths.config_file().display().to_string();
            ((), format!("{file} (profile {})", c.active_profile))
        })
        .map_err(|e| e.to_string());
    report.check("config", config);
    let url = resolve_api_url(api_url, profile, paths).and_then(|url| {
        crate::api::client::check_base_url(&url)
            .map(|_| (url.clone(), url))
            .map_err(|e| e.to_string())
    });
    let url = report.check("api url", url);
    let token = match crate::token::resolve(paths) {
        Ok(Some((t, source))) => Ok((Some(t.clone()), format!("{} from {source}", t.masked()))),
        Ok(None) => Err(format!("none: set {TOKEN_ENV} or run `alto token save`")),
        Err(e) => Err(e),
    };
    let token = report.check("token", token).flatten();
    if let Some(url) = url {
        let api = check_api(&url, token, paths).await;
        report.check("api", api);
    }
    let state = crate::paths::ensure_private_dir(&paths.state_dir)
        .map(|()| ((), paths.state_dir.display().to_string()))
        .map_err(|e| format!("{}: {e}", paths.state_dir.display()));
    report.check("state", state);
    report.line(true, "log", paths.log_file().display().to_string());
    match report.failed {
        0 => Ok(()),
        failed => Err(Failure {
            code: 1,
            message: format!(
                "alto doctor: {failed} check{} failed",
                if failed == 1 { "" } else { "s" }
            ),
        }),
    }
}

/// One list request, timed: a 401 without a token still proves the API
/// is there.
async fn check_api(url: &str, token: Option<Token>, paths: &Paths) -> Result<((), String), String> {
    let client = ApiClient::with_options(
        url,
        token.clone().unwrap_or_else(|| Token::new("-")),
        crate::api::ClientOptions {
            get_retries: 0,
            timeout: std::time::Duration::from_secs(10),
            // Its turn, like every request, from the shared budget.
            budget_dir: token.is_some().then(|| paths.cache_dir.clone()),
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
        Ok(list) => Ok((
            (),
            format!(
                "answered in {ms} ms; {} workspaces visible",
                list.data.len()
            ),
        )),
        Err(e) if e.status() == Some(401) && token.is_none() => Ok((
            (),
            format!("reachable in {ms} ms (401 without a token, as expected)"),
        )),
        Err(e) if e.status() == Some(401) => {
            Err(format!("reachable, but the token was refused: {e}"))
        }
        Err(e) => Err(e.to_string()),
    }
}

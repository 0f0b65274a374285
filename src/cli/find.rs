//! `alto find TEXT` and `alto cache status|clear`: search the index of
//! every workspace's billing accounts, filling what is missing or stale
//! first at the index's pace (a progress line on stderr), or only what is
//! there with `--cached`.

use super::*;
use crate::index::files::{self, Store};
use crate::index::fill::{Progress, fill_missing};
use crate::index::search::{self, Hit};
use crate::index::{Index, Millis, age, now_ms};
use crate::money::grouped;

/// The config's `[cache]` and where this API URL and profile keep their
/// index.
fn store_for(
    target: Target,
    paths: &Paths,
) -> Result<(crate::config::CacheConfig, Store), Failure> {
    let config = Config::load(&paths.config_file()).map_err(|e| usage(e.to_string()))?;
    let url = resolve_api_url(target.api_url, target.profile, paths).map_err(usage)?;
    let profile = profile_name(target.api_url, target.profile, paths);
    Ok((
        config.cache.clone(),
        Store::new(&paths.cache_dir, &url, &profile),
    ))
}

/// The store of this API URL and profile when the index is on.
pub(super) fn kept_store(target: Target, paths: &Paths) -> Option<Store> {
    store_for(target, paths)
        .ok()
        .filter(|(cache, _)| cache.enabled)
        .map(|(_, store)| store)
}

/// The index's witness for a CLI command: a failure to write it is said
/// once on stderr and the command goes on.
pub(super) fn witness(store: Store) -> crate::api::Witness {
    crate::index::witness::witness(store, |why| {
        eprintln!("alto: the index was not updated: {why}");
    })
}

pub(super) async fn find(args: FindArgs, target: Target<'_>, paths: &Paths) -> Result<(), Failure> {
    let (cache, store) = store_for(target, paths)?;
    let query = args.text.join(" ");
    let mut index = Index::default();
    if cache.enabled {
        let (loaded, problems) = store.load();
        index = loaded;
        for p in problems {
            eprintln!("alto: {p}");
        }
    } else if args.cached {
        return Err(usage(
            "the index is turned off ([cache] enabled = false in the config): there is nothing cached to search",
        ));
    }
    if !args.cached {
        let c = client(target, paths)?;
        let keep = cache.enabled.then_some(&store);
        let mut line = ProgressLine::new();
        let filled = fill_missing(&c, &mut index, keep, cache.pace(), |p| line.show(p)).await;
        line.done();
        let notes = filled.map_err(|e| Failure {
            code: 3,
            message: format!("alto: {e}"),
        })?;
        for note in notes {
            eprintln!("alto: {note}");
        }
    }
    let found = search::find(&index, &query, usize::from(args.limit));
    let now = now_ms();
    if args.json {
        let rows: Vec<serde_json::Value> = found
            .hits
            .iter()
            .map(|h| hit_json(&index, h, now))
            .collect();
        print_json(&rows);
    } else {
        let rows: Vec<Vec<Cell>> = found.hits.iter().map(|h| hit_row(&index, h, now)).collect();
        let columns = [
            id_col("ID", "id"),
            col("NAME", "name"),
            col("EMAIL", "email"),
            col("WORKSPACE", "workspace"),
            id_col("WORKSPACE ID", "workspace_id"),
            col("INDEXED", "indexed"),
        ];
        if !rows.is_empty() {
            output::print_rows(super::Format::Table, &columns, &rows);
        }
    }
    let coverage = index.coverage();
    eprintln!(
        "{} of {} matching shown; index: {}{}",
        found.hits.len(),
        found.total,
        coverage.summary(now),
        if cache.enabled {
            ""
        } else {
            " (not kept: [cache] enabled = false)"
        }
    );
    Ok(())
}

/// The shared budget of this API URL and token as it stands (read without
/// taking a turn); nothing without a token.
fn budget_line(target: Target, paths: &Paths) -> Option<String> {
    use crate::api::budget_file::BudgetFile;
    let url = resolve_api_url(target.api_url, target.profile, paths).ok()?;
    let url = crate::api::client::check_base_url(&url).ok()?;
    let (token, _) = crate::token::resolve(paths).ok()??;
    let file = BudgetFile::new(&paths.cache_dir, url.as_str(), token.expose());
    let mut window = BudgetFile::peek(file.path()).unwrap_or_default();
    let per_minute = crate::api::ClientOptions::default().per_minute;
    let now = now_ms();
    let left = window.left(now, per_minute);
    Some(match window.paused_until {
        Some(until) => format!("budget   paused by a 429 for {} more", age(until - now)),
        None => format!(
            "budget   {left} of {per_minute} left this minute (shared by every alto on this machine)"
        ),
    })
}

/// A hit's workspace: its name and id.
fn workspace_of<'a>(index: &'a Index, hit: &Hit) -> (&'a str, &'a str) {
    search::workspace(index, hit).map_or(("", ""), |w| (w.name.as_str(), w.id.as_str()))
}

fn hit_row(index: &Index, hit: &Hit, now: Millis) -> Vec<Cell> {
    let (ws_name, ws_id) = workspace_of(index, hit);
    let indexed =
        search::fetched_at(index, hit).map_or(String::new(), |t| format!("{} ago", age(now - t)));
    match search::account(index, hit) {
        Some(a) => vec![
            a.id.as_str().into(),
            a.name.as_str().into(),
            a.email.as_str().into(),
            ws_name.into(),
            ws_id.into(),
            indexed.into(),
        ],
        None => vec![
            ws_id.into(),
            ws_name.into(),
            "".into(),
            "(a workspace)".into(),
            "".into(),
            indexed.into(),
        ],
    }
}

fn hit_json(index: &Index, hit: &Hit, now: Millis) -> serde_json::Value {
    let (ws_name, ws_id) = workspace_of(index, hit);
    let at = search::fetched_at(index, hit);
    let mut v = match search::account(index, hit) {
        Some(a) => serde_json::json!({
            "kind": "billing_account",
            "id": a.id, "name": a.name, "email": a.email,
            "phone": a.phone, "postal_code": a.postal_code,
        }),
        None => serde_json::json!({ "kind": "workspace", "id": ws_id, "name": ws_name }),
    };
    v["workspace_id"] = ws_id.into();
    v["workspace_name"] = ws_name.into();
    v["indexed_seconds_ago"] = at.map(|t| (now - t) / 1000).into();
    v
}

/// The progress of a fill on stderr: one line redrawn in place at a
/// terminal, a line per step otherwise.
struct ProgressLine {
    tty: bool,
    drawn: bool,
}

impl ProgressLine {
    fn new() -> ProgressLine {
        ProgressLine {
            tty: std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    fn show(&mut self, p: Progress) {
        let text = match p {
            Progress::Step(index, applied) => {
                let mut t = format!("indexing: {}", index.coverage().summary(now_ms()));
                if let Some(problem) = &applied.problem {
                    t.push_str(&format!(" ({})", inert(problem)));
                }
                t
            }
            Progress::Paused { until } => format!(
                "indexing paused by the API's rate limit (429): going on in {}",
                age(until - now_ms())
            ),
        };
        self.drawn = true;
        if self.tty {
            eprint!("\r\x1b[2K{text}");
            let _ = std::io::stderr().flush();
        } else {
            eprintln!("{text}");
        }
    }

    fn done(&self) {
        if self.tty && self.drawn {
            eprintln!();
        }
    }
}

pub(super) fn cache(command: CacheCommand, target: Target, paths: &Paths) -> Result<(), Failure> {
    let root = files::root(&paths.cache_dir);
    match command {
        CacheCommand::Clear => {
            let (bytes, count) = files::size(&root);
            match std::fs::remove_dir_all(&root) {
                Ok(()) => out(&format!(
                    "removed the index: {count} files, {} bytes, from {}",
                    grouped(bytes),
                    root.display()
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    out(&format!("there was no index in {}", root.display()))
                }
                Err(e) => return Err(usage(format!("could not remove {}: {e}", root.display()))),
            }
        }
        CacheCommand::Status => {
            let (cache, store) = store_for(target, paths)?;
            let (index, problems) = store.load();
            for p in problems {
                eprintln!("alto: {p}");
            }
            let (bytes, count) = files::size(&root);
            let now = now_ms();
            out(&format!("index    {}", store.dir().display()));
            out(&format!(
                "enabled  {}",
                if cache.enabled {
                    "yes"
                } else {
                    "no ([cache] enabled = false)"
                }
            ));
            out(&format!(
                "size     {} bytes in {count} files (every profile)",
                grouped(bytes)
            ));
            out(&format!("holds    {}", index.coverage().summary(now)));
            let pace = cache.pace();
            out(&format!(
                "pace     {}; fetched again after {}",
                match pace.interval_ms / 1000 {
                    0 => {
                        let per_minute = crate::api::ClientOptions::default().per_minute;
                        let reserve = crate::api::budget::reserve(per_minute);
                        format!(
                            "as the budget allows, {reserve} of every {per_minute} left for you"
                        )
                    }
                    s => format!("1 request every {s} s at most"),
                },
                age(pace.max_age_ms)
            ));
            if let Some(until) = index.meta.paused_until.filter(|&u| u > now) {
                out(&format!("paused   by a 429 for {} more", age(until - now)));
            }
            if let Some(line) = budget_line(target, paths) {
                out(&line);
            }
        }
    }
    Ok(())
}

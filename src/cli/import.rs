//! `alto accounts import FILE.csv --workspace WS`: every row checked
//! before anything is sent (`crate::import`), then each valid row sent
//! once, announced in the journal (synced) before its POST; `--resume`
//! looks up the rows whose answer was lost before sending anything again.
//! A summary CSV (`line,status,id,message`) at the end; exit 0 only when
//! every row was created.

use super::*;
use crate::api::model::{BillingAccount, NewBillingAccount};
use crate::import::journal::{Entry, Journal, Lock, Outcome};
use crate::import::{self as imp, Parsed, Problem};

/// One row's fate, for the summary.
struct Done {
    line: u64,
    status: &'static str,
    id: String,
    message: String,
}

pub(super) async fn import(c: &ApiClient, args: ImportArgs, paths: &Paths) -> Result<(), Failure> {
    let shown = args.file.display().to_string();
    let parsed = imp::parse(&imp::read_file(&args.file).map_err(usage)?);
    let journal_path = Journal::path_for(&paths.state_dir, &args.workspace, &args.file);
    // One import of this file into this workspace at a time (the console's
    // too): taken before the journal is read, held until the end.
    let _lock = match args.dry_run {
        true => None,
        false => Some(Lock::take(&journal_path, "alto accounts import").map_err(usage)?),
    };
    let mut journal = Journal::open(&journal_path).map_err(usage)?;
    if !args.resume && !journal.rows.is_empty() {
        return Err(usage(format!(
            "this file was imported into {} before (journal {}): --resume carries on from where it stopped; nothing was sent",
            inert(&args.workspace),
            journal_path.display()
        )));
    }
    let ws = c.get_workspace(&args.workspace).await?;
    let existing = c.list_accounts(&args.workspace).await?.data;
    look_up_unknown(&mut journal, &existing, args.dry_run)?;
    let plan = imp::plan(&parsed, &ws, &existing, &journal);
    report(&shown, &plan.problems);
    let blocking = plan.blocked(args.skip_invalid);
    if blocking || args.dry_run {
        let bad = plan
            .problems
            .iter()
            .map(|p| p.line)
            .collect::<std::collections::BTreeSet<_>>();
        eprintln!(
            "checked {} rows: {} to create, {} created before, {} with problems; nothing was sent{}",
            parsed.rows.len(),
            plan.pending.len(),
            plan.done_before.len(),
            bad.len(),
            if blocking && !args.skip_invalid && !plan.problems.is_empty() {
                " (--skip-invalid sends the valid rows)"
            } else {
                ""
            }
        );
        return match plan.problems.is_empty() {
            true => Ok(()),
            false => Err(Failure {
                code: EXIT_USAGE,
                message: "alto: nothing was sent".into(),
            }),
        };
    }
    // The summary's place is checked before anything is sent: a summary
    // that cannot be written is found out now, not after the rows exist.
    if let Some(path) = &args.summary {
        summary_writable(path).map_err(|why| {
            usage(format!(
                "cannot write the summary to {} ({why}); nothing was sent",
                path.display()
            ))
        })?;
    }
    let (pending, problems) = (plan.pending, plan.problems);
    let sent = send_rows(c, &args.workspace, &parsed, &pending, &mut journal).await;
    finish(&args, &parsed, &journal, &problems, sent)
}

fn report(file: &str, problems: &[Problem]) {
    for p in problems {
        eprintln!("{}", inert(&p.located(file)));
    }
}

/// A row sent before whose answer was lost: found in the workspace (the
/// same email and name) it was created; not found, it was not, and it is
/// sent again with its key.
fn look_up_unknown(
    journal: &mut Journal,
    existing: &[BillingAccount],
    dry_run: bool,
) -> Result<(), Failure> {
    let unknown: Vec<Entry> = journal.unknown().cloned().collect();
    for entry in unknown {
        let found = existing.iter().find(|a| {
            a.email.trim().eq_ignore_ascii_case(entry.email.trim())
                && a.name.trim() == entry.name.trim()
        });
        if let Some(a) = found {
            eprintln!(
                "line {}: its answer was lost; it was created as {}",
                entry.line,
                inert(&a.id)
            );
            let outcome = Outcome::Created { id: a.id.clone() };
            keep(journal, Entry { outcome, ..entry }, dry_run)?;
        } else {
            eprintln!(
                "line {}: its answer was lost and it is not in the workspace: it is sent again",
                entry.line
            );
            let outcome = Outcome::NotCreated;
            keep(journal, Entry { outcome, ..entry }, dry_run)?;
        }
    }
    Ok(())
}

/// What a look-up found, in the journal (a dry run only notes it: it
/// changes nothing on disk).
fn keep(journal: &mut Journal, entry: Entry, dry_run: bool) -> Result<(), Failure> {
    if dry_run {
        journal.rows.insert(entry.line, entry);
        return Ok(());
    }
    journal
        .record(entry)
        .map_err(|e| usage(format!("cannot write the journal: {e}")))
}

/// Sends each pending row once, the journal first; stops at the first
/// answer that is lost (the rest waits for `--resume`).
async fn send_rows(
    c: &ApiClient,
    workspace: &str,
    parsed: &Parsed,
    pending: &[u64],
    journal: &mut Journal,
) -> Vec<Done> {
    let bar = Progress::new(pending.len() as u64);
    let mut done = Vec::new();
    for line in pending {
        let Some(body) = parsed
            .rows
            .iter()
            .find(|r| r.line == *line)
            .and_then(|r| r.body.clone())
        else {
            continue;
        };
        let key = journal
            .rows
            .get(line)
            .map_or_else(|| uuid::Uuid::new_v4().to_string(), |e| e.key.clone());
        let (result, stop) = send_one(c, workspace, *line, &body, &key, journal).await;
        bar.step(&result);
        done.push(result);
        if stop {
            break;
        }
    }
    bar.finish();
    done
}

/// One row: journal, POST (again after a 429, which creates nothing),
/// journal. The bool: stop here.
async fn send_one(
    c: &ApiClient,
    workspace: &str,
    line: u64,
    body: &NewBillingAccount,
    key: &str,
    journal: &mut Journal,
) -> (Done, bool) {
    let entry = |outcome| Entry {
        line,
        key: key.to_string(),
        name: body.name.clone(),
        email: body.email.clone(),
        outcome,
    };
    let fail = |status, message: String| Done {
        line,
        status,
        id: String::new(),
        message,
    };
    loop {
        if let Err(e) = journal.record(entry(Outcome::Sending)) {
            return (
                fail("not sent", format!("the journal cannot be written: {e}")),
                true,
            );
        }
        match c
            .bulk()
            .create_account_for_lookup(workspace, body, key)
            .await
        {
            Ok(a) => {
                let id = a.id.clone();
                let saved = journal.record(entry(Outcome::Created { id: id.clone() }));
                let message = saved.err().map_or(String::new(), |e| {
                    format!("the journal cannot be written: {e}")
                });
                return (
                    Done {
                        line,
                        status: "created",
                        id,
                        message,
                    },
                    false,
                );
            }
            Err(ApiError::RateLimited { retry_after, .. }) => {
                let wait = crate::api::error::wait_after_429(retry_after);
                eprintln!(
                    "line {line}: rate limited (429), nothing created: sent again in {} s",
                    wait.as_secs()
                );
                tokio::time::sleep(wait).await;
            }
            Err(e) if e.outcome_unknown() => {
                let why = format!(
                    "{e}; run again with --resume: it is looked up before anything is resent"
                );
                return (fail("unknown", why), true);
            }
            Err(e) => {
                let message = e.to_string();
                let _ = journal.record(entry(Outcome::Refused {
                    message: message.clone(),
                }));
                return (fail("failed", message), false);
            }
        }
    }
}

/// The summary CSV, and the exit code: 0 only when every row is created.
fn finish(
    args: &ImportArgs,
    parsed: &Parsed,
    journal: &Journal,
    problems: &[Problem],
    sent: Vec<Done>,
) -> Result<(), Failure> {
    let mut rows = Vec::new();
    for r in &parsed.rows {
        let done = sent.iter().find(|d| d.line == r.line);
        let row = match (done, journal.created(r.line)) {
            (Some(d), _) => vec![
                d.line.to_string(),
                d.status.into(),
                d.id.clone(),
                d.message.clone(),
            ],
            (None, Some(id)) => vec![
                r.line.to_string(),
                "created before".into(),
                id.into(),
                String::new(),
            ],
            (None, None) => {
                let why: Vec<&str> = problems
                    .iter()
                    .filter(|p| p.line == r.line)
                    .map(|p| p.message.as_str())
                    .collect();
                let status = if why.is_empty() {
                    "not sent"
                } else {
                    "skipped"
                };
                vec![
                    r.line.to_string(),
                    status.into(),
                    String::new(),
                    why.join("; "),
                ]
            }
        };
        rows.push(row);
    }
    let all = rows.iter().all(|r| r[1].starts_with("created"));
    let headers = ["line", "status", "id", "message"];
    let created = rows.iter().filter(|r| r[1].starts_with("created")).count();
    if let Some(path) = &args.summary
        && let Err(why) = write_summary(path, &headers, &rows)
    {
        // The rows were sent: say what was, and give the summary here.
        output::print_csv(&headers, &rows);
        return Err(Failure {
            code: 1,
            message: format!(
                "alto: {created} of {} rows created (journal {}), but the summary could not be written to {} ({why}); it is on stdout instead",
                rows.len(),
                journal.path().display(),
                path.display()
            ),
        });
    }
    if args.summary.is_none() {
        output::print_csv(&headers, &rows);
    }
    eprintln!(
        "{created} of {} rows created; journal {}",
        rows.len(),
        journal.path().display()
    );
    if all {
        return Ok(());
    }
    let with = |status: &str| rows.iter().filter(|r| r[1] == status).count();
    let (unknown, failed) = (with("unknown"), with("failed"));
    let local = rows.len() - created - unknown - failed;
    let mut parts = Vec::new();
    for (n, what) in [
        (unknown, "with no clear answer (--resume looks them up)"),
        (failed, "refused by the API"),
        (
            local,
            "skipped for problems found here (nothing sent for them)",
        ),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    // 4 and 3 say what they say for any command; the rest is a partial
    // success of its own (EXIT_PARTIAL), never "the API refused".
    let code = match (unknown, failed) {
        (1.., _) => 4,
        (0, 1..) => 3,
        (0, 0) => EXIT_PARTIAL,
    };
    Err(Failure {
        code,
        message: format!(
            "alto: {created} of {} created; {}: see the summary",
            crate::money::count(rows.len(), "row", "rows"),
            parts.join(", ")
        ),
    })
}

/// Whether a summary can be written at `path`: its directory exists and
/// takes a new file (one is made and removed), and `path` is no directory.
fn summary_writable(path: &std::path::Path) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if path.is_dir() {
        return Err("it is a directory".into());
    }
    match dir.is_dir() {
        false => Err(format!("there is no directory {}", dir.display())),
        true => tempfile::Builder::new()
            .prefix(".alto-")
            .tempfile_in(dir)
            .map(drop)
            .map_err(|e| e.kind().to_string()),
    }
}

/// The summary CSV at `path`, whole; why not, in words of our own (never
/// a temporary file's name).
fn write_summary(
    path: &std::path::Path,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<(), String> {
    let bytes = crate::sheet::csv_bytes(headers, rows)?;
    crate::paths::save_new(path, &bytes, true).map_err(|e| e.kind().to_string())
}

/// The progress of the sending: a bar with rate and ETA at a terminal
/// (indicatif), a line per row otherwise.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(n: u64) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(n);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} rows · {per_sec} · ETA {eta} {msg}",
        ) {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    fn step(&self, d: &Done) {
        let text = format!(
            "line {}: {} {}",
            d.line,
            d.status,
            inert(if d.id.is_empty() { &d.message } else { &d.id })
        );
        match &self.0 {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(text);
            }
            None => eprintln!("{text}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

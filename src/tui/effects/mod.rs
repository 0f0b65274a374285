//! Runs a `Cmd` and sends its result back as a `Msg`. HTTP runs on tokio;
//! nothing here touches `App`.

mod billing;
mod import;
mod index;
mod orgs;
mod writes;

use super::drafts::{self, Draft};
use super::msg::{Cmd, Msg};
use crate::api::ApiClient;
use crate::api::model::BillingAccount;
use crate::paths::Paths;
use crate::tui::msg::{ApiMsg, CopyMsg, FormMsg};
use std::time::Duration;

/// A draft is written this long after the last edit (well within a second).
const DRAFT_DEBOUNCE: Duration = Duration::from_millis(300);

/// The newest account with this name and email created since `since`
/// (less two minutes for clock skew between this machine and the server).
pub fn find_match(
    accounts: Vec<BillingAccount>,
    name: &str,
    email: &str,
    since: jiff::Timestamp,
) -> Option<BillingAccount> {
    let from = since - jiff::SignedDuration::from_secs(120);
    accounts
        .into_iter()
        .filter(|a| {
            a.name.trim() == name.trim() && a.email.trim().eq_ignore_ascii_case(email.trim())
        })
        .filter(|a| {
            a.created_at
                .parse::<jiff::Timestamp>()
                .is_ok_and(|t| t >= from)
        })
        .max_by(|a, b| a.created_at.cmp(&b.created_at))
}
use tokio::sync::mpsc::UnboundedSender;

pub struct Effects {
    api_url: String,
    client: ApiClient,
    tx: UnboundedSender<Msg>,
    paths: Paths,
    /// Draft and state writes, off the UI thread, in order.
    files: super::files::Files,
    /// The user's token, for any API but the demo's sandbox.
    user_token: Option<crate::api::Token>,
    /// The current API is the demo's sandbox.
    demo: bool,
    /// The current profile's name (the journal records writes by it).
    profile: String,
    /// How copies are made (preferences.clipboard, resolved).
    pub clipboard: super::clipboard::Via,
    /// Drafts waiting for their write (flushed on quit, signal or panic).
    pub drafts: drafts::Pending,
    /// Whether each read in flight is still wanted (`tui::reads`).
    interest: std::collections::HashMap<crate::tui::msg::ReqId, Arc<AtomicBool>>,
    /// The interest of the read being started, for `spawn` to give its
    /// client.
    wanted: std::cell::Cell<Option<Arc<AtomicBool>>>,
}

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

impl Effects {
    /// `client` is built (and its URL checked) before the console starts;
    /// `update` sends nothing before a token is set.
    pub fn new(
        api_url: String,
        client: ApiClient,
        tx: UnboundedSender<Msg>,
        paths: Paths,
        user_token: Option<crate::api::Token>,
        (demo, profile): (bool, String),
    ) -> Effects {
        let mut effects = Effects {
            api_url,
            client,
            tx,
            paths,
            files: super::files::Files::start(),
            user_token,
            demo,
            profile,
            clipboard: super::clipboard::Via::Osc52,
            drafts: drafts::Pending::default(),
            interest: Default::default(),
            wanted: Default::default(),
        };
        effects.client = effects.client.clone().with_observer(effects.observer());
        effects.client = effects.client.clone().with_pacing(effects.pacing());
        effects.client = effects.client.clone().with_journal(
            crate::api::journal::Journal::new(&effects.paths.state_dir),
            &effects.profile,
        );
        effects
    }

    /// Writes of this API left without an outcome by a process that ended
    /// are looked up (in the background of the first screen) and what
    /// was found is said on the status line.
    pub fn settle_abandoned(&self) {
        let c = self.client.clone();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            for said in c.settle_abandoned(10).await {
                let mut chars = said.chars();
                let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
                let said = first.unwrap_or_default() + chars.as_str();
                let note = crate::api::scheduler::Pacing::Note(said);
                let _ = tx.send(Msg::Pacing(note));
            }
        });
    }

    /// How the console's client is made: its budget shared with every
    /// alto process through the cache dir (the demo's sandbox, on a new
    /// port each time and in this process, keeps its own).
    pub fn client_options(paths: &Paths, demo: bool) -> crate::api::ClientOptions {
        crate::api::ClientOptions {
            budget_dir: (!demo).then(|| paths.cache_dir.clone()),
            ..Default::default()
        }
    }

    /// The scheduler's word on the budget goes to the header.
    fn pacing(&self) -> crate::api::scheduler::PacingNotice {
        let tx = self.tx.clone();
        std::sync::Arc::new(move |pacing| {
            let _ = tx.send(Msg::Pacing(pacing));
        })
    }

    /// Runs one command: on this thread if it is quick (the terminal, the
    /// clipboard's OSC 52), on the files thread if it writes a file, and as
    /// a task if it talks to the API.
    pub fn run(&mut self, cmd: Cmd) {
        if let Cmd::DropReads(reqs) = &cmd {
            for req in reqs {
                if let Some(flag) = self.interest.remove(req) {
                    flag.store(false, Ordering::Relaxed);
                }
            }
            return;
        }
        if let Some(req) = super::reads::read_of(&cmd) {
            // A read's task holds its flag; one whose task is done is
            // forgotten when the map grows.
            if self.interest.len() > 256 {
                self.interest.retain(|_, f| Arc::strong_count(f) > 1);
            }
            let flag = Arc::new(AtomicBool::new(true));
            self.interest.insert(req, flag.clone());
            self.wanted.set(Some(flag));
        }
        match cmd {
            Cmd::UseToken(_) | Cmd::SwitchApi { .. } | Cmd::SetMouse(_) | Cmd::Copy { .. } => {
                self.session(cmd)
            }
            Cmd::RememberWorkspace(_) | Cmd::SaveDraft { .. } | Cmd::DeleteDraft(_) => {
                self.file(cmd)
            }
            Cmd::SendWrite {
                req,
                at,
                op,
                key,
                before,
                despite_pause,
            } => self.send_write((req, at, op), key, before, despite_pause),
            Cmd::Billing(cmd) => self.billing(cmd),
            Cmd::Org(cmd) => self.orgs(cmd),
            Cmd::Index(cmd) => self.index(cmd),
            Cmd::Import(cmd) => self.import(cmd),
            _ => self.request(cmd),
        }
    }

    /// The token, the API, the mouse and the clipboard.
    fn session(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::UseToken(token) => {
                if !self.demo {
                    self.user_token = Some(token.clone());
                }
                self.connect(token);
            }
            Cmd::SwitchApi {
                api_url,
                demo,
                profile,
            } => {
                self.api_url = api_url;
                self.demo = demo;
                self.profile = profile;
                let token = if demo {
                    crate::tui::demo::token()
                } else {
                    self.user_token
                        .clone()
                        .unwrap_or_else(|| crate::api::Token::new(""))
                };
                self.connect(token);
            }
            Cmd::SetMouse(on) => super::terminal::set_mouse(on),
            Cmd::Copy { what, text } => {
                use super::clipboard::{self, Via};
                match self.clipboard {
                    Via::Off => {
                        let _ = self.tx.send(Msg::Copy(CopyMsg::Copied(Err(
                            "copying is off (clipboard = \"off\" in the config)".into(),
                        ))));
                    }
                    Via::Osc52 => {
                        let result = clipboard::osc52(&text).map(|_| format!("{what} (OSC 52)"));
                        let _ = self.tx.send(Msg::Copy(CopyMsg::Copied(result)));
                    }
                    Via::System => {
                        // The tool may take a moment: off the UI thread.
                        let tx = self.tx.clone();
                        tokio::task::spawn_blocking(move || {
                            let result = clipboard::system(&text)
                                .map(|_| format!("{what} (system clipboard)"));
                            let _ = tx.send(Msg::Copy(CopyMsg::Copied(result)));
                        });
                    }
                }
            }
            other => debug_assert!(false, "{other:?} is not a session command"),
        }
    }

    /// Writes and deletes of files, on the files thread.
    fn file(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::RememberWorkspace(id) => {
                let (paths, tx) = (self.paths.clone(), self.tx.clone());
                self.files.run(move || {
                    if let Err(e) = super::state::remember_workspace(&paths, &id) {
                        tracing::warn!("cannot remember the last workspace: {e}");
                        let _ = tx.send(Msg::FileProblem(format!(
                            "The last workspace cannot be remembered: {e}"
                        )));
                    }
                });
            }
            Cmd::SaveDraft { draft, now } => {
                if now {
                    drop(self.write_draft(*draft)); // nothing waits for it
                } else {
                    let (key, ws) = (draft.key(), draft.workspace.id.clone());
                    let generation = self.drafts.queue(*draft);
                    let job = self.draft_job(key, ws, generation);
                    let files = self.files.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(DRAFT_DEBOUNCE).await;
                        files.run(job);
                    });
                }
            }
            Cmd::DeleteDraft(key) => {
                self.drafts.forget(&key);
                let paths = self.paths.clone();
                self.files.run(move || {
                    if let Err(e) = drafts::delete(&paths, &key) {
                        tracing::error!("cannot delete the draft: {e}");
                    }
                });
            }
            other => debug_assert!(false, "{other:?} is not a file command"),
        }
    }

    /// Requests to the API, each a task whose answer comes back as a message:
    /// reads and lookups here, writes in `writes.rs`.
    fn request(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::LoadWorkspaces { req } => {
                self.spawn(move |c| async move {
                    Msg::Api(ApiMsg::WorkspacesLoaded {
                        req,
                        result: c.list_workspaces().await,
                    })
                });
            }
            Cmd::LoadWorkspace { req, id } => {
                self.spawn(move |c| async move {
                    Msg::Api(ApiMsg::WorkspaceLoaded {
                        req,
                        result: c.get_workspace(&id).await,
                    })
                });
            }
            Cmd::LoadAccounts { req, workspace_id } => {
                self.spawn(move |c| async move {
                    let result = c.list_accounts(&workspace_id).await;
                    Msg::Api(ApiMsg::AccountsLoaded {
                        req,
                        workspace_id,
                        result,
                    })
                });
            }
            Cmd::Load { read, scope, req } => {
                self.spawn(move |c| async move {
                    let answer = super::store::Answer((read.fetch)(c, scope.clone()).await);
                    Msg::Loaded {
                        read,
                        scope,
                        req,
                        answer,
                    }
                });
            }
            Cmd::LoadMembers { req, workspace_id } => {
                self.spawn(move |c| async move {
                    let result = c.list_members(&workspace_id).await;
                    Msg::Api(ApiMsg::MembersLoaded {
                        req,
                        workspace_id,
                        result,
                    })
                });
            }
            Cmd::CheckAccount {
                req,
                workspace_id,
                account_id,
            } => {
                self.spawn(move |c| async move {
                    let result = match c.get_account(&workspace_id, &account_id).await {
                        Ok(a) => Ok(Some(a)),
                        Err(e) if e.status() == Some(404) => Ok(None),
                        Err(e) => Err(e),
                    };
                    Msg::Api(ApiMsg::AccountChecked {
                        req,
                        workspace_id,
                        account_id,
                        result,
                    })
                });
            }
            Cmd::FindAccount {
                req,
                workspace_id,
                name,
                email,
                since,
            } => {
                self.spawn(move |c| async move {
                    let result = c
                        .list_accounts(&workspace_id)
                        .await
                        .map(|list| find_match(list.data, &name, &email, since));
                    Msg::Api(ApiMsg::AccountFound {
                        req,
                        workspace_id,
                        result,
                    })
                });
            }
            other => debug_assert!(false, "{other:?} is not a request"),
        }
    }

    fn connect(&mut self, token: crate::api::Token) {
        let opts = Effects::client_options(&self.paths, self.demo);
        match ApiClient::with_options(&self.api_url, token, opts) {
            Ok(c) => {
                let journal = crate::api::journal::Journal::new(&self.paths.state_dir);
                self.client = c
                    .with_observer(self.observer())
                    .with_pacing(self.pacing())
                    .with_journal(journal, &self.profile);
                self.settle_abandoned();
            }
            Err(e) => tracing::error!("cannot use the API at {}: {e}", self.api_url),
        }
    }

    /// Every exchange goes to the API log pane (the client logs it to the
    /// log file itself).
    pub fn observer(&self) -> crate::api::Observer {
        let tx = self.tx.clone();
        std::sync::Arc::new(move |entry| {
            let _ = tx.send(Msg::ApiLogged(entry));
        })
    }

    /// Waits (two seconds at most) for the file writes and deletes already
    /// asked for: on quit, before the last drafts are flushed.
    pub async fn settle_files(&self) {
        let done = self.files.run_then(|| {});
        let _ = tokio::time::timeout(Duration::from_secs(2), done).await;
    }

    /// Queues the draft (superseding anything queued for its workspace)
    /// and writes it on the files thread; resolves once it was written.
    pub(super) fn write_draft(&self, draft: Draft) -> tokio::sync::oneshot::Receiver<()> {
        let (key, ws) = (draft.key(), draft.workspace.id.clone());
        let generation = self.drafts.queue(draft);
        self.files.run_then(self.draft_job(key, ws, generation))
    }

    /// Writes generation `generation` of draft `key` (of workspace `ws`)
    /// unless a newer one was queued, and says how it went.
    fn draft_job(
        &self,
        key: String,
        ws: String,
        generation: u64,
    ) -> impl FnOnce() + Send + 'static {
        let (paths, tx) = (self.paths.clone(), self.tx.clone());
        let pending = self.drafts.clone();
        move || {
            if let Some(result) = pending.write_if_latest(&paths, &key, generation) {
                let _ = tx.send(Msg::Form(FormMsg::DraftWritten {
                    workspace_id: ws,
                    result,
                }));
            }
        }
    }

    fn spawn<F, Fut>(&self, job: F)
    where
        F: FnOnce(ApiClient) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Msg> + Send + 'static,
    {
        let tx = self.tx.clone();
        let client = match self.wanted.take() {
            Some(flag) => self.client.with_interest(flag),
            None => self.client.clone(),
        };
        tokio::spawn(async move {
            let _ = tx.send(job(client).await);
        });
    }
}

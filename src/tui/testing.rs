//! The one test harness (slumber's `TestComponent` is the model): keys go
//! in through the real key path (`screens::handle_key`, then `update`), the
//! commands that come out are kept to assert on or to answer, and the
//! screen is drawn into ratatui's `TestBackend` to assert on its lines.
//! The update tests, the snapshots and the benchmarks share it, and with
//! it one fixture: the seeded demo data the sandbox serves.
//!
//! ```
//! use alto::tui::testing::Harness;
//! let mut h = Harness::demo(80, 24);
//! h.keys("<Down>v");
//! assert!(h.text().contains("Workspace details") || h.text().contains("Billing mode"));
//! ```

use super::app::{App, Context};
use super::msg::{Cmd, Msg};
use super::update::{init, update};
use super::{screens, view};
use crate::api::ApiError;
use crate::api::model::{BillingAccount, BillingAccountList, WorkspaceList};
use crate::sandbox::{seed, store::Store};
use crate::tui::msg::{ApiMsg, BillingCmd, BillingMsg, OrgCmd, OrgMsg, Written};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub struct Harness {
    pub app: App,
    /// The commands that came out and were not taken or answered yet.
    pub cmds: Vec<Cmd>,
    /// What the loads are answered from.
    pub store: Store,
    size: (u16, u16),
}

impl Harness {
    /// A fixed context (UTC, loopback sandbox) with a token: the first
    /// load of the workspaces is waiting in `cmds`.
    pub fn new(w: u16, h: u16) -> Harness {
        let mut app = App::new(Context::fixed(), (w, h), true);
        let cmds = init(&mut app);
        Harness {
            app,
            cmds,
            store: seed::demo(),
            size: (w, h),
        }
    }

    /// [`Harness::new`] with the demo workspaces loaded.
    pub fn demo(w: u16, h: u16) -> Harness {
        let mut h = Harness::new(w, h);
        h.answer_loads();
        h
    }

    /// [`Harness::new`] with `list` as the answer to the first load.
    pub fn with_workspaces(list: WorkspaceList, w: u16, h: u16) -> Harness {
        let mut h = Harness::new(w, h);
        let req = h.req_of(|c| matches!(c, Cmd::LoadWorkspaces { .. }));
        h.send(Msg::Api(ApiMsg::WorkspacesLoaded {
            req,
            result: Ok(list),
        }));
        h
    }

    /// A copy of this harness's state to drive on its own (cheaper than
    /// seeding a new one: the demo data is built once).
    pub fn fork(&self) -> Harness {
        Harness {
            app: self.app.clone(),
            cmds: Vec::new(),
            store: self.store.clone(),
            size: self.size,
        }
    }

    /// Runs one message through `update`; its commands join `cmds`.
    pub fn send(&mut self, msg: Msg) -> &mut Harness {
        let out = update(&mut self.app, msg);
        self.cmds.extend(out);
        self
    }

    /// Types `spec` (see [`parse_keys`]) through the real key path.
    pub fn keys(&mut self, spec: &str) -> &mut Harness {
        for key in parse_keys(spec) {
            if let Some(msg) = screens::handle_key(&self.app, key) {
                self.send(msg);
            }
        }
        self
    }

    /// The message one key turns into, without sending it.
    pub fn key_msg(&self, spec: &str) -> Option<Msg> {
        let keys = parse_keys(spec);
        assert_eq!(keys.len(), 1, "one key: {spec}");
        screens::handle_key(&self.app, keys[0])
    }

    pub fn paste(&mut self, text: &str) -> &mut Harness {
        self.send(Msg::Paste(text.into()))
    }

    /// Takes the commands out so far.
    pub fn take_cmds(&mut self) -> Vec<Cmd> {
        std::mem::take(&mut self.cmds)
    }

    /// The request id of the first command `pick` accepts (taken out).
    pub fn req_of(&mut self, pick: impl Fn(&Cmd) -> bool) -> u64 {
        let i = self
            .cmds
            .iter()
            .position(pick)
            .unwrap_or_else(|| panic!("no such command in {:?}", self.cmds));
        match self.cmds.remove(i) {
            Cmd::SendWrite { req, .. } | Cmd::Load { req, .. } => req,
            Cmd::LoadWorkspaces { req }
            | Cmd::LoadWorkspace { req, .. }
            | Cmd::LoadAccounts { req, .. }
            | Cmd::LoadMembers { req, .. }
            | Cmd::FindAccount { req, .. } => req,
            Cmd::Billing(
                BillingCmd::LoadSubscriptions { req, .. }
                | BillingCmd::LoadPaymentMethods { req, .. }
                | BillingCmd::LoadInvoices { req, .. }
                | BillingCmd::Preview { req, .. }
                | BillingCmd::SetupIntent { req, .. },
            ) => req,
            Cmd::Org(OrgCmd::Load { req, .. } | OrgCmd::SaveReport { req, .. }) => req,
            other => panic!("{other:?} carries no request id"),
        }
    }

    /// Answers every pending load (workspaces, one workspace, accounts)
    /// from the demo store, as the sandbox would, until none is left.
    pub fn answer_loads(&mut self) -> &mut Harness {
        loop {
            let Some(i) = self.cmds.iter().position(is_load) else {
                return self;
            };
            let cmd = self.cmds.remove(i);
            let answer = self.answer_to(cmd);
            self.send(answer);
        }
    }

    fn answer_to(&self, cmd: Cmd) -> Msg {
        match cmd {
            // A declared read runs its own request, as the effects would,
            // against the sandbox serving the same demo data.
            Cmd::Load { read, scope, req } => {
                let live = live();
                let fetch = (read.fetch)(live.client.clone(), scope.clone());
                Msg::Loaded {
                    read,
                    scope,
                    req,
                    answer: crate::tui::store::Answer(live.rt.block_on(fetch)),
                }
            }
            Cmd::LoadWorkspaces { req } => Msg::Api(ApiMsg::WorkspacesLoaded {
                req,
                result: Ok(seed::demo_workspaces()),
            }),
            Cmd::LoadWorkspace { req, id } => Msg::Api(ApiMsg::WorkspaceLoaded {
                req,
                result: seed::demo_workspaces()
                    .data
                    .into_iter()
                    .find(|w| w.id == id)
                    .ok_or_else(|| ApiError::Status {
                        status: 404,
                        body: Box::default(),
                    }),
            }),
            Cmd::LoadAccounts { req, workspace_id } => Msg::Api(ApiMsg::AccountsLoaded {
                req,
                result: Ok(BillingAccountList {
                    data: self.accounts_of(&workspace_id),
                    has_more: false,
                }),
                workspace_id,
            }),
            Cmd::LoadMembers { req, workspace_id } => Msg::Api(ApiMsg::MembersLoaded {
                req,
                result: Ok(crate::api::model::List {
                    data: self.store.members(&workspace_id).to_vec(),
                    has_more: false,
                }),
                workspace_id,
            }),
            Cmd::Billing(cmd) => Msg::Billing(self.billing_answer(cmd)),
            Cmd::Org(cmd) => Msg::Org(self.org_answer(cmd)),
            other => unreachable!("not a load: {other:?}"),
        }
    }

    /// A billing list as the sandbox would answer it, from the store.
    fn billing_answer(&self, cmd: BillingCmd) -> BillingMsg {
        use crate::api::model::List;
        match cmd {
            BillingCmd::LoadSubscriptions { req, at } => BillingMsg::SubscriptionsLoaded {
                req,
                result: Ok(List {
                    data: self.store.billing(&at.account_id).subscriptions.clone(),
                    has_more: false,
                }),
                account_id: at.account_id,
            },
            BillingCmd::LoadPaymentMethods { req, at } => BillingMsg::PaymentMethodsLoaded {
                req,
                result: Ok(List {
                    data: self.store.billing(&at.account_id).payment_methods.clone(),
                    has_more: false,
                }),
                account_id: at.account_id,
            },
            BillingCmd::LoadInvoices { req, at, after } => {
                let id = &at.account_id;
                let count = self.store.billing(id).invoices;
                let currency = self
                    .store
                    .account(&at.workspace_id, id)
                    .and_then(|a| a.currency.clone())
                    .unwrap_or_else(|| "usd".into());
                let from = after
                    .and_then(|a| crate::sandbox::billing::invoice_index(id, count, &a))
                    .map_or(0, |i| i + 1);
                let page = crate::sandbox::billing::page(
                    id,
                    &currency,
                    count,
                    from,
                    crate::tui::billing::PAGE_SIZE,
                );
                BillingMsg::InvoicesLoaded {
                    req,
                    result: Ok(page),
                    account_id: at.account_id,
                }
            }
            other => unreachable!("not a load: {other:?}"),
        }
    }

    /// The organizations and their capacity, as the sandbox works them out.
    fn org_answer(&self, cmd: OrgCmd) -> OrgMsg {
        use crate::sandbox::orgs;
        match cmd {
            OrgCmd::Load { req, workspace_id } => OrgMsg::Loaded {
                req,
                result: Ok(crate::api::model::List {
                    data: orgs::served(&self.store, &workspace_id),
                    has_more: false,
                }),
                workspace_id,
            },
            other => unreachable!("not a load: {other:?}"),
        }
    }

    /// The demo accounts of a workspace, by id.
    pub fn accounts_of(&self, workspace_id: &str) -> Vec<BillingAccount> {
        self.store
            .accounts(workspace_id)
            .iter()
            .map(|r| r.account.clone())
            .collect()
    }

    /// Runs the index's filler on a made-up clock from `start`, answering
    /// its requests from the store, until it sleeps for longer than `until`
    /// ms past `start`. Returns when each request went out.
    pub fn fill_index(
        &mut self,
        start: crate::index::Millis,
        until: crate::index::Millis,
    ) -> Vec<crate::index::Millis> {
        use crate::index::Due;
        use crate::index::fill::Answer;
        use crate::tui::msg::{FindMsg, IndexCmd};
        let (mut clock, mut sent) = (start, Vec::new());
        loop {
            let Some(i) = self.cmds.iter().position(|c| {
                matches!(
                    c,
                    Cmd::Index(IndexCmd::Wake { .. } | IndexCmd::Fetch { .. })
                )
            }) else {
                return sent;
            };
            match self.cmds.remove(i) {
                Cmd::Index(IndexCmd::Wake { generation, at }) => {
                    if at > start + until {
                        // Left for the caller to see.
                        self.cmds
                            .insert(i, Cmd::Index(IndexCmd::Wake { generation, at }));
                        return sent;
                    }
                    clock = clock.max(at);
                    self.send(Msg::Find(FindMsg::Wake {
                        generation,
                        now: clock,
                    }));
                }
                Cmd::Index(IndexCmd::Fetch { generation, due }) => {
                    sent.push(clock);
                    let answer = match due {
                        Due::List => Answer::List(Ok(seed::demo_workspaces())),
                        Due::Accounts(ws) => Answer::Accounts {
                            result: Ok(BillingAccountList {
                                data: self.accounts_of(&ws),
                                has_more: false,
                            }),
                            workspace: ws,
                        },
                    };
                    clock += 150;
                    self.send(Msg::Find(FindMsg::Answer {
                        generation,
                        answer: Box::new(answer),
                        at: clock,
                    }));
                }
                _ => unreachable!(),
            }
        }
    }

    /// The demo accounts of a workspace, by name.
    pub fn accounts_named(&self, name: &str) -> Vec<BillingAccount> {
        let ws = self
            .store
            .workspaces
            .iter()
            .find(|w| w.workspace.name == name)
            .unwrap_or_else(|| panic!("no demo workspace {name}"));
        self.accounts_of(&ws.workspace.id)
    }

    /// Puts the workspace list's cursor on `name`.
    pub fn select(&mut self, name: &str) -> &mut Harness {
        let ws = &mut self.app.session.workspaces;
        let i = ws
            .items
            .iter()
            .position(|w| w.name == name)
            .unwrap_or_else(|| panic!("no workspace {name}"));
        ws.sel.select_item(i, 10);
        self
    }

    /// The terminal resized to `w`×`h`, as crossterm reports it.
    pub fn resize(&mut self, w: u16, h: u16) -> &mut Harness {
        self.size = (w, h);
        self.send(Msg::Resize(w, h))
    }

    /// Draws the app at its size.
    pub fn buffer(&self) -> Buffer {
        draw(&self.app, self.size.0, self.size.1)
    }

    /// The screen's rows, trailing blanks trimmed.
    pub fn lines(&self) -> Vec<String> {
        lines(&self.buffer())
    }

    /// The screen as one text.
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }
}

/// Draws `app` into a `w`×`h` test backend.
/// The answer to a write, as its effect sends it.
pub fn written(req: u64, result: Result<Written, ApiError>) -> Msg {
    Msg::Written {
        req,
        sent_at: jiff::Timestamp::UNIX_EPOCH,
        result,
    }
}

/// The answer to an account's create sent at `sent_at`, as its effect
/// sends it.
pub fn account_created(
    req: u64,
    sent_at: jiff::Timestamp,
    result: Result<BillingAccount, ApiError>,
) -> Msg {
    Msg::Written {
        req,
        sent_at,
        result: result.map(|a| Written::Account(Box::new(a))),
    }
}

/// The answer to an account's save.
pub fn account_saved(req: u64, result: Result<BillingAccount, ApiError>) -> Msg {
    account_created(req, jiff::Timestamp::UNIX_EPOCH, result)
}

/// The answer to an account's delete (the console knows which account
/// it sent: the answer's own ids are not read).
pub fn account_deleted(req: u64, result: Result<(), ApiError>) -> Msg {
    let at = super::msg::At {
        workspace_id: String::new(),
        account_id: String::new(),
    };
    Msg::Written {
        req,
        sent_at: jiff::Timestamp::UNIX_EPOCH,
        result: result.map(|()| Written::AccountDeleted(at)),
    }
}

/// `app` drawn at `w`×`h`.
pub fn draw(app: &App, w: u16, h: u16) -> Buffer {
    backend(app, w, h).buffer().clone()
}

/// `app` drawn at `w`×`h`, as the backend holds it (its `Display`, one
/// quoted line per row, is what the snapshots keep).
pub fn backend(app: &App, w: u16, h: u16) -> TestBackend {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test backend");
    t.draw(|f| view::render(app, f))
        .expect("drawing into memory");
    t.backend().clone()
}

/// A buffer's rows as text, trailing blanks trimmed.
pub fn lines(buf: &Buffer) -> Vec<String> {
    let w = (buf.area.width as usize).max(1);
    buf.content
        .chunks(w)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .map(|s| s.trim_end().to_string())
        .collect()
}

/// The sandbox the declared reads are answered from: started once per
/// test process, on loopback, with the demo data, on a runtime of its own.
struct Live {
    rt: tokio::runtime::Runtime,
    client: crate::api::ApiClient,
    _sandbox: crate::sandbox::RunningSandbox,
}

fn live() -> &'static Live {
    static LIVE: std::sync::OnceLock<Live> = std::sync::OnceLock::new();
    LIVE.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the harness's sandbox");
        let sandbox = rt
            .block_on(crate::sandbox::start(Default::default()))
            .expect("the harness's sandbox");
        let token = crate::api::Token::new(crate::sandbox::DEMO_TOKEN);
        let client = crate::api::ApiClient::new(&sandbox.url(), token).expect("a client");
        Live {
            rt,
            client,
            _sandbox: sandbox,
        }
    })
}

fn is_load(c: &Cmd) -> bool {
    matches!(
        c,
        Cmd::Load { .. }
            | Cmd::LoadWorkspaces { .. }
            | Cmd::LoadWorkspace { .. }
            | Cmd::LoadAccounts { .. }
            | Cmd::LoadMembers { .. }
            | Cmd::Billing(
                BillingCmd::LoadSubscriptions { .. }
                    | BillingCmd::LoadPaymentMethods { .. }
                    | BillingCmd::LoadInvoices { .. }
            )
            | Cmd::Org(OrgCmd::Load { .. })
    )
}

/// Keys written as in vim: plain characters, and `<Tab>`, `<S-Tab>`,
/// `<Enter>`, `<Esc>`, `<BS>`, `<Del>`, `<Space>`, `<Up>`, `<Down>`,
/// `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`, `<Home>`, `<End>`, `<C-s>`,
/// `<A-x>`; `<lt>` is a `<`. An upper-case letter carries Shift, as a
/// terminal sends it.
pub fn parse_keys(spec: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        let end = (c == '<').then(|| rest[1..].find('>')).flatten();
        if let Some(end) = end.map(|e| e + 2) {
            keys.push(named(&rest[1..end - 1]));
            rest = &rest[end..];
        } else {
            keys.push(char_key(c, KeyModifiers::NONE));
            rest = &rest[c.len_utf8()..];
        }
    }
    keys
}

fn char_key(c: char, mods: KeyModifiers) -> KeyEvent {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), mods | shift)
}

fn named(name: &str) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let with = |prefix: &str, mods| {
        let c = name.strip_prefix(prefix)?.chars().next()?;
        Some(char_key(c, mods))
    };
    if let Some(k) = with("C-", KeyModifiers::CONTROL).or_else(|| with("A-", KeyModifiers::ALT)) {
        return k;
    }
    match name {
        "Tab" => plain(KeyCode::Tab),
        "S-Tab" | "BackTab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Enter" | "CR" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "BS" => plain(KeyCode::Backspace),
        "Del" => plain(KeyCode::Delete),
        "Space" => plain(KeyCode::Char(' ')),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "lt" => plain(KeyCode::Char('<')),
        f if f.starts_with('F') && f[1..].parse::<u8>().is_ok() => {
            plain(KeyCode::F(f[1..].parse().unwrap_or(1)))
        }
        other => panic!("unknown key <{other}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_written() {
        let keys = parse_keys("aB<Tab><C-s><lt><Esc>x<");
        let codes: Vec<_> = keys.iter().map(|k| (k.code, k.modifiers)).collect();
        assert_eq!(
            codes,
            vec![
                (KeyCode::Char('a'), KeyModifiers::NONE),
                (KeyCode::Char('B'), KeyModifiers::SHIFT),
                (KeyCode::Tab, KeyModifiers::NONE),
                (KeyCode::Char('s'), KeyModifiers::CONTROL),
                (KeyCode::Char('<'), KeyModifiers::NONE),
                (KeyCode::Esc, KeyModifiers::NONE),
                (KeyCode::Char('x'), KeyModifiers::NONE),
                (KeyCode::Char('<'), KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    #[should_panic(expected = "unknown key <Tabb>")]
    fn a_misspelt_key_fails_the_test_rather_than_typing_it() {
        parse_keys("<Tabb>");
    }
}

//! Criterion benches for the pure parts: the rules on a full form, the
//! filter over 1k–1M names, rendering each screen at 120×40, and the cost
//! of one keystroke (update + render) and of opening a 100k list.

use alto::api::model::WorkspaceList;
use alto::rules::AccountInput;
use alto::sandbox::seed;
use alto::tui::app::App;
use alto::tui::list;
use alto::tui::msg::Msg;
use alto::tui::msg::{FormMsg, NavMsg};
use alto::tui::testing::Harness;
use alto::tui::update::update;
use alto::tui::view;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use tui_input::InputRequest;

fn full_form() -> AccountInput {
    AccountInput {
        name: "ACME Corp (EU) — Billing".into(),
        email: "billing-eu@acme.example.com".into(),
        phone: "+44 20 7123 4567".into(),
        description: "For all European operations, invoiced monthly in euro.".into(),
        currency: "eur".into(),
        country: "GB".into(),
        line1: "123 Main Street".into(),
        line2: "Suite 456".into(),
        city: "London".into(),
        state: "Greater London".into(),
        postal_code: "EC1A 1BB".into(),
    }
}

fn rules(c: &mut Criterion) {
    let input = full_form();
    c.bench_function("rules/validate full form", |b| {
        b.iter(|| black_box(&input).validate())
    });
}

fn names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("Workspace {i:07} Holdings"))
        .collect()
}

fn filter(c: &mut Criterion) {
    let mut g = c.benchmark_group("filter");
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        // Folded once, as the console does when the list arrives.
        let all: Vec<String> = names(n).iter().map(|s| alto::matcher::fold(s)).collect();
        let ids: Vec<String> = (0..n).map(|i| format!("ws_{i:016x}")).collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                list::filter_lowered(
                    black_box("0042"),
                    all.iter()
                        .zip(&ids)
                        .enumerate()
                        .map(|(i, (n, id))| (i, [n.as_str(), id.as_str()])),
                )
            })
        });
    }
    g.finish();
}

fn loaded(list: WorkspaceList, size: (u16, u16)) -> App {
    Harness::with_workspaces(list, size.0, size.1).app
}

fn render(app: &App, t: &mut Terminal<TestBackend>) {
    t.draw(|f| view::render(app, f)).unwrap();
}

fn screens(c: &mut Criterion) {
    let mut g = c.benchmark_group("render 120x40");
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let app = loaded(seed::demo_workspaces(), (120, 40));
    g.bench_function("workspaces", |b| b.iter(|| render(&app, &mut t)));

    let mut h = Harness::demo(120, 40);
    h.keys("<Enter>").answer_loads();
    let ws_app = h.app.clone();
    g.bench_function("workspace", |b| b.iter(|| render(&ws_app, &mut t)));

    let mut form = app.clone();
    update(&mut form, Msg::Nav(NavMsg::NewAccount));
    update(&mut form, Msg::Paste("ACME Corp (EU)".into()));
    g.bench_function("form", |b| b.iter(|| render(&form, &mut t)));

    let mut detail = ws_app.clone();
    update(&mut detail, Msg::Nav(NavMsg::OpenSelected));
    g.bench_function("detail", |b| b.iter(|| render(&detail, &mut t)));
    g.finish();

    c.bench_function("keystroke/form field (update + render)", |b| {
        b.iter_batched(
            || form.clone(),
            |mut app| {
                update(
                    &mut app,
                    Msg::Form(FormMsg::Edit(InputRequest::InsertChar('x'))),
                );
                render(&app, &mut t);
            },
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("keystroke/list move (update + render)", |b| {
        b.iter_batched(
            || app.clone(),
            |mut app| {
                update(&mut app, Msg::Nav(NavMsg::Move(alto::tui::msg::Move::Down)));
                render(&app, &mut t);
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

fn big_list(c: &mut Criterion) {
    let big = seed::generated(100_000);
    let list = WorkspaceList {
        data: big.workspaces.into_iter().map(|w| w.workspace).collect(),
        has_more: false,
    };
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut g = c.benchmark_group("100k workspaces");
    g.sample_size(20);
    g.bench_function("open (answer arrives + first render)", |b| {
        b.iter_batched(
            || list.clone(),
            |list| {
                let app = loaded(list, (120, 40));
                render(&app, &mut t);
                app
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let bytes = serde_json::to_vec(&list).unwrap();
    g.bench_function("decode 20 MiB answer + open + first render", |b| {
        b.iter(|| {
            let list: WorkspaceList = serde_json::from_slice(black_box(&bytes)).unwrap();
            let app = loaded(list, (120, 40));
            render(&app, &mut t);
            app
        })
    });
    let mut app = loaded(list, (120, 40));
    update(&mut app, Msg::Nav(NavMsg::FilterStart));
    update(
        &mut app,
        Msg::Nav(NavMsg::FilterEdit(InputRequest::InsertChar('9'))),
    );
    g.bench_function("first filter keystroke, all 100k (update + render)", |b| {
        b.iter_batched(
            || app.clone(),
            |mut app| {
                update(
                    &mut app,
                    Msg::Nav(NavMsg::FilterEdit(InputRequest::InsertChar('9'))),
                );
                render(&app, &mut t);
                app
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// Black Mesa's 1,000 organizations: building the tree from the answer,
/// and the visible rows after an expand-all and after a filter key.
fn tree(c: &mut Criterion) {
    use alto::tui::orgs::OrgTree;
    let store = seed::demo();
    let ws = store
        .workspaces
        .iter()
        .find(|w| w.workspace.name == "Black Mesa")
        .expect("demo workspace");
    let orgs = alto::sandbox::orgs::served(&store, &ws.workspace.id);
    let mut g = c.benchmark_group("tree");
    g.bench_function("build 1,000", |b| {
        b.iter(|| alto::tree::Tree::new(black_box(&orgs)))
    });
    let mut t = OrgTree::default();
    t.list.items = orgs.clone();
    t.take(&Default::default(), 36);
    g.bench_function("expand all 1,000", |b| b.iter(|| t.expand_all(true, 36)));
    t.filter = tui_input::Input::new("shelf".into());
    g.bench_function("filter 1,000", |b| b.iter(|| t.refresh(36)));
    g.finish();
}

/// Find over 100,000 indexed accounts (1,000 workspaces of 100): a
/// keystroke's search, short and long queries, and the index's load.
fn find(c: &mut Criterion) {
    use alto::index::{sample, search};
    let index = sample::tenant(1_000, 100, 0);
    let mut g = c.benchmark_group("find 100k");
    for query in [
        "a",
        "zoe",
        "mull caf",
        "billing42@acme",
        "cus_00",
        "+27 61",
        "acme holdings cape town",
    ] {
        g.bench_with_input(BenchmarkId::new("fresh", query), query, |b, q| {
            b.iter(|| search::find(&index, black_box(q), 50))
        });
    }
    // A key typed after "zo": the search narrows what "zo" matched.
    // Every account's email holds "billing": the narrowing re-ranks all.
    g.bench_function("typed billin+g", |b| {
        b.iter_batched(
            || {
                let mut typing = search::Searcher::default();
                typing.find(&index, "billin", 50);
                typing
            },
            |mut typing| typing.find(&index, black_box("billing"), 50),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("typed zo+e", |b| {
        b.iter_batched(
            || {
                let mut typing = search::Searcher::default();
                typing.find(&index, "zo", 50);
                typing
            },
            |mut typing| typing.find(&index, black_box("zoe"), 50),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// The index of 100,000 accounts on disk: read back whole (1,000
/// workspace files and the list), and its size, said once.
fn index_load(c: &mut Criterion) {
    use alto::index::{files, sample};
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = files::Store::new(dir.path(), "https://api.example", "default");
    let index = sample::tenant(1_000, 100, 0);
    store.save_meta(&index.meta).expect("saved");
    for (id, shard) in &index.shards {
        store.save_shard(id, shard).expect("saved");
    }
    let (bytes, count) = files::size(store.dir());
    eprintln!("index of 100,000 accounts on disk: {bytes} bytes in {count} files");
    c.bench_function("index/load 100k accounts", |b| b.iter(|| store.load()));
}

/// Checking 1,000 valid rows of a CSV (every rule, duplicates within).
fn import(c: &mut Criterion) {
    let mut csv = String::from(
        "name,email,phone,description,currency,country,line1,line2,city,state,postal_code\n",
    );
    for i in 0..1_000 {
        csv.push_str(&format!(
            "\"Customer {i}, Ltd\",billing{i}@customer{i}.example,+27 82 555 {i:04},For all operations,zar,ZA,{i} Main Road,Suite {i},Cape Town,Western Cape,{:04}\n",
            8000 + i % 100
        ));
    }
    let parsed = alto::import::parse(&csv);
    assert!(parsed.problems.is_empty(), "{:?}", &parsed.problems[..1]);
    c.bench_function("import/check 1,000 rows", |b| {
        b.iter(|| alto::import::parse(black_box(&csv)))
    });
}

/// ACME's 5,000-invoice account: a page of 100 decoded as it comes off
/// the wire, and the invoices screen drawn with all 5,000 loaded and the
/// cursor on the last.
fn invoices(c: &mut Criterion) {
    let mut h = Harness::demo(120, 40);
    h.select("ACME Corporation");
    h.keys("<Enter>")
        .answer_loads()
        .keys("jj")
        .keys("I")
        .answer_loads();
    let loaded = |h: &Harness| h.app.billing().map_or(0, |b| b.invoices.list.items.len());
    while loaded(&h) < 5_000 {
        let before = loaded(&h);
        h.keys("<End>").answer_loads();
        assert!(loaded(&h) > before, "the next page loads at the end");
    }
    let id = h.app.session.detail.clone().expect("an account").id;
    let page = alto::sandbox::billing::page(&id, "usd", 5_000, 100, 100);
    let bytes = serde_json::to_vec(&page).expect("a page");
    let mut g = c.benchmark_group("invoices");
    g.bench_function("decode a page of 100", |b| {
        b.iter(|| serde_json::from_slice::<alto::api::model::InvoicePage>(black_box(&bytes)))
    });
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    g.bench_function("render, 5,000 loaded", |b| {
        b.iter(|| render(&h.app, &mut t))
    });
    g.finish();
}

criterion_group!(
    benches, rules, filter, screens, big_list, tree, find, index_load, import, invoices
);
criterion_main!(benches);

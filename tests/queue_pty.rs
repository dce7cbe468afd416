//! Working a queue with the real binary in a pseudo-terminal on the embedded sandbox: filter
//! then a bulk `:set` with its preview, triage through five tickets with an undo, create then
//! delete. Each checks what the sandbox's database holds afterwards.

mod common;

use common::pty::Session;
use runtype_tui::api::{ApiKey, Client, Condition, ListQuery, Op, RecordFilter, RecordFilters};
use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};

const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

/// The database the app used, opened again once it has quit.
async fn reopen(s: &Session) -> (SandboxHandle, Client) {
    let sb = Sandbox::start(SandboxOptions {
        db: s.sandbox_db(),
        seed: Seed::None,
        ..SandboxOptions::default()
    })
    .await
    .expect("reopen the app's sandbox database");
    let c = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    (sb, c)
}

/// How many tickets have this status (the demo data is the same in every fresh database).
async fn tickets_with(c: &Client, status: &str) -> usize {
    let q = ListQuery {
        filters: RecordFilters {
            record_type: Some("ticket".into()),
            record_filter: Some(RecordFilter::of_type("ticket").with_where(Condition::new(
                "status",
                Op::Eq,
                status,
            ))),
            ..Default::default()
        },
        limit: Some(100),
        ..Default::default()
    };
    c.list_records(&q).await.expect("list").records.len()
}

/// The demo data as a fresh app database starts with it.
async fn fresh() -> (SandboxHandle, Client) {
    let sb = Sandbox::start(SandboxOptions {
        db: ":memory:".into(),
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox");
    let c = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    (sb, c)
}

/// Waits until `what` is off the screen (an overlay closed).
fn wait_gone(s: &Session, what: &str) {
    let until = std::time::Instant::now() + common::pty::scaled(20);
    while s.text().contains(what) {
        assert!(
            std::time::Instant::now() < until,
            "{what:?} stayed on screen:\n{}",
            s.text()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[tokio::test]
async fn filter_then_bulk_set_with_its_preview() {
    let (_demo, demo) = fresh().await;
    let on_hold = tickets_with(&demo, "on-hold").await;
    let pending = tickets_with(&demo, "pending").await;
    assert!(on_hold > 1, "the demo data has on-hold tickets");

    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send(":filter type=ticket status=on-hold\r");
    s.wait_for(&format!("{on_hold}/{on_hold}"));
    s.send("*");
    s.wait_for(&format!("{on_hold} selected"));
    s.send(":set status=pending\r");
    s.wait_for(&format!("{on_hold} records will change"));
    s.send("\r");
    s.wait_for(&format!("Updated {on_hold} records."));
    s.send(ESC);
    // An Esc followed at once by q reads as Alt-q: the overlay must be gone first.
    wait_gone(&s, &format!("Updated {on_hold} records"));
    quit(&mut s);

    let (_sb, c) = reopen(&s).await;
    assert_eq!(tickets_with(&c, "on-hold").await, 0);
    assert_eq!(tickets_with(&c, "pending").await, pending + on_hold);
}

#[tokio::test]
async fn triage_through_five_tickets_with_an_undo() {
    let (_demo, demo) = fresh().await;
    let open = tickets_with(&demo, "open").await;
    let solved = tickets_with(&demo, "solved").await;
    assert!(open >= 5, "enough open tickets for five");

    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send(":filter type=ticket status=open\r");
    s.wait_for(&format!("{open}/{open}"));
    s.send("T");
    s.wait_for("Triage ");
    s.wait_for("Metadata (");
    // Five tickets: solved, solved, pending, skipped, solved; then the last solve undone.
    for (key, progress) in [
        ("3", "done 1 · skipped 0"),
        ("3", "done 2 · skipped 0"),
        ("2", "done 3 · skipped 0"),
        ("s", "done 3 · skipped 1"),
        ("3", "done 4 · skipped 1"),
        ("u", "Undone: status=solved."),
    ] {
        s.send(key);
        s.wait_for(progress);
    }
    s.wait_for("done 3 · skipped 1");
    s.send(ESC);
    wait_gone(&s, "Triage ");
    s.wait_for("Records · sandbox");
    quit(&mut s);

    let (_sb, c) = reopen(&s).await;
    assert_eq!(
        tickets_with(&c, "open").await,
        open - 3,
        "three left open, one came back"
    );
    assert_eq!(tickets_with(&c, "solved").await, solved + 2);
}

#[tokio::test]
async fn create_then_delete() {
    let name = "Created in a pty 7741";
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send("n");
    s.wait_for("Type  0/255");
    // The cursor starts on the name.
    s.send(name);
    s.send("\tticket");
    s.wait_for(name);
    s.wait_for("Type  6/255");
    s.send(CTRL_S);
    s.wait_for("Created.");
    s.send(ESC);
    s.wait_for("of 164 loaded");
    s.send("/");
    s.send(&format!("{name}\r"));
    s.wait_for("1/1");
    s.send("D");
    s.wait_for(name);
    s.send("y");
    s.wait_for("Deleted “");
    quit(&mut s);

    let (_sb, c) = reopen(&s).await;
    let q = ListQuery {
        filters: RecordFilters {
            search: Some(name.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(c.list_records(&q).await.expect("list").records.is_empty());
}

//! The operator's environment end to end (issue 12): the real binary in a pseudo-terminal,
//! every byte it writes kept, so the clipboard sequence (OSC 52) is checked byte for byte.

mod common;

use common::pty::Session;
use runtype_tui::api::{ApiKey, Client, ListQuery, RecordFilters};
use runtype_tui::runtime::clipboard::osc52;
use runtype_tui::sandbox::{Sandbox, SandboxOptions, Seed};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn y_and_shift_y_copy_the_id_and_the_record_through_osc52() {
    let mut s = Session::start(&["--sandbox"]);
    s.wait_for("100 of 163 loaded");
    s.send("/");
    s.wait_for("/ search:");
    s.send("acme corp\r");
    s.wait_for("2/2");
    s.send("y");
    s.wait_for("Copied the id");
    s.wait_for("the terminal must allow it");
    s.send("\r");
    s.wait_for("Metadata (");
    s.send("Y");
    s.wait_for("Copied the record as JSON");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    let sb = Sandbox::start(SandboxOptions {
        db: s.sandbox_db(),
        seed: Seed::None,
        ..SandboxOptions::default()
    })
    .await
    .expect("reopen the app's sandbox database");
    let c = Client::new(&sb.base_url(), ApiKey::new(sb.api_key())).expect("client");
    let q = ListQuery {
        filters: RecordFilters {
            search: Some("acme corp".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let page = c.list_records(&q).await.expect("list");
    let id = page
        .records
        .first()
        .map(|r| r.id.clone())
        .expect("acme corp");
    let record = c.get_record(&id).await.expect("record");
    let json = serde_json::to_string_pretty(&record).expect("json");
    let out = s.output();
    assert!(
        contains(&out, osc52(&id).as_bytes()),
        "y: the id, in OSC 52"
    );
    assert!(
        contains(&out, osc52(&json).as_bytes()),
        "Y: the record, in OSC 52"
    );
}

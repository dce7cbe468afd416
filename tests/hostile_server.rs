//! A broken or hostile server through the whole app: paging that never ends, cursors that
//! repeat, records sent twice, records the decoder refuses, a page size it will not take.
//! Each must leave the list usable, say what happened, and never make the app ask forever.

mod common;

use common::app::{key, runner_at, screen, wait};
use common::hostile::{Seen, page, record, serve};
use crossterm::event::{KeyCode, KeyModifiers};
use runtype_tui::api::ClientConfig;
use runtype_tui::app::list::PagingStop;
use runtype_tui::app::remote::Remote;
use std::time::Duration;

fn cursor(s: &Seen) -> Option<&str> {
    s.target
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("cursor="))
}

fn three() -> Vec<String> {
    ["a", "b", "c"]
        .map(|id| record(id, &format!("Rec {id}"), "2026-01-02T00:00:00Z"))
        .to_vec()
}

/// Lets the app run for a while; nothing is expected to arrive (a bounded negative check).
async fn settle(r: &mut runtype_tui::runtime::Runner<ratatui::backend::TestBackend>) {
    let _ = r.wait_for(Duration::from_millis(400), |_| false).await;
}

#[tokio::test]
async fn has_more_with_an_empty_page_stops_paging_and_says_so() {
    let server = serve(|s| match cursor(s) {
        None => (200, page(&three(), true, Some("c1"))),
        Some(c) => (200, page(&[], true, Some(&format!("{c}x")))),
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "paging stops", |a| {
        a.list.stopped == Some(PagingStop::EmptyPage)
    })
    .await;
    settle(&mut r).await;
    assert_eq!(server.count("/records"), 2, "{:?}", server.requests());
    for _ in 0..5 {
        key(&mut r, KeyCode::Char('j'), KeyModifiers::NONE);
    }
    key(&mut r, KeyCode::End, KeyModifiers::NONE);
    settle(&mut r).await;
    assert_eq!(
        server.count("/records"),
        2,
        "no request after paging stopped"
    );
    assert!(!r.app.is_busy(), "the spinner stops");
    assert!(screen(&r).contains("empty page"), "{}", screen(&r));
}

#[tokio::test]
async fn a_repeated_cursor_is_asked_for_once() {
    let server = serve(|s| match cursor(s) {
        None => (200, page(&three(), true, Some("c1"))),
        Some(_) => (
            200,
            page(
                &[record("d", "Rec d", "2026-01-02T00:00:00Z")],
                true,
                Some("c1"),
            ),
        ),
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "paging stops", |a| {
        a.list.stopped == Some(PagingStop::RepeatedCursor)
    })
    .await;
    settle(&mut r).await;
    key(&mut r, KeyCode::End, KeyModifiers::NONE);
    settle(&mut r).await;
    assert_eq!(server.count("cursor=c1"), 1, "{:?}", server.requests());
    assert_eq!(r.app.list.records.len(), 4);
    assert!(screen(&r).contains("repeated a cursor"), "{}", screen(&r));
}

#[tokio::test]
async fn duplicate_ids_across_pages_are_one_row_the_newer() {
    let server = serve(|s| match cursor(s) {
        None => (200, page(&three(), true, Some("c1"))),
        Some(_) => (
            200,
            page(
                &[
                    record("b", "Rec b renamed", "2026-01-03T00:00:00Z"),
                    record("a", "Rec a stale", "2026-01-01T00:00:00Z"),
                    record("d", "Rec d", "2026-01-02T00:00:00Z"),
                ],
                false,
                None,
            ),
        ),
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "both pages", |a| {
        a.list.records.len() == 4 && a.list.load.loaded().is_some()
    })
    .await;
    let names: Vec<&str> = r.app.list.records.iter().map(|r| &*r.name).collect();
    assert_eq!(names, ["Rec a", "Rec b renamed", "Rec c", "Rec d"]);
    assert_eq!(r.app.list.duplicates, 2);
    assert!(screen(&r).contains("2 duplicates merged"), "{}", screen(&r));
}

#[tokio::test]
async fn records_the_decoder_refuses_are_skipped_and_the_rest_shows() {
    let server = serve(|s| {
        if s.target.contains("/records/bad") {
            let mut body = record("bad", "x", "2026-01-02T00:00:00Z").into_bytes();
            let at = body.iter().position(|&b| b == b'x').expect("x");
            body[at] = 0xff;
            return (200, body);
        }
        let utf8 = record("u", "x", "2026-01-02T00:00:00Z").replace("\"x\"", "\"\u{1}\"");
        let mut items = three();
        items.push(record(
            "s",
            "lone \\ud800 surrogate",
            "2026-01-02T00:00:00Z",
        ));
        items.push(record("n", "deep", "2026-01-02T00:00:00Z").replace(
            "\"metadata\": {}",
            &format!(
                "\"metadata\": {{\"k\": {}1{}}}",
                "[".repeat(200),
                "]".repeat(200)
            ),
        ));
        items.push(utf8);
        items.push(record("bad", "Fine in the list", "2026-01-02T00:00:00Z"));
        let mut body = page(&items, false, None);
        // The control character stands in for a byte that is not UTF-8 at all.
        let at = body.iter().position(|&b| b == 1).expect("marker");
        body[at] = 0xfe;
        (200, body)
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "the readable records", |a| {
        a.list.records.len() == 4 && a.list.skipped == 3
    })
    .await;
    assert!(
        screen(&r).contains("3 unreadable skipped"),
        "{}",
        screen(&r)
    );
    // The last row lists fine, but its full record is not UTF-8: it is explained, not edited.
    key(&mut r, KeyCode::End, KeyModifiers::NONE);
    key(&mut r, KeyCode::Char('e'), KeyModifiers::NONE);
    wait(&mut r, "the refusal", |a| {
        a.detail
            .as_ref()
            .is_some_and(|d| matches!(d.load, Remote::Failed(_)))
    })
    .await;
    let text = screen(&r);
    assert!(text.contains("cannot be shown or edited"), "{text}");
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(r.app.form.is_none(), "no form on a lossy copy");
}

#[tokio::test]
async fn a_server_refusing_the_page_size_gets_a_smaller_one_for_the_session() {
    let server = serve(|s| {
        let limit = s
            .target
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("limit="))
            .and_then(|l| l.parse::<u32>().ok())
            .unwrap_or(0);
        if limit > 20 {
            let body = br#"{"error":"Invalid query","details":[{"path":"limit","message":"must be at most 20"}]}"#;
            return (400, body.to_vec());
        }
        match cursor(s) {
            None => (200, page(&three(), true, Some("c1"))),
            Some(_) => (200, page(&[record("d", "Rec d", "2026-01-02T00:00:00Z")], false, None)),
        }
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "both pages", |a| a.list.records.len() == 4).await;
    key(&mut r, KeyCode::Char('r'), KeyModifiers::NONE);
    wait(&mut r, "the refreshed list", |a| {
        a.list.load.loaded().is_some() && a.list.records.len() >= 3
    })
    .await;
    assert_eq!(server.count("limit=100"), 1, "{:?}", server.requests());
    assert_eq!(server.count("limit=50"), 1, "{:?}", server.requests());
    assert!(
        server.count("limit=20") >= 3,
        "next page and refresh use 20"
    );
    assert_eq!(r.app.list.limit(), 20);
}

#[tokio::test]
async fn a_rejected_key_names_where_it_came_from() {
    let server = serve(|_| (401, br#"{"error":"Invalid API key"}"#.to_vec())).await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    r.app.key_source = Some("the key file /home/op/.runtype-key".into());
    wait(&mut r, "the failure", |a| {
        matches!(a.list.load, Remote::Failed(_))
    })
    .await;
    let text = screen(&r);
    assert!(
        text.contains("check the key file /home/op/.runtype-key"),
        "{text}"
    );
    assert!(!text.contains("RUNTYPE_API_KEY"), "{text}");
}

/// Unknown field names are server text too: escapes, bidi overrides and joiners in a name
/// are shown as markers in "Other fields", never passed on or silently dropped.
#[tokio::test]
async fn unknown_field_names_go_through_the_sanitizer() {
    let name = r#""\u001b]52;c;aGk=\u0007x\u202eevil\u200czw\u200dj""#;
    let full = record("a", "Rec a", "2026-01-02T00:00:00Z").replace(
        "\"metadata\": {}",
        &format!("\"metadata\": {{}}, {name}: 1"),
    );
    let server = serve(move |s| {
        if s.target.contains("/records/a") {
            (200, full.clone().into_bytes())
        } else {
            (200, page(&three(), false, None))
        }
    })
    .await;
    let mut r = runner_at(&server.base_url, "rt_test_k", ClientConfig::default()).await;
    wait(&mut r, "the list", |a| a.list.records.len() == 3).await;
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the record", |a| {
        a.detail.as_ref().is_some_and(|d| d.record.is_some())
    })
    .await;
    let text = screen(&r);
    assert!(
        text.contains("^[]52;c;aGk=^Gx<U+202E>evil<U+200C>zw<U+200D>j"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}

//! Profiles in the whole app (issue 12): a read-only profile refuses every write before any
//! request, a protected one asks for its name, and `:profile NAME` switches servers live.

mod common;

use common::app::{key, profile, runner, saved, screen, type_text, wait};
use common::{empty, new_record, start};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::backend::TestBackend;
use runtype_tui::api::{ApiKey, Client};
use runtype_tui::app::Prompt;
use runtype_tui::app::profile::Profile;
use runtype_tui::runtime::{Connected, Runner};
use runtype_tui::sandbox::SandboxHandle;
use serde_json::json;

/// A sandbox with one record, and the app on it under `p`, its list loaded.
async fn app_on(p: Option<Profile>) -> (SandboxHandle, Client, Runner<TestBackend>) {
    let (sb, c) = start(empty()).await;
    c.create_record(&new_record("ticket", "Alpha", json!({"status": "open"})))
        .await
        .expect("alpha");
    let mut r = runner(&sb).await;
    r.app.profile = p;
    wait(&mut r, "the list", |a| a.list.records.len() == 1).await;
    (sb, c, r)
}

fn writes(sb: &SandboxHandle) -> usize {
    sb.requests()
        .iter()
        .filter(|(m, _)| m == axum::http::Method::PUT || m == axum::http::Method::DELETE)
        .count()
}

fn plain(r: &mut Runner<TestBackend>, c: char) {
    key(r, KeyCode::Char(c), KeyModifiers::NONE);
}

async fn edit_and_save(r: &mut Runner<TestBackend>, text: &str) {
    if r.app.form.is_none() {
        plain(r, 'e');
        wait(r, "the form", |a| a.form.is_some()).await;
    }
    type_text(r, text);
    key(r, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[tokio::test]
async fn read_only_refuses_writes_before_any_request_and_hides_their_keys() {
    let (sb, _c, mut r) = app_on(Some(profile("audit", true, false))).await;
    let before = sb.requests().len();
    assert!(screen(&r).contains(" audit · read-only "), "{}", screen(&r));
    assert!(!screen(&r).contains("e edit"), "the edit key is not hinted");
    plain(&mut r, 'e');
    assert!(r.app.form.is_none() && r.app.detail.is_none());
    assert_eq!(sb.requests().len(), before, "nothing was asked for");
    let notice = r.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("Profile audit is read-only"), "{notice}");

    // A form opened before (a resumed draft, say) cannot save either.
    r.app.profile = None;
    edit_and_save(&mut r, "").await;
    r.app.profile = Some(profile("audit", true, false));
    type_text(&mut r, " changed");
    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(screen(&r).contains("read-only"), "{}", screen(&r));
    assert_eq!(writes(&sb), 0, "no PUT");
    assert!(
        r.app.form.as_ref().is_some_and(|f| f.is_dirty()),
        "edits kept"
    );
}

#[tokio::test]
async fn protected_asks_for_the_name_once_per_session() {
    let (sb, c, mut r) = app_on(Some(profile("prod", false, true))).await;
    edit_and_save(&mut r, " one").await;
    assert!(matches!(r.app.prompt, Some(Prompt::Confirm(_))));
    assert!(
        screen(&r).contains(" prod · protected "),
        "the badge is on the form too"
    );
    type_text(&mut r, "prd");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(r.app.prompt, Some(Prompt::Confirm(_))),
        "a wrong name does not pass"
    );
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    assert!(r.app.prompt.is_none());
    assert_eq!(writes(&sb), 0, "cancelled: nothing sent");
    assert!(
        r.app.form.as_ref().is_some_and(|f| f.is_dirty()),
        "edits kept"
    );

    key(&mut r, KeyCode::Char('s'), KeyModifiers::CONTROL);
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    saved(&mut r).await;
    edit_and_save(&mut r, " two").await;
    assert!(r.app.prompt.is_none(), "confirmed for the session");
    saved(&mut r).await;
    let id = r
        .app
        .form
        .as_ref()
        .map(|f| f.id.clone())
        .unwrap_or_default();
    let stored = c.get_record(&id).await.expect("read back");
    assert_eq!(stored.name, "Alpha one two");
}

#[tokio::test]
async fn every_write_mode_asks_each_time() {
    let mut p = profile("prod", false, true);
    p.confirm_every_write = true;
    let (_sb, _c, mut r) = app_on(Some(p)).await;
    edit_and_save(&mut r, " one").await;
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    saved(&mut r).await;
    edit_and_save(&mut r, " two").await;
    assert!(
        matches!(r.app.prompt, Some(Prompt::Confirm(_))),
        "asked again"
    );
}

/// `:profile NAME` moves the whole app to the profile's server; an open form with changes
/// is asked about first, and an unknown profile changes nothing.
#[tokio::test]
async fn profile_switch_reloads_from_the_other_server() {
    let (_sb, _c, mut r) = app_on(None).await;
    let (other, oc) = start(empty()).await;
    for name in ["Beta", "Gamma"] {
        oc.create_record(&new_record("ticket", name, json!({})))
            .await
            .expect("create");
    }
    let (url, key_text) = (other.base_url(), other.api_key().to_owned());
    r = r.with_connector(Box::new(move |name: &str| {
        if name != "staging" {
            return Err(format!("no profile {name}"));
        }
        Ok(Connected {
            client: Client::new(&url, ApiKey::new(key_text.clone())).map_err(|e| e.to_string())?,
            profile: profile("staging", false, false),
            key_source: "a test".into(),
        })
    }));
    run_line(&mut r, "profile nowhere");
    wait(&mut r, "the refusal", |a| {
        a.notice
            .as_deref()
            .is_some_and(|n| n.contains("no profile nowhere"))
    })
    .await;
    assert!(r.app.profile.is_none() && r.app.list.records.len() == 1);
    edit_and_save(&mut r, " edited").await;
    wait(&mut r, "the save", |a| {
        a.form.as_ref().is_some_and(|f| !f.is_dirty())
    })
    .await;
    type_text(&mut r, " more");
    run_line(&mut r, "profile staging");
    assert!(r.app.guard.is_some(), "unsaved edits are asked about first");
    plain(&mut r, 'd');
    wait(&mut r, "the other server's list", |a| {
        a.list.records.len() == 2
    })
    .await;
    assert_eq!(
        r.app.profile.as_ref().map(|p| p.name.as_str()),
        Some("staging")
    );
    assert!(r.app.form.is_none());
    assert!(screen(&r).contains("staging"), "{}", screen(&r));
}

fn run_line(r: &mut Runner<TestBackend>, line: &str) {
    if r.app.form.is_some() {
        // The form has no `:`; the command line is opened as the list would.
        r.app.prompt = Some(Prompt::Command(Box::new(
            runtype_tui::app::command_line::CommandLine::new(""),
        )));
    } else {
        plain(r, ':');
    }
    type_text(r, line);
    key(r, KeyCode::Enter, KeyModifiers::NONE);
}

/// `:theme light` changes what is drawn; with NO_COLOR nothing drawn has a colour.
#[tokio::test]
async fn theme_command_restyles_and_no_color_wins() {
    let (_sb, _c, mut r) = app_on(None).await;
    let selected_bg = |r: &Runner<TestBackend>| r.terminal.backend().buffer()[(1, 2)].bg;
    let dark = selected_bg(&r);
    run_line(&mut r, "theme light");
    assert_eq!(r.app.theme.name, "light");
    assert_ne!(selected_bg(&r), dark, "the selected row is drawn anew");
    r.app.no_color = true;
    run_line(&mut r, "theme high-contrast");
    let buf = r.terminal.backend().buffer().clone();
    let coloured = buf
        .content
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset);
    assert_eq!(coloured.count(), 0, "NO_COLOR: no colour anywhere");
}

/// Creating, deleting, bulk changes and undo are writes too: refused on a read-only profile
/// before any request.
#[tokio::test]
async fn read_only_refuses_every_kind_of_write() {
    let (sb, _c, mut r) = app_on(Some(profile("audit", true, false))).await;
    let before = sb.requests().len();
    plain(&mut r, 'n');
    assert!(r.app.form.is_none(), "no form for a new record");
    plain(&mut r, 'D');
    assert!(r.app.delete.is_none(), "no delete question");
    run_line(&mut r, "set status=closed");
    assert!(r.app.bulk.is_none(), "no bulk preview");
    run_line(&mut r, "undo");
    let notice = r.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("read-only"), "{notice}");
    assert_eq!(sb.requests().len(), before, "nothing was sent");
}

/// On a protected profile a delete waits for the name; the right name lets it go.
#[tokio::test]
async fn protected_asks_before_a_delete() {
    let (sb, c, mut r) = app_on(Some(profile("prod", false, true))).await;
    plain(&mut r, 'D');
    plain(&mut r, 'y');
    assert!(matches!(r.app.prompt, Some(Prompt::Confirm(_))));
    assert_eq!(writes(&sb), 0, "nothing sent before the name");
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the delete", |a| {
        a.notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Deleted"))
    })
    .await;
    let page = c.list_records(&Default::default()).await.expect("list");
    assert!(page.records.is_empty(), "deleted on the server");
}

fn bulk_previewing(a: &runtype_tui::app::App) -> bool {
    use runtype_tui::app::bulk::Stage;
    matches!(a.bulk.as_ref().map(|b| &b.stage), Some(Stage::Preview(_)))
}

fn bulk_done(a: &runtype_tui::app::App) -> bool {
    use runtype_tui::app::bulk::Stage;
    matches!(a.bulk.as_ref().map(|b| &b.stage), Some(Stage::Done(_)))
}

fn bulk_edits(sb: &SandboxHandle) -> Vec<String> {
    sb.requests()
        .iter()
        .filter(|(m, p)| m == axum::http::Method::POST && p.ends_with("/bulk-edit"))
        .map(|(_, p)| p.clone())
        .collect()
}

/// On a protected profile the bulk preview itself asks for the name: a wrong name applies
/// nothing, the right one sends the one real `bulk-edit` (after the dry run).
#[tokio::test]
async fn protected_asks_for_the_name_inside_the_bulk_preview() {
    let (sb, c, mut r) = app_on(Some(profile("prod", false, true))).await;
    run_line(&mut r, "set status=closed");
    wait(&mut r, "the preview", bulk_previewing).await;
    assert!(
        screen(&r).contains("Protected profile: type prod"),
        "{}",
        screen(&r)
    );
    let dry_runs = bulk_edits(&sb).len();
    type_text(&mut r, "stage");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    assert!(bulk_previewing(&r.app), "a wrong name keeps the preview");
    assert!(screen(&r).contains("That is not prod"), "{}", screen(&r));
    for _ in 0.."stage".len() {
        key(&mut r, KeyCode::Backspace, KeyModifiers::NONE);
    }
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the summary", bulk_done).await;
    assert_eq!(bulk_edits(&sb).len(), dry_runs + 1, "one real request");
    let page = c.list_records(&Default::default()).await.expect("list");
    assert_eq!(page.records[0].metadata["status"], json!("closed"));
    // Confirmed for the session: the next bulk change asks only for Enter.
    key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    run_line(&mut r, "set status=open");
    wait(&mut r, "the second preview", bulk_previewing).await;
    assert!(!screen(&r).contains("Protected profile"), "{}", screen(&r));
}

/// In every-write mode each bulk change asks again.
#[tokio::test]
async fn every_write_mode_asks_in_each_bulk_preview() {
    let mut p = profile("prod", false, true);
    p.confirm_every_write = true;
    let (_sb, _c, mut r) = app_on(Some(p)).await;
    for value in ["closed", "open"] {
        run_line(&mut r, &format!("set status={value}"));
        wait(&mut r, "the preview", bulk_previewing).await;
        assert!(screen(&r).contains("type prod"), "{}", screen(&r));
        type_text(&mut r, "prod");
        key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
        wait(&mut r, "the summary", bulk_done).await;
        key(&mut r, KeyCode::Esc, KeyModifiers::NONE);
    }
}

/// `T`, and the first ticket fetched.
async fn triaging(r: &mut Runner<TestBackend>) {
    plain(r, 'T');
    wait(r, "the ticket", |a| {
        a.triage
            .as_ref()
            .and_then(|t| t.current())
            .is_some_and(|i| i.record.is_some())
    })
    .await;
}

/// A triage action is a write: on a protected profile the key waits for the name and acts
/// once it is typed; on a read-only profile it is refused before any request.
#[tokio::test]
async fn triage_actions_ask_on_protected_and_are_refused_on_read_only() {
    let (sb, c, mut r) = app_on(Some(profile("prod", false, true))).await;
    triaging(&mut r).await;
    plain(&mut r, '3');
    assert!(matches!(r.app.prompt, Some(Prompt::Confirm(_))));
    assert_eq!(writes(&sb), 0, "nothing sent before the name");
    type_text(&mut r, "prod");
    key(&mut r, KeyCode::Enter, KeyModifiers::NONE);
    wait(&mut r, "the action", |_| writes(&sb) == 1).await;
    wait(&mut r, "it landed", |a| {
        a.triage.as_ref().is_some_and(|t| t.sending() == 0)
    })
    .await;
    let page = c.list_records(&Default::default()).await.expect("list");
    assert_eq!(page.records[0].metadata["status"], json!("solved"));

    let (sb, _c, mut r) = app_on(Some(profile("audit", true, false))).await;
    triaging(&mut r).await;
    let before = sb.requests().len();
    plain(&mut r, '3');
    let notice = r.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("read-only"), "{notice}");
    plain(&mut r, 'e');
    assert!(r.app.form.is_none(), "no form that could never be saved");
    assert_eq!(sb.requests().len(), before, "nothing was sent");
}

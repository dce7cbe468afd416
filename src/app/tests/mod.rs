//! Scripted flows: messages in, state and effects out. The helpers here drive the app the
//! way a user would; each submodule tests one part of it.

use super::form::{FieldPath, SaveStatus};
use super::*;
use crate::api::{ApiError, ErrorBody, ErrorDetail, Page, Pagination, Record};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(crate) fn record(i: usize) -> Record {
    // Built from text, so `1.50` keeps its digits the way a server would send them.
    let kind = if i.is_multiple_of(2) {
        "ticket"
    } else {
        "customer"
    };
    let text = format!(
        r#"{{"id": "record_{i:04}", "type": "{kind}", "name": "Record {i}",
            "metadata": {{"status": "open", "seats": 10, "price": 1.50}}, "userId": "u",
            "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-20T00:00:00.000Z"}}"#
    );
    serde_json::from_str(&text).expect("record")
}

pub(crate) fn page(range: std::ops::Range<usize>, next: Option<&str>) -> row::RowPage {
    row::RowPage::from(Page {
        records: range.map(record).collect(),
        skipped: Vec::new(),
        pagination: Pagination {
            has_more: next.is_some(),
            next_cursor: next.map(str::to_owned),
            total_count: Some(500),
            ..Pagination::default()
        },
        filters_applied: None,
    })
}

/// A profile named `prod`, read-only and/or protected as asked.
pub(crate) fn profile(read_only: bool, protected: bool) -> super::profile::Profile {
    super::profile::Profile {
        name: "prod".into(),
        read_only,
        protected,
        confirm_every_write: false,
        color: None,
    }
}

pub(crate) fn app() -> App {
    App::new(
        Source {
            label: "test".into(),
        },
        100,
        30,
        1_764_000_000_000,
    )
}

pub(crate) fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub(crate) fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub(crate) fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub(crate) fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| update(app, ch(c))).collect()
}

/// The effects that reach the network or change the list (draft journaling left out).
pub(crate) fn requests(effects: &[Effect]) -> Vec<Effect> {
    effects
        .iter()
        .filter(|e| {
            !matches!(
                e,
                Effect::DraftDue { .. }
                    | Effect::WriteDraft { .. }
                    | Effect::DeleteDraft { .. }
                    | Effect::DeleteDraftFile { .. }
                    | Effect::ListDrafts
            )
        })
        .cloned()
        .collect()
}

pub(crate) fn load_ticket(effects: &[Effect]) -> Ticket {
    match requests(effects).as_slice() {
        [Effect::LoadPage { ticket, .. }] => *ticket,
        other => panic!("expected one LoadPage, got {other:?}"),
    }
}

/// An app with the first page (0..40) loaded.
pub(crate) fn loaded() -> App {
    let (a, fx) = loaded_with(None);
    assert!(fx.is_empty());
    a
}

/// An app with records 0..40 loaded, `next` the cursor of a further page; with the effects
/// that answer caused.
pub(crate) fn loaded_with(next: Option<&str>) -> (App, Vec<Effect>) {
    let mut a = app();
    let t = load_ticket(&a.start());
    let fx = update(
        &mut a,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page(0..40, next)),
        },
    );
    (a, fx)
}

/// Presses `e` and answers the fetch of the full record it starts.
pub(crate) fn editing(a: &mut App) {
    let fx = update(a, ch('e'));
    let (ticket, id) = match fx.as_slice() {
        [Effect::LoadRecord { ticket, id }] => (*ticket, id.clone()),
        other => panic!("editing fetches the record first: {other:?}"),
    };
    assert!(a.form.is_none(), "the form waits for the full record");
    let n: usize = id.trim_start_matches("record_").parse().expect("test id");
    update(
        a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record(n)),
        },
    );
    assert!(a.form.is_some());
}

pub(crate) fn save_effect(effects: Vec<Effect>) -> (Ticket, crate::api::RecordUpdate) {
    match requests(&effects).as_slice() {
        [
            Effect::SaveRecord {
                ticket,
                update,
                base_updated_at,
                ..
            },
        ] => {
            assert_eq!(base_updated_at, "2026-11-20T00:00:00.000Z");
            (*ticket, update.clone())
        }
        other => panic!("expected one SaveRecord, got {other:?}"),
    }
}

pub(crate) fn server_error(status: u16, body: &str) -> SaveError {
    SaveError::Api(ApiError::Http {
        status,
        body: ErrorBody::parse(body.as_bytes()),
        retry_after: None,
    })
}

pub(crate) fn failed_save(err: SaveError) -> App {
    failed_save_in(loaded(), err)
}

/// `failed_save` in an app set up by the caller (a key source, a profile).
pub(crate) fn failed_save_in(mut a: App, err: SaveError) -> App {
    editing(&mut a);
    type_text(&mut a, "?");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Err(err),
        },
    );
    let form = a.form.as_ref().expect("form stays open");
    assert_eq!(form.name.text(), "Record 0?", "edits kept");
    assert_eq!(form.status, SaveStatus::Failed);
    a
}

mod external;
mod journal;
mod keys;
mod list;
mod overlays;
mod saving;
mod tabs;
mod truth;

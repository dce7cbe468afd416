//! Every screen and state rendered to `TestBackend` at 80x24, 120x40 and 60x15 and snapshotted;
//! colour and cursor, which text snapshots drop, are asserted on cells directly.

#[path = "common/draw.rs"]
mod draw;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use draw::{draw, screen, text_of};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use rstest::rstest;
use runtype_tui::api::{ApiError, ErrorBody, Page, Pagination, Record};
use runtype_tui::app::{App, Effect, Msg, SaveError, Source, Ticket, update};

const NOW: i64 = 1_764_000_000_000; // 2025-11-24T16:00:00Z

fn record(i: usize) -> Record {
    let kinds = ["ticket", "customer", "document"];
    let text = format!(
        r#"{{"id": "record_01j9z6k3m4n5p6q7r8s9t0{i:04}", "type": "{}", "name": "Record number {i}",
            "metadata": {{"status": "{}", "priority": "high", "seats": {}, "tags": ["a", "b"], "nested": {{"x": 1}}}},
            "metadataLabels": {{"status": "Status"}}, "userId": "user_1", "ownerId": "crm-{i}",
            "messages": [{{"role": "user", "content": "Hello\nthere"}}, "plain"],
            "createdAt": "2025-11-01T10:00:00.000Z", "updatedAt": "2025-11-24T15:{:02}:00.000Z"}}"#,
        kinds[i % 3],
        ["open", "closed"][i % 2],
        i * 10,
        i % 60
    );
    serde_json::from_str(&text).expect("record")
}

fn page(n: usize) -> Page {
    Page {
        records: (0..n).map(record).collect(),
        skipped: Vec::new(),
        pagination: Pagination {
            total_count: Some(n as u64 + 250),
            has_more: false,
            ..Pagination::default()
        },
        filters_applied: None,
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> Msg {
    Msg::Key(KeyEvent::new(code, mods))
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    update(app, key(KeyCode::Char(c), KeyModifiers::NONE))
}

fn first_ticket(effects: &[Effect]) -> Ticket {
    match effects.first() {
        Some(
            Effect::LoadPage { ticket, .. }
            | Effect::LoadRecord { ticket, .. }
            | Effect::SaveRecord { ticket, .. },
        ) => *ticket,
        other => panic!("expected a request, got {other:?}"),
    }
}

fn new_app(w: u16, h: u16) -> (App, Ticket) {
    let mut app = App::new(
        Source {
            label: "sandbox".into(),
        },
        w,
        h,
        NOW,
    );
    let t = first_ticket(&app.start());
    (app, t)
}

fn loaded(w: u16, h: u16, n: usize) -> App {
    let (mut app, t) = new_app(w, h);
    update(
        &mut app,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page(n).into()),
        },
    );
    app
}

/// Answers the fetch of the full record that opening a record starts.
fn deliver(app: &mut App, effects: &[Effect], record: Record) {
    let ticket = first_ticket(effects);
    update(
        app,
        Msg::RecordLoaded {
            ticket,
            result: Ok(record),
        },
    );
}

fn form_app(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, 12);
    let fx = press(&mut app, 'e');
    deliver(&mut app, &fx, record(0));
    app
}

fn failed_form(w: u16, h: u16, status: u16, body: &str) -> App {
    let mut app = form_app(w, h);
    press(&mut app, '!');
    let fx = update(&mut app, key(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let err = SaveError::Api(ApiError::Http {
        status,
        body: ErrorBody::parse(body.as_bytes()),
        retry_after: None,
    });
    update(
        &mut app,
        Msg::Saved {
            ticket: first_ticket(&fx),
            id: record(0).id,
            result: Err(err),
        },
    );
    app
}

fn state(name: &str, w: u16, h: u16) -> App {
    match name {
        "list_loading" => new_app(w, h).0,
        "list_loaded" => loaded(w, h, 60),
        "list_empty" => loaded(w, h, 0),
        "list_failed" => {
            let (mut app, t) = new_app(w, h);
            let e = ApiError::Connect {
                host: "127.0.0.1:8787".into(),
                detail: "refused".into(),
            };
            update(
                &mut app,
                Msg::PageLoaded {
                    ticket: t,
                    result: Err(e),
                },
            );
            app
        }
        "list_refresh_failed" => {
            let mut app = loaded(w, h, 30);
            let t = first_ticket(&press(&mut app, 'r'));
            let e = ApiError::Http {
                status: 503,
                body: ErrorBody::parse(br#"{"error":"busy"}"#),
                retry_after: None,
            };
            update(
                &mut app,
                Msg::PageLoaded {
                    ticket: t,
                    result: Err(e),
                },
            );
            app
        }
        "detail" => {
            let mut app = loaded(w, h, 5);
            let fx = update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE));
            deliver(&mut app, &fx, record(0));
            app
        }
        "detail_at_end" => {
            let mut app = loaded(w, h, 5);
            let fx = update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE));
            let mut r = record(0);
            r.metadata.insert("long".into(), "word ".repeat(80).into());
            deliver(&mut app, &fx, r);
            press(&mut app, 'G');
            app
        }
        "detail_loading" => {
            let mut app = loaded(w, h, 5);
            update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE));
            app
        }
        "form_clean" => form_app(w, h),
        "form_invalid" => {
            let mut app = form_app(w, h);
            for _ in 0..15 {
                update(&mut app, key(KeyCode::Backspace, KeyModifiers::NONE));
            }
            update(&mut app, key(KeyCode::Char('s'), KeyModifiers::CONTROL));
            app
        }
        "form_saving" => {
            let mut app = form_app(w, h);
            press(&mut app, '!');
            update(&mut app, key(KeyCode::Char('s'), KeyModifiers::CONTROL));
            app
        }
        "form_server_errors" => failed_form(
            w,
            h,
            400,
            r#"{"error":"Validation failed","details":[{"path":"name","message":"name is reserved"},{"path":"metadata.status","message":"unknown status","suggestion":"open or closed"}]}"#,
        ),
        "form_conflict_409" => failed_form(w, h, 409, r#"{"error":"exists"}"#),
        "form_saved_warnings" => {
            let mut app = form_app(w, h);
            press(&mut app, '!');
            let fx = update(&mut app, key(KeyCode::Char('s'), KeyModifiers::CONTROL));
            let mut saved = record(0);
            saved.name.push('!');
            saved.warnings = vec![runtype_tui::api::types::WriteWarning {
                code: "KEY_RENAMED".into(),
                from: Some("Tier Level".into()),
                to: Some("tier_level".into()),
            }];
            update(
                &mut app,
                Msg::Saved {
                    ticket: first_ticket(&fx),
                    id: saved.id.clone(),
                    result: Ok(saved),
                },
            );
            app
        }
        "guard" => {
            let mut app = form_app(w, h);
            press(&mut app, 'x');
            update(&mut app, key(KeyCode::Esc, KeyModifiers::NONE));
            app
        }
        "help" => {
            let mut app = loaded(w, h, 10);
            press(&mut app, '?');
            app
        }
        "help_scrolled_to_end" => {
            let mut app = loaded(w, h, 10);
            press(&mut app, '?');
            press(&mut app, 'G');
            app
        }
        "form_help" => {
            let mut app = form_app(w, h);
            update(&mut app, key(KeyCode::F(1), KeyModifiers::NONE));
            app
        }
        "guard_long_value" => {
            let mut app = loaded(w, h, 12);
            let fx = press(&mut app, 'e');
            let mut r = record(0);
            let long = format!("{} the needle {}", "a".repeat(300), "z".repeat(300));
            r.metadata.insert("note".into(), long.into());
            deliver(&mut app, &fx, r);
            update(&mut app, key(KeyCode::End, KeyModifiers::CONTROL));
            for _ in 0..310 {
                update(&mut app, key(KeyCode::Left, KeyModifiers::NONE));
            }
            for _ in 0..6 {
                update(&mut app, key(KeyCode::Backspace, KeyModifiers::NONE));
            }
            for c in "pin".chars() {
                press(&mut app, c);
            }
            update(&mut app, key(KeyCode::Esc, KeyModifiers::NONE));
            app
        }
        "messages" => {
            let mut app = failed_form(
                w,
                h,
                503,
                r#"{"error":"the server is overloaded right now and asks you to come back later; nothing was changed"}"#,
            );
            update(&mut app, key(KeyCode::Esc, KeyModifiers::NONE));
            press(&mut app, 'd');
            press(&mut app, 'M');
            app
        }
        "type_prompt" => {
            let mut app = loaded(w, h, 10);
            press(&mut app, 't');
            app
        }
        "jump_prompt" => {
            let mut app = form_app(w, h);
            update(&mut app, key(KeyCode::Char('g'), KeyModifiers::CONTROL));
            press(&mut app, 'e');
            press(&mut app, 'a');
            app
        }
        "list_to_end" => {
            let (mut app, t) = new_app(w, h);
            let mut first = page(30);
            first.pagination.has_more = true;
            first.pagination.next_cursor = Some("c1".into());
            let page = Msg::PageLoaded {
                ticket: t,
                result: Ok(first.into()),
            };
            update(&mut app, page);
            press(&mut app, 'G');
            app
        }
        "list_local_filter" => {
            let mut app = loaded(w, h, 30);
            press(&mut app, 'f');
            press(&mut app, '2');
            update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE));
            app
        }
        "search_prompt" => {
            let mut app = loaded(w, h, 10);
            press(&mut app, '/');
            press(&mut app, 'r');
            app
        }
        "import_preview" | "import_done" | "export_running" => files_state(name, w, h),
        "keys_table" => {
            let mut app = loaded(w, h, 10);
            for c in ":keys".chars() {
                press(&mut app, c);
            }
            update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE));
            app
        }
        other => panic!("unknown state {other}"),
    }
}

/// The ticket of the file effect among `effects`.
fn file_ticket(effects: &[Effect]) -> Ticket {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Export { ticket, .. }
            | Effect::ReadImport { ticket, .. }
            | Effect::UploadCsv { ticket, .. } => Some(*ticket),
            _ => None,
        })
        .expect("a file effect")
}

/// Runs a `:` line; returns the effects of its Enter.
fn command(app: &mut App, line: &str) -> Vec<Effect> {
    press(app, ':');
    for c in line.chars() {
        press(app, c);
    }
    update(app, key(KeyCode::Enter, KeyModifiers::NONE))
}

/// The `:import` screen (its preview, its outcome) and a running `:export`.
fn files_state(name: &str, w: u16, h: u16) -> App {
    use runtype_tui::api::ops::CsvUploadResult;
    let mut app = loaded(w, h, 10);
    if name == "export_running" {
        let t = file_ticket(&command(&mut app, "export open.jsonl"));
        update(
            &mut app,
            Msg::ExportProgress {
                ticket: t,
                count: 1200,
            },
        );
        return app;
    }
    let t = file_ticket(&command(&mut app, "import people.csv"));
    let csv = "name,type,city\nOlga,customer,Oslo\n,customer,Bergen\nAda,customer,London\n";
    let read = Ok(("/home/me/people.csv".to_owned(), csv.as_bytes().to_vec()));
    update(
        &mut app,
        Msg::ImportRead {
            ticket: t,
            result: read,
        },
    );
    if name == "import_done" {
        let t = file_ticket(&update(&mut app, key(KeyCode::Enter, KeyModifiers::NONE)));
        let done = CsvUploadResult {
            success: true,
            message: "Created 2 records, 1 rows failed".into(),
            created: 2,
            errors: 1,
            error_details: vec!["Row 3: name must be 1-500 characters (got 0)".into()],
            records: Vec::new(),
            warnings: Vec::new(),
        };
        update(
            &mut app,
            Msg::Uploaded {
                ticket: t,
                result: Ok(done),
            },
        );
    }
    app
}

#[rstest]
fn screens(
    #[values(
        "list_loading",
        "list_loaded",
        "list_empty",
        "list_failed",
        "list_refresh_failed",
        "list_to_end",
        "list_local_filter",
        "detail",
        "detail_at_end",
        "detail_loading",
        "form_clean",
        "form_invalid",
        "form_saving",
        "form_server_errors",
        "form_conflict_409",
        "form_saved_warnings",
        "guard",
        "guard_long_value",
        "help",
        "help_scrolled_to_end",
        "form_help",
        "messages",
        "search_prompt",
        "type_prompt",
        "jump_prompt",
        "import_preview",
        "import_done",
        "export_running",
        "keys_table"
    )]
    name: &str,
    #[values((80, 24), (120, 40), (60, 15))] size: (u16, u16),
) {
    let app = state(name, size.0, size.1);
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(&app));
}

#[rstest]
#[case(0, 0)]
#[case(1, 1)]
#[case(10, 3)]
#[case(29, 5)]
fn tiny_terminals_do_not_panic(#[case] w: u16, #[case] h: u16) {
    for name in [
        "list_loaded",
        "detail",
        "form_server_errors",
        "guard",
        "help",
        "search_prompt",
    ] {
        let app = state(name, w.max(1), h.max(1));
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| {
            runtype_tui::ui::render(&app, f);
        })
        .expect("draw");
    }
    let text = screen(&state("list_loaded", 29, 5));
    assert!(text.contains("too small"), "{text}");
}

#[test]
fn selection_is_reversed_and_errors_are_red() {
    let app = loaded(80, 24, 5);
    let term = draw(&app);
    let buf = term.backend().buffer();
    assert!(
        buf[(0, 2)].modifier.contains(Modifier::REVERSED),
        "selected row"
    );
    assert!(
        !buf[(0, 3)].modifier.contains(Modifier::REVERSED),
        "other rows"
    );

    let app = state("form_server_errors", 80, 24);
    let term = draw(&app);
    let buf = term.backend().buffer();
    let error_cell = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "✗")
        .expect("an error marker is drawn");
    assert_eq!(buf[error_cell].fg, Color::Red);
}

#[test]
fn no_color_draws_no_colour_but_keeps_selection_visible() {
    let mut app = state("form_server_errors", 80, 24);
    app.no_color = true;
    let term = draw(&app);
    let buf = term.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let mut list = loaded(80, 24, 5);
    list.no_color = true;
    assert!(
        draw(&list).backend().buffer()[(0, 2)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn form_cursor_sits_after_wide_text() {
    let (mut app, t) = new_app(80, 24);
    let mut r = record(0);
    r.name = "漢字😀\u{1b}x".into();
    let wide = r.clone();
    let p = Page {
        records: vec![r],
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    update(
        &mut app,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(p.into()),
        },
    );
    let fx = press(&mut app, 'e');
    deliver(&mut app, &fx, wide);
    let mut term = draw(&app);
    // 6 columns of indent, then 漢字 (4) + 😀 (2) + ^[ (2) + x (1) = 9 columns of text.
    let pos = term.get_cursor_position().expect("cursor");
    assert_eq!(
        (pos.x, pos.y),
        (1 + 6 + 9, 2),
        "border, indent, then the drawn width"
    );
    let text = text_of(&term);
    assert!(text.contains("漢字😀^[x"), "{text}");
}

#[rstest]
#[case(60, 15)]
#[case(40, 10)]
#[case(80, 24)]
fn the_hint_bar_always_shows_help_and_quit(#[case] w: u16, #[case] h: u16) {
    let text = screen(&loaded(w, h, 5));
    let bar = text.lines().last().expect("status line");
    assert!(bar.contains("? help") && bar.contains("q quit"), "{bar}");
}

#[test]
fn at_40_columns_the_name_keeps_its_width() {
    let text = screen(&loaded(40, 10, 5));
    assert!(text.contains("Record number 0"), "{text}");
    assert!(
        !text.contains("…8s9t"),
        "the ID column gives way first: {text}"
    );
}

/// A record named `name` opened in the form.
fn form_of(name: &str, w: u16, h: u16) -> App {
    let (mut app, t) = new_app(w, h);
    let mut r = record(0);
    r.name = name.into();
    let p = Page {
        records: vec![r.clone()],
        skipped: Vec::new(),
        pagination: Pagination::default(),
        filters_applied: None,
    };
    update(
        &mut app,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(p.into()),
        },
    );
    let fx = press(&mut app, 'e');
    deliver(&mut app, &fx, r);
    app
}

#[test]
fn an_arabic_title_keeps_its_last_letter() {
    let name = "#10901 لم يتم استلام الطلب";
    let text = screen(&form_of(name, 80, 24));
    let title = text.lines().next().expect("title");
    assert!(title.contains("الطلب"), "{title}");
    assert!(title.contains(name), "{title}");
}

#[test]
fn wide_text_left_of_a_box_never_hides_its_border() {
    let name = "注文が届きません注文が届きません注文が届きません注文が届きません";
    let mut app = form_of(name, 80, 24);
    update(&mut app, key(KeyCode::F(1), KeyModifiers::NONE));
    let term = draw(&app);
    let buf = term.backend().buffer();
    let (x, y) = (0..24)
        .flat_map(|y| (1..80).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "┌")
        .expect("the help box is drawn");
    for row in y..y + 5 {
        let left = buf[(x - 1, row)].symbol();
        assert!(
            unicode_width::UnicodeWidthStr::width(left) <= 1,
            "a wide character at {},{row} would cover the border",
            x - 1
        );
    }
}

/// At 60 columns with a long type filter, the title still says how many rows are selected:
/// the selection comes before the filters.
#[test]
fn a_narrow_title_keeps_the_selection_count() {
    let mut app = loaded(60, 15, 10);
    press(&mut app, ' ');
    press(&mut app, ' ');
    app.list.filter.record_type = Some("support_ticket_from_the_legacy_helpdesk_import".into());
    let text = screen(&app);
    let title = text.lines().next().unwrap_or_default();
    assert!(title.contains("2 selected"), "{title}");
}

/// A search with quotes reads back in the title as typed (escaped), and an empty result of
/// a search says "No records match", not "the filter".
#[test]
fn a_search_with_quotes_reads_back_and_its_empty_result_says_so() {
    let mut app = loaded(100, 30, 0);
    app.list.filter.search = "注文\"\\".into();
    let text = screen(&app);
    assert!(text.contains(r#"search: "注文\"\\""#), "{text}");
    assert!(text.contains("No records match."), "{text}");
}

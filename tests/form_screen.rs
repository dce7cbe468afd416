//! What the form shows about a record's own problems and a huge value, drawn on TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use runtype_tui::api::Record;
use runtype_tui::app::form::{FieldPath, Form};
use runtype_tui::app::{App, Source};

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| {
        runtype_tui::ui::render(app, f);
    })
    .expect("draw");
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn record(name: &str, metadata: serde_json::Value) -> Record {
    serde_json::from_value(serde_json::json!({
        "id": "r1", "type": "ticket", "name": name, "metadata": metadata,
        "createdAt": "2026-11-01T00:00:00.000Z", "updatedAt": "2026-11-02T00:00:00.000Z"
    }))
    .expect("record")
}

fn app_with(form: Form) -> App {
    let mut app = App::new(
        Source {
            label: "test".into(),
        },
        100,
        30,
        1_764_000_000_000,
    );
    app.form = Some(Box::new(form));
    app
}

#[test]
fn a_name_already_over_the_limit_is_a_warning_not_an_error() {
    let form = Form::open(&record(
        &"n".repeat(600),
        serde_json::json!({"status": "open"}),
    ));
    let text = screen(&app_with(form), 100, 30);
    assert!(text.contains("⚠ Name is 600 characters"), "{text}");
    assert!(!text.contains("✗"), "nothing blocks saving:\n{text}");
}

#[test]
fn a_megabyte_value_draws_its_cursor_end_and_the_rest_of_the_form() {
    let big: String = "0123456789".repeat(100_000);
    let mut form = Form::open(&record(
        "Big",
        serde_json::json!({"blob": big, "after": "tail"}),
    ));
    let unfocused = screen(&app_with(form.clone()), 100, 30);
    assert!(
        unfocused.contains("0123456789…"),
        "cut to the width:\n{unfocused}"
    );
    form.focus = FieldPath::MetadataValue(0);
    let text = screen(&app_with(form), 100, 30);
    assert!(
        text.contains("after"),
        "the next row is still drawn:\n{text}"
    );
    let cursor_line = text
        .lines()
        .find(|l| l.contains('▌') && l.contains("6789"))
        .expect("the focused line shows the end, where the cursor is");
    assert!(
        cursor_line.trim_end_matches(['│', ' ']).ends_with("6789"),
        "{cursor_line}"
    );
}

//! The form and its saves: what is sent, where server answers land, the unsaved-changes
//! guard.

use super::*;

#[test]
fn a_rename_sends_the_name_and_the_whole_metadata() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    assert_eq!(
        serde_json::to_string(&upd).ok().as_deref(),
        Some(r#"{"name":"Record 0!","metadata":{"status":"open","seats":10,"price":1.50}}"#)
    );
}

#[test]
fn invalid_form_sends_nothing_and_keeps_every_keystroke() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, &"x".repeat(500));
    update(&mut a, key(KeyCode::Tab));
    assert!(update(&mut a, ctrl('s')).is_empty(), "nothing is sent");
    let form = a.form.as_ref().expect("form");
    assert_eq!(form.focus, FieldPath::Name, "focus jumps to the problem");
    assert!(
        form.banner
            .as_deref()
            .is_some_and(|b| b.contains("limit is 500")),
        "{:?}",
        form.banner
    );
    assert_eq!(
        form.name.text().chars().count(),
        508,
        "every keystroke kept"
    );
}

#[test]
fn metadata_changes_keep_types_and_untouched_values() {
    let mut a = loaded();
    editing(&mut a);
    // Tab to row 2's value (seats = 10), replace it with 12: still a number.
    for _ in 0..5 {
        update(&mut a, key(KeyCode::Tab));
    }
    assert_eq!(
        a.form.as_ref().map(|f| f.focus),
        Some(FieldPath::MetadataValue(1))
    );
    update(&mut a, key(KeyCode::Backspace));
    type_text(&mut a, "2");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    let sent = serde_json::to_string(&upd).expect("json");
    assert_eq!(
        sent,
        r#"{"metadata":{"status":"open","seats":12,"price":1.50}}"#
    );
}

#[test]
fn server_400_details_go_under_their_fields() {
    let body = r#"{"error":"Validation failed","details":[{"path":"name","message":"name is bad"},
        {"path":"metadata.seats","message":"too many","suggestion":"at most 5"},{"message":"loose problem"}]}"#;
    let a = failed_save(server_error(400, body));
    let form = a.form.as_ref().expect("form");
    assert_eq!(form.error_for(FieldPath::Name), Some("name is bad"));
    assert_eq!(
        form.error_for(FieldPath::MetadataValue(1)),
        Some("too many (at most 5)")
    );
    assert!(
        form.banner
            .as_deref()
            .is_some_and(|b| b.contains("loose problem"))
    );
}

#[test]
fn conflict_409_goes_under_name_and_type() {
    let a = failed_save(server_error(409, r#"{"error":"exists"}"#));
    let form = a.form.as_ref().expect("form");
    for p in [FieldPath::Name, FieldPath::Type] {
        assert!(
            form.error_for(p)
                .is_some_and(|e| e.contains("already has this name"))
        );
    }
}

#[test]
fn schema_422_goes_to_the_metadata_row() {
    let body = r#"{"error":"schema_validation_failed","collection":"ticket","details":[{"path":"metadata.status","field":"status","code":"x","message":"not allowed"}]}"#;
    let a = failed_save(server_error(422, body));
    assert_eq!(
        a.form
            .as_ref()
            .and_then(|f| f.error_for(FieldPath::MetadataValue(0))),
        Some("not allowed")
    );
}

#[test]
fn other_failures_explain_themselves_in_the_banner() {
    let cases: Vec<(SaveError, &str)> = vec![
        (
            server_error(401, r#"{"error":"bad key"}"#),
            "the API key was rejected (401)",
        ),
        (server_error(403, r#"{"error":"scope"}"#), "RECORDS:WRITE"),
        (
            server_error(404, r#"{"error":"gone"}"#),
            "deleted on the server",
        ),
        (server_error(503, r#"{"error":"busy"}"#), "Ctrl-S retries"),
        (
            SaveError::Api(ApiError::Connect {
                host: "h".into(),
                detail: "refused".into(),
            }),
            "Ctrl-S retries",
        ),
        (
            SaveError::Api(ApiError::Timeout {
                phase: crate::api::TimeoutPhase::Response,
            }),
            "may or may not",
        ),
        (
            SaveError::Conflict {
                theirs: Box::new(Record {
                    name: "Renamed elsewhere".into(),
                    updated_at: "2026-11-22T00:00:00.000Z".into(),
                    ..record(0)
                }),
            },
            "Someone else saved",
        ),
        (
            SaveError::Conflict {
                theirs: Box::new(Record {
                    updated_at: "2026-11-22T00:00:00.000Z".into(),
                    ..record(0)
                }),
            },
            "nobody else changed the record",
        ),
    ];
    for (err, says) in cases {
        let a = failed_save(err.clone());
        let banner = a
            .form
            .as_ref()
            .and_then(|f| f.banner.clone())
            .unwrap_or_default();
        assert!(banner.contains(says), "{err:?}: {banner}");
    }
}

#[test]
fn a_rejected_key_in_the_form_names_its_source() {
    let mut a = loaded();
    a.key_source = Some("api_key in the config file /c/config.toml".into());
    let a = failed_save_in(a, server_error(401, r#"{"error":"bad key"}"#));
    let banner = a.form.as_ref().and_then(|f| f.banner.clone());
    assert!(
        banner.as_deref().is_some_and(|b| b
            .contains("check api_key in the config file /c/config.toml")
            && !b.contains("RUNTYPE_API_KEY")),
        "{banner:?}"
    );
}

#[test]
fn success_updates_the_list_in_place_and_shows_warnings() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "!");
    let (ticket, _) = save_effect(update(&mut a, ctrl('s')));
    let mut saved = record(0);
    saved.name = "Record 0!".into();
    saved.updated_at = "2026-11-21T00:00:00.000Z".into();
    saved.warnings = vec![crate::api::types::WriteWarning {
        code: "KEY_RENAMED".into(),
        from: Some("A b".into()),
        to: Some("a_b".into()),
    }];
    let fx = update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    assert!(requests(&fx).is_empty(), "no reload");
    assert_eq!(
        fx,
        [Effect::DeleteDraft {
            id: "record_0000".into()
        }],
        "the draft is done with"
    );
    assert_eq!(&*a.list.records[0].name, "Record 0!");
    let form = a.form.as_ref().expect("form");
    assert_eq!(
        form.base.updated_at, "2026-11-21T00:00:00.000Z",
        "rebased on the response"
    );
    match &form.status {
        SaveStatus::Saved { notes } => assert!(notes[0].contains("\"A b\" to \"a_b\"")),
        other => panic!("expected Saved, got {other:?}"),
    }
    assert!(!form.is_dirty());
    update(&mut a, key(KeyCode::Esc));
    assert!(a.form.is_none(), "a clean form closes without asking");
}

#[test]
fn unsaved_changes_guard_on_esc_and_ctrl_c() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "x");
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.guard, Some(AfterGuard::CloseForm));
    update(&mut a, key(KeyCode::Esc));
    assert!(a.guard.is_none() && a.form.is_some(), "Esc keeps editing");
    update(&mut a, ctrl('c'));
    assert_eq!(a.guard, Some(AfterGuard::Quit));
    let (ticket, _) = save_effect(update(&mut a, ch('s')));
    assert_eq!(a.exit, None, "waits for the save");
    let mut saved = record(0);
    saved.name = "Record 0x".into();
    update(
        &mut a,
        Msg::Saved {
            ticket,
            id: "record_0000".into(),
            result: Ok(saved),
        },
    );
    assert_eq!(a.exit, Some(0), "quits once saved");
}

#[test]
fn discard_closes_and_failed_save_from_guard_stays() {
    let mut a = loaded();
    editing(&mut a);
    type_text(&mut a, "x");
    update(&mut a, key(KeyCode::Esc));
    update(&mut a, ch('d'));
    assert!(a.form.is_none());
    assert_eq!(
        &*a.list.records[0].name, "Record 0",
        "discarded edits never reach the list"
    );
}

#[test]
fn details_without_path_or_unknown_key_go_to_the_banner() {
    let e = ErrorDetail {
        message: "m".into(),
        path: Some("metadata.nope".into()),
        ..ErrorDetail::default()
    };
    let body =
        serde_json::json!({"error": "bad", "details": [{"message": e.message, "path": e.path}]})
            .to_string();
    let a = failed_save(server_error(400, &body));
    assert!(
        a.form
            .as_ref()
            .and_then(|f| f.banner.clone())
            .is_some_and(|b| b.contains("m"))
    );
}

#[test]
fn hostile_bytes_are_saved_back_exactly() {
    let mut a = app();
    let t = load_ticket(&a.start());
    update(
        &mut a,
        Msg::PageLoaded {
            ticket: t,
            result: Ok(page(0..1, None)),
        },
    );
    let fx = update(&mut a, ch('e'));
    let Some(Effect::LoadRecord { ticket, .. }) = fx.first().cloned() else {
        panic!("fetch")
    };
    let mut r = record(0);
    let hostile = "\u{1b}[31mRED\u{1b}]52;c;aGk=\u{7} \u{202e}gnp.exe\u{200b}\r\n\t\u{9b}";
    r.name = hostile.to_owned();
    r.metadata
        .insert("note".into(), serde_json::Value::String(hostile.to_owned()));
    update(
        &mut a,
        Msg::RecordLoaded {
            ticket,
            result: Ok(r),
        },
    );
    // Edit another field: the hostile ones are not even sent.
    for _ in 0..3 {
        update(&mut a, key(KeyCode::Tab));
    }
    type_text(&mut a, "x");
    let (_, upd) = save_effect(update(&mut a, ctrl('s')));
    assert_eq!(upd.name, None);
    let sent = upd.metadata.expect("metadata changed");
    assert_eq!(
        sent["note"].as_str(),
        Some(hostile),
        "untouched hostile value sent back byte for byte"
    );
    assert_eq!(sent["status"].as_str(), Some("openx"));
}

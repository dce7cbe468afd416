//! Length limits at their boundaries, counted in Unicode scalar values, through the client.

mod common;

use common::{empty, new_record, start};
use rstest::rstest;
use runtype_tui::api::RecordUpdate;
use serde_json::json;

#[rstest]
#[case::name_empty("name", "", false)]
#[case::name_one("name", "a", true)]
#[case::name_500_ascii("name", &"a".repeat(500), true)]
#[case::name_501_ascii("name", &"a".repeat(501), false)]
#[case::name_500_accented("name", &"é".repeat(500), true)]
#[case::name_501_accented("name", &"é".repeat(501), false)]
#[case::name_500_emoji("name", &"😀".repeat(500), true)]
#[case::name_501_emoji("name", &"😀".repeat(501), false)]
#[case::type_empty("type", "", false)]
#[case::type_one("type", "t", true)]
#[case::type_255_cjk("type", &"漢".repeat(255), true)]
#[case::type_256_cjk("type", &"漢".repeat(256), false)]
#[case::type_255_ascii("type", &"t".repeat(255), true)]
#[case::type_256_ascii("type", &"t".repeat(256), false)]
#[tokio::test]
async fn limits_count_characters(#[case] field: &str, #[case] value: &str, #[case] accepted: bool) {
    let (sb, c) = start(empty()).await;
    let (record_type, name) = if field == "name" {
        ("t", value)
    } else {
        (value, "n")
    };
    let created = c
        .create_record(&new_record(record_type, name, json!({})))
        .await;
    match (&created, accepted) {
        (Ok(r), true) => assert_eq!(
            if field == "name" {
                &r.name
            } else {
                &r.record_type
            },
            value
        ),
        (Err(e), false) => {
            assert_eq!(e.status(), Some(400), "{e:?}");
            let details = e.body().expect("body").details();
            assert_eq!(details.len(), 1);
            assert_eq!(details[0].path.as_deref(), Some(field));
        }
        (other, _) => panic!(
            "{field} of {} chars: expected accepted={accepted}, got {other:?}",
            value.chars().count()
        ),
    }

    // The same limit applies on update.
    let base = c
        .create_record(&new_record("base", "base", json!({})))
        .await
        .expect("base record");
    let mut update = RecordUpdate::default();
    if field == "name" {
        update.name = Some(value.to_owned());
    } else {
        update.record_type = Some(value.to_owned());
    }
    assert_eq!(c.update_record(&base.id, &update).await.is_ok(), accepted);
    drop(sb);
}

#[tokio::test]
async fn malformed_json_is_400_not_500() {
    let (sb, _c) = start(empty()).await;
    let http = reqwest::Client::new();
    for body in ["{", "[1,2]", "\"text\"", "{\"name\": }"] {
        let resp = http
            .post(format!("{}/records", sb.base_url()))
            .header("Authorization", format!("Bearer {}", sb.api_key()))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status().as_u16(), 400, "body {body:?}");
        let json: serde_json::Value =
            serde_json::from_slice(&resp.bytes().await.expect("body")).expect("json error body");
        assert!(json["error"].is_string(), "{json}");
    }
}

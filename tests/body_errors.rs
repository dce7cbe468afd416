//! Broken bodies each get their own error; insecure URLs and the key are handled safely.

mod common;

use common::{client_for, empty, start};
use runtype_tui::api::{
    ApiError, ApiKey, Client, ClientConfig, ListQuery, MalformedKind, RetryPolicy,
};
use runtype_tui::sandbox::{Fault, SandboxOptions, Seed};

/// One attempt only, so each fault is seen as it is rather than retried away.
fn single_attempt() -> ClientConfig {
    ClientConfig {
        retry: RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        },
        ..ClientConfig::default()
    }
}

#[tokio::test]
async fn truncated_body_names_what_arrived() {
    let (sb, _) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let c = client_for(&sb, single_attempt());
    sb.inject(Fault::truncate_body(40).on(reqwest::Method::GET));
    match c.list_records(&ListQuery::default()).await {
        Err(ApiError::Truncated { received, expected }) => {
            assert!(received <= 40, "{received}");
            assert!(expected.is_some_and(|e| e > 40), "{expected:?}");
        }
        other => panic!("expected Truncated, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_closed_mid_body_is_truncated() {
    let (sb, _) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let c = client_for(&sb, single_attempt());
    sb.inject(Fault::close_mid_body(100).on(reqwest::Method::GET));
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("cut");
    assert!(
        matches!(err, ApiError::Truncated { expected: None, .. }),
        "{err:?}"
    );
    assert!(err.outcome_unknown());
}

#[tokio::test]
async fn html_with_status_200_is_malformed_with_a_hint() {
    let (sb, c) = start(empty()).await;
    sb.inject(Fault::raw(
        200,
        "text/html",
        "<html><body>Welcome to nginx</body></html>",
    ));
    match c.list_records(&ListQuery::default()).await {
        Err(ApiError::Malformed {
            kind: MalformedKind::NotJson,
            detail,
        }) => assert!(detail.contains("HTML"), "{detail}"),
        other => panic!("expected NotJson, got {other:?}"),
    }
}

#[tokio::test]
async fn valid_prefix_then_eof_is_incomplete_json() {
    let (sb, c) = start(empty()).await;
    sb.inject(Fault::status(200, r#"{"data": [{"id": "rec"#));
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("incomplete");
    assert!(
        matches!(
            err,
            ApiError::Malformed {
                kind: MalformedKind::Incomplete,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn wrong_shape_is_its_own_error() {
    let (sb, c) = start(empty()).await;
    sb.inject(Fault::status(200, r#"{"id": 5, "name": []}"#));
    let err = c.get_record("record_x").await.expect_err("wrong shape");
    assert!(
        matches!(
            err,
            ApiError::Malformed {
                kind: MalformedKind::WrongShape,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn deep_nesting_is_refused() {
    let (sb, c) = start(empty()).await;
    sb.inject(Fault::status(200, "[".repeat(10_000) + &"]".repeat(10_000)));
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("too deep");
    assert!(
        matches!(
            err,
            ApiError::Malformed {
                kind: MalformedKind::TooDeep,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn body_over_the_cap_is_refused() {
    let (sb, _) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let c = client_for(
        &sb,
        ClientConfig {
            max_body_bytes: 4096,
            ..single_attempt()
        },
    );
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("too large");
    assert_eq!(err, ApiError::TooLarge { limit: 4096 });
    // Chunked bodies have no length up front: the cap applies while streaming.
    sb.inject(Fault::close_mid_body(usize::MAX).on(reqwest::Method::GET));
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("too large while streaming");
    assert_eq!(err, ApiError::TooLarge { limit: 4096 });
}

#[tokio::test]
async fn non_json_error_bodies_are_kept_as_text() {
    let (sb, _) = start(empty()).await;
    let c = client_for(&sb, single_attempt());
    sb.inject(Fault::raw(502, "text/plain", "upstream connect error"));
    let err = c.get_record("x").await.expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(
        err.body().map(|b| b.message().to_owned()),
        Some("upstream connect error".into())
    );
}

#[tokio::test]
async fn cannot_connect_is_its_own_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener); // nothing listens there now
    let c = Client::with_config(
        &format!("http://127.0.0.1:{port}/v1"),
        ApiKey::new("k"),
        single_attempt(),
    )
    .expect("client");
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("refused");
    assert!(matches!(err, ApiError::Connect { .. }), "{err:?}");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let (sb, c) = start(empty()).await;
    sb.inject(
        Fault::status(302, "").with_header("Location", "https://elsewhere.example/v1/records"),
    );
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("3xx is an error");
    assert_eq!(err.status(), Some(302));
    assert_eq!(sb.requests().len(), 1);
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_connecting() {
    let err =
        Client::new("http://api.runtype.com/v1", ApiKey::new("rt_live_x")).expect_err("refused");
    assert!(matches!(err, ApiError::InsecureUrl { .. }), "{err:?}");
    assert!(err.to_string().contains("https://"), "{err}");
}

const SECRET: &str = "rt_live_S3CR3TK3YMIDDLEPART0000wxyz";

#[tokio::test]
async fn the_key_never_appears_in_debug_or_errors() {
    let (sb, _) = start(empty()).await;
    let c =
        Client::with_config(&sb.base_url(), ApiKey::new(SECRET), single_attempt()).expect("client");
    let request = c.prepare(reqwest::Method::GET, &["abc"]).expect("request");
    let unauthorized = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("401");
    assert_eq!(unauthorized.status(), Some(401));
    let refused = Client::with_config(
        "http://127.0.0.1:1/v1",
        ApiKey::new(SECRET),
        single_attempt(),
    )
    .expect("client")
    .get_record("x")
    .await
    .expect_err("no server");
    let everything = format!(
        "{c:?}\n{request:?}\n{unauthorized:?}\n{unauthorized}\n{refused:?}\n{refused}\n{:?}",
        ApiKey::new(SECRET)
    );
    assert!(!everything.contains("S3CR3T"), "{everything}");
    assert!(
        everything.contains("rt_live_…wxyz"),
        "the masked form is what shows"
    );
    // The header is really sent, just never shown.
    assert_eq!(
        request.headers()["authorization"].to_str().ok(),
        Some(format!("Bearer {SECRET}").as_str())
    );
    assert!(request.headers()["authorization"].is_sensitive());
}

#[tokio::test]
async fn a_body_that_stalls_or_trickles_times_out_instead_of_hanging() {
    let (sb, _) = start(SandboxOptions {
        seed: Seed::Demo,
        ..SandboxOptions::default()
    })
    .await;
    let quick = ClientConfig {
        read_timeout: Some(std::time::Duration::from_millis(300)),
        total_timeout: Some(std::time::Duration::from_secs(1)),
        ..single_attempt()
    };
    let c = client_for(&sb, quick);
    sb.inject(Fault::stall(100, std::time::Duration::from_secs(5)).on(reqwest::Method::GET));
    let started = std::time::Instant::now();
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("stalled");
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "gave up on time"
    );

    // Never silent for the read timeout, but slower than the total timeout allows.
    sb.inject(Fault::trickle(200, std::time::Duration::from_millis(100)).on(reqwest::Method::GET));
    let started = std::time::Instant::now();
    let err = c
        .list_records(&ListQuery::default())
        .await
        .expect_err("trickled");
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "gave up on time"
    );
}

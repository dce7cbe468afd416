//! Shared test setup: a sandbox on 127.0.0.1:0 and a client pointed at it.
#![allow(dead_code)] // each test binary uses a different subset of these helpers

pub mod app;
pub mod hostile;
pub mod pty;

use runtype_tui::api::{ApiKey, Client, ClientConfig, NewRecord};
use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};
use serde_json::{Map, Value};

/// `secs` seconds, times RUNTYPE_TEST_TIME_SCALE (for slow machines): every test deadline.
pub fn scaled(secs: u64) -> std::time::Duration {
    let scale: u64 = std::env::var("RUNTYPE_TEST_TIME_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    std::time::Duration::from_secs(secs * scale.max(1))
}

/// Options for an empty in-memory sandbox.
pub fn empty() -> SandboxOptions {
    SandboxOptions {
        seed: Seed::None,
        ..SandboxOptions::default()
    }
}

pub async fn start(opts: SandboxOptions) -> (SandboxHandle, Client) {
    let sb = Sandbox::start(opts).await.expect("sandbox starts");
    let client = client_for(&sb, ClientConfig::default());
    (sb, client)
}

pub fn client_for(sb: &SandboxHandle, config: ClientConfig) -> Client {
    Client::with_config(&sb.base_url(), ApiKey::new(sb.api_key()), config).expect("client builds")
}

pub fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("expected an object, got {other}"),
    }
}

pub fn new_record(record_type: &str, name: &str, metadata: Value) -> NewRecord {
    NewRecord {
        record_type: record_type.into(),
        name: name.into(),
        metadata: Some(obj(metadata)),
        ..NewRecord::default()
    }
}

//! Shared test setup: a sandbox on 127.0.0.1:0 and a client pointed at it.
#![allow(dead_code)] // each test binary uses a different subset of these helpers

pub mod app;
pub mod pty;

use runtype_tui::api::{ApiKey, Client, ClientConfig, NewRecord};
use runtype_tui::sandbox::{Sandbox, SandboxHandle, SandboxOptions, Seed};
use serde_json::{Map, Value};

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

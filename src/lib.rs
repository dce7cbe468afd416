//! runtype-tui: a terminal browser and editor for Runtype Records, with a local sandbox.
//!
//! # Module map
//!
//! - [`api`]: the typed Records API client. Knows HTTP and JSON, nothing about screens.
//! - [`sandbox`]: a local stand-in of the Records API (axum + SQLite) for trying the app
//!   offline and for tests. Shares nothing with the app; it speaks only the wire format.
//! - [`cli`]: command-line definitions; `main.rs` only parses and dispatches.
//!
//! Planned, per `shared/design.md`: `app` (all state, `update(&mut App, Msg) -> Vec<Effect>`,
//! pure), `runtime` (the only I/O: event loop, effects, terminal, drafts), `ui` (pure
//! rendering from `&App`), and `config` (profiles, base URL, key resolution).
//!
//! Dependencies point one way: `ui -> app -> api`, `runtime -> {app, ui, api}`; `sandbox`
//! depends on nothing else in the crate.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod runtime;
pub mod sandbox;
pub mod ui;

//! The life of a request as state, instead of a bag of booleans.

use super::Ticket;
use crate::api::ApiError;

/// Data that comes from the server.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Remote<T> {
    #[default]
    NotAsked,
    /// Waiting for the answer to the request with this ticket.
    Loading(Ticket),
    Loaded(T),
    Failed(ApiError),
}

impl<T> Remote<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self, Self::Loading(_))
    }

    /// True when `ticket` is the request this state is waiting for; any other answer is stale.
    pub fn awaits(&self, ticket: Ticket) -> bool {
        matches!(self, Self::Loading(t) if *t == ticket)
    }

    pub fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(v) => Some(v),
            _ => None,
        }
    }
}

//! The fifth stage: `prayer-guide serve`, the public side of subscriptions over HTTP.
//!
//! One process behind the ministry's reverse proxy: sign-up with double opt-in, one-click
//! unsubscribe (RFC 8058), a preferences page, and the output folder (site, calendar, feed,
//! JSON) as static files. It uses the same database as `send` and `run`; SQLite in WAL mode
//! lets them write side by side.

mod clients;
/// "I will pray": anonymous commitments counted per day and country.
pub mod commitments;
mod files;
pub(crate) mod limits;
pub(crate) mod pages;
mod prayers;
mod server;

pub use server::{Options, serve};

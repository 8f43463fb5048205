//! The fourth stage: digests to subscribers, each exactly once.

/// Urgent alerts by email: which are owed, and each rendered as an edition of its own.
pub mod alert;
/// Consistent copies of the live database, and putting one back.
pub mod backup;
/// Message bodies with the edition encoded once.
pub mod body;
/// Bounce reports (DSNs): whose address failed, hard or soft.
pub mod bounces;
/// DKIM signing.
pub mod dkim;
/// When each subscriber's next edition is due (pure).
pub mod due;
/// The greeting and footer of each digest, filled from pieces rendered once per form.
pub mod fill;
/// Whether mail goes out as it should: `status` and its verdict.
pub mod health;
/// Which messages are in the server's hands right now, for crash accounting.
pub mod inflight;
/// CSS inlined for mail clients.
pub mod inline;
/// Composing personalised digests.
pub mod message;
/// A test send: `.eml` files, nothing recorded.
pub mod outbox;
/// Progress bars, log lines and summaries for `send`.
pub mod progress;
/// The `send` run: every digest exactly once.
pub mod send;
/// The long-running `run` service.
pub mod service;
/// Clean stops on SIGTERM and SIGINT.
pub mod signals;
/// Sign-ups waiting for confirmation (double opt-in).
pub mod signups;
/// SQLite: subscribers and the delivery journal.
pub mod store;
/// Subscribers: validation and CSV.
pub mod subscribers;
/// Transports: SMTP, sendmail, a folder of .eml files.
pub mod transport;

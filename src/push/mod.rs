//! The daily reminder by Web Push: a browser subscribes from the site's page, and at its hour
//! gets one notification a day with the day's heading, journaled as email is.

/// Who is owed a reminder when (pure).
pub mod due;
/// RFC 8291 message encryption (`aes128gcm`) for one browser.
pub mod ece;
/// The VAPID key pair: making it, reading it, signing the token of RFC 8292.
pub mod keys;
/// A round of reminders: claim, encrypt, sign, post, record.
pub mod send;
/// The service thread of `run` and `serve --with-scheduler`.
pub mod service;
/// The subscriptions and the journal in SQLite.
pub mod store;
/// A browser's subscription as the page posts it, checked.
pub mod subscription;
/// `POST /push/subscribe`, `POST /push/unsubscribe` and `GET /push/key` in `serve`.
pub mod web;

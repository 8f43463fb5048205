//! The fifth stage: the day's (or the week's) guide posted to group chats — Matrix, Telegram,
//! Slack and Discord webhooks — once per day per channel, journaled like email.

/// Sending one message over HTTP and reading the network's answer.
pub mod deliver;
/// Which post each channel is owed when (pure).
pub mod due;
/// Each network's markup and length limit; splitting long posts.
pub mod format;
/// The chat journal in the SQLite store: claimed → posted / failed / deferred.
pub mod journal;
/// A guide as the blocks of a post.
pub mod message;
/// The `post` run: what is owed, published, then sent once.
pub mod run;
/// Posting from the long-running `run` service at each channel's hour.
pub mod service;
/// The chats' part of `status`.
pub mod status;

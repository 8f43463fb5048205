//! prayer-guide: country prayer profiles in, daily and weekly prayer guides out.
//!
//! The data flows one way, one folder a stage, and no stage imports from a later one:
//! guides and schedule are loaded and validated ([`content`]), the rotation maps each date to a
//! country and points ([`rotation`]), a day or a week is assembled, rendered through templates and
//! written out ([`publish`]), digests go to subscribers by email ([`mail`]), posts to group
//! chats ([`post`]) and daily reminders to browsers by Web Push ([`push`]), and the command line
//! sits on top ([`cli`]).

/// The command line: arguments, and one short function per command.
pub mod cli;
/// Loading and validating guides and schedule.toml: the formats, dates, and the project.
pub mod content;
/// Saved prayer-letter pages into guide drafts: reading, country, parts, merging.
pub mod import;
/// Email digests: subscribers, the SQLite journal, composing, transports and the send run.
pub mod mail;
/// Posts to group chats (Matrix, Telegram, Slack, Discord), each day once per channel.
pub mod post;
/// From a plan to files: the view model, templates, calendar, feed and the static site.
pub mod publish;
/// The daily reminder by Web Push: VAPID keys, RFC 8291 encryption, the journal, the routes.
pub mod push;
/// The rotation: date → country and points, and the `plan` table.
pub mod rotation;
/// The public side of subscriptions over HTTP: sign-up, unsubscribe, preferences, the archive.
pub mod web;

/// Replacing a file atomically, through a uniquely named temporary file beside it.
pub mod atomic;
/// The `check` command's work: every problem and warning of a project.
pub mod check;
/// Errors and diagnostics that name file, line, field and fix.
pub mod error;
/// The `init` command's work: a new project.
pub mod init;
/// File locks that die with their process.
pub mod lock;

//! prayer-guide: country prayer profiles in, daily and weekly prayer guides out.
//!
//! The data flows one way: guides and schedule are loaded and validated ([`project`]), the
//! rotation maps each date to a country and points ([`rotation`]), the guide for a day or a week is
//! assembled as a view model ([`guide`]), rendered through templates ([`render`]), and written out
//! ([`output`]).

/// Calendar arithmetic: today in a zone, weeks, yearly rules.
pub mod calendar;
/// The `check` command: all problems and warnings of a project.
pub mod check;
/// The command line: arguments and what each command does.
pub mod cli;
/// The country guide format and the catalog of guides.
pub mod content;
/// Serde helpers for TOML dates and time zones.
pub mod de;
/// When each subscriber's next edition is due (pure).
pub mod due;
/// Errors and diagnostics that name file, line, field and fix.
pub mod error;
/// The `atom` format: a feed of the most recent days.
pub mod feed;
/// Assembling the view model of a day or a week.
pub mod guide;
/// The `ics` format: a calendar with an event a day.
pub mod ics;
/// Stable ids of days, for calendar events and feed entries.
pub mod ids;
/// The `init` command: a new project.
pub mod init;
/// File locks that die with their process.
pub mod lock;
/// The `[email]` settings.
pub mod mail_config;
/// Composing personalised digests.
pub mod message;
/// Rendering a build (days, weeks, calendar, feed) and writing it to disk.
pub mod output;
/// The `plan` table.
pub mod plan;
/// Progress bars, log lines and summaries for `send`.
pub mod progress;
/// Loading a project: schedule and guides together.
pub mod project;
/// Rendering through Tera templates.
pub mod render;
/// The rotation: date → country and points.
pub mod rotation;
/// The `schedule.toml` format.
pub mod schedule;
/// The `send` command: every digest exactly once.
pub mod send;
/// The long-running `run` service.
pub mod service;
/// Clean stops on SIGTERM and SIGINT.
pub mod signals;
/// The static site of `build --site`.
pub mod site;
/// A TOML file kept with its text, to place errors in it.
pub mod source;
/// SQLite: subscribers and the delivery journal.
pub mod store;
/// Subscribers: validation and CSV.
pub mod subscribers;
/// Transports: SMTP, sendmail, a folder of .eml files.
pub mod transport;

//! The first stage: the files an editor writes, read strictly and checked together.

/// Urgent prayer alerts: `alerts/*.toml`, outside the rotation.
pub mod alerts;
/// Calendar arithmetic: today in a zone, weeks, yearly rules.
pub mod calendar;
/// The church year: Easter, movable feasts and the names of Sundays.
pub mod church_year;
/// Serde helpers for TOML dates and time zones.
pub mod de;
/// The country guide format and the catalog of guides.
pub mod guide;
/// The output language: labels (Fluent), dates and numbers.
pub mod locale;
/// The `[email]` settings of schedule.toml.
pub mod mail_config;
/// The schedule's title and pinned themes in other languages.
pub mod multilingual;
/// Reading a TOML file with every mistake reported in plain words.
pub mod parse;
/// The `[[post]]` group chats of schedule.toml.
pub mod post_config;
/// Loading a project: schedule and guides together.
pub mod project;
/// The `[push]` settings of schedule.toml: the Web Push reminder.
pub mod push_config;
/// The `schedule.toml` format.
pub mod schedule;
/// The `[serve]` settings of schedule.toml.
pub mod serve_config;
/// A TOML file kept with its text, to place errors in it.
pub mod source;
/// Guides in other languages: `guides/<tag>/*.toml`, field by field.
pub mod translation;

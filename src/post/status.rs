//! What `status` says about the chats: each channel's post today, and the messages that need a
//! person (refused, possibly posted, or waiting for another try).

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::content::post_config::PostEdition;
use crate::content::project::Project;
use crate::error::Error;
use crate::post::journal::{Journal, PartState};

/// The chats' part of `status`, and whether all is well.
pub struct ChatStatus {
    pub text: String,
    pub healthy: bool,
}

pub fn check(project: &Project, now: DateTime<Utc>) -> Result<ChatStatus, Error> {
    let schedule = &project.schedule;
    if schedule.posts.is_empty() {
        return Ok(ChatStatus {
            text: String::new(),
            healthy: true,
        });
    }
    let database = crate::post::run::database(project);
    let journal = if database.exists() {
        Some(Journal::open(&database)?)
    } else {
        None
    };
    let zone = schedule.timezone;
    let today = now.with_timezone(&zone).date_naive();
    let mut text = String::from("chats:\n");
    for c in &schedule.posts {
        let hour = c.hour_or(schedule.email.send_hour);
        let (edition, when) = match c.edition {
            PostEdition::Daily => (format!("daily-{today}"), "daily"),
            PostEdition::Weekly => (String::new(), "weekly"),
        };
        let state = match (&journal, edition.is_empty()) {
            (Some(j), false) if j.is_done(&c.name, &edition)? => format!("{edition} done"),
            (_, false) => format!("{edition} not posted yet"),
            (_, true) => "on the week's first day".to_string(),
        };
        let _ = writeln!(
            text,
            "  {} ({}, {when} at {hour:02}:00 {zone}): {state}",
            c.name, c.network
        );
    }
    let attention = match &journal {
        // A week back: older ones were seen, or their day is long past.
        Some(j) => j.needing_attention(now - chrono::Duration::days(7))?,
        None => Vec::new(),
    };
    let _ = writeln!(text, "chat messages needing a look: {}", attention.len());
    for (channel, edition, part, state, detail) in &attention {
        let what = match state {
            PartState::Failed => "refused (post --retry-failed sends it again)",
            PartState::Doubtful => "may have been posted: look in the chat",
            _ => "waiting for another try",
        };
        let detail = detail.lines().next().unwrap_or_default();
        let _ = writeln!(
            text,
            "  {channel} {edition} message {part}: {what}: {detail}"
        );
    }
    Ok(ChatStatus {
        text,
        healthy: attention.is_empty(),
    })
}

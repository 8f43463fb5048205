//! `subscribers`: add, remove, list, import and export.

use std::path::Path;
use std::process::ExitCode;

use super::SubscribersCommand;
use super::outln;
use crate::content::project::Project;
use crate::error::Error;

pub fn run(config: &Path, cmd: SubscribersCommand) -> Result<ExitCode, Error> {
    use crate::mail::store::{Store, Upsert};
    use crate::mail::subscribers::{
        Cadence, MailFormat, NewSubscriber, clean_name, normalise_address, parse_zone,
    };
    let project = Project::load(config)?;
    let mut store = Store::open(&project.path(&project.schedule.email.database))?;
    match cmd {
        SubscribersCommand::Add {
            email,
            name,
            cadence,
            format,
            timezone,
            hour,
            language,
            urgent,
        } => {
            let email = normalise_address(&email).map_err(Error::Usage)?;
            // What is not given stays as it is for a known subscriber.
            let known = store.find(&email)?;
            let cadence = cadence
                .or(known.as_ref().map(|k| k.cadence))
                .unwrap_or(Cadence::Daily);
            let format = format
                .or(known.as_ref().map(|k| k.format))
                .unwrap_or(MailFormat::Html);
            let new = NewSubscriber {
                language,
                email: email.clone(),
                name: clean_name(&name),
                cadence,
                format,
                timezone: timezone
                    .as_deref()
                    .map(parse_zone)
                    .transpose()
                    .map_err(Error::Usage)?,
                hour,
                urgent,
            };
            // Said only when it is on: most subscribers never choose it.
            let urgent = match store.upsert(&new, true)? {
                Upsert::Added => {
                    outln!("added {email} ({cadence}, {format})");
                    urgent == Some(true)
                }
                _ => {
                    outln!("updated {email} ({cadence}, {format}); subscribed");
                    store.find(&email)?.is_some_and(|s| s.urgent)
                }
            };
            if urgent {
                outln!("{email} gets urgent requests by email too");
            }
        }
        SubscribersCommand::Remove { email_or_token } => {
            match store.unsubscribe(&email_or_token)? {
                Some(s) => outln!(
                    "unsubscribed {}; the record is kept so that imports do not add it again",
                    s.email
                ),
                None => {
                    return Err(Error::Usage(format!(
                        "no subscriber has the address or token `{email_or_token}`: nothing changed"
                    )));
                }
            }
        }
        SubscribersCommand::List { all } => {
            let list = store.list()?;
            // A bounced address is inactive too, but not because its reader asked: say which.
            let bounced: std::collections::HashMap<String, String> =
                store.bounced()?.into_iter().collect();
            let shown: Vec<_> = list.iter().filter(|s| all || s.active).collect();
            for s in &shown {
                let status = match (s.active, bounced.get(&s.email)) {
                    (true, _) => String::new(),
                    (false, Some(when)) => format!("  (bounced {when})"),
                    (false, None) => "  (unsubscribed)".to_string(),
                };
                let language = s
                    .language
                    .as_ref()
                    .map_or(String::new(), |l| format!("  language {}", l.as_str()));
                let urgent = if s.urgent { "  urgent" } else { "" };
                outln!(
                    "{:<40} {:<7} {:<5} {}{language}{urgent}{status}",
                    s.email,
                    s.cadence,
                    s.format,
                    s.name
                );
            }
            let active = list.iter().filter(|s| s.active).count();
            let gone_by_bounce = list
                .iter()
                .filter(|s| !s.active && bounced.contains_key(&s.email))
                .count();
            eprintln!(
                "{active} active, {} unsubscribed, {gone_by_bounce} bounced",
                list.len() - active - gone_by_bounce
            );
        }
        SubscribersCommand::Import {
            file,
            cadence,
            format,
        } => {
            let (rows, bad) = crate::mail::subscribers::read_csv(&file, cadence, format)?;
            let counts = store.import_rows(&rows)?;
            if !bad.0.is_empty() {
                eprintln!("{bad}");
            }
            for line in &counts.new_tokens {
                eprintln!(
                    "warning: {}:{line}:1: `token`: already another subscriber's, so this one got a new token\n  \
                     help: unsubscribe links mailed to them before will not work",
                    file.display()
                );
            }
            outln!(
                "imported {}: {} added, {} updated, {} left unsubscribed, {} bad row{}",
                file.display(),
                counts.added,
                counts.updated,
                counts.unsubscribed,
                bad.0.len(),
                if bad.0.len() == 1 { "" } else { "s" }
            );
            if !bad.0.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
        SubscribersCommand::Export => {
            let list = store.list()?;
            crate::mail::subscribers::write_csv(std::io::stdout().lock(), &list)
                .map_err(super::stdout_error)?;
        }
        SubscribersCommand::Pending => {
            let pending = crate::mail::signups::pending(&store)?;
            for p in &pending {
                let language = p
                    .language
                    .as_deref()
                    .map_or(String::new(), |l| format!("  language {l}"));
                outln!(
                    "{:<40} {:<7} {:<5} {}  signed up {}{language}",
                    p.email,
                    p.cadence,
                    p.format,
                    p.name,
                    p.created.format("%Y-%m-%d %H:%M UTC")
                );
            }
            eprintln!("{} waiting for confirmation", pending.len());
        }
        SubscribersCommand::Confirm { email } => {
            let email = normalise_address(&email).map_err(Error::Usage)?;
            let token = crate::mail::signups::token_of(&store, &email)?.ok_or_else(|| {
                Error::Usage(format!(
                    "`{email}` has no sign-up waiting (see `prayer-guide subscribers pending`)"
                ))
            })?;
            // By hand, the administrator vouches for the person: no expiry applies.
            let s = crate::mail::signups::confirm(
                &mut store,
                &token,
                chrono::Utc::now(),
                chrono::Duration::days(36500),
            )?
            .ok_or_else(|| Error::Usage(format!("`{email}` could not be confirmed")))?;
            outln!("confirmed {} ({}, {})", s.email, s.cadence, s.format);
        }
    }
    Ok(ExitCode::SUCCESS)
}

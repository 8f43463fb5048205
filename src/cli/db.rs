//! `db`: a consistent backup of the live database, and putting one back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::DbCommand;
use crate::content::project::Project;
use crate::error::Error;
use crate::mail::backup;

pub fn run(config: &Path, command: DbCommand) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let database = project.path(&project.schedule.email.database);
    let now = chrono::Utc::now();
    let mut report = String::new();
    match command {
        DbCommand::Backup { target, keep } => {
            let summary = backup::backup(&database, &target, now)?;
            report.push_str(&format!(
                "backed up {} to {}\n",
                database.display(),
                summary.describe()
            ));
            if let Some(keep) = keep {
                let folder = folder_of(&target, &summary.path);
                for old in backup::prune(&folder, usize::from(keep))? {
                    report.push_str(&format!("removed the older backup {}\n", old.display()));
                }
            }
        }
        DbCommand::Restore { file } => {
            // Nothing may write the database while it is replaced: take the locks `send` and
            // `run` take, so neither can start meanwhile, and refuse if one is running.
            let _send = crate::mail::store::SendLock::acquire(&database).map_err(|_| busy())?;
            let _run = crate::mail::service::RunLock::acquire(&database).map_err(|_| busy())?;
            let (summary, aside) = backup::restore(&file, &database, now)?;
            report.push_str(&format!(
                "restored {} from {}\n",
                summary.describe(),
                file.display()
            ));
            report.push_str(&match aside {
                Some(aside) => format!(
                    "the database it replaced is kept as {} (delete it once you are sure)\n",
                    aside.display()
                ),
                None => "there was no database before: nothing was replaced\n".to_string(),
            });
            report.push_str(
                "if `serve` is running, restart it now: it still holds the replaced database \
                 and refuses to write to it\n",
            );
        }
    }
    match super::write_out(&report) {
        Ok(()) | Err(Error::OutputClosed) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e),
    }
}

fn busy() -> Error {
    Error::Usage(
        "a send or `run` is using the database: stop it (SIGTERM finishes what is in flight), \
         then restore; nothing was changed"
            .to_string(),
    )
}

/// The folder `--keep` prunes: the one named, or the one the backup was written into.
fn folder_of(target: &Path, written: &Path) -> PathBuf {
    if target.is_dir() {
        target.to_path_buf()
    } else {
        written
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

//! `withdraw`: a guide or a point out of the rotation and off every rebuilt page.

use std::path::Path;
use std::process::ExitCode;

use super::{WithdrawArgs, outln};
use crate::content::project::Project;
use crate::error::Error;
use crate::rotation::ledger::{PointId, Withdrawal};

pub fn run(config: &Path, args: WithdrawArgs) -> Result<ExitCode, Error> {
    let project = Project::load(config)?;
    let code = args.code.trim().to_uppercase();
    let outputs = [project.path(&project.schedule.output.dir)];
    let ledger = crate::publish::ledger::load(&project, &outputs, false)?;
    let guide = project
        .catalog
        .by_code(&code)
        .map(|g| &project.catalog.entries[g]);
    let in_ledger = ledger.texts.keys().any(|(c, _)| *c == code);
    if guide.is_none() && !in_ledger {
        return Err(Error::Usage(format!(
            "no guide has the code `{code}`, and published.txt shows none: give the `code` of a \
             file in the guides folder"
        )));
    }
    let name = guide.map_or(code.clone(), |g| format!("{} ({code})", g.guide.name));
    let (what, said) = match args.point.as_deref() {
        None => (Withdrawal::Guide(code.clone()), name.clone()),
        Some(point) => {
            let by_number = point
                .parse::<usize>()
                .ok()
                .filter(|n| point.len() < 8 && *n > 0);
            let id = match (by_number, guide) {
                (Some(n), Some(g)) => {
                    let p = g.guide.points.get(n - 1).ok_or_else(|| {
                        Error::Usage(format!(
                            "{name} has {} points: --point takes 1 to {}",
                            g.guide.points.len(),
                            g.guide.points.len()
                        ))
                    })?;
                    PointId::of(&p.text)
                }
                _ => {
                    let id = u32::from_str_radix(point, 16)
                        .ok()
                        .filter(|_| point.len() == 8)
                        .map(PointId)
                        .ok_or_else(|| {
                            Error::Usage(format!(
                                "`{point}` is neither a point's number in {name} nor an id of \
                                 eight hex digits from published.txt"
                            ))
                        })?;
                    let known = ledger.texts.contains_key(&(code.clone(), id))
                        || guide.is_some_and(|g| {
                            g.guide.points.iter().any(|p| PointId::of(&p.text) == id)
                        });
                    if !known {
                        return Err(Error::Usage(format!(
                            "{name} has no point {id}, now or in published.txt"
                        )));
                    }
                    id
                }
            };
            (
                Withdrawal::Point(code.clone(), id),
                format!("point {id} of {name}"),
            )
        }
    };
    let new = crate::publish::ledger::withdraw(&project, what)?;
    if !new {
        outln!("{said} was withdrawn already");
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "withdrew {said}: it leaves every unpublished day now, and every page rebuilt no longer \
         shows it, published days included.\nRebuild what you have published so the files change \
         too, e.g. `prayer-guide build --site --from {} --to {}`.",
        project.schedule.start,
        ledger.last().unwrap_or(project.schedule.start)
    );
    Ok(ExitCode::SUCCESS)
}

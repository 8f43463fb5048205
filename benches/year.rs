//! `cargo bench`: one year from the repo's own guides, written to disk, as
//! `prayer-guide build --from --to --format html,txt,json,bulletin,ics,atom` and
//! `prayer-guide build --site --from --to` do: every day and week in every format, the calendar
//! and the feed, and the whole static site.
//!
//! Two cases: a fresh build into an empty folder, and a rebuild over an unchanged one (the cron
//! case, where files that would not change are left alone). Like a public build, each first
//! sweeps its folder for private files. Prints the best and median wall time
//! of each (with the formats and the site apart), and the process's peak memory.
//!
//! Then the same year with ten years of ledger (`published.txt` holding every day from the
//! rotation's start): the fresh build, reading the ledger, and publishing one more day (lock,
//! read, extend, atomic replace), so that years of daily use are seen not to slow builds.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use prayer_guide::content::project::Project;
use prayer_guide::content::schedule::Format;
use prayer_guide::publish::assemble::Assembler;
use prayer_guide::publish::output::{self, Selection};
use prayer_guide::publish::private;
use prayer_guide::publish::render::Renderer;
use prayer_guide::publish::site;
use prayer_guide::rotation::Audience;

const RUNS: usize = 9;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let year: Vec<NaiveDate> = first.iter_days().take(365).collect();
    // Temporary folders next to the target dir: the same disk a user's build writes to.
    let scratch = root.join("target/bench-out");
    std::fs::create_dir_all(&scratch).unwrap();

    let last = *year.last().unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    // Files written, and the time of the formats and of the site.
    let build_with = |config: &Path, out: &Path| -> (usize, Duration, Duration) {
        let start = Instant::now();
        let project = Project::load(config).expect("the repo's project loads");
        let selection = Selection {
            days: year.clone(),
            weeks: year.clone(),
            formats: vec![
                Format::Html,
                Format::Txt,
                Format::Json,
                Format::Bulletin,
                Format::Ics,
                Format::Atom,
            ],
            paper: project.schedule.output.paper,
            large: false,
            today,
            calendar: (first, last),
        };
        let renderer = Renderer::new(Some(&project.path(&project.schedule.templates))).unwrap();
        let ledger = prayer_guide::publish::ledger::load(&project, &[], false).unwrap();
        let assembler = Assembler::new(
            &project.catalog,
            &project.schedule,
            &ledger,
            Audience::Public,
        );
        let docs = output::render(&assembler, &renderer, &selection).unwrap();
        // As a public build does: first take out any private file left in the folder.
        private::sweep(&out.join("formats")).unwrap();
        let mut files = output::write(&out.join("formats"), &docs)
            .unwrap()
            .files
            .len();
        let formats = start.elapsed();
        let start = Instant::now();
        let pages = site::render(&assembler, &renderer, first, last, today, selection.paper);
        private::sweep(&out.join("site")).unwrap();
        files += output::write(&out.join("site"), &pages.unwrap())
            .unwrap()
            .files
            .len();
        (files, formats, start.elapsed())
    };
    let build = |out: &Path| build_with(&root.join("schedule.toml"), out);

    let (mut fresh, mut fresh_formats, mut fresh_site) = (Vec::new(), Vec::new(), Vec::new());
    let mut files = 0;
    // Kept until the end: deleting thousands of files between runs slows the next run's file
    // creation on ext4, which a real build never pays for.
    let mut keep = Vec::new();
    let cpu_before = cpu_time();
    for _ in 0..RUNS {
        let out = tempfile::tempdir_in(&scratch).unwrap();
        let start = Instant::now();
        let (n, formats, site) = build(out.path());
        fresh.push(start.elapsed());
        fresh_formats.push(formats);
        fresh_site.push(site);
        files = n;
        keep.push(out);
    }
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| (after - before) / RUNS as u32);
    let out = tempfile::tempdir_in(&scratch).unwrap();
    build(out.path());
    let rebuild: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            build(out.path());
            start.elapsed()
        })
        .collect();

    println!(
        "one year, {files} files: 365 days and 53 weeks in html, txt, json and bulletin, \
         calendar and feed; and the site. Load + render + write:"
    );
    report("fresh build", fresh);
    report("  of which the formats", fresh_formats);
    report("  of which the site", fresh_site);
    if let Some(cpu) = cpu {
        println!(
            "  CPU time of a fresh build, all threads: {:.0} ms on average",
            cpu.as_secs_f64() * 1000.0
        );
    }
    report("rebuild, nothing changed", rebuild);
    if let Some(peak) = peak_memory_kib() {
        println!("  peak memory (VmHWM): {:.1} MiB", peak as f64 / 1024.0);
    }
    drop(keep);
    ten_years_of_ledger(root, &scratch, &build_with);
}

/// The year built from a copy of the repository whose ledger holds ten years of published days.
fn ten_years_of_ledger(
    root: &Path,
    scratch: &Path,
    build_with: &dyn Fn(&Path, &Path) -> (usize, Duration, Duration),
) {
    use prayer_guide::publish::ledger;
    let project_dir = scratch.join("ten-years");
    let _ = std::fs::remove_dir_all(&project_dir);
    std::fs::create_dir_all(&project_dir).unwrap();
    for file in ["schedule.toml", "published.txt"] {
        std::fs::copy(root.join(file), project_dir.join(file)).unwrap();
    }
    for dir in ["guides", "templates"] {
        if root.join(dir).is_dir() {
            copy_dir(&root.join(dir), &project_dir.join(dir));
        }
    }
    let config = project_dir.join("schedule.toml");
    let project = Project::load(&config).unwrap();
    let start = project.schedule.start;
    let ten_years = start + chrono::Days::new(3652);
    let written = ledger::publish_through(&project, ten_years, start, &[], false).unwrap();
    let file = ledger::path(&project);
    let text = std::fs::read_to_string(&file).unwrap();
    println!(
        "with ten years of ledger ({} days, {} texts, {:.0} KiB):",
        written.days.len(),
        written.texts.len(),
        text.len() as f64 / 1024.0
    );
    let mut fresh = Vec::new();
    let mut keep = Vec::new();
    for _ in 0..RUNS {
        let out = tempfile::tempdir_in(scratch).unwrap();
        let start = Instant::now();
        build_with(&config, out.path());
        fresh.push(start.elapsed());
        keep.push(out);
    }
    report("fresh build of the year", fresh);
    let read: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            ledger::load(&project, &[], false).unwrap();
            start.elapsed()
        })
        .collect();
    report("  reading the ledger", read);
    let publish: Vec<Duration> = (0..RUNS)
        .map(|_| {
            std::fs::write(&file, &text).unwrap();
            let start = Instant::now();
            ledger::publish_through(
                &project,
                ten_years + chrono::Days::new(1),
                start_of(&project),
                &[],
                false,
            )
            .unwrap();
            start.elapsed()
        })
        .collect();
    report("  publishing one more day", publish);
}

fn start_of(project: &Project) -> NaiveDate {
    project.schedule.start
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what}: best {:.1} ms, median {:.1} ms over {} runs",
        ms(times[0]),
        ms(times[times.len() / 2]),
        times.len()
    );
}

/// The CPU time the process has used, user and system, from /proc on Linux.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel counts in clock ticks of 1/100 s on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// The process's peak resident memory, from /proc on Linux.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

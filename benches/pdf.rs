//! `cargo bench --bench pdf`: a year of print-ready PDFs from the repo's own guides, as
//! `prayer-guide build --from 2027-01-01 --to 2027-12-31 --format pdf` makes them: 53 weekly
//! sheets, 53 bulletin inserts and 12 monthly calendars, typeset by Typst and fitted to their
//! page. Prints the wall time of the year, the time per page and per document, and how many
//! documents needed smaller type or left something out.
//!
//! The first run also pays for loading the fonts and Typst's library (once per process); it is
//! reported apart. Before every run Typst's memoized results are dropped, so each run typesets
//! the year from nothing, as a new `build` process does (only the loaded fonts are kept);
//! the best and median of those runs are the figures. Last, a run with the memo kept shows
//! what a second build of the same year in one process costs.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use prayer_guide::content::project::Project;
use prayer_guide::content::schedule::Format;
use prayer_guide::publish::assemble::Assembler;
use prayer_guide::publish::output::Selection;
use prayer_guide::publish::pdf;
use prayer_guide::rotation::Audience;

const RUNS: usize = 5;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let year: Vec<NaiveDate> = first.iter_days().take(365).collect();
    let project = Project::load(&root.join("schedule.toml")).expect("the repo's project loads");
    let ledger = prayer_guide::publish::ledger::load(&project, &[], false).unwrap();
    let assembler = Assembler::new(
        &project.catalog,
        &project.schedule,
        &ledger,
        Audience::Public,
    );
    let selection = Selection {
        days: Vec::new(),
        weeks: year.clone(),
        formats: vec![Format::Pdf],
        paper: project.schedule.output.paper,
        large: false,
        today: first,
        calendar: (first, *year.last().unwrap()),
    };

    let start = Instant::now();
    let fonts = pdf::Shared::get().fonts().len();
    let loading = start.elapsed();

    let mut times = Vec::new();
    let mut pages = 0;
    let mut documents = 0;
    let mut notices = Vec::new();
    for run in 0..=RUNS {
        pdf::forget_memoized();
        let start = Instant::now();
        let rendered = pdf::render(&assembler, &selection).expect("the year typesets");
        assert!(rendered.failed.is_empty(), "{:?}", rendered.failed);
        let (docs, said) = (rendered.docs, rendered.notices);
        let took = start.elapsed();
        if run == 0 {
            println!(
                "first run (Typst's caches cold): {:.2} s; fonts found once per process: {fonts} \
                 in {:.0} ms",
                took.as_secs_f64(),
                loading.as_secs_f64() * 1000.0
            );
            continue;
        }
        times.push(took);
        documents = docs.len();
        pages = docs
            .iter()
            .map(|d| count_pages(d.bytes.as_deref().unwrap_or_default()))
            .sum();
        notices = said;
    }
    times.sort();
    let best = times[0];
    let median = times[times.len() / 2];
    println!(
        "one year as PDF: {documents} documents (53 sheets, 53 bulletins, 12 calendars), \
         {pages} pages, on {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let per = |d: Duration, n: usize| d.as_secs_f64() * 1000.0 / n as f64;
    println!(
        "  best {:.2} s, median {:.2} s; per page {:.1} ms (median), per document {:.1} ms",
        best.as_secs_f64(),
        median.as_secs_f64(),
        per(median, pages),
        per(median, documents)
    );
    let start = Instant::now();
    pdf::render(&assembler, &selection).expect("the year typesets");
    println!(
        "  again with Typst's memo kept (nothing changed): {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let fitted = notices.iter().filter(|n| n.starts_with("note:")).count();
    let over = notices.iter().filter(|n| n.starts_with("warning:")).count();
    println!("  {fitted} documents left something out to fit; {over} did not fit");
}

/// Pages of a PDF, read back by an independent reader.
fn count_pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("the PDF reads back")
        .get_pages()
        .len()
}

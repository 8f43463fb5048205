//! The third stage: a plan becomes a view model, the view model becomes files.

/// The site's archive of urgent alerts.
pub mod alerts_page;
/// The site as an installable offline app: manifest, icons, service worker, page script.
pub mod app;
/// Assembling the view model of a day or a week.
pub mod assemble;
/// What a `build` asks for, decided and carried out.
pub mod build;
/// The `atom` format: a feed of the most recent days.
pub mod feed;
/// Fitting the weekly sheet and the bulletin on one printed page, estimated without a browser.
pub mod fit;
/// The output folders a project has built into, for `withdraw` to rebuild.
pub mod folders;
/// The `ics` format: a calendar with an event a day.
pub mod ics;
/// Stable ids of days, for calendar events and feed entries.
pub mod ids;
/// The labels a published day was published with.
pub mod labels;
/// `published.txt` on disk: read, checked, extended under a lock.
pub mod ledger;
/// What builds wrote into an output folder, and removing what they no longer write.
pub mod manifest;
/// Locator maps: where a country is, as SVG from Natural Earth's outlines.
pub mod map;
/// Rendering a build (days, weeks, calendar, feed) and writing it to disk.
pub mod output;
/// Print-ready PDFs typeset by Typst: weekly sheet, bulletin, large print, monthly calendar.
#[cfg(feature = "pdf")]
pub mod pdf;

/// What `build` says when asked for a PDF by a program built without the PDF engine.
pub const NO_PDF_ENGINE: &str = "this prayer-guide was built without the PDF engine \
     (`cargo build --no-default-features`), so it cannot write the `pdf` format\n  \
     help: build the other formats with --format (e.g. --format html,txt), take \"pdf\" out of \
     `formats` in schedule.toml, or install the full program, which makes PDFs";
/// Keeping private output out of public folders: markers, and removing strays.
pub mod private;
/// Rendering through Tera templates.
pub mod render;
/// A made-up project whose days take every branch of the templates, for `check`.
pub mod samples;
/// The static site of `build --site`.
pub mod site;

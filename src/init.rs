//! `init`: a small working project for a church starting its own guide.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::content::calendar::{WeekStart, week_start};
use crate::content::project::SCHEDULE_FILE;
use crate::error::Error;

const EXAMPLE_GUIDE: &str = include_str!("../guides/nigeria.toml");
const GUIDES_README: &str = include_str!("../guides/README.md");
const TEMPLATES_README: &str = "\
# Templates

A file here replaces the built-in template of the same name; the others stay built in, and get
the fixes of each new version of prayer-guide. So copy only the templates you change:

    prayer-guide templates                   # the built-in templates, and which ones you replace
    prayer-guide templates week.html         # print one
    prayer-guide templates week.html --copy  # copy it here, to change it

`prayer-guide check` renders every template and warns about a file here that replaces none.
";

/// Creates `dir` (or fills an empty one) with a schedule, one example guide, and a templates
/// folder holding only a note on how to change a template.
/// Refuses to overwrite anything: an existing schedule.toml is never touched.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Error> {
    if dir.join(SCHEDULE_FILE).exists() {
        return Err(Error::Usage(format!(
            "{} already has a {SCHEDULE_FILE}: nothing was changed. Choose a new folder.",
            dir.display()
        )));
    }
    let start = week_start(today, WeekStart::Monday);
    let schedule = format!(
        r#"# What rotates and how. Every key is explained in the manual (docs/src/schedule.md).
title = "Praying for the Persecuted Church"
start = {start}            # day one of the rotation; leave it unchanged once people use the guide
timezone = "UTC"              # an IANA name such as "Europe/London": decides what "today" is
week_starts = "monday"        # or "sunday"
points_per_day = 3
days_per_country = 1

[rotation]
order = "alphabetical"        # or "listed" (with countries = [...]), "by-region", "weighted"

# The International Day of Prayer for the Persecuted Church, given to a theme.
[[pin]]
rule = "first sunday of november"
title = "International Day of Prayer for the Persecuted Church"
text = "Today churches around the world pray together for Christians who face pressure for their faith."
points = [
  "Pray for believers in prison for their faith, that they know they are not forgotten.",
  "Pray for families who have lost a loved one to violence, for comfort and provision.",
  "Pray for our own church, to stand with persecuted Christians in prayer and practical help.",
]

[output]
dir = "public"
formats = ["html", "txt"]     # also "json", "bulletin" (a half-page insert), "ics" (calendar), "atom" (feed), "pdf" (print-ready)
paper = "a4"                  # or "letter"
# notes = "Prayer meeting on Wednesdays at 7pm. All welcome."   # in the weekly sheet's notes box
# base_url = "https://example.org/prayer/"   # where you publish the files: links in calendar and feed

# Email digests (see the manual, docs/src/email.md). Uncomment and fill in to use `send`.
# [email]
# from = "Our Church <prayer@example.org>"
# unsubscribe_url = "https://example.org/unsubscribe?token={{token}}"
# send_hour = 6
# bounce_address = "bounces@example.org"   # envelope sender bounces+TOKEN@...: `prayer-guide bounces` reads them
# bounce_limit = 3                         # hard bounces (5.x.x) before an address gets no more mail
# [email.smtp]
# host = "smtp.example.org"
# port = 587                               # security = "starttls"; or 465 with security = "tls"
# username = "prayer@example.org"
# password_env = "SMTP_PASSWORD"           # or: password_file = "/etc/prayer-guide/smtp-password"
# ca_file = "relay-ca.pem"                 # only for a relay whose certificate a private authority signed
# [email.dkim]                             # sign every message (manual: docs/src/email.md)
# selector = "prayer2026"                  # publish the public key at prayer2026._domainkey.example.org
# domain = "example.org"
# key_file = "/etc/prayer-guide/dkim.pem"  # openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048
"#
    );
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join(SCHEDULE_FILE), schedule),
        (dir.join("guides/nigeria.toml"), EXAMPLE_GUIDE.to_string()),
        (dir.join("guides/README.md"), GUIDES_README.to_string()),
        (dir.join(".gitignore"), "/public/\n/state/\n".to_string()),
    ];
    // Only a note: a copy of every built-in template would replace them all for good, and the
    // project would never get a template fixed in a later version.
    files.push((
        dir.join("templates/README.md"),
        TEMPLATES_README.to_string(),
    ));
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(Error::Usage(format!(
            "{} already exists: nothing was changed. Choose a new folder.",
            path.display()
        )));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
        written.push(path);
    }
    Ok(written)
}

//! Subscribers in and out: `add` that keeps what it is not told, export → import that loses
//! nothing, and CSV files as spreadsheets write them (Excel on Windows: CRLF, a byte-order mark,
//! semicolons in countries with a decimal comma, the Windows code page).

use crate::Project;

fn list_all(p: &Project) -> String {
    p.run(&["subscribers", "list", "--all"]).ok()
}

#[test]
fn add_for_a_known_address_keeps_the_options_not_given() {
    let p = Project::fixture("small");
    p.run(&[
        "subscribers",
        "add",
        "anna@example.org",
        "--name",
        "Anna",
        "--cadence",
        "weekly",
        "--format",
        "text",
        "--timezone",
        "America/Chicago",
        "--hour",
        "7",
    ])
    .ok();
    assert_eq!(
        p.run(&[
            "subscribers",
            "add",
            "anna@example.org",
            "--name",
            "Anna Berg"
        ])
        .ok(),
        "updated anna@example.org (weekly, text); subscribed\n"
    );
    let export = p.run(&["subscribers", "export"]).ok();
    let row: Vec<&str> = export.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        row[..8],
        [
            "anna@example.org",
            "Anna Berg",
            "weekly",
            "text",
            "America/Chicago",
            "7",
            "",
            "active"
        ]
    );
    // Given options do change; a new address gets the defaults.
    p.run(&["subscribers", "add", "anna@example.org", "--format", "html"])
        .ok();
    p.run(&["subscribers", "add", "bo@example.org"]).ok();
    assert_eq!(
        list_all(&p),
        "anna@example.org                         weekly  html  Anna Berg\n\
         bo@example.org                           daily   html  \n"
    );
}

#[test]
fn export_then_import_into_a_new_database_loses_nothing() {
    let p = Project::fixture("small");
    p.run(&[
        "subscribers",
        "add",
        "anna@example.org",
        "--name",
        "Anna Berg",
        "--cadence",
        "weekly",
        "--format",
        "text",
        "--timezone",
        "America/Chicago",
        "--hour",
        "7",
        "--urgent",
        "yes",
    ])
    .ok();
    p.run(&["subscribers", "add", "bo@example.org", "--name", "Bo, Jr."])
        .ok();
    p.run(&["subscribers", "add", "carl@example.org"]).ok();
    p.run(&["subscribers", "remove", "carl@example.org"]).ok();
    let export = p.run(&["subscribers", "export"]).ok();
    let anna_token = export
        .lines()
        .find(|l| l.starts_with("anna@"))
        .unwrap()
        .rsplit(',')
        // The token, before the last column (`urgent`).
        .nth(1)
        .unwrap()
        .to_string();

    // A new machine: the same project, an empty database.
    let q = Project::fixture("small");
    q.write("subscribers.csv", &export);
    assert_eq!(
        q.run(&["subscribers", "import", "subscribers.csv"]).ok(),
        "imported subscribers.csv: 2 added, 0 updated, 1 left unsubscribed, 0 bad rows\n"
    );
    assert_eq!(q.run(&["subscribers", "export"]).ok(), export);
    // The unsubscribe link Anna already has still works.
    assert_eq!(
        q.run(&["subscribers", "remove", &anna_token]).ok(),
        "unsubscribed anna@example.org; the record is kept so that imports do not add it again\n"
    );
    // Carl stays unsubscribed: importing the old export again does not subscribe him.
    q.run(&["subscribers", "import", "subscribers.csv"]).ok();
    assert_eq!(
        q.run(&["subscribers", "list"]).ok(),
        "bo@example.org                           daily   html  Bo, Jr.\n"
    );
}

#[test]
fn an_imported_token_that_is_someone_elses_is_replaced_with_a_warning() {
    let p = Project::fixture("small");
    let token = "0123456789abcdef0123456789abcdef";
    p.write(
        "one.csv",
        &format!("email,token\nanna@example.org,{token}\n"),
    );
    p.run(&["subscribers", "import", "one.csv"]).ok();
    p.write(
        "two.csv",
        &format!("email,token\nbo@example.org,{token}\ncarl@example.org,not-a-token\n"),
    );
    let run = p.run(&["subscribers", "import", "two.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: two.csv:3:1: `token`: `not-a-token` is not an unsubscribe token of prayer-guide (32 hex digits)\n  \
         help: leave the token empty to give them a new one\n\
         warning: two.csv:2:1: `token`: already another subscriber's, so this one got a new token\n  \
         help: unsubscribe links mailed to them before will not work\n"
    );
    assert_eq!(
        p.run(&["subscribers", "remove", token]).ok(),
        "unsubscribed anna@example.org; the record is kept so that imports do not add it again\n"
    );
}

/// Writes `lines` the way Excel on Windows saves "CSV UTF-8": a byte-order mark, CRLF.
fn excel(p: &Project, name: &str, lines: &[&str]) {
    let mut text = String::from("\u{feff}");
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    p.write(name, &text);
}

#[test]
fn a_crlf_file_reports_bad_rows_at_their_lines() {
    let p = Project::fixture("small");
    excel(
        &p,
        "mailchimp.csv",
        &[
            "Email Address,First Name,Last Name",
            "anna@example.org,Anna,Berg",
            "not-an-address,Bo,",
            "carl@example.org,Carl,",
            "\"dora@example.org\",Dora,\"Lind\"",
            "eve@,Eve,",
        ],
    );
    let run = p.run(&["subscribers", "import", "mailchimp.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: mailchimp.csv:3:1: `email address`: `not-an-address` is not an email address\n  \
         help: fix the address, or delete the row\n\
         error: mailchimp.csv:6:1: `email address`: `eve@` is not an email address\n  \
         help: fix the address, or delete the row\n"
    );
    assert_eq!(
        run.stdout,
        "imported mailchimp.csv: 3 added, 0 updated, 0 left unsubscribed, 2 bad rows\n"
    );
}

#[test]
fn an_unclosed_quote_is_an_error_at_the_line_it_opens_and_nothing_is_imported() {
    let p = Project::fixture("small");
    excel(
        &p,
        "list.csv",
        &[
            "email,name",
            "anna@example.org,Anna",
            "bo@example.org,\"Bo",
            "carl@example.org,Carl",
            "dora@example.org,Dora",
        ],
    );
    assert_eq!(
        p.run(&["subscribers", "import", "list.csv"]).fails(),
        "error: list.csv:3:1: this quote (\") is never closed, so every line after it would be read as one field\n  \
         help: close the quote, or remove it; nothing was imported\n\
         1 error found\n"
    );
    assert_eq!(list_all(&p), "");
}

#[test]
fn a_name_with_a_line_break_is_an_error() {
    let p = Project::fixture("small");
    excel(
        &p,
        "list.csv",
        &[
            "email,name",
            "anna@example.org,\"Anna",
            "Berg\"",
            "bo@example.org,\"Bo \"\"the\"\" Builder\"",
        ],
    );
    let run = p.run(&["subscribers", "import", "list.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: list.csv:2:1: `name`: a line break inside the field (quoted from line 2 to line 3)\n  \
         help: put it on one line\n"
    );
    assert_eq!(
        list_all(&p),
        "bo@example.org                           daily   html  Bo \"the\" Builder\n"
    );
}

#[test]
fn a_semicolon_separated_file_is_read() {
    let p = Project::fixture("small");
    excel(
        &p,
        "europe.csv",
        &[
            "Email Address;First Name;Last Name;cadence",
            "anna@example.org;Anna;Berg;weekly",
            "bo@example.org;Bo;Smith, Jr.;daily",
            "carl@example.org;Carl;;monthly",
        ],
    );
    let run = p.run(&["subscribers", "import", "europe.csv"]);
    assert_eq!(
        run.stderr,
        "error: europe.csv:4:1: `cadence`: `monthly` is not one of: daily, weekly\n  help: daily or weekly\n"
    );
    assert_eq!(
        list_all(&p),
        "anna@example.org                         weekly  html  Anna Berg\n\
         bo@example.org                           daily   html  Bo Smith, Jr.\n"
    );
}

#[test]
fn a_file_in_the_windows_code_page_is_refused_at_its_first_non_utf8_line() {
    let p = Project::fixture("small");
    // "Renée" in Windows-1252, as Excel's plain "CSV" writes it in Western Europe.
    let mut bytes = b"email;name\r\nanna@example.org;Anna\r\nrenee@example.org;Ren".to_vec();
    bytes.extend_from_slice(b"\xe9e\r\n");
    std::fs::write(p.path("latin1.csv"), bytes).unwrap();
    assert_eq!(
        p.run(&["subscribers", "import", "latin1.csv"]).fails(),
        "error: latin1.csv:3:22: not UTF-8 text here: the file was saved in another encoding (Excel's \
         \"CSV\" uses the Windows code page, e.g. Windows-1252), so accented letters would be misread\n  \
         help: save it as UTF-8: in Excel, File > Save As > \"CSV UTF-8 (Comma delimited)\"; in \
         LibreOffice, Save As > Text CSV, character set \"Unicode (UTF-8)\"; in Numbers, Export To > \
         CSV, encoding UTF-8; nothing was imported\n\
         1 error found\n"
    );
    assert_eq!(list_all(&p), "");
}

#[test]
fn export_writes_formula_cells_as_text_and_import_reads_them_back() {
    let p = Project::fixture("small");
    let formula = "=HYPERLINK(\"https://evil.example\",\"Click\")";
    p.run(&["subscribers", "add", "anna@example.org", "--name", formula])
        .ok();
    p.run(&[
        "subscribers",
        "add",
        "--name",
        "@SUM(1+1)",
        "--",
        "-bo@example.org",
    ])
    .ok();
    p.run(&[
        "subscribers",
        "add",
        "cy@example.org",
        "--name",
        "+1 555 0100",
    ])
    .ok();
    let export = p.run(&["subscribers", "export"]).ok();
    let cells = |address: &str| -> Vec<String> {
        csv::Reader::from_reader(export.as_bytes())
            .records()
            .map(Result::unwrap)
            .find(|r| r[0].contains(address))
            .unwrap()
            .iter()
            .take(2)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cells("anna@"), ["anna@example.org", &format!("'{formula}")]);
    assert_eq!(cells("bo@"), ["'-bo@example.org", "'@SUM(1+1)"]);
    assert_eq!(cells("cy@"), ["cy@example.org", "'+1 555 0100"]);
    for line in export.lines().skip(1) {
        assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
    }

    let q = Project::fixture("small");
    q.write("subscribers.csv", &export);
    q.run(&["subscribers", "import", "subscribers.csv"]).ok();
    assert_eq!(q.run(&["subscribers", "export"]).ok(), export);
    assert!(list_all(&q).contains(formula), "{}", list_all(&q));
    assert!(list_all(&q).contains("-bo@example.org"));
}

#[test]
fn add_refuses_addresses_that_cannot_be_mailed() {
    let p = Project::fixture("small");
    for address in ["a@[127.0.0.1]", "\"a b\"@example.org"] {
        let run = p.run(&["subscribers", "add", address]);
        assert_ne!(run.code, 0, "{address}");
        assert!(run.stderr.contains(address), "{}", run.stderr);
    }
    assert_eq!(list_all(&p), "");
}

//! The pages and form handlers of `serve`: sign-up, confirmation, unsubscribe, preferences.
//!
//! Every page is a Tera template (overridable like the others); every database call runs on a
//! blocking thread so a slow disk never stalls the server's two workers.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::content::locale::{Language, Locale, SHIPPED};
use crate::content::project::Project;
use crate::content::serve_config::ServeConfig;
use crate::error::Error;
use crate::mail::message::{Letterhead, Notice};
use crate::mail::signups::{self, Request};
use crate::mail::store::Store;
use crate::mail::subscribers::{
    Cadence, MailFormat, NewSubscriber, Subscriber, clean_name, normalise_address, parse_hour,
    parse_zone,
};
use crate::mail::transport::Transport;
use crate::publish::render::Renderer;
use crate::web::limits::{self, Hourly};
use crate::web::prayers::Prayers;

/// The reader's address: the connection's, or the one a trusted proxy passes on (set for
/// each request by the server).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub IpAddr);

/// What every handler shares.
pub struct App {
    project: Project,
    settings: ServeConfig,
    renderer: Renderer,
    store: Mutex<Store>,
    transport: Transport,
    /// The digests' sender, envelope and DKIM key, for the mails sent from here.
    letterhead: Letterhead,
    /// Signs preference forms so another site cannot post them (CSRF).
    key: ring::hmac::Key,
    /// Accepted sign-ups in the last hour by network (an IPv4 address, an IPv6 /64).
    per_network: Hourly<IpAddr>,
    /// Accepted sign-ups in the last hour by address (held in memory only).
    per_address: Hourly<String>,
    /// An erase whose `VACUUM` could not finish: housekeeping tries again.
    vacuum_owed: AtomicBool,
    /// The languages a reader may choose, the schedule's first.
    languages: Vec<Arc<Locale>>,
    /// Proof-of-work challenges already spent, with when they expire (Unix seconds): each
    /// solves one sign-up only. Kept in memory until they expire.
    spent_challenges: Mutex<HashMap<String, i64>>,
    /// "I will pray": the counter, its limits and the days that can be prayed for.
    prayers: Prayers,
}

const SECRET_KEY: &str = "web-form-secret";

/// How long a signed preferences form stays good: a page left open overnight still saves; an
/// older one is refused with a page that says to open the emailed link again.
const FORM_LIFE: chrono::Duration = chrono::Duration::hours(24);
/// How long the button that confirms "erase my data" stays good.
const ERASE_LIFE: chrono::Duration = chrono::Duration::hours(1);
/// Accepted sign-ups of one address in an hour (it is mailed at most once an hour anyway).
const SIGNUPS_PER_ADDRESS: u32 = 3;
/// How long the sign-up form's proof-of-work challenge stays good.
const CHALLENGE_LIFE: chrono::Duration = chrono::Duration::hours(1);
/// What the form's challenge is signed for.
const CHALLENGE_PURPOSE: &str = "proof-of-work";

/// What a form's signature says.
#[derive(Debug, PartialEq, Eq)]
enum Signature {
    Good,
    /// Signed by us, but its time is up.
    Expired,
    /// Not signed by us for this purpose and token (another site's form, or altered).
    Forged,
}

impl App {
    pub fn new(project: Project, settings: ServeConfig) -> Result<App, Error> {
        let email = &project.schedule.email;
        let mut renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
        let mut languages = Vec::new();
        for language in offered_languages(&project, &settings)? {
            let (locale, warnings) = project.locale(&language)?;
            for warning in &warnings.0 {
                eprintln!("serve: {warning}");
            }
            renderer.add_locale(locale.clone());
            languages.push(locale);
        }
        let store = Store::open(&project.path(&email.database))?;
        signups::prepare(&store)?;
        let secret = match store.meta(SECRET_KEY)? {
            Some(s) => s,
            None => {
                let s = crate::mail::store::new_token()? + &crate::mail::store::new_token()?;
                store.set_meta(SECRET_KEY, &s)?;
                s
            }
        };
        let transport = Transport::from_config(email, &project.root, None)?;
        let letterhead = Letterhead::new(email, &project.root)?;
        let prayers = Prayers::new(&project, settings.prayers_per_hour)?;
        Ok(App {
            prayers,
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes()),
            project,
            renderer,
            per_network: Hourly::new(settings.signups_per_hour),
            per_address: Hourly::new(SIGNUPS_PER_ADDRESS),
            vacuum_owed: AtomicBool::new(false),
            settings,
            store: Mutex::new(store),
            transport,
            letterhead,
            languages,
            spent_challenges: Mutex::new(HashMap::new()),
        })
    }

    pub(crate) fn project(&self) -> &Project {
        &self.project
    }

    pub(crate) fn prayers(&self) -> &Prayers {
        &self.prayers
    }

    /// The offered language `tag`, or the schedule's.
    pub(crate) fn locale(&self, tag: Option<&str>) -> Arc<Locale> {
        tag.and_then(|t| self.languages.iter().find(|l| l.language.as_str() == t))
            .unwrap_or(&self.languages[0])
            .clone()
    }

    /// The language a reader's browser asks for (`Accept-Language`) if it is offered, else the
    /// schedule's.
    pub(crate) fn negotiate(&self, headers: &HeaderMap) -> Arc<Locale> {
        let asked = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let offered: Vec<&Language> = self.languages.iter().map(|l| &l.language).collect();
        let at = negotiate(asked, &offered).unwrap_or(0);
        self.languages[at].clone()
    }

    /// The language of a subscriber's pages and emails: theirs if offered, else the schedule's.
    fn locale_of(&self, s: &Subscriber) -> Arc<Locale> {
        self.locale(s.language.as_ref().map(Language::as_str))
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves SQLite consistent (each change is a transaction).
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn public_url(&self) -> &str {
        self.settings.public_url.as_deref().unwrap_or("/")
    }

    fn confirm_expiry(&self) -> chrono::Duration {
        chrono::Duration::hours(i64::from(self.settings.confirm_hours))
    }

    /// Deletes expired sign-ups, and finishes an erase's `VACUUM` that could not; run every
    /// few minutes.
    pub fn expire_signups(&self) {
        let _ = self.save("the deletion of expired sign-ups", |store| {
            signups::expire(store, chrono::Utc::now(), self.confirm_expiry())
        });
        if self.vacuum_owed.swap(false, Ordering::SeqCst) {
            self.vacuum();
        }
    }

    /// Runs a change to the database. A file deleted or replaced under the server would take
    /// the change and lose it, so that is checked first; any failure is logged with its reason
    /// (the database's message, which never quotes a reader's address).
    fn save<T>(
        &self,
        what: &str,
        change: impl FnOnce(&mut Store) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut store = self.store();
        let done = store.check_file().and_then(|()| change(&mut store));
        if let Err(e) = &done {
            eprintln!("serve: could not save {what}: {e}");
        }
        done
    }

    /// Rewrites the database file so an erased address leaves its free pages and the log;
    /// when another process reads it at the time, housekeeping tries again.
    fn vacuum(&self) -> bool {
        let done = self.save("the compaction after an erase", |store| store.vacuum());
        let complete = matches!(done, Ok(true));
        if matches!(done, Ok(false)) {
            eprintln!(
                "serve: the database's log still holds erased data (another process was reading); \
                 trying again in ten minutes"
            );
        }
        if !complete {
            self.vacuum_owed.store(true, Ordering::SeqCst);
        }
        complete
    }

    /// Whether a sign-up from `network` for `address` is within the hourly limits; counts it
    /// if so. Only sign-ups that passed the form's checks come here.
    fn allow_signup(&self, network: IpAddr, address: &str) -> Result<(), &'static str> {
        let now = Instant::now();
        let address = address.to_lowercase();
        if self.per_network.full(&network, now) {
            return Err("web-too-many");
        }
        if self.per_address.full(&address, now) {
            return Err("web-too-many-address");
        }
        self.per_network.count(network, now);
        self.per_address.count(address, now);
        Ok(())
    }

    /// A signature of `token` for `purpose`, good until `expires` (Unix seconds).
    fn sign(&self, purpose: &str, token: &str, expires: i64) -> String {
        let tag = ring::hmac::sign(&self.key, format!("{purpose}:{token}:{expires}").as_bytes());
        tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The signature fields of a form for `purpose` that lives `life` from now.
    fn signed(&self, purpose: &str, token: &str, life: chrono::Duration) -> (String, i64) {
        let expires = (chrono::Utc::now() + life).timestamp();
        (self.sign(purpose, token, expires), expires)
    }

    fn verify(&self, purpose: &str, token: &str, expires: &str, given: &str) -> Signature {
        let (Some(bytes), Ok(at)) = (hex(given), expires.trim().parse::<i64>()) else {
            return Signature::Forged;
        };
        let message = format!("{purpose}:{token}:{at}");
        if ring::hmac::verify(&self.key, message.as_bytes(), &bytes).is_err() {
            Signature::Forged
        } else if at < chrono::Utc::now().timestamp() {
            Signature::Expired
        } else {
            Signature::Good
        }
    }

    /// A fresh proof-of-work challenge for the sign-up form, when `[serve] proof_of_work` asks
    /// for one: a random value and its expiry, signed as the preference forms are.
    fn challenge(&self) -> Option<Value> {
        let bits = self.settings.proof_of_work;
        if bits == 0 {
            return None;
        }
        let random = match crate::mail::store::new_token() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("serve: could not make a proof-of-work challenge: {e}");
                return None;
            }
        };
        let (signature, expires) = self.signed(CHALLENGE_PURPOSE, &random, CHALLENGE_LIFE);
        Some(json!({
            "bits": bits, "challenge": random, "expires": expires, "signature": signature,
        }))
    }

    /// Whether a posted form carries the work `[serve] proof_of_work` asks for: a challenge
    /// this server signed, not expired, not spent before, whose counter makes the hash start
    /// with enough zero bits. A good proof is spent by this call.
    fn work_done(&self, form: &SignupForm) -> bool {
        let bits = self.settings.proof_of_work;
        if bits == 0 {
            return true;
        }
        let signed = self.verify(
            CHALLENGE_PURPOSE,
            &form.pow_challenge,
            &form.pow_expires,
            &form.pow_signature,
        );
        if signed != Signature::Good
            || form.pow_counter.len() > 32
            || !proof_holds(&form.pow_challenge, &form.pow_counter, bits)
        {
            return false;
        }
        let expires = form.pow_expires.trim().parse::<i64>().unwrap_or(0);
        let now = chrono::Utc::now().timestamp();
        let mut spent = self
            .spent_challenges
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        spent.retain(|_, until| *until >= now);
        spent.insert(form.pow_challenge.clone(), expires).is_none()
    }

    pub(crate) fn page(
        &self,
        status: StatusCode,
        template: &str,
        locale: &Locale,
        mut view: Value,
    ) -> Response {
        view["title"] = json!(self.project.schedule.title.in_language(&locale.language));
        view["lang"] = json!(locale.language.as_str());
        view["dir"] = json!(locale.direction());
        view["languages"] = self
            .languages
            .iter()
            .map(|l| json!({ "tag": l.language.as_str(), "name": l.own_name(), "dir": l.direction() }))
            .collect();
        match self.renderer.template(template, &view) {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                eprintln!("serve: {e}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the page could not be shown\n",
                )
                    .into_response()
            }
        }
    }

    /// The message page: a heading and a sentence, both label ids of `locale`.
    pub(crate) fn message(
        &self,
        status: StatusCode,
        locale: &Locale,
        heading: &str,
        text: &str,
    ) -> Response {
        self.page(
            status,
            "web-message.html",
            locale,
            json!({ "heading": locale.label(heading, &[]), "text": locale.label(text, &[]) }),
        )
    }

    /// Mails `notice` (a confirmation link, a preferences link for an address that already
    /// receives the guide, or a data export), composed as the digests are.
    fn mail(&self, notice: Notice) -> Result<(), String> {
        let message = self
            .letterhead
            .notice(&self.renderer, notice)
            .map_err(|e| e.to_string())?;
        let stem = format!(
            "web-{}",
            crate::mail::store::new_token().map_err(|e| e.to_string())?
        );
        self.transport
            .send_one_blocking(&message, &stem)
            .map_err(|e| e.detail().to_string())
    }

    fn subscriber_by_token(&self, token: &str) -> Result<Option<Subscriber>, Error> {
        by_token(&self.store(), token)
    }
}

/// The subscriber whose secret token is exactly `token`: an address in its place finds no one.
fn by_token(store: &Store, token: &str) -> Result<Option<Subscriber>, Error> {
    Ok(store
        .find(token)?
        .filter(|s| !token.is_empty() && s.token == token))
}

/// `/healthz`: `ok` while the database is the file `serve` opened and a write lock can be
/// taken; 503 with the reason otherwise (the details go to the log).
pub async fn healthz(State(app): State<Arc<App>>) -> Response {
    let checked = blocking(move || {
        let store = app.store();
        store.check_file().map_err(|e| {
            (
                "the database file was deleted or replaced since serve started",
                e,
            )
        })?;
        store
            .check_writable()
            .map_err(|e| ("the database does not take writes", e))
    })
    .await;
    match checked {
        Some(Ok(())) => (StatusCode::OK, "ok\n").into_response(),
        Some(Err((reason, e))) => {
            eprintln!("serve: health check failed: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response()
        }
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the health check stopped unexpectedly\n",
        )
            .into_response(),
    }
}

/// Whether SHA-256(`challenge` ":" `counter`) begins with `bits` zero bits.
pub(crate) fn proof_holds(challenge: &str, counter: &str, bits: u32) -> bool {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("{challenge}:{counter}").as_bytes(),
    );
    let mut zeros = 0;
    for byte in digest.as_ref() {
        zeros += byte.leading_zeros();
        if *byte != 0 {
            break;
        }
    }
    zeros >= bits
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > 128 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Runs blocking work (SQLite, SMTP) off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

/// The languages `serve` offers: `[serve] languages`, or every built-in language and every
/// `locales/<tag>.ftl` of the project; the schedule's language first in either case.
pub(crate) fn offered_languages(
    project: &Project,
    settings: &ServeConfig,
) -> Result<Vec<Language>, Error> {
    let mut languages = vec![project.schedule.language.clone()];
    let mut add = |language: Language| {
        if !languages.contains(&language) {
            languages.push(language);
        }
    };
    match &settings.languages {
        Some(chosen) => chosen.iter().cloned().for_each(&mut add),
        None => {
            SHIPPED
                .iter()
                .filter_map(|t| Language::parse(t).ok())
                .for_each(&mut add);
            let dir = project.path(&project.schedule.locales);
            let mut own = Vec::new();
            match std::fs::read_dir(&dir) {
                Ok(entries) => {
                    for entry in entries.flatten() {
                        let path = entry.path();
                        if path.extension().is_some_and(|e| e == "ftl")
                            && let Some(tag) = path.file_stem().and_then(|s| s.to_str())
                            && let Ok(language) = Language::parse(tag)
                        {
                            own.push(language);
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io("read", &dir, e)),
            }
            own.sort();
            own.into_iter().for_each(&mut add);
        }
    }
    Ok(languages)
}

/// The index in `offered` of the best match for an `Accept-Language` header
/// (`es-MX,es;q=0.9,en;q=0.8`): the exact tag first, then the same primary language, in the
/// order of the reader's preference. `None` when nothing offered is asked for.
fn negotiate(header: &str, offered: &[&Language]) -> Option<usize> {
    let mut asked: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((tag, q))
        })
        .collect();
    // A stable sort keeps the header's order among equal weights.
    asked.sort_by(|a, b| b.1.total_cmp(&a.1));
    asked.iter().find_map(|(tag, _)| {
        let language = Language::parse(tag).ok()?;
        offered.iter().position(|l| **l == language).or_else(|| {
            offered
                .iter()
                .position(|l| l.primary() == language.primary())
        })
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    embed: Option<String>,
    /// The page's language, for a church that embeds the form in one language.
    #[serde(default)]
    lang: Option<String>,
}

/// The sign-up form's fields; all optional so that a broken post gets a page, not a 422.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct SignupForm {
    email: String,
    name: String,
    cadence: String,
    format: String,
    timezone: String,
    hour: String,
    language: String,
    /// Left empty by people; filled by bots.
    website: String,
    embed: String,
    /// The proof of work (`[serve] proof_of_work`): the signed challenge and the counter the
    /// reader's browser found.
    pow_challenge: String,
    pow_expires: String,
    pow_signature: String,
    pow_counter: String,
}

/// What is wrong with a form: a label id and the value it names, shown in the reader's language.
struct Problem {
    label: &'static str,
    value: String,
}

impl Problem {
    fn new(label: &'static str, value: &str) -> Problem {
        Problem {
            label,
            value: value.trim().chars().take(100).collect(),
        }
    }

    fn text(&self, locale: &Locale) -> String {
        locale.label(self.label, &[("value", &self.value)])
    }
}

impl SignupForm {
    fn parse(&self, app: &App) -> Result<NewSubscriber, Problem> {
        let email = normalise_address(&self.email).map_err(|_| {
            // An address that parses but cannot be mailed (`a@[127.0.0.1]`, `"a b"@x.org`)
            // is refused here, not later with "try again".
            let parses = self.email.trim().parse::<lettre::Address>().is_ok();
            let label = if parses {
                "web-problem-email-unmailable"
            } else {
                "web-problem-email"
            };
            Problem::new(label, &self.email)
        })?;
        if self.name.chars().count() > 100 {
            return Err(Problem::new("web-problem-name-long", ""));
        }
        if self.name.contains(['\r', '\n']) {
            return Err(Problem::new("web-problem-name-line", ""));
        }
        let cadence = match self.cadence.as_str() {
            "" | "daily" => Cadence::Daily,
            "weekly" => Cadence::Weekly,
            other => return Err(Problem::new("web-problem-cadence", other)),
        };
        let format = match self.format.as_str() {
            "" | "html" => MailFormat::Html,
            "text" => MailFormat::Text,
            other => return Err(Problem::new("web-problem-format", other)),
        };
        let timezone = match self.timezone.trim() {
            "" => None,
            zone => Some(parse_zone(zone).map_err(|_| Problem::new("web-problem-timezone", zone))?),
        };
        let hour = match self.hour.trim() {
            "" => None,
            hour => Some(parse_hour(hour).map_err(|_| Problem::new("web-problem-hour", hour))?),
        };
        // Only an offered language: the digest must be writable in it.
        let language = match self.language.trim() {
            "" => None,
            tag => Some(
                Language::parse(tag)
                    .ok()
                    .filter(|l| app.languages.iter().any(|o| o.language == *l))
                    .ok_or_else(|| Problem::new("web-problem-language", tag))?,
            ),
        };
        Ok(NewSubscriber {
            language,
            email,
            name: clean_name(&self.name),
            cadence,
            format,
            timezone,
            hour,
        })
    }
}

fn form_view(app: &App, form: &SignupForm, locale: &Locale, error: Option<&str>) -> Value {
    json!({
        "form": {
            "email": form.email,
            "name": form.name,
            "cadence": if form.cadence.is_empty() { "daily" } else { &form.cadence },
            "format": if form.format.is_empty() { "html" } else { &form.format },
            "timezone": if form.timezone.is_empty() { app.project.schedule.timezone.name() } else { &form.timezone },
            "hour": if form.hour.is_empty() { app.project.schedule.email.send_hour.to_string() } else { form.hour.clone() },
            "language": if form.language.is_empty() { locale.language.as_str() } else { &form.language },
        },
        "hours": (0..24).collect::<Vec<u8>>(),
        "error": error,
        "embed": !form.embed.is_empty(),
        "pow": app.challenge(),
    })
}

pub async fn subscribe_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = match q.lang.as_deref() {
        Some(tag) => app.locale(Some(tag)),
        None => app.negotiate(&headers),
    };
    let form = SignupForm {
        embed: q.embed.unwrap_or_default(),
        ..SignupForm::default()
    };
    // Who may frame it is the server's to say (`[serve] embed_origins`).
    app.page(
        StatusCode::OK,
        "web-subscribe.html",
        &locale,
        form_view(&app, &form, &locale, None),
    )
}

pub async fn subscribe(
    State(app): State<Arc<App>>,
    Extension(Peer(peer)): Extension<Peer>,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Response {
    // The page answers in the language the reader chose, else in their browser's.
    let locale = if form.language.is_empty() {
        app.negotiate(&headers)
    } else {
        app.locale(Some(form.language.trim()))
    };
    let check_inbox = |app: &App| {
        app.message(
            StatusCode::OK,
            &locale,
            "web-check-inbox",
            "web-check-inbox-text",
        )
    };
    // Before anything else: a post without the work asked for costs the server nothing more.
    if !app.work_done(&form) {
        return app.page(
            StatusCode::BAD_REQUEST,
            "web-subscribe.html",
            &locale,
            form_view(
                &app,
                &form,
                &locale,
                Some(&locale.label("web-pow-refused", &[])),
            ),
        );
    }
    if !form.website.is_empty() {
        return check_inbox(&app);
    }
    let new = match form.parse(&app) {
        Ok(new) => new,
        Err(problem) => {
            return app.page(
                StatusCode::BAD_REQUEST,
                "web-subscribe.html",
                &locale,
                form_view(&app, &form, &locale, Some(&problem.text(&locale))),
            );
        }
    };
    // Counted once the form is right: a typo corrected costs nothing.
    let network = limits::network(peer);
    if let Err(text) = app.allow_signup(network, &new.email) {
        return app.message(
            StatusCode::TOO_MANY_REQUESTS,
            &locale,
            "web-try-later",
            text,
        );
    }
    let worker = app.clone();
    let mail_locale = locale.clone();
    let outcome = blocking(move || -> Result<(), SignupFailure> {
        let locale = mail_locale;
        let now = chrono::Utc::now();
        let request = worker
            .save("a sign-up", |store| signups::request(store, &new, now))
            .map_err(|_| SignupFailure::NotSaved)?;
        let title = worker.project.schedule.title.in_language(&locale.language);
        let sent = match &request {
            // No name, nor anything else typed on the form: anyone can post any address,
            // so the mail says only what the owner of the address needs to confirm.
            Request::Confirm(token) => worker.mail(Notice {
                kind: "confirm",
                to: &new.email,
                subscriber: None,
                subject: &locale.label("signup-subject-confirm", &[("title", title)]),
                format: new.format,
                lang: locale.language.as_str(),
                view: json!({
                    "title": title, "name": "", "already": false,
                    "link": format!("{}confirm?token={token}", worker.public_url()),
                    "hours": worker.settings.confirm_hours,
                }),
            }),
            Request::AlreadySubscribed(s) => worker.mail(Notice {
                kind: "already",
                to: &s.email,
                subscriber: Some(s),
                subject: &locale.label("signup-subject-already", &[("title", title)]),
                format: s.format,
                lang: locale.language.as_str(),
                view: json!({
                    "title": title, "name": s.name, "already": true,
                    "link": format!("{}preferences?token={}", worker.public_url(), s.token),
                }),
            }),
            Request::Quiet => Ok(()),
        };
        if let Err(e) = &sent {
            eprintln!("serve: could not send a sign-up email: {e}");
            // So that trying again mails at once, not an hour later.
            let _ = worker.save("that a sign-up email failed", |store| {
                signups::forget_mailing(store, &new.email)
            });
        }
        sent.map_err(|_| SignupFailure::NotMailed)
    })
    .await;
    let text = match outcome {
        Some(Ok(())) => return check_inbox(&app),
        Some(Err(SignupFailure::NotMailed)) => "web-mail-failed",
        Some(Err(SignupFailure::NotSaved)) | None => "web-signup-not-saved",
    };
    app.message(
        StatusCode::SERVICE_UNAVAILABLE,
        &locale,
        "web-try-later",
        text,
    )
}

/// Why a sign-up was not done, each with its own page: they call for different words.
enum SignupFailure {
    /// The database refused the sign-up: nothing changed, nothing was mailed.
    NotSaved,
    /// The sign-up was recorded but its email could not be sent.
    NotMailed,
}

pub async fn confirm_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    // A button, not an action: mail scanners that open links must not confirm anyone.
    let worker = app.clone();
    let token = q.token.clone();
    let chosen = blocking(move || signups::language_of(&worker.store(), &token))
        .await
        .and_then(Result::ok)
        .flatten();
    let locale = match chosen {
        Some(language) => app.locale(Some(language.as_str())),
        None => app.negotiate(&headers),
    };
    app.page(
        StatusCode::OK,
        "web-confirm.html",
        &locale,
        json!({ "token": q.token }),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    token: String,
    #[serde(rename = "List-Unsubscribe")]
    list_unsubscribe: String,
}

pub async fn confirm(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let worker = app.clone();
    let confirmed = blocking(move || {
        signups::confirm(
            &mut worker.store(),
            &form.token,
            chrono::Utc::now(),
            worker.confirm_expiry(),
        )
    })
    .await;
    match confirmed {
        Some(Ok(Some(s))) => {
            let locale = app.locale_of(&s);
            let text = match s.cadence {
                Cadence::Daily => "web-subscribed-daily",
                Cadence::Weekly => "web-subscribed-weekly",
            };
            app.page(
                StatusCode::OK,
                "web-message.html",
                &locale,
                json!({
                    "heading": locale.label("web-subscribed", &[]),
                    "text": locale.label(text, &[("email", &s.email)]),
                    "link": format!("preferences?token={}", s.token),
                    "link_text": locale.label("web-change-preferences", &[]),
                }),
            )
        }
        Some(Ok(None)) => app.message(
            StatusCode::GONE,
            &app.negotiate(&headers),
            "web-link-expired",
            "web-link-expired-text",
        ),
        _ => server_error(&app, &app.negotiate(&headers)),
    }
}

/// A change the database refused: 503, and a page that says what did not happen.
fn not_saved(app: &App, locale: &Locale, text: &str) -> Response {
    app.message(
        StatusCode::SERVICE_UNAVAILABLE,
        locale,
        "web-try-later",
        text,
    )
}

fn server_error(app: &App, locale: &Locale) -> Response {
    app.message(
        StatusCode::INTERNAL_SERVER_ERROR,
        locale,
        "web-error",
        "web-error-text",
    )
}

fn unknown_link(app: &App, locale: &Locale) -> Response {
    app.message(
        StatusCode::NOT_FOUND,
        locale,
        "web-unknown-link",
        "web-unknown-link-text",
    )
}

pub async fn unsubscribe_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let worker = app.clone();
    match blocking(move || worker.subscriber_by_token(&q.token)).await {
        Some(Ok(Some(s))) if s.active => app.page(
            StatusCode::OK,
            "web-unsubscribe.html",
            &app.locale_of(&s),
            json!({ "token": s.token, "email": s.email }),
        ),
        Some(Ok(Some(s))) => app.message(
            StatusCode::OK,
            &app.locale_of(&s),
            "web-unsubscribed",
            "web-unsubscribed-text",
        ),
        Some(Ok(None)) => unknown_link(&app, &app.negotiate(&headers)),
        _ => server_error(&app, &app.negotiate(&headers)),
    }
}

/// RFC 8058 one-click or the page's button: any POST to the link unsubscribes, whatever its
/// body. Mail providers post `List-Unsubscribe=One-Click` as `multipart/form-data` (what §3.2
/// asks of them) or urlencoded, and some post nothing; the token in the link is the request.
pub async fn unsubscribe(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let one_click = body.windows(9).any(|w| w == b"One-Click");
    let token = if q.token.is_empty() {
        form_field(&body, "token").unwrap_or_default()
    } else {
        q.token
    };
    let worker = app.clone();
    let done = blocking(move || {
        worker.save("an unsubscribe", |store| match by_token(store, &token)? {
            Some(s) => store.unsubscribe(&s.token),
            None => Ok(None),
        })
    })
    .await;
    match done {
        Some(Ok(Some(_))) if one_click => (StatusCode::OK, "unsubscribed\n").into_response(),
        Some(Ok(Some(s))) => {
            let locale = app.locale_of(&s);
            app.page(
                StatusCode::OK,
                "web-message.html",
                &locale,
                json!({
                    "heading": locale.label("web-unsubscribed", &[]),
                    "text": locale.label("web-unsubscribed-again", &[("email", &s.email)]),
                    "link": "subscribe",
                    "link_text": locale.label("web-sign-up-again", &[]),
                }),
            )
        }
        Some(Ok(None)) if one_click => {
            (StatusCode::NOT_FOUND, "no such subscriber\n").into_response()
        }
        Some(Ok(None)) => unknown_link(&app, &app.negotiate(&headers)),
        _ if one_click => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the unsubscribe could not be saved; nothing changed; try again in a few minutes\n",
        )
            .into_response(),
        _ => app.message(
            StatusCode::SERVICE_UNAVAILABLE,
            &app.negotiate(&headers),
            "web-try-later",
            "web-unsubscribe-not-saved",
        ),
    }
}

/// The value of `name` in an urlencoded body, if it is there and needs no decoding (tokens
/// are hex).
fn form_field(body: &[u8], name: &str) -> Option<String> {
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .map(str::to_string)
}

fn preferences_view(app: &App, s: &Subscriber, saved: bool) -> Value {
    let (csrf, expires) = app.signed("preferences", &s.token, FORM_LIFE);
    json!({
        "token": s.token,
        "csrf": csrf,
        "expires": expires,
        "saved": saved,
        "subscriber": {
            "email": s.email,
            "name": s.name,
            "active": s.active,
            "cadence": s.cadence.as_str(),
            "format": s.format.as_str(),
            "timezone": s.timezone.map_or(app.project.schedule.timezone.name(), |z| z.name()),
            "hour": s.hour.unwrap_or(app.project.schedule.email.send_hour),
            "language": app.locale_of(s).language.as_str(),
        },
        "hours": (0..24).collect::<Vec<u8>>(),
    })
}

pub async fn preferences_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let worker = app.clone();
    match blocking(move || worker.subscriber_by_token(&q.token)).await {
        Some(Ok(Some(s))) => app.page(
            StatusCode::OK,
            "web-preferences.html",
            &app.locale_of(&s),
            preferences_view(&app, &s, false),
        ),
        Some(Ok(None)) => unknown_link(&app, &app.negotiate(&headers)),
        _ => server_error(&app, &app.negotiate(&headers)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreferencesForm {
    token: String,
    csrf: String,
    /// When `csrf` stops being good, Unix seconds (signed with it).
    expires: String,
    action: String,
    name: String,
    cadence: String,
    format: String,
    timezone: String,
    hour: String,
    language: String,
}

pub async fn preferences(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(form): Form<PreferencesForm>,
) -> Response {
    let asked = app.negotiate(&headers);
    // The erase button of the confirmation page carries its own, shorter-lived signature.
    let purpose = if form.action == "erase-confirmed" {
        "erase"
    } else {
        "preferences"
    };
    match app.verify(purpose, &form.token, &form.expires, &form.csrf) {
        Signature::Good => {}
        Signature::Expired => {
            // Signed by us, so the token is the reader's own: link to a fresh form.
            return app.page(
                StatusCode::FORBIDDEN,
                "web-message.html",
                &asked,
                json!({
                    "heading": asked.label("web-form-expired", &[]),
                    "text": asked.label("web-form-old-text", &[]),
                    "link": format!("preferences?token={}", form.token),
                    "link_text": asked.label("web-form-fresh", &[]),
                }),
            );
        }
        Signature::Forged => {
            return app.message(
                StatusCode::FORBIDDEN,
                &asked,
                "web-form-expired",
                "web-form-expired-text",
            );
        }
    }
    let worker = app.clone();
    let fallback = asked.clone();
    let outcome = blocking(move || preference_action(&worker, form, &fallback)).await;
    match outcome {
        Some(Ok(response)) => response,
        Some(Err(e)) => {
            eprintln!("serve: {e}");
            server_error(&app, &asked)
        }
        None => server_error(&app, &asked),
    }
}

fn preference_action(app: &App, form: PreferencesForm, asked: &Locale) -> Result<Response, Error> {
    let Some(s) = app.subscriber_by_token(&form.token)? else {
        return Ok(unknown_link(app, asked));
    };
    let locale = app.locale_of(&s);
    match form.action.as_str() {
        "leave" => Ok(
            match app.save("an unsubscribe", |store| store.unsubscribe(&s.token)) {
                Ok(_) => app.message(
                    StatusCode::OK,
                    &locale,
                    "web-unsubscribed",
                    "web-unsubscribed-text",
                ),
                Err(_) => not_saved(app, &locale, "web-unsubscribe-not-saved"),
            },
        ),
        // Irreversible, and the link reaches whoever a digest was forwarded to: ask first.
        "erase" => {
            let (csrf, expires) = app.signed("erase", &s.token, ERASE_LIFE);
            Ok(app.page(
                StatusCode::OK,
                "web-erase.html",
                &locale,
                json!({ "token": s.token, "email": s.email, "csrf": csrf, "expires": expires }),
            ))
        }
        "erase-confirmed" => {
            if app
                .save("an erase", |store| signups::erase(store, &s.token))
                .is_err()
            {
                return Ok(not_saved(app, &locale, "web-erase-not-saved"));
            }
            let text = if app.vacuum() {
                "web-erased-text"
            } else {
                "web-erased-later-text"
            };
            Ok(app.message(StatusCode::OK, &locale, "web-erased", text))
        }
        "export" => {
            let history: Vec<Value> = signups::history(&app.store(), s.id)?
                .into_iter()
                .map(|(edition, state, updated)| json!({ "edition": edition, "state": state, "updated": updated }))
                .collect();
            let mut subscriber = preferences_view(app, &s, false)["subscriber"].clone();
            subscriber["language_name"] = json!(locale.own_name());
            let title = app.project.schedule.title.in_language(&locale.language);
            let view = json!({
                "title": title, "name": s.name, "export": true,
                "subscriber": subscriber,
                "history": history,
                "link": format!("{}preferences?token={}", app.public_url(), s.token),
            });
            let subject = locale.label("signup-subject-export", &[("title", title)]);
            let notice = Notice {
                kind: "export",
                to: &s.email,
                subscriber: Some(&s),
                subject: &subject,
                format: s.format,
                lang: locale.language.as_str(),
                view,
            };
            Ok(match app.mail(notice) {
                Ok(()) => app.message(
                    StatusCode::OK,
                    &locale,
                    "web-export-sent",
                    "web-export-sent-text",
                ),
                Err(e) => {
                    eprintln!("serve: could not send a data export: {e}");
                    app.message(
                        StatusCode::SERVICE_UNAVAILABLE,
                        &locale,
                        "web-try-later",
                        "web-export-failed",
                    )
                }
            })
        }
        _ => {
            let asked = SignupForm {
                email: s.email.clone(),
                name: form.name,
                cadence: form.cadence,
                format: form.format,
                timezone: form.timezone,
                hour: form.hour,
                language: form.language,
                ..SignupForm::default()
            };
            match asked.parse(app) {
                Ok(new) => {
                    if app
                        .save("a preferences change", |store| store.upsert(&new, true))
                        .is_err()
                    {
                        return Ok(not_saved(app, &locale, "web-preferences-not-saved"));
                    }
                    let updated = app.subscriber_by_token(&s.token)?.unwrap_or(s);
                    // Saved in the language just chosen.
                    Ok(app.page(
                        StatusCode::OK,
                        "web-preferences.html",
                        &app.locale_of(&updated),
                        preferences_view(app, &updated, true),
                    ))
                }
                Err(problem) => {
                    let mut view = preferences_view(app, &s, false);
                    view["error"] = json!(problem.text(&locale));
                    Ok(app.page(
                        StatusCode::BAD_REQUEST,
                        "web-preferences.html",
                        &locale,
                        view,
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<Language> {
        list.iter().map(|t| Language::parse(t).unwrap()).collect()
    }

    #[test]
    fn negotiates_the_readers_language_among_those_offered() {
        let offered = tags(&["en", "es", "fr", "pt-BR", "ar"]);
        let offered: Vec<&Language> = offered.iter().collect();
        assert_eq!(negotiate("es-MX,es;q=0.9,en;q=0.8", &offered), Some(1));
        assert_eq!(negotiate("de-DE,fr;q=0.5,en;q=0.7", &offered), Some(0));
        assert_eq!(negotiate("pt", &offered), Some(3));
        assert_eq!(negotiate("pt-BR", &offered), Some(3));
        assert_eq!(negotiate("AR-eg", &offered), Some(4));
        assert_eq!(negotiate("ko, *;q=0.1", &offered), None);
        assert_eq!(negotiate("es;q=0, fr", &offered), Some(2));
        assert_eq!(negotiate("", &offered), None);
        assert_eq!(negotiate(";;;,q=x", &offered), None);
    }
}

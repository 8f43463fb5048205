//! The pages and form handlers of `serve`: sign-up, confirmation, unsubscribe, preferences.
//!
//! Every page is a Tera template (overridable like the others); every database call runs on a
//! blocking thread so a slow disk never stalls the server's two workers.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Extension;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use lettre::Message;
use lettre::message::{Mailbox, header::ContentType};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::content::locale::{Language, Locale, SHIPPED};
use crate::content::project::Project;
use crate::content::serve_config::ServeConfig;
use crate::error::Error;
use crate::mail::signups::{self, Request};
use crate::mail::store::Store;
use crate::mail::subscribers::{
    Cadence, MailFormat, NewSubscriber, Subscriber, clean_name, normalise_address, parse_hour,
    parse_zone,
};
use crate::mail::transport::Transport;
use crate::publish::render::Renderer;

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
    from: Mailbox,
    /// Signs preference forms so another site cannot post them (CSRF).
    key: ring::hmac::Key,
    /// Recent sign-ups by network address, for the hourly limit.
    recent: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
    /// The languages a reader may choose, the schedule's first.
    languages: Vec<Arc<Locale>>,
}

const SECRET_KEY: &str = "web-form-secret";

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
        let from: Mailbox = email
            .from
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|e| Error::Usage(format!("[email] from: {e}")))?;
        Ok(App {
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes()),
            project,
            settings,
            renderer,
            store: Mutex::new(store),
            transport,
            from,
            recent: Mutex::new(HashMap::new()),
            languages,
        })
    }

    /// The offered language `tag`, or the schedule's.
    fn locale(&self, tag: Option<&str>) -> Arc<Locale> {
        tag.and_then(|t| self.languages.iter().find(|l| l.language.as_str() == t))
            .unwrap_or(&self.languages[0])
            .clone()
    }

    /// The language a reader's browser asks for (`Accept-Language`) if it is offered, else the
    /// schedule's.
    fn negotiate(&self, headers: &HeaderMap) -> Arc<Locale> {
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

    fn store(&self) -> MutexGuard<'_, Store> {
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

    /// Deletes expired sign-ups; run every few minutes.
    pub fn expire_signups(&self) {
        if let Err(e) = signups::expire(&self.store(), chrono::Utc::now(), self.confirm_expiry()) {
            eprintln!("serve: could not delete expired sign-ups: {e}");
        }
    }

    /// Whether `ip` may sign up again now; counts this attempt.
    fn allow_signup(&self, ip: IpAddr) -> bool {
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        let hour_ago = Instant::now().checked_sub(std::time::Duration::from_secs(3600));
        let times = recent.entry(ip).or_default();
        while times.front().is_some_and(|t| Some(*t) < hour_ago) {
            times.pop_front();
        }
        if times.len() >= self.settings.signups_per_hour as usize {
            return false;
        }
        times.push_back(Instant::now());
        if recent.len() > 100_000 {
            // Bounded memory under a flood of addresses: forget the quiet ones.
            recent.retain(|_, t| t.back().is_some_and(|t| Some(*t) >= hour_ago));
        }
        true
    }

    fn csrf(&self, token: &str) -> String {
        let tag = ring::hmac::sign(&self.key, format!("preferences:{token}").as_bytes());
        tag.as_ref().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn csrf_ok(&self, token: &str, given: &str) -> bool {
        let Some(bytes) = hex(given) else {
            return false;
        };
        ring::hmac::verify(&self.key, format!("preferences:{token}").as_bytes(), &bytes).is_ok()
    }

    fn page(
        &self,
        status: StatusCode,
        template: &str,
        locale: &Locale,
        mut view: Value,
    ) -> Response {
        view["title"] = json!(self.project.schedule.title);
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
    fn message(&self, status: StatusCode, locale: &Locale, heading: &str, text: &str) -> Response {
        self.page(
            status,
            "web-message.html",
            locale,
            json!({ "heading": locale.label(heading, &[]), "text": locale.label(text, &[]) }),
        )
    }

    /// Mails the sign-up template to `to`: a confirmation link, or a preferences link for an
    /// address that already receives the guide.
    fn mail(
        &self,
        to: &str,
        name: &str,
        subject: &str,
        locale: &Locale,
        mut view: Value,
    ) -> Result<(), String> {
        view["lang"] = json!(locale.language.as_str());
        let body = self
            .renderer
            .template("email-signup.txt", &view)
            .map_err(|e| e.to_string())?;
        let to: Mailbox = to.parse().map_err(|e| format!("{e}"))?;
        let to = Mailbox::new((!name.is_empty()).then(|| name.to_string()), to.email);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
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
        // Only the exact secret token: an address in its place must find no one.
        Ok(self
            .store()
            .find(token)?
            .filter(|s| !token.is_empty() && s.token == token))
    }
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
fn offered_languages(project: &Project, settings: &ServeConfig) -> Result<Vec<Language>, Error> {
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
        let email = normalise_address(&self.email)
            .map_err(|_| Problem::new("web-problem-email", &self.email))?;
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
    if !form.website.is_empty() {
        return check_inbox(&app);
    }
    if !app.allow_signup(peer) {
        return app.message(
            StatusCode::TOO_MANY_REQUESTS,
            &locale,
            "web-try-later",
            "web-too-many",
        );
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
    let worker = app.clone();
    let mail_locale = locale.clone();
    let outcome = blocking(move || -> Result<(), String> {
        let locale = mail_locale;
        let now = chrono::Utc::now();
        let request =
            signups::request(&mut worker.store(), &new, now).map_err(|e| e.to_string())?;
        let title = &worker.project.schedule.title;
        let sent = match &request {
            Request::Confirm(token) => worker.mail(
                &new.email,
                &new.name,
                &locale.label("signup-subject-confirm", &[("title", title)]),
                &locale,
                json!({
                    "title": title, "name": new.name, "already": false,
                    "link": format!("{}confirm?token={token}", worker.public_url()),
                    "hours": worker.settings.confirm_hours,
                }),
            ),
            Request::AlreadySubscribed(s) => worker.mail(
                &s.email,
                &s.name,
                &locale.label("signup-subject-already", &[("title", title)]),
                &locale,
                json!({
                    "title": title, "name": s.name, "already": true,
                    "link": format!("{}preferences?token={}", worker.public_url(), s.token),
                }),
            ),
            Request::Quiet => Ok(()),
        };
        if let Err(e) = &sent {
            eprintln!("serve: could not send a sign-up email: {e}");
            let _ = signups::forget_mailing(&worker.store(), &new.email);
        }
        sent
    })
    .await;
    match outcome {
        Some(Ok(())) => check_inbox(&app),
        _ => app.message(
            StatusCode::SERVICE_UNAVAILABLE,
            &locale,
            "web-try-later",
            "web-mail-failed",
        ),
    }
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

/// RFC 8058 one-click (`List-Unsubscribe=One-Click` posted to the link) or the page's button.
pub async fn unsubscribe(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let token = if q.token.is_empty() {
        form.token
    } else {
        q.token
    };
    let one_click = form.list_unsubscribe == "One-Click";
    let worker = app.clone();
    let done = blocking(move || -> Result<Option<Subscriber>, Error> {
        match worker.subscriber_by_token(&token)? {
            Some(s) => worker.store().unsubscribe(&s.token),
            None => Ok(None),
        }
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
        _ => server_error(&app, &app.negotiate(&headers)),
    }
}

fn preferences_view(app: &App, s: &Subscriber, saved: bool) -> Value {
    json!({
        "token": s.token,
        "csrf": app.csrf(&s.token),
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
    if !app.csrf_ok(&form.token, &form.csrf) {
        return app.message(
            StatusCode::FORBIDDEN,
            &asked,
            "web-form-expired",
            "web-form-expired-text",
        );
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
        "leave" => {
            app.store().unsubscribe(&s.token)?;
            Ok(app.message(
                StatusCode::OK,
                &locale,
                "web-unsubscribed",
                "web-unsubscribed-text",
            ))
        }
        "erase" => {
            signups::erase(&mut app.store(), &s.token)?;
            Ok(app.message(StatusCode::OK, &locale, "web-erased", "web-erased-text"))
        }
        "export" => {
            let history: Vec<Value> = signups::history(&app.store(), s.id)?
                .into_iter()
                .map(|(edition, state, updated)| json!({ "edition": edition, "state": state, "updated": updated }))
                .collect();
            let mut subscriber = preferences_view(app, &s, false)["subscriber"].clone();
            subscriber["language_name"] = json!(locale.own_name());
            let view = json!({
                "title": app.project.schedule.title, "name": s.name, "export": true,
                "subscriber": subscriber,
                "history": history,
                "link": format!("{}preferences?token={}", app.public_url(), s.token),
            });
            let subject = locale.label(
                "signup-subject-export",
                &[("title", &app.project.schedule.title)],
            );
            Ok(match app.mail(&s.email, &s.name, &subject, &locale, view) {
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
                    app.store().upsert(&new, true)?;
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

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

/// The address the connection came from (set per connection by the server).
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
}

const SECRET_KEY: &str = "web-form-secret";

impl App {
    pub fn new(project: Project, settings: ServeConfig) -> Result<App, Error> {
        let email = &project.schedule.email;
        let renderer = Renderer::new(Some(&project.path(&project.schedule.templates)))?;
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
        })
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

    fn page(&self, status: StatusCode, template: &str, mut view: Value) -> Response {
        view["title"] = json!(self.project.schedule.title);
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

    fn message(&self, status: StatusCode, heading: &str, text: &str) -> Response {
        self.page(
            status,
            "web-message.html",
            json!({ "heading": heading, "text": text }),
        )
    }

    /// Mails the sign-up template to `to`: a confirmation link, or a preferences link for an
    /// address that already receives the guide.
    fn mail(&self, to: &str, name: &str, subject: &str, view: Value) -> Result<(), String> {
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
            .sender()
            .send(&message, &stem)
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

/// The address of the person, not of the proxy in front: a proxy on this machine passes it in
/// `X-Forwarded-For`.
fn client(peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    if !peer.is_loopback() {
        return peer;
    }
    headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer)
}

/// Runs blocking work (SQLite, SMTP) off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    embed: Option<String>,
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
    /// Left empty by people; filled by bots.
    website: String,
    embed: String,
}

impl SignupForm {
    fn parse(&self) -> Result<NewSubscriber, String> {
        let email = normalise_address(&self.email)?;
        if self.name.chars().count() > 100 {
            return Err("the name is longer than 100 characters".into());
        }
        if self.name.contains(['\r', '\n']) {
            return Err("the name must be on one line".into());
        }
        let cadence = match self.cadence.as_str() {
            "" | "daily" => Cadence::Daily,
            "weekly" => Cadence::Weekly,
            other => return Err(format!("`{other}` is not daily or weekly")),
        };
        let format = match self.format.as_str() {
            "" | "html" => MailFormat::Html,
            "text" => MailFormat::Text,
            other => return Err(format!("`{other}` is not html or text")),
        };
        let timezone = match self.timezone.trim() {
            "" => None,
            zone => Some(parse_zone(zone)?),
        };
        let hour = match self.hour.trim() {
            "" => None,
            hour => Some(parse_hour(hour)?),
        };
        Ok(NewSubscriber {
            language: None,
            email,
            name: clean_name(&self.name),
            cadence,
            format,
            timezone,
            hour,
        })
    }
}

fn form_view(app: &App, form: &SignupForm, error: Option<&str>) -> Value {
    json!({
        "form": {
            "email": form.email,
            "name": form.name,
            "cadence": if form.cadence.is_empty() { "daily" } else { &form.cadence },
            "format": if form.format.is_empty() { "html" } else { &form.format },
            "timezone": if form.timezone.is_empty() { app.project.schedule.timezone.name() } else { &form.timezone },
            "hour": if form.hour.is_empty() { app.project.schedule.email.send_hour.to_string() } else { form.hour.clone() },
        },
        "hours": (0..24).collect::<Vec<u8>>(),
        "error": error,
        "embed": !form.embed.is_empty(),
    })
}

pub async fn subscribe_form(State(app): State<Arc<App>>, Query(q): Query<TokenQuery>) -> Response {
    let form = SignupForm {
        embed: q.embed.unwrap_or_default(),
        ..SignupForm::default()
    };
    let mut response = app.page(
        StatusCode::OK,
        "web-subscribe.html",
        form_view(&app, &form, None),
    );
    // Churches embed the form in their own pages.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static("frame-ancestors *"),
    );
    response
}

pub async fn subscribe(
    State(app): State<Arc<App>>,
    Extension(Peer(peer)): Extension<Peer>,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Response {
    let check_inbox = |app: &App| {
        app.message(
            StatusCode::OK,
            "Check your inbox",
            "If the address can receive the guide, an email is on its way with a link to confirm. \
             Nothing is sent until you follow it.",
        )
    };
    if !form.website.is_empty() {
        return check_inbox(&app);
    }
    if !app.allow_signup(client(peer, &headers)) {
        return app.message(
            StatusCode::TOO_MANY_REQUESTS,
            "Please try again later",
            "There have been many sign-ups from your network in the last hour.",
        );
    }
    let new = match form.parse() {
        Ok(new) => new,
        Err(problem) => {
            return app.page(
                StatusCode::BAD_REQUEST,
                "web-subscribe.html",
                form_view(&app, &form, Some(&problem)),
            );
        }
    };
    let worker = app.clone();
    let outcome = blocking(move || -> Result<(), String> {
        let now = chrono::Utc::now();
        let request =
            signups::request(&mut worker.store(), &new, now).map_err(|e| e.to_string())?;
        let title = &worker.project.schedule.title;
        let sent = match &request {
            Request::Confirm(token) => worker.mail(
                &new.email,
                &new.name,
                &format!("Please confirm: {title}"),
                json!({
                    "title": title, "name": new.name, "already": false,
                    "link": format!("{}confirm?token={token}", worker.public_url()),
                    "hours": worker.settings.confirm_hours,
                }),
            ),
            Request::AlreadySubscribed(s) => worker.mail(
                &s.email,
                &s.name,
                &format!("You already receive {title}"),
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
            "Please try again later",
            "The confirmation email could not be sent just now. Nothing was saved.",
        ),
    }
}

pub async fn confirm_form(State(app): State<Arc<App>>, Query(q): Query<TokenQuery>) -> Response {
    // A button, not an action: mail scanners that open links must not confirm anyone.
    app.page(
        StatusCode::OK,
        "web-confirm.html",
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

pub async fn confirm(State(app): State<Arc<App>>, Form(form): Form<TokenForm>) -> Response {
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
        Some(Ok(Some(s))) => app.page(
            StatusCode::OK,
            "web-message.html",
            json!({
                "heading": "You are subscribed",
                "text": format!("{} will receive the {} guide.", s.email, s.cadence),
                "link": format!("preferences?token={}", s.token),
                "link_text": "Change your preferences",
            }),
        ),
        Some(Ok(None)) => app.message(
            StatusCode::GONE,
            "This link has expired or was already used",
            "Sign up again to receive a new link.",
        ),
        _ => server_error(&app),
    }
}

fn server_error(app: &App) -> Response {
    app.message(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "Please try again in a few minutes.",
    )
}

fn unknown_link(app: &App) -> Response {
    app.message(
        StatusCode::NOT_FOUND,
        "This link is not valid",
        "Use the link from your most recent email.",
    )
}

pub async fn unsubscribe_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
) -> Response {
    let worker = app.clone();
    match blocking(move || worker.subscriber_by_token(&q.token)).await {
        Some(Ok(Some(s))) if s.active => app.page(
            StatusCode::OK,
            "web-unsubscribe.html",
            json!({ "token": s.token, "email": s.email }),
        ),
        Some(Ok(Some(_))) => app.message(
            StatusCode::OK,
            "You are unsubscribed",
            "This address receives no more guides.",
        ),
        Some(Ok(None)) => unknown_link(&app),
        _ => server_error(&app),
    }
}

/// RFC 8058 one-click (`List-Unsubscribe=One-Click` posted to the link) or the page's button.
pub async fn unsubscribe(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
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
        Some(Ok(Some(s))) => app.page(
            StatusCode::OK,
            "web-message.html",
            json!({
                "heading": "You are unsubscribed",
                "text": format!("{} receives no more guides. Changed your mind? You can sign up again at any time.", s.email),
                "link": "subscribe",
                "link_text": "Sign up again",
            }),
        ),
        Some(Ok(None)) if one_click => (StatusCode::NOT_FOUND, "no such subscriber\n").into_response(),
        Some(Ok(None)) => unknown_link(&app),
        _ => server_error(&app),
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
        },
        "hours": (0..24).collect::<Vec<u8>>(),
    })
}

pub async fn preferences_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
) -> Response {
    let worker = app.clone();
    match blocking(move || worker.subscriber_by_token(&q.token)).await {
        Some(Ok(Some(s))) => app.page(
            StatusCode::OK,
            "web-preferences.html",
            preferences_view(&app, &s, false),
        ),
        Some(Ok(None)) => unknown_link(&app),
        _ => server_error(&app),
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
}

pub async fn preferences(
    State(app): State<Arc<App>>,
    Form(form): Form<PreferencesForm>,
) -> Response {
    if !app.csrf_ok(&form.token, &form.csrf) {
        return app.message(
            StatusCode::FORBIDDEN,
            "This form has expired",
            "Open the preferences link in your most recent email again.",
        );
    }
    let worker = app.clone();
    let outcome = blocking(move || preference_action(&worker, form)).await;
    match outcome {
        Some(Ok(response)) => response,
        Some(Err(e)) => {
            eprintln!("serve: {e}");
            server_error(&app)
        }
        None => server_error(&app),
    }
}

fn preference_action(app: &App, form: PreferencesForm) -> Result<Response, Error> {
    let Some(s) = app.subscriber_by_token(&form.token)? else {
        return Ok(unknown_link(app));
    };
    match form.action.as_str() {
        "leave" => {
            app.store().unsubscribe(&s.token)?;
            Ok(app.message(
                StatusCode::OK,
                "You are unsubscribed",
                "This address receives no more guides.",
            ))
        }
        "erase" => {
            signups::erase(&mut app.store(), &s.token)?;
            Ok(app.message(
                StatusCode::OK,
                "Your data is erased",
                "Your address and name are deleted; the guide will not be sent to you again.",
            ))
        }
        "export" => {
            let history: Vec<Value> = signups::history(&app.store(), s.id)?
                .into_iter()
                .map(|(edition, state, updated)| json!({ "edition": edition, "state": state, "updated": updated }))
                .collect();
            let view = json!({
                "title": app.project.schedule.title, "name": s.name, "export": true,
                "subscriber": preferences_view(app, &s, false)["subscriber"],
                "history": history,
                "link": format!("{}preferences?token={}", app.public_url(), s.token),
            });
            let subject = format!("Your data: {}", app.project.schedule.title);
            Ok(match app.mail(&s.email, &s.name, &subject, view) {
                Ok(()) => app.message(
                    StatusCode::OK,
                    "On its way",
                    "An email with everything we keep about you is on its way to your address.",
                ),
                Err(e) => {
                    eprintln!("serve: could not send a data export: {e}");
                    app.message(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "Please try again later",
                        "The email could not be sent just now.",
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
                ..SignupForm::default()
            };
            match asked.parse() {
                Ok(new) => {
                    app.store().upsert(&new, true)?;
                    let updated = app.subscriber_by_token(&s.token)?.unwrap_or(s);
                    Ok(app.page(
                        StatusCode::OK,
                        "web-preferences.html",
                        preferences_view(app, &updated, true),
                    ))
                }
                Err(problem) => {
                    let mut view = preferences_view(app, &s, false);
                    view["error"] = json!(problem);
                    Ok(app.page(StatusCode::BAD_REQUEST, "web-preferences.html", view))
                }
            }
        }
    }
}

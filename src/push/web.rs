//! The reminders' side of `serve`: `GET /push/key` (the VAPID public key, the default hour and
//! the languages offered, for the page's script), `POST /push/subscribe` and
//! `POST /push/unsubscribe` (the browser's `PushSubscription` as JSON). Nothing about the
//! reader's network is stored: the hourly limit counts in memory, as sign-ups do.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::content::project::Project;
use crate::content::serve_config::ServeConfig;
use crate::error::Error;
use crate::push::keys::VapidKey;
use crate::push::store::PushStore;
use crate::push::subscription::Request;
use crate::web::limits::{self, Hourly};
use crate::web::pages::Peer;

/// What the reminders' handlers share.
pub struct PushWeb {
    public_key: String,
    default_hour: u8,
    languages: Vec<String>,
    store: Mutex<PushStore>,
    per_network: Hourly<IpAddr>,
}

impl PushWeb {
    /// The handlers' state when schedule.toml has `[push]`; `None` without it. The key is
    /// read now, so a missing or broken key stops `serve` at the start with the reason.
    pub fn new(project: &Project, settings: &ServeConfig) -> Result<Option<PushWeb>, Error> {
        let Some(config) = &project.schedule.push else {
            return Ok(None);
        };
        let source = match &config.key_file {
            Some(file) => project.path(file).display().to_string(),
            None => "the environment variable named by push.key_env".into(),
        };
        let pem = config.key_pem(&project.root).map_err(Error::Usage)?;
        let key = VapidKey::from_pem(&pem, &source).map_err(Error::Usage)?;
        let languages = crate::web::pages::offered_languages(project, settings)?
            .into_iter()
            .map(|l| l.to_string())
            .collect();
        Ok(Some(PushWeb {
            public_key: key.public_base64(),
            default_hour: config.hour.unwrap_or(project.schedule.email.send_hour),
            languages,
            store: Mutex::new(PushStore::open(&crate::push::send::database(project))?),
            per_network: Hourly::new(config.subscriptions_per_hour),
        }))
    }
}

fn answer(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn refuse(status: StatusCode, why: &str) -> Response {
    answer(status, json!({ "error": why }))
}

/// `GET /push/key`.
pub async fn key(State(push): State<Arc<PushWeb>>) -> Response {
    answer(
        StatusCode::OK,
        json!({
            "key": push.public_key,
            "hour": push.default_hour,
            "languages": push.languages,
        }),
    )
}

/// The checks both posts share: the limit, the content type, the JSON.
fn read(
    push: &PushWeb,
    peer: Option<Extension<Peer>>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Request, Response> {
    if let Some(Extension(Peer(ip))) = peer {
        let network = limits::network(ip);
        let now = Instant::now();
        if push.per_network.full(&network, now) {
            return Err(refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "too many reminder changes from your network in the last hour; try later",
            ));
        }
        push.per_network.count(network, now);
    }
    // A cross-site form cannot send this type without the browser asking first (CORS), so
    // another site cannot subscribe or unsubscribe a reader's browser.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim() == "application/json")
        });
    if !json {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the subscription as application/json",
        ));
    }
    serde_json::from_slice::<Request>(body)
        .map_err(|e| refuse(StatusCode::BAD_REQUEST, &format!("not a subscription: {e}")))
}

/// `POST /push/subscribe`: `{"subscription": PushSubscription, "hour": 7, "language": "en"}`.
pub async fn subscribe(
    State(push): State<Arc<PushWeb>>,
    peer: Option<Extension<Peer>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = match read(&push, peer, &headers, &body) {
        Ok(r) => r,
        Err(refused) => return refused,
    };
    let subscription = match request.subscription.validate() {
        Ok(s) => s,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, &why),
    };
    let hour = request.hour.unwrap_or(push.default_hour);
    if hour > 23 {
        return refuse(StatusCode::BAD_REQUEST, "the hour is not between 0 and 23");
    }
    let language = match request.language {
        None => push.languages[0].clone(),
        Some(l) if push.languages.contains(&l) => l,
        Some(_) => return refuse(StatusCode::BAD_REQUEST, "that language is not offered"),
    };
    let worker = push.clone();
    let saved = tokio::task::spawn_blocking(move || {
        let store = worker.store.lock().unwrap_or_else(|p| p.into_inner());
        store.subscribe(&subscription, hour, &language)
    })
    .await;
    match saved {
        Ok(Ok(_)) => answer(StatusCode::OK, json!({ "subscribed": true, "hour": hour })),
        Ok(Err(e)) => {
            eprintln!("serve: could not save a reminder subscription: {e}");
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "the reminder could not be saved; nothing changed. Please try again later",
            )
        }
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"),
    }
}

/// `POST /push/unsubscribe`: `{"subscription": PushSubscription}`; the endpoint and its auth
/// secret must both match.
pub async fn unsubscribe(
    State(push): State<Arc<PushWeb>>,
    peer: Option<Extension<Peer>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = match read(&push, peer, &headers, &body) {
        Ok(r) => r,
        Err(refused) => return refused,
    };
    let subscription = match request.subscription.validate() {
        Ok(s) => s,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, &why),
    };
    let worker = push.clone();
    let removed = tokio::task::spawn_blocking(move || {
        let store = worker.store.lock().unwrap_or_else(|p| p.into_inner());
        store.unsubscribe(&subscription)
    })
    .await;
    match removed {
        Ok(Ok(found)) => answer(StatusCode::OK, json!({ "unsubscribed": found })),
        Ok(Err(e)) => {
            eprintln!("serve: could not remove a reminder subscription: {e}");
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "the reminder could not be removed; please try again later",
            )
        }
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"),
    }
}

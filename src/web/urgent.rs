//! `/urgent`: the link in every alert email, which stops urgent requests for its subscriber
//! and leaves their digest alone. A `GET` (a person, or a mail scanner opening the link) only
//! shows a button; a `POST` (the button, or RFC 8058's one-click from the mail client) stops
//! them.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::pages::{App, TokenQuery, blocking, by_token, form_field, server_error, unknown_link};

/// The page with the button; says so at once if they already get no urgent requests.
pub async fn stop_form(
    State(app): State<Arc<App>>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
) -> Response {
    let worker = app.clone();
    match blocking(move || worker.subscriber_by_token(&q.token)).await {
        Some(Ok(Some(s))) if s.urgent => app.page(
            StatusCode::OK,
            "web-urgent.html",
            &app.locale_of(&s),
            json!({ "token": s.token, "email": s.email }),
        ),
        Some(Ok(Some(s))) => stopped_page(&app, &s),
        Some(Ok(None)) => unknown_link(&app, &app.negotiate(&headers)),
        _ => server_error(&app, &app.negotiate(&headers)),
    }
}

/// Any `POST` to the link turns urgent requests off, whatever its body (as `/unsubscribe`).
pub async fn stop(
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
        worker.save("a stop of urgent requests", |store| {
            match by_token(store, &token)? {
                Some(s) => store.set_urgent(&s.token, false),
                None => Ok(None),
            }
        })
    })
    .await;
    match done {
        Some(Ok(Some(_))) if one_click => {
            (StatusCode::OK, "urgent requests stopped\n").into_response()
        }
        Some(Ok(Some(s))) => stopped_page(&app, &s),
        Some(Ok(None)) if one_click => {
            (StatusCode::NOT_FOUND, "no such subscriber\n").into_response()
        }
        Some(Ok(None)) => unknown_link(&app, &app.negotiate(&headers)),
        _ if one_click => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the change could not be saved; nothing changed; try again in a few minutes\n",
        )
            .into_response(),
        _ => app.message(
            StatusCode::SERVICE_UNAVAILABLE,
            &app.negotiate(&headers),
            "web-try-later",
            "web-urgent-not-saved",
        ),
    }
}

fn stopped_page(app: &App, s: &crate::mail::subscribers::Subscriber) -> Response {
    let locale = app.locale_of(s);
    app.page(
        StatusCode::OK,
        "web-message.html",
        &locale,
        json!({
            "heading": locale.label("web-urgent-stopped", &[]),
            "text": locale.label("web-urgent-stopped-text", &[("email", &s.email)]),
            "link": format!("preferences?token={}", s.token),
            "link_text": locale.label("web-change-preferences", &[]),
        }),
    )
}

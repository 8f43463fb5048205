//! The output folder as static files: regular files inside it, and nothing else.
//!
//! A request's path is decoded, refused if any part of it starts with a dot (`.git`, `.env`,
//! the program's own `.prayer-guide-*` files), then resolved on disk with symbolic links
//! followed. What is served is the file it resolves to, and only if that is a regular file
//! inside the output folder whose own path has no dotted part either: a link that leads out of
//! the folder (to the database, to `/etc/passwd`) is not found, a link to another page of the
//! site is served.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt as _;
use tower_http::services::ServeFile;

/// The output folder, as configured (it may not exist yet, or be replaced while serving).
#[derive(Debug, Clone)]
pub struct Folder(pub Arc<PathBuf>);

/// Answers a request for a file of the output folder: the file, a redirect from a folder to
/// its `/`, or 404.
pub async fn serve(State(Folder(folder)): State<Folder>, request: Request) -> Response {
    let Some(relative) = relative_path(request.uri().path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let as_folder = request.uri().path().ends_with('/');
    match locate(&folder, &relative, as_folder).await {
        Some(Found::File(path)) => match ServeFile::new(path).oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        },
        Some(Found::Folder) => {
            // `/es` → `/es/`, so the index page's relative links resolve inside the folder.
            let mut location = format!("{}/", request.uri().path());
            if let Some(query) = request.uri().query() {
                location = format!("{location}?{query}");
            }
            match HeaderValue::try_from(location) {
                Ok(value) => {
                    (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, value)]).into_response()
                }
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            }
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The path of a request, percent-decoded, as a relative path of plain names; `None` when a
/// part is `..`, starts with a dot, or holds what no file name of the site holds.
fn relative_path(uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(uri_path)?;
    let mut out = PathBuf::new();
    for part in decoded.split('/') {
        if part.is_empty() {
            continue;
        }
        if part.starts_with('.') || part.contains(['\\', '\0']) {
            return None;
        }
        out.push(part);
    }
    // Only plain names: a part that the platform reads as a root or a prefix is refused too.
    out.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(out)
}

/// What a request's path leads to.
enum Found {
    /// A regular file inside the folder, by its real path.
    File(PathBuf),
    /// A folder with an `index.html`, asked for without its `/`.
    Folder,
}

/// Resolves `relative` inside `folder`: a folder asked for with `/` means its `index.html`.
async fn locate(folder: &Path, relative: &Path, as_folder: bool) -> Option<Found> {
    let root = tokio::fs::canonicalize(folder).await.ok()?;
    let wanted = tokio::fs::canonicalize(root.join(relative)).await.ok()?;
    let inside = |real: &Path| {
        real.strip_prefix(&root).is_ok_and(|rest| {
            rest.components().all(
                |c| matches!(c, Component::Normal(name) if !name.to_string_lossy().starts_with('.')),
            )
        })
    };
    if !inside(&wanted) {
        return None;
    }
    let metadata = tokio::fs::metadata(&wanted).await.ok()?;
    if metadata.is_file() {
        return Some(Found::File(wanted));
    }
    if !metadata.is_dir() {
        return None;
    }
    let index = tokio::fs::canonicalize(wanted.join("index.html"))
        .await
        .ok()?;
    if !inside(&index) || !tokio::fs::metadata(&index).await.ok()?.is_file() {
        return None;
    }
    Some(if as_folder {
        Found::File(index)
    } else {
        Found::Folder
    })
}

/// `%XX` escapes decoded; `None` for a broken escape or a result that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dotted_and_climbing_paths() {
        for bad in [
            "/.git/config",
            "/.env",
            "/%2egit/config",
            "/%2Eenv",
            "/days/../.env",
            "/a/..",
            "/a%2f..%2f..%2fetc/passwd",
            "/a%5c..",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn decodes_plain_names() {
        assert_eq!(relative_path("/"), Some(PathBuf::new()));
        assert_eq!(
            relative_path("/days/2026-11-23.html"),
            Some(PathBuf::from("days/2026-11-23.html"))
        );
        assert_eq!(
            relative_path("/es/d%C3%ADa.html"),
            Some(PathBuf::from("es/día.html"))
        );
    }
}

//! Fetching a letter's page or a ministry's feed over HTTP: http and https only, a total timeout,
//! a cap on the body read into memory, and errors that name the address and say what to try.

use std::fmt;
use std::io::Read as _;
use std::time::Duration;

use ureq::ResponseExt as _;
use url::Url;

/// The whole exchange (name lookup, connection, redirects, body) must finish within this.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
/// Bigger than any letter's page or feed; a body past it is refused.
pub const DEFAULT_MAX_BYTES: u64 = 5 * 1024 * 1024;
/// Redirects followed before giving up (ureq's own default, stated here).
pub const MAX_REDIRECTS: u32 = 10;
/// Says who is asking, so a ministry's web host can tell the tool from a browser.
pub const DEFAULT_USER_AGENT: &str =
    concat!("prayer-guide/", env!("CARGO_PKG_VERSION"), " (+import)");

const ACCEPT: &str = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, \
                      application/feed+json, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5";

/// Fetches pages, one blocking request at a time, reusing connections to the same host.
#[derive(Debug, Clone)]
pub struct Fetcher {
    timeout: Duration,
    max_bytes: u64,
    user_agent: String,
    agent: ureq::Agent,
}

/// A fetched body, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address the body came from, after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    /// The media type of `Content-Type`, lowercase, without parameters (`text/html`).
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, lowercase (`windows-1252`).
    pub charset: Option<String>,
}

/// A fetch that failed: the address and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The address asked for (not where a redirect led).
    pub url: String,
    pub kind: FetchErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// Not an http or https address; the scheme when it has one.
    NotHttp {
        scheme: Option<String>,
    },
    /// The server answered with this status (4xx, 5xx, or a 1xx/3xx that is not a page).
    Status(u16),
    /// The body is bigger than the cap.
    TooLarge {
        max_bytes: u64,
    },
    /// The exchange did not finish within the timeout.
    Timeout(Duration),
    HostNotFound,
    /// The connection was refused, reset or broken.
    Connection(String),
    TooManyRedirects,
    Tls(String),
    Other(String),
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new()
    }
}

impl Fetcher {
    /// A fetcher with the defaults: 20 s in all, 5 MiB at most, prayer-guide's user agent.
    pub fn new() -> Self {
        Self::with(
            DEFAULT_TIMEOUT,
            DEFAULT_MAX_BYTES,
            DEFAULT_USER_AGENT.to_string(),
        )
    }

    /// The same fetcher with another total timeout.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self::with(timeout, self.max_bytes, self.user_agent)
    }

    /// The same fetcher with another cap on a body's size, in bytes.
    pub fn with_max_bytes(self, max_bytes: u64) -> Self {
        Self::with(self.timeout, max_bytes, self.user_agent)
    }

    /// The same fetcher with another `User-Agent`.
    pub fn with_user_agent(self, user_agent: impl Into<String>) -> Self {
        Self::with(self.timeout, self.max_bytes, user_agent.into())
    }

    fn with(timeout: Duration, max_bytes: u64, user_agent: String) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(user_agent.as_str())
            .accept(ACCEPT)
            // A 404 is an answer to report with its status, not a transport error.
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher {
            timeout,
            max_bytes,
            user_agent,
            agent,
        }
    }

    /// The total timeout of one `get`.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The largest body `get` accepts, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// GETs `url` and reads its body, following redirects.
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let fail = |kind| FetchError {
            url: url.to_string(),
            kind,
        };
        let parsed = Url::parse(url).map_err(|_| fail(FetchErrorKind::NotHttp { scheme: None }))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(fail(FetchErrorKind::NotHttp {
                scheme: Some(parsed.scheme().to_string()),
            }));
        }
        let response = self
            .agent
            .get(parsed.as_str())
            .call()
            .map_err(|e| fail(self.kind_of(e)))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(fail(FetchErrorKind::Status(status)));
        }
        let final_url = response.get_uri().to_string();
        let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok());
        let (content_type, charset) = header("content-type").map(media_type).unwrap_or_default();
        // Refused before reading when the server says; counted while reading when it does not.
        if header("content-length")
            .and_then(|n| n.trim().parse::<u64>().ok())
            .is_some_and(|n| n > self.max_bytes)
        {
            return Err(fail(FetchErrorKind::TooLarge {
                max_bytes: self.max_bytes,
            }));
        }
        let mut bytes = Vec::new();
        response
            .into_body()
            .into_reader()
            .take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| fail(self.kind_of_read(e)))?;
        if bytes.len() as u64 > self.max_bytes {
            return Err(fail(FetchErrorKind::TooLarge {
                max_bytes: self.max_bytes,
            }));
        }
        Ok(Fetched {
            url: final_url,
            bytes,
            content_type,
            charset,
        })
    }

    /// ureq's body reader carries its own error (a timeout, say) inside the `io::Error`.
    fn kind_of_read(&self, error: std::io::Error) -> FetchErrorKind {
        let (kind, text) = (error.kind(), error.to_string());
        match error
            .into_inner()
            .map(|inner| inner.downcast::<ureq::Error>())
        {
            Some(Ok(inner)) => match self.kind_of(*inner) {
                FetchErrorKind::Connection(why) => {
                    FetchErrorKind::Connection(format!("the body was cut off: {why}"))
                }
                other => other,
            },
            _ if kind == std::io::ErrorKind::TimedOut => FetchErrorKind::Timeout(self.timeout),
            _ => FetchErrorKind::Connection(format!("the body was cut off: {text}")),
        }
    }

    fn kind_of(&self, error: ureq::Error) -> FetchErrorKind {
        match error {
            ureq::Error::Timeout(_) => FetchErrorKind::Timeout(self.timeout),
            ureq::Error::HostNotFound => FetchErrorKind::HostNotFound,
            ureq::Error::TooManyRedirects => FetchErrorKind::TooManyRedirects,
            ureq::Error::StatusCode(status) => FetchErrorKind::Status(status),
            ureq::Error::ConnectionFailed => {
                FetchErrorKind::Connection("the connection failed".to_string())
            }
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                FetchErrorKind::Timeout(self.timeout)
            }
            // rustls reports a failed handshake or certificate as invalid data on the socket;
            // plain HTTP's own errors come as `Protocol`.
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                FetchErrorKind::Tls(e.to_string())
            }
            ureq::Error::Io(e) => FetchErrorKind::Connection(e.to_string()),
            ureq::Error::BadUri(_) => FetchErrorKind::NotHttp { scheme: None },
            e @ (ureq::Error::Tls(_)
            | ureq::Error::Rustls(_)
            | ureq::Error::Pem(_)
            | ureq::Error::TlsRequired) => FetchErrorKind::Tls(e.to_string()),
            e => FetchErrorKind::Other(e.to_string()),
        }
    }
}

/// `text/html; charset="Windows-1252"` → (`text/html`, `windows-1252`).
fn media_type(header: &str) -> (Option<String>, Option<String>) {
    let mut parts = header.split(';');
    let essence = parts
        .next()
        .map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty());
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, value)| value.trim().trim_matches('"').trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty());
    (essence, charset)
}

impl FetchError {
    /// What happened, naming the address.
    pub fn message(&self) -> String {
        let url = &self.url;
        match &self.kind {
            FetchErrorKind::NotHttp {
                scheme: Some(scheme),
            } => {
                format!("{url} is a {scheme}: address; only http and https pages can be fetched")
            }
            FetchErrorKind::NotHttp { scheme: None } => format!("{url} is not a web address"),
            FetchErrorKind::Status(status) => {
                let reason = ureq::http::StatusCode::from_u16(*status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .map(|r| format!(" {r}"))
                    .unwrap_or_default();
                format!("could not fetch {url}: the server answered {status}{reason}")
            }
            FetchErrorKind::TooLarge { max_bytes } => {
                format!(
                    "could not fetch {url}: it is larger than {}",
                    size(*max_bytes)
                )
            }
            FetchErrorKind::Timeout(timeout) => {
                format!(
                    "could not fetch {url}: no complete answer within {} s",
                    timeout.as_secs_f64()
                )
            }
            FetchErrorKind::HostNotFound => {
                format!("could not fetch {url}: its host name was not found")
            }
            FetchErrorKind::Connection(why) => format!("could not fetch {url}: {why}"),
            FetchErrorKind::TooManyRedirects => {
                format!("could not fetch {url}: more than {MAX_REDIRECTS} redirects")
            }
            FetchErrorKind::Tls(why) => {
                format!("could not fetch {url}: the secure connection failed: {why}")
            }
            FetchErrorKind::Other(why) => format!("could not fetch {url}: {why}"),
        }
    }

    /// What to try.
    pub fn help(&self) -> String {
        use FetchErrorKind as K;
        let (advice, or_save) = match &self.kind {
            K::NotHttp { .. } => (
                "give an address starting with https:// or http://, or the path of a saved file",
                false,
            ),
            K::Status(401 | 403) => ("the page needs a login or refuses programs", true),
            K::Status(404 | 410) => (
                "check the address; the letter may have moved (the feed or the ministry's site \
                 will have its new address)",
                false,
            ),
            K::Status(429) => ("the server asks for fewer requests; try again later", false),
            K::Status(500..) => ("the server failed; try again later", true),
            K::Status(_) => ("check the address in a browser", true),
            K::TooLarge { .. } => (
                "a letter's page is much smaller than that; check the address is a page or a feed",
                true,
            ),
            K::Timeout(_) => ("the server is slow or unreachable; try again later", true),
            K::HostNotFound => (
                "check the address for typing mistakes, and that this computer is online",
                false,
            ),
            K::Connection(_) => (
                "check that this computer is online and the site is up; try again later",
                true,
            ),
            K::TooManyRedirects => ("the site redirects in a loop", true),
            K::Tls(_) => (
                "the site's certificate was refused, or the site does not speak https",
                true,
            ),
            K::Other(_) => ("try again later", true),
        };
        if or_save {
            format!("{advice}; or open it in a browser, save the page, and import the file")
        } else {
            advice.to_string()
        }
    }

    /// As the `(message, help)` pair the import report prints.
    pub fn into_problem(self) -> (String, String) {
        (self.message(), self.help())
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  help: {}", self.message(), self.help())
    }
}

impl std::error::Error for FetchError {}

/// `5242880` → `5 MiB`; `1000` → `1000 bytes`.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use axum::Router;
    use axum::body::Body;
    use axum::http::{HeaderMap, StatusCode, header};
    use axum::response::{IntoResponse, Redirect};
    use axum::routing::get;

    use super::*;

    const HUGE: usize = 64 * 1024;

    /// A real HTTP server on 127.0.0.1, on its own thread and runtime, for the rest of the test
    /// process.
    fn server() -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, routes()).await.unwrap();
            });
        });
        addr
    }

    fn routes() -> Router {
        Router::new()
            .route(
                "/letter",
                get(|| async {
                    (
                        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                        "<p>Pray for Laos.</p>",
                    )
                }),
            )
            .route("/moved", get(|| async { Redirect::to("/letter") }))
            .route("/loop", get(|| async { Redirect::to("/loop") }))
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(10)).await;
                    "too late"
                }),
            )
            .route(
                "/slow-body",
                get(|| async {
                    use futures_util::StreamExt as _;
                    let start =
                        futures_util::stream::iter([Ok::<_, std::io::Error>(b"<p>".to_vec())]);
                    let stall = futures_util::stream::once(async {
                        tokio::time::sleep(Duration::from_secs(10)).await;
                        Ok(b"too late</p>".to_vec())
                    });
                    Body::from_stream(start.chain(stall))
                }),
            )
            .route("/huge", get(|| async { vec![b'a'; HUGE] }))
            .route(
                "/huge-chunked",
                get(|| async {
                    let chunks =
                        (0..HUGE / 1024).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 1024]));
                    Body::from_stream(futures_util::stream::iter(chunks))
                }),
            )
            .route(
                "/latin",
                get(|| async {
                    let mut headers = HeaderMap::new();
                    headers.insert(
                        header::CONTENT_TYPE,
                        "text/html; charset=windows-1252".parse().unwrap(),
                    );
                    (headers, b"<p>Pri\xe8re pour le S\xe9n\xe9gal</p>".to_vec())
                }),
            )
            .route(
                "/agent",
                get(|headers: HeaderMap| async move {
                    headers
                        .get(header::USER_AGENT)
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .to_string()
                }),
            )
            .fallback(|| async { (StatusCode::NOT_FOUND, "no such page").into_response() })
    }

    #[test]
    fn fetches_a_page_with_its_type() {
        let addr = server();
        let got = Fetcher::new()
            .get(&format!("http://{addr}/letter"))
            .unwrap();
        assert_eq!(got.url, format!("http://{addr}/letter"));
        assert_eq!(got.bytes, b"<p>Pray for Laos.</p>");
        assert_eq!(got.content_type.as_deref(), Some("text/html"));
        assert_eq!(got.charset.as_deref(), Some("utf-8"));
    }

    #[test]
    fn follows_a_redirect_and_gives_the_final_address() {
        let addr = server();
        let got = Fetcher::new().get(&format!("http://{addr}/moved")).unwrap();
        assert_eq!(got.url, format!("http://{addr}/letter"));
        assert_eq!(got.bytes, b"<p>Pray for Laos.</p>");
    }

    #[test]
    fn a_redirect_loop_is_an_error() {
        let addr = server();
        let err = Fetcher::new()
            .get(&format!("http://{addr}/loop"))
            .unwrap_err();
        assert_eq!(err.kind, FetchErrorKind::TooManyRedirects);
        assert_eq!(err.url, format!("http://{addr}/loop"));
    }

    #[test]
    fn a_404_is_an_error_with_the_status() {
        let addr = server();
        let url = format!("http://{addr}/gone");
        let err = Fetcher::new().get(&url).unwrap_err();
        assert_eq!(err.kind, FetchErrorKind::Status(404));
        assert_eq!(
            err.message(),
            format!("could not fetch {url}: the server answered 404 Not Found")
        );
        assert!(err.help().contains("may have moved"), "{err}");
    }

    #[test]
    fn a_slow_server_is_a_timeout() {
        let addr = server();
        let fetcher = Fetcher::new().with_timeout(Duration::from_millis(300));
        let url = format!("http://{addr}/slow");
        let err = fetcher.get(&url).unwrap_err();
        assert_eq!(
            err.kind,
            FetchErrorKind::Timeout(Duration::from_millis(300))
        );
        assert_eq!(
            err.message(),
            format!("could not fetch {url}: no complete answer within 0.3 s")
        );
        // The headers came in time, the rest of the body did not.
        let err = fetcher
            .get(&format!("http://{addr}/slow-body"))
            .unwrap_err();
        assert_eq!(
            err.kind,
            FetchErrorKind::Timeout(Duration::from_millis(300)),
            "{err:?}"
        );
    }

    #[test]
    fn a_body_past_the_cap_is_an_error_that_says_the_cap() {
        let addr = server();
        let fetcher = Fetcher::new().with_max_bytes(8 * 1024);
        for path in ["huge", "huge-chunked"] {
            let url = format!("http://{addr}/{path}");
            let err = fetcher.get(&url).unwrap_err();
            assert_eq!(
                err.kind,
                FetchErrorKind::TooLarge {
                    max_bytes: 8 * 1024
                },
                "{path}"
            );
            assert_eq!(
                err.message(),
                format!("could not fetch {url}: it is larger than 8 KiB")
            );
        }
        let exact = Fetcher::new().with_max_bytes(HUGE as u64);
        assert_eq!(
            exact
                .get(&format!("http://{addr}/huge-chunked"))
                .unwrap()
                .bytes
                .len(),
            HUGE
        );
    }

    #[test]
    fn keeps_the_charset_and_the_bytes_as_sent() {
        let addr = server();
        let got = Fetcher::new().get(&format!("http://{addr}/latin")).unwrap();
        assert_eq!(got.content_type.as_deref(), Some("text/html"));
        assert_eq!(got.charset.as_deref(), Some("windows-1252"));
        assert_eq!(got.bytes, b"<p>Pri\xe8re pour le S\xe9n\xe9gal</p>");
    }

    #[test]
    fn says_who_is_asking() {
        let addr = server();
        let got = Fetcher::new().get(&format!("http://{addr}/agent")).unwrap();
        assert_eq!(String::from_utf8(got.bytes).unwrap(), DEFAULT_USER_AGENT);
        assert!(
            DEFAULT_USER_AGENT.starts_with("prayer-guide/0."),
            "{DEFAULT_USER_AGENT}"
        );
    }

    #[test]
    fn only_http_and_https() {
        let fetcher = Fetcher::new();
        let err = fetcher.get("file:///etc/passwd").unwrap_err();
        assert_eq!(
            err.kind,
            FetchErrorKind::NotHttp {
                scheme: Some("file".to_string())
            }
        );
        assert_eq!(
            err.to_string(),
            "file:///etc/passwd is a file: address; only http and https pages can be fetched\n  \
             help: give an address starting with https:// or http://, or the path of a saved file"
        );
        let err = fetcher.get("letters/laos.html").unwrap_err();
        assert_eq!(err.message(), "letters/laos.html is not a web address");
    }

    #[test]
    fn a_closed_port_is_a_connection_error_naming_the_address() {
        // Bound and dropped: nothing listens there now.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let url = format!("http://{addr}/letter");
        let err = Fetcher::new().get(&url).unwrap_err();
        assert!(matches!(err.kind, FetchErrorKind::Connection(_)), "{err:?}");
        assert!(
            err.message()
                .starts_with(&format!("could not fetch {url}: ")),
            "{err}"
        );
    }

    #[test]
    fn https_to_a_plain_http_server_is_a_tls_error() {
        // Exercises the TLS stack (rustls on ring) without the internet: the handshake fails.
        let addr = server();
        let url = format!("https://{addr}/letter");
        let err = Fetcher::new().get(&url).unwrap_err();
        assert!(matches!(err.kind, FetchErrorKind::Tls(_)), "{err:?}");
        assert!(err.help().contains("certificate"), "{err}");
    }

    #[test]
    fn reads_content_type_parameters() {
        assert_eq!(
            media_type("Text/HTML ; Charset=\"Windows-1252\""),
            (
                Some("text/html".to_string()),
                Some("windows-1252".to_string())
            )
        );
        assert_eq!(
            media_type("application/rss+xml"),
            (Some("application/rss+xml".to_string()), None)
        );
        assert_eq!(media_type(""), (None, None));
    }
}

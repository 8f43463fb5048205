//! The HTTP server: a tokio runtime, hyper connections with timeouts, an axum router, and a
//! clean stop on SIGTERM or Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler as _;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::content::project::Project;
use crate::content::serve_config::{Network, ServeConfig};
use crate::error::Error;
use crate::mail::service::Clock;
use crate::web::clients::{self, ConnectionCounts};
use crate::web::files;
use crate::web::pages::{self, App};
use crate::web::prayers;

/// How `serve` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `[serve] listen`.
    pub listen: Option<SocketAddr>,
    /// Also run the sending service (`run`) in this process.
    pub with_scheduler: bool,
    /// Where the sending service's clock starts (tests and rehearsals); `None`: the system's.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// A whole request, body and answer included, gets this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Form posts are small; anything larger is refused before it is read.
const BODY_LIMIT: usize = 16 * 1024;
/// Connections served at once; more wait in the kernel's queue. One address holds at most
/// `[serve] connections_per_address` of them, so no one can take them all.
const MAX_CONNECTIONS: usize = 512;

/// Serves until `stop` is set; prints `listening on http://ADDRESS` on standard output first.
pub fn serve(config: &Path, options: &Options, stop: &'static AtomicBool) -> Result<(), Error> {
    let project = Project::load(config)?;
    // A published guide whose file is gone stops the server before it answers anyone.
    let outputs = [project.path(&project.schedule.output.dir)];
    crate::publish::ledger::require_guides(
        &project,
        &crate::publish::ledger::load(&project, &outputs, false)?,
    )?;
    let settings = project.schedule.serve.clone().ok_or_else(|| {
        Error::Usage(format!(
            "{} has no [serve] table: add one (see the manual, docs/src/serve.md)",
            config.display()
        ))
    })?;
    project
        .schedule
        .email
        .require_for_sending(false)
        .map_err(Error::Usage)?;
    let listen = match options.listen {
        Some(a) => a,
        None => settings.listen.parse().map_err(|_| {
            Error::Usage(format!(
                "[serve] listen `{}` is not an address",
                settings.listen
            ))
        })?,
    };
    let public = project.path(&project.schedule.output.dir);
    let site = Site::new(public, &settings);
    let push = crate::push::web::PushWeb::new(&project, &settings)?.map(Arc::new);
    let app = Arc::new(App::new(project, settings)?);

    let scheduler = options.with_scheduler.then(|| {
        let config = config.to_path_buf();
        let clock = options.now.map_or(Clock::system(), Clock::starting_at);
        std::thread::spawn(move || {
            // Reminders by Web Push beside the digests, on a thread of their own.
            let reminders = push_scheduler(config.clone(), clock, stop);
            let sent =
                crate::mail::service::serve(&config, clock, stop, false, &mut std::io::stderr());
            if sent.is_err() {
                // A sender that cannot run (another `run` holds the lock) must not leave a web
                // side that looks healthy while no digest goes out: stop both, report why.
                stop.store(true, Ordering::SeqCst);
            }
            if let Some(thread) = reminders {
                let _ = thread.join();
            }
            sent
        })
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("could not start the web server: {e}")))?;
    let served = runtime.block_on(run(app, push, listen, site, stop));
    if let Some(handle) = scheduler {
        stop.store(true, Ordering::SeqCst);
        match handle.join() {
            Ok(result) => result?,
            Err(_) => {
                return Err(Error::Usage(
                    "the sending service stopped unexpectedly".into(),
                ));
            }
        }
    }
    served
}

/// What the server needs besides the pages' [`App`]: the output folder and the `[serve]`
/// settings of the connections and headers.
struct Site {
    public: PathBuf,
    /// A client that sends its headers slower than this is cut off (slow-loris).
    header_timeout: Duration,
    trusted: Arc<Vec<Network>>,
    connections_per_address: usize,
    /// The sign-up form's `Content-Security-Policy`: who may show it in a frame.
    form_frames: HeaderValue,
}

impl Site {
    fn new(public: PathBuf, settings: &ServeConfig) -> Site {
        Site {
            public,
            header_timeout: Duration::from_secs(u64::from(settings.header_timeout_seconds.max(1))),
            trusted: Arc::new(settings.trusted_networks()),
            connections_per_address: settings.connections_per_address.max(1) as usize,
            // The origins were checked when the schedule was loaded; `*` only if that was skipped.
            form_frames: HeaderValue::try_from(settings.form_frame_ancestors())
                .unwrap_or(HeaderValue::from_static("frame-ancestors *")),
        }
    }
}

/// The address a connection comes from, before `X-Forwarded-For` is weighed.
#[derive(Debug, Clone, Copy)]
struct ConnectedFrom(IpAddr);

/// The reminders' thread of `serve --with-scheduler`, when schedule.toml has `[push]`.
fn push_scheduler(
    config: PathBuf,
    clock: Clock,
    stop: &'static AtomicBool,
) -> Option<std::thread::JoinHandle<()>> {
    let project = Project::load(&config).ok()?;
    project.schedule.push.as_ref()?;
    Some(std::thread::spawn(move || {
        if let Err(e) = crate::push::service::serve(&config, clock, stop, &mut std::io::stderr()) {
            eprintln!("push: stopped: {e}");
        }
    }))
}

fn router(app: Arc<App>, push: Option<Arc<crate::push::web::PushWeb>>, site: &Site) -> Router {
    let files = files::serve.with_state(files::Folder(Arc::new(site.public.clone())));
    let cache = SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    // Churches embed the form (and so the answer to posting it) in their own pages.
    let embeddable = SetResponseHeaderLayer::overriding(
        header::CONTENT_SECURITY_POLICY,
        site.form_frames.clone(),
    );
    let mut routes = Router::new();
    if let Some(push) = push {
        use crate::push::web;
        routes = routes
            .route(
                "/push/key",
                axum::routing::get_service(web::key.with_state(push.clone())),
            )
            .route(
                "/push/subscribe",
                axum::routing::post_service(web::subscribe.with_state(push.clone())),
            )
            .route(
                "/push/unsubscribe",
                axum::routing::post_service(web::unsubscribe.with_state(push)),
            );
    }
    routes
        .route(
            "/subscribe",
            get(pages::subscribe_form)
                .post(pages::subscribe)
                .layer(embeddable),
        )
        .route("/confirm", get(pages::confirm_form).post(pages::confirm))
        .route(
            "/unsubscribe",
            get(pages::unsubscribe_form).post(pages::unsubscribe),
        )
        .route(
            "/preferences",
            get(pages::preferences_form).post(pages::preferences),
        )
        .route("/healthz", get(pages::healthz))
        .route("/pray", get(prayers::pray_page).post(prayers::pray))
        .route("/pray/count", get(prayers::pray_count))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .fallback_service(tower::ServiceBuilder::new().layer(cache).service(files))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            site.trusted.clone(),
            reader_address,
        ))
        // On every answer, errors included. No page may be framed but the form; no page sends
        // its address (unsubscribe and preference links carry the reader's token) onward.
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        .with_state(app)
}

/// Sets the reader's address ([`pages::Peer`]) for the handlers: the connection's, or the one
/// a trusted proxy passes in `X-Forwarded-For`.
async fn reader_address(
    axum::extract::State(trusted): axum::extract::State<Arc<Vec<Network>>>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(&ConnectedFrom(peer)) = request.extensions().get::<ConnectedFrom>() {
        let reader = clients::client_address(peer, request.headers(), &trusted);
        request.extensions_mut().insert(pages::Peer(reader));
    }
    next.run(request).await
}

async fn run(
    app: Arc<App>,
    push: Option<Arc<crate::push::web::PushWeb>>,
    listen: SocketAddr,
    site: Site,
    stop: &AtomicBool,
) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on {listen}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen on {listen}: {e}")))?;
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        // A closed stdout (a service manager that discards it) must not stop the server.
        let _ = writeln!(out, "listening on http://{bound}");
        let _ = out.flush();
    }
    let router = router(app.clone(), push, &site);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let counts = ConnectionCounts::new(site.connections_per_address, site.trusted.to_vec());
    let mut housekeeping = tokio::time::interval(Duration::from_secs(600));
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = stopped(stop) => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    eprintln!("serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = housekeeping.tick() => {
                let app = app.clone();
                tokio::task::spawn_blocking(move || app.expire_signups());
                continue;
            }
            () = stopped(stop) => break,
        };
        // One address over its share is closed at once, before it holds a slot or a timer:
        // idle connections from one place cannot keep everyone else waiting.
        let Some(admitted) = counts.admit(peer.ip()) else {
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(
            router
                .clone()
                .layer(axum::Extension(ConnectedFrom(peer.ip()))),
        );
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(site.header_timeout)
            .keep_alive(true);
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = watched.await;
            drop(admitted);
            drop(permit);
        });
    }
    eprintln!("serve: stopping; finishing requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => {
            eprintln!("serve: some connections did not finish within 10 s");
        }
    }
    Ok(())
}

/// Resolves once `stop` is set (by the signal handler).
async fn stopped(stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

//! The native HTTP server (`ecsimg-emulator`, feature `server`): every request goes to
//! [`Emulator::handle`] at the wall-clock time; hyper's connection loop lets the `drop` fault close
//! a connection without answering. Stops on SIGINT or SIGTERM after the calls in flight are answered.

pub mod admin;
mod banner;
pub mod body;
pub mod cli;
mod dev_proxy;
mod durable;
mod nonce_journal;
pub mod service;
pub mod state_file;

use crate::accounts::{demo_keys, KeysFile};
use crate::gateway::Config;
use crate::seed;
use crate::state::lifecycle::Timing;
use crate::Emulator;
use cli::Options;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use service::App;
use state_file::StateFile;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::Semaphore;

/// How long answers in flight may take once a stop signal arrived.
const DRAIN: Duration = Duration::from_secs(10);

/// Runs the server until SIGINT or SIGTERM.
pub async fn run(options: Options) -> Result<(), String> {
    let keys = match &options.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("--config {}: {e}", path.display()))?;
            KeysFile::parse(&text)?
        }
        None => demo_keys(),
    };
    let (state, store, origin) = match &options.state {
        Some(path) => {
            let (file, store, origin) = StateFile::open(path, service::now_ms())?;
            (Some(file), store, Some(origin))
        }
        None => (None, seed::demo_store(service::now_ms()), None),
    };
    let config = Config {
        keys: keys.clone(),
        timing: Timing { speed: options.speed },
        faults: options.faults.clone(),
        seed: options.seed,
    };
    let app = Arc::new(App {
        emulator: Emulator::new(config, store),
        state,
        admin: options.admin,
        proxied_host: options.proxied_host.clone(),
        body_timeout: options.body_timeout,
    });
    if let Some(state) = &app.state {
        app.emulator.restore_nonces(state.take_nonces());
    }
    // Written at once, so that an unwritable path fails now rather than at the first change.
    save_all(&app)?;
    let listener = TcpListener::bind(options.listen).await.map_err(|e| format!("--listen {}: {e}", options.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let stop = stop_signal().map_err(|e| format!("cannot watch for signals: {e}"))?;
    let keys = banner::Keys { keys: &keys, demo: options.config.is_none() };
    print!("{}", banner::text(address, &keys, &options, origin));
    serve(&app, listener, options.max_connections, stop).await;
    save_all(&app)
}

fn save_all(app: &App) -> Result<(), String> {
    match &app.state {
        Some(state) => state.save_now(&app.emulator).map_err(|e| format!("--state {}: {e}", state.path().display())),
        None => Ok(()),
    }
}

/// Resolves on the first SIGINT or SIGTERM; the handlers are in place when this returns.
fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Serves connections until `stop`, at most `max_connections` at once: past that, the next one is
/// accepted only when one closes (it waits in the listen backlog meanwhile, as a busy server's do).
async fn serve(app: &Arc<App>, listener: TcpListener, max_connections: usize, stop: impl Future<Output = ()>) {
    let connections = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(max_connections));
    let mut stop = std::pin::pin!(stop);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, typically: wait for some to close instead of spinning.
                    eprintln!("ecsimg-emulator: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Answers are small and written at once: do not hold them back waiting for more.
        let _ = stream.set_nodelay(true);
        let app = Arc::clone(app);
        let connection = http1::Builder::new().timer(TokioTimer::new()).serve_connection(
            TokioIo::new(stream),
            service_fn(move |request| service::serve(Arc::clone(&app), request)),
        );
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            // Errors are the client's going away or an injected fault: nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    eprintln!("ecsimg-emulator: stopping; answering the calls in flight");
    tokio::select! {
        () = connections.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => eprintln!("ecsimg-emulator: calls still in flight after {DRAIN:?}; stopping anyway"),
    }
}

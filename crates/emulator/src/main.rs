//! `ecsimg-emulator`: the ECS image API emulator over HTTP (see crates/emulator/README.md).

use ecsimg_emulator::server::{self, cli};
use std::process::ExitCode;

/// Every call builds and drops many small JSON values; mimalloc handles that far faster than the
/// system allocator (see the `server` feature in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(cli::Command::Run(options)) => options,
        Ok(cli::Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("ecsimg-emulator: {e}\nTry --help.");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ecsimg-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::run(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ecsimg-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

//! The `chaff` command: scan HTML or text files and print marks and a summary.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}

/// The CLI is native only; the wasm build uses the library's bindings.
#[cfg(target_arch = "wasm32")]
fn main() {}

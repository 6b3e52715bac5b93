//! The web page's entry point: installs the panic hook and mounts the Yew app. Built for
//! wasm32 by Trunk; natively it only points to the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    proclab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "proclab is the web page, built for wasm32 with Trunk (see README.md); \
         run `proclab-cli --help` for the command line."
    );
    std::process::ExitCode::from(2)
}

//! ProcLab's web page: the Yew app (`ui`, built for wasm32 only) that animates the machine
//! of `proclab-kernel` running the course content of `proclab-course`, over a model in
//! plain Rust (`model`) that is tested natively.

pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod ui;

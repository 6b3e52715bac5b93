//! ProcLab's web page: the Yew app (`ui`, built for wasm32 only) that animates the machine
//! of `proclab-kernel` running the course content of `proclab-course`.

#[cfg(target_arch = "wasm32")]
pub mod ui;

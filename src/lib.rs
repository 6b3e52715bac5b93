//! ProcLab: a deterministic simulation of a Unix-like kernel (`engine`) and the Yew page that
//! animates it (`ui`, built for wasm32 only).

pub mod engine;
pub mod library;
pub mod robustness;
#[cfg(target_arch = "wasm32")]
pub mod ui;

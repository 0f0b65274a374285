//! The fixtures every test file shares, written once: the demo sandbox
//! in-process and a client on it (`sandbox`), the real `alto` binary run
//! against it (`cli`), the console as the snapshot tests draw it
//! (`console`), and the real binary in a pseudo-terminal (`pty`). A test
//! file takes what it needs with `mod common;`.
#![allow(dead_code, unused_imports)] // each test file uses part of it

pub mod cli;
pub mod console;
pub mod pty;
pub mod sandbox;

//! Everything itp-dev writes to the terminal goes through here.

pub mod ci;
pub mod mask;
pub mod printer;
pub mod progress;
pub mod report;
pub mod table;

pub use printer::{ColorChoice, Printer};

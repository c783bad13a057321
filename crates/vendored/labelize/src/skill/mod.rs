pub mod diff_classifier;
pub mod diff_scanner;
pub mod element_analyzer;
pub mod error;
pub mod models;
pub mod snippet_extractor;

//! The console's data: plain types with plain methods. Nothing here imports a view, the client or
//! the app's signals, so every part of the console can use them and they test without a browser.

pub mod call;
pub mod cleanup;
pub mod connection;
pub mod demo;
pub mod distribution;
pub mod explain;
pub mod export;
pub mod failure;
pub mod image_actions;
pub mod image_details;
pub mod image_row;
pub mod inventory;
pub mod known_ids;
pub mod outcome;
pub mod page;
pub mod plan;
pub mod preview;
pub mod region;
pub mod region_choice;
pub mod route;
pub mod sandbox;
pub mod search;
pub mod subject;
pub mod table_query;
pub mod task;
pub mod template;

pub use call::CallRecord;
pub use connection::{Connection, Target};
pub use demo::DemoResource;
pub use failure::Failure;
pub use image_row::ImageRow;
pub use known_ids::{IdList, Learned};
pub use preview::{Presigned, Preview};
pub use route::{Route, View};

//! The Image Builder template parser (`ecsimg_emulator::template::parse`) on any text, in each place
//! (component content, build content, test content; the first byte chooses).
//!
//! Checks: never a panic; an accepted template holds at most `MAX_COMMANDS` steps (and a component
//! at least one); its components and failing step are computed without a panic.
#![no_main]

use ecsimg_emulator::template::{parse, Place, MAX_COMMANDS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [place, text @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let place = [Place::Component, Place::Build, Place::Test][*place as usize % 3];
    match parse(text, place) {
        Ok(template) => {
            assert!(template.steps.len() <= MAX_COMMANDS);
            assert!(place != Place::Component || !template.steps.is_empty());
            let _ = template.components().count();
            let _ = template.failing_step();
        }
        Err(reject) => assert!(!reject.code.is_empty()),
    }
});

//! The state loader: the bytes of a `--state` file read as `server/state_file.rs` reads them
//! (UTF-8, then `Store::from_json`) and as its nonce journal (`NonceCache::from_journal`), and,
//! when they load, an emulator over that state answering reads of every kind and letting its
//! lifecycles run a day on.
//!
//! Checks: never a panic, neither in loading nor in serving a state that loaded (every answer a
//! JSON object with a RequestId, status 200 or 4xx); a state that loaded saves (`state_json`) and
//! loads back; the nonces journaled meanwhile read back.
#![no_main]

use ecsimg_emulator::gateway::auth::NonceCache;
use ecsimg_emulator::state::Store;
use ecsimg_fuzz::{check_answer, Session, Signing};
use libfuzzer_sys::fuzz_target;

const READS: &[&[(&str, &str)]] = &[&[("RegionId", "cn-hangzhou")], &[("RegionId", "cn-shanghai")]];
const ACTIONS: &[&str] = &[
    "DescribeImages",
    "DescribeImageComponents",
    "DescribeImagePipelines",
    "DescribeImagePipelineExecutions",
    "DescribeImageFromFamily",
    "DescribeImageSupportInstanceTypes",
];

fuzz_target!(|data: &[u8]| {
    let journal = NonceCache::from_journal(&String::from_utf8_lossy(data), 0);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(store) = Store::from_json(text) else { return };
    let emulator = ecsimg_fuzz::emulator(store);
    emulator.restore_nonces(journal.unwrap_or_else(|_| NonceCache::from_journal("", 0).expect("empty")));
    let mut session = Session::new(emulator);
    for wait in [0, 86_400_000] {
        session.now += wait;
        for action in ACTIONS {
            let Some(op) = ecsimg_core::catalogue::operation(action) else { continue };
            for params in READS {
                let pairs: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                let request = session.sign(op, &pairs, Signing::V1Get).expect("V1 always signs");
                // Not decoded by the client: a loaded state's values are served as they were saved, and a
                // hand-made state may hold what no call could have made (a number as a name).
                check_answer(None, &session.emulator.handle(&request, session.now));
            }
        }
    }
    let saved = session.emulator.state_json();
    Store::from_json(&saved).expect("a saved state loads");
    let (journal, live) = session.emulator.nonce_journal();
    assert_eq!(NonceCache::from_journal(&journal, 0).expect("the journal loads").len(), live);
    let added = session.emulator.take_new_nonces();
    NonceCache::from_journal(&added, 0).expect("what was added loads");
});

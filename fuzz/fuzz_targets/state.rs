//! The state loader: the bytes of a `--state` file read as `server/state_file.rs` reads them
//! (`serde_json::from_slice::<Store>`, then `Emulator::nonces_of_saved_state`), and, when they load,
//! an emulator over that state answering reads of every kind and letting its lifecycles run a
//! day on.
//!
//! Checks: never a panic, neither in loading nor in serving a state that loaded (every answer a
//! JSON object with a RequestId, status 200 or 4xx); a state that loaded saves (`state_json`) and
//! loads back.
#![no_main]

use ecsimg_emulator::state::Store;
use ecsimg_emulator::Emulator;
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
    let Ok(store) = serde_json::from_slice::<Store>(data) else { return };
    let Ok(nonces) = Emulator::nonces_of_saved_state(data) else { return };
    let emulator = ecsimg_fuzz::emulator(store);
    emulator.restore_nonces(nonces);
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
    let _: Store = serde_json::from_str(&saved).expect("a saved state loads");
    Emulator::nonces_of_saved_state(saved.as_bytes()).expect("its nonces load");
});

//! The server-side parameter reader (`ecsimg_core::wire::parse`) on any pairs for any operation
//! (the second byte's index in `OPERATIONS`). An even first byte: the rest is a query string,
//! decoded as the emulator decodes one (`gateway::params::decode_pairs`); an odd one: pairs built
//! from the rest, with names mostly the operation's own (flattened as on the wire: `Tag.1.Key`).
//!
//! Checks: never a panic; and a round trip: a request it accepts is one the client accepts too
//! (`wire::prepare`, strict), and the client's pairs for it read back as the same request.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use ecsimg_core::wire::{parse, prepare};
use ecsimg_core::Strictness;
use ecsimg_emulator::gateway::params::decode_pairs;
use ecsimg_fuzz::{Session, SignedCall};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fuzz_target!(|data: &[u8]| {
    let [mode, op, rest @ ..] = data else { return };
    let (op, pairs) = if mode % 2 == 0 {
        (ecsimg_fuzz::operation(*op), decode_pairs(&String::from_utf8_lossy(rest)))
    } else {
        let Ok(mut call) = SignedCall::arbitrary(&mut Unstructured::new(rest)) else { return };
        call.op = *op;
        // Only for its parameter names and values: no call is made.
        static SESSION: OnceLock<Mutex<Session>> = OnceLock::new();
        let session = SESSION.get_or_init(|| Mutex::new(Session::new(ecsimg_fuzz::emulator(Default::default()))));
        let pairs = session.lock().unwrap().pairs(&call);
        pairs
    };
    let Ok(parsed) = parse(op, &pairs) else { return };
    let wire = prepare(op, &parsed.request, Strictness::Strict)
        .unwrap_or_else(|e| panic!("read {pairs:?} as {} which the client refuses: {e}", parsed.request));
    let again =
        parse(op, &wire.pairs.to_vec()).unwrap_or_else(|e| panic!("{:?} does not read back: {e:?}", wire.pairs));
    assert_eq!(again.request, parsed.request, "{pairs:?} -> {:?}", wire.pairs);
});

//! The paging tokens (`NextToken`, private to `ops/paging.rs`), through `Emulator::handle`: on a
//! seeded state with up to 3 image components, templates and executions made first, a NextToken
//! operation is called with a small `MaxResults`, then again with a token that is the one it
//! answered, that token altered in one byte, or any text.
//!
//! Checks: never a panic; a token the emulator gave is accepted and the pages do not overlap;
//! any other token is answered 200 or 4xx (`Invalid.NextToken`), every answer readable by the client.
#![no_main]

use arbitrary::Arbitrary;
use ecsimg_core::catalogue::operation;
use ecsimg_emulator::HttpRequest;
use ecsimg_fuzz::{check_answer, Session, Signing};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const OPS: &[&str] = &["DescribeImageComponents", "DescribeImagePipelines", "DescribeImagePipelineExecutions"];

#[derive(Arbitrary, Debug)]
enum Token {
    Given,
    Altered { at: u8, byte: u8 },
    Free(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    op: u8,
    made: u8,
    max_results: u8,
    token: Token,
    /// Sent V1 over a form body rather than the query.
    form: bool,
}

fn call(session: &mut Session, action: &str, params: &[(&str, &str)], signing: Signing) -> (u16, Value) {
    let op = operation(action).expect("a catalogue operation");
    let mut pairs: Vec<(String, String)> = vec![("RegionId".into(), "cn-hangzhou".into())];
    pairs.extend(params.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let request: HttpRequest = session.sign(op, &pairs, signing).expect("V1 always signs");
    let outcome = session.emulator.handle(&request, session.now);
    check_answer(Some(op), &outcome);
    (outcome.response.status, serde_json::from_slice(&outcome.response.body).expect("JSON"))
}

fn items(body: &Value) -> Vec<String> {
    // The one list of the answer, whatever its wrapper is called, each item as text.
    let Some(map) = body.as_object() else { return vec![] };
    map.values()
        .filter_map(Value::as_object)
        .flat_map(|o| o.values())
        .filter_map(Value::as_array)
        .flatten()
        .map(Value::to_string)
        .collect()
}

fuzz_target!(|input: Input| {
    let mut session = Session::new(ecsimg_fuzz::emulator(ecsimg_fuzz::seeded_store()));
    let signing = if input.form { Signing::V1Form } else { Signing::V1Get };
    let mut pipeline = String::new();
    for _ in 0..input.made % 4 {
        call(&mut session, "CreateImageComponent", &[("Content", "RUN echo hello")], signing);
        let (_, body) = call(
            &mut session,
            "CreateImagePipeline",
            &[("BaseImageType", "IMAGE"), ("BaseImage", "aliyun_3_x64_20G_alibase_20250915.vhd")],
            signing,
        );
        if let Some(id) = body["ImagePipelineId"].as_str() {
            pipeline = id.to_string();
            call(&mut session, "StartImagePipelineExecution", &[("ImagePipelineId", &pipeline)], signing);
        }
    }
    let action = OPS[input.op as usize % OPS.len()];
    let max = (1 + input.max_results % 3).to_string();
    let mut params = vec![("MaxResults", max.as_str())];
    if action == "DescribeImagePipelineExecutions" {
        // It lists one template's executions.
        if pipeline.is_empty() {
            return;
        }
        params.push(("ImagePipelineId", &pipeline));
    }
    let (status, first) = call(&mut session, action, &params, signing);
    assert_eq!(status, 200, "{action}: {first}");
    let given = first["NextToken"].as_str().unwrap_or_default().to_string();
    let token = match &input.token {
        Token::Given => given.clone(),
        Token::Altered { at, byte } => {
            let mut bytes = given.clone().into_bytes();
            if !bytes.is_empty() {
                let at = *at as usize % bytes.len();
                bytes[at] = *byte;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Token::Free(text) => text.clone(),
    };
    params.push(("NextToken", &token));
    let (status, second) = call(&mut session, action, &params, signing);
    if given.is_empty() {
        // One page held everything: any token is the first page again or refused.
        assert!(status == 200 || second["Code"] == "Invalid.NextToken", "{action} {token:?}: {second}");
    } else if token == given {
        assert_eq!(status, 200, "{action} refused its own token {token:?}: {second}");
        let (a, b) = (items(&first), items(&second));
        assert!(a.iter().all(|item| !b.contains(item)), "{action}: pages overlap: {a:?} {b:?}");
    } else {
        assert!(status == 200 || second["Code"] == "Invalid.NextToken", "{action} {token:?}: {second}");
    }
});

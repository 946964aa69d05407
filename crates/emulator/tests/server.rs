//! The `ecsimg-emulator` binary over real HTTP: start-up, signed calls (V1/V3, GET/POST), no
//! acknowledged change lost to `kill -9`, parallel clients, faults from flags and the admin endpoint.
#![cfg(feature = "server")]

mod live;

use ecsimg_core::{Method, SignatureVersion};
use live::{exchange, own_images, read, run_to_end, Client, Failure, Reply, Scratch, Server};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn create(client: &Client, name: &str) -> Result<String, Failure> {
    let body = client
        .call("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": name}))?;
    Ok(body["imageId"].as_str().expect("an image ID").to_string())
}

fn describe(client: &Client) -> Result<Value, Failure> {
    client.call("DescribeImages", json!({"regionId": "cn-hangzhou", "pageSize": 5}))
}

fn describe_one(client: &Client, id: &str) -> Value {
    let body = client.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageId": id, "status": "ALL"}));
    body["images"]["image"][0].clone()
}

#[test]
fn start_up_prints_the_url_the_demo_credentials_and_an_example() {
    let server = Server::start(&[]);
    let banner = &server.banner;
    assert!(banner.contains(&format!("listening on http://127.0.0.1:{}", server.port)), "{banner}");
    assert!(banner.contains("demo / demo-secret -> 1000000000000001"), "{banner}");
    assert!(banner.contains("demo2 / demo2-secret -> 1000000000000002"), "{banner}");
    assert!(banner.contains("cn-hangzhou, cn-shanghai"), "{banner}");
    assert!(banner.contains("cargo run -q -p ecsimg-core --example presign"), "{banner}");
    assert!(banner.contains("admin: off"), "{banner}");
}

#[test]
fn keys_from_a_config_file_replace_the_demo_ones_and_are_not_printed() {
    let dir = Scratch::new("config");
    let config = dir.join("keys.json");
    std::fs::write(
        &config,
        r#"{"accessKeys": [{"accessKeyId": "team", "accessKeySecret": "team-secret-9f3a", "accountId": 1234567890123456}]}"#,
    )
    .unwrap();
    let server = Server::start(&["--config", config.to_str().unwrap()]);
    assert!(server.banner.contains("team -> 1234567890123456"), "{}", server.banner);
    assert!(!server.banner.contains("team-secret-9f3a"), "{}", server.banner);
    assert!(!server.banner.contains("demo-secret"), "{}", server.banner);
    let demo = describe(&server.client()).unwrap_err();
    assert_eq!(demo.code, "InvalidAccessKeyId.NotFound");
    describe(&Client::new(server.port, "team", "team-secret-9f3a")).unwrap();
}

#[test]
fn bad_flags_and_a_corrupt_state_file_stop_the_start() {
    let (status, stderr) = run_to_end(&["--listen", "0.0.0.0:0"]);
    assert_eq!(status.code(), Some(2));
    assert!(stderr.contains("--allow-remote"), "{stderr}");
    let (status, stderr) = run_to_end(&["--fault", "drop=2"]);
    assert_eq!(status.code(), Some(2), "{stderr}");
    let (status, _) = run_to_end(&["--help"]);
    assert!(status.success());
    let dir = Scratch::new("corrupt");
    let state = dir.join("state.json");
    std::fs::write(&state, "{\"images\": {").unwrap();
    let (status, stderr) = run_to_end(&["--listen", "127.0.0.1:0", "--state", state.to_str().unwrap()]);
    assert_eq!(status.code(), Some(1));
    assert!(stderr.contains("not a saved emulator state"), "{stderr}");
    assert_eq!(read(&state), "{\"images\": {", "a corrupt state must be left alone");
}

#[test]
fn signed_describe_images_works_with_v1_and_v3_get_and_post() {
    let server = Server::start(&[]);
    for version in [SignatureVersion::V1, SignatureVersion::V3] {
        for method in [Method::Get, Method::Post] {
            let client = server.client().with(version, method);
            let page = describe(&client).unwrap_or_else(|e| panic!("{version:?} {method:?}: {e:?}"));
            assert_eq!(page["images"]["image"].as_array().unwrap().len(), 5, "{version:?} {method:?}");
            assert!(page["totalCount"].as_u64().unwrap() > 5);
        }
    }
    let wrong = Client::new(server.port, "demo", "not-the-secret");
    assert_eq!(describe(&wrong).unwrap_err(), Failure { status: 400, code: "SignatureDoesNotMatch".into() });
}

#[test]
fn every_acknowledged_change_survives_kill_9() {
    let dir = Scratch::new("kill9");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let server = Server::start(&["--state", state_arg]);
    let client = server.client();
    let ids: Vec<String> = (0..25).map(|i| create(&client, &format!("durable-{i}")).unwrap()).collect();
    // At --speed 1000 a create takes 20 ms; then the images can be modified.
    std::thread::sleep(Duration::from_millis(50));
    for (i, id) in ids.iter().enumerate().step_by(5) {
        client.ok(
            "ModifyImageAttribute",
            json!({"regionId": "cn-hangzhou", "imageId": id, "description": format!("changed-{i}")}),
        );
    }
    server.kill_9();

    let server = Server::start(&["--state", state_arg]);
    assert!(server.banner.contains("loaded from"), "{}", server.banner);
    let client = server.client();
    for (i, id) in ids.iter().enumerate() {
        let image = describe_one(&client, id);
        assert_eq!(image["imageName"], format!("durable-{i}"), "{id}: {image}");
        let description = if i % 5 == 0 { format!("changed-{i}") } else { String::new() };
        assert_eq!(image["description"], description, "{id}");
    }
    let after = create(&client, "after-restart").unwrap();
    assert!(!ids.contains(&after), "IDs are never reused across restarts");
}

#[test]
fn parallel_clients_lose_nothing_and_the_state_reloads() {
    const THREADS: usize = 16;
    const CALLS: usize = 50;
    let dir = Scratch::new("parallel");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let server = Server::start(&["--state", state_arg]);
    // The demo account's seeded images are there from the start.
    let seeded = own_images(&server.client(), "cn-hangzhou");
    let workers: Vec<_> = (0..THREADS)
        .map(|t| {
            let client = match t % 3 {
                0 => server.client().with(SignatureVersion::V1, Method::Get),
                1 => server.client().with(SignatureVersion::V1, Method::Post),
                _ => server.client(),
            };
            std::thread::spawn(move || {
                let mut created = BTreeMap::new();
                for i in 0..CALLS {
                    match i % 3 {
                        0 => {
                            let name = format!("parallel-{t}-{i}");
                            let id = create(&client, &name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
                            created.insert(id, name);
                        }
                        1 => {
                            describe(&client).unwrap();
                        }
                        _ => {
                            let id = created.keys().last().expect("a create came first");
                            let modify =
                                json!({"regionId": "cn-hangzhou", "imageId": id, "description": format!("{t}-{i}")});
                            match client.call("ModifyImageAttribute", modify) {
                                Ok(_) => {}
                                // The image may still be in the making (20 ms at --speed 1000).
                                Err(e) if e.code == "InvalidStatus.ImageIsCreating" => {}
                                Err(e) => panic!("modify {id}: {e:?}"),
                            }
                        }
                    }
                }
                created
            })
        })
        .collect();
    let mut acknowledged = seeded.clone();
    for worker in workers {
        acknowledged.extend(worker.join().expect("a client thread"));
    }
    assert_eq!(acknowledged.len(), seeded.len() + THREADS * CALLS.div_ceil(3));
    assert_eq!(own_images(&server.client(), "cn-hangzhou"), acknowledged);
    assert!(server.terminate().success(), "SIGTERM stops it cleanly");

    let saved: Value = serde_json::from_str(&read(&state)).expect("the state file is JSON");
    assert!(saved["images"].as_object().unwrap().len() > acknowledged.len());
    let server = Server::start(&["--state", state_arg]);
    assert_eq!(own_images(&server.client(), "cn-hangzhou"), acknowledged);
}

#[test]
fn faults_from_flags_throttle_drop_cut_and_delay() {
    let throttled = Server::start(&["--fault", "throttling=1"]);
    assert_eq!(describe(&throttled.client()).unwrap_err(), Failure { status: 400, code: "Throttling.User".into() });

    let server = Server::start(&[
        "--fault",
        "drop=1@CreateImage",
        "--fault",
        "truncate=1@ModifyImageAttribute",
        "--fault",
        "latency=300@DescribeImages",
    ]);
    let client = server.client();
    let create = client.sign(
        "CreateImage",
        &json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "dropped"}),
    );
    assert_eq!(client.send(&create), Reply::Nothing);
    // The call was carried out before the connection was dropped; at --speed 1000 the image is
    // made 20 ms later, long before the modify that follows the delayed describe.
    let started = Instant::now();
    let images = own_images(&client, "cn-hangzhou");
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
    let (id, _) = images.iter().find(|(_, name)| *name == "dropped").expect("the dropped create happened");
    let modify =
        client.sign("ModifyImageAttribute", &json!({"regionId": "cn-hangzhou", "imageId": id, "description": "cut"}));
    match client.send(&modify) {
        Reply::Answer { status: 200, body, content_length: Some(promised), .. } => {
            assert_eq!(body.len(), promised / 2, "half of the answer: {}", String::from_utf8_lossy(&body));
        }
        other => panic!("expected a cut answer: {other:?}"),
    }
}

#[test]
fn faults_through_the_admin_endpoint() {
    let server = Server::start(&["--admin"]);
    let admin = |method: &str, path: &str, body: &str| {
        let headers = [("content-type".to_string(), "application/json".to_string())];
        exchange(server.port, method, path, &headers, body.as_bytes())
    };
    assert_eq!(admin("GET", "/_emulator/health", "").json(), json!({"status": "ok"}));
    assert_eq!(admin("GET", "/_emulator/faults", "").json(), json!({"rules": []}));
    let client = server.client();

    let throttle = admin("PUT", "/_emulator/faults", r#"{"rules": [{"action": "DescribeImages", "throttling": 1}]}"#);
    assert_eq!(throttle.status(), 200);
    assert_eq!(describe(&client).unwrap_err().code, "Throttling.User");
    create(&client, "not-throttled").unwrap();

    admin("PUT", "/_emulator/faults", r#"{"rules": [{"action": "*", "drop": 1}]}"#);
    assert_eq!(client.send(&client.sign("DescribeImages", &json!({"regionId": "cn-hangzhou"}))), Reply::Nothing);
    assert_eq!(admin("GET", "/_emulator/faults", "").json()["rules"][0]["drop"], 1.0);

    assert_eq!(admin("PUT", "/_emulator/faults", r#"{"rules": [{"action": "*", "drop": 3}]}"#).status(), 400);
    assert_eq!(admin("PUT", "/_emulator/faults", r#"{"rules": []}"#).status(), 200);
    describe(&client).unwrap();
}

#[test]
fn the_admin_endpoint_is_absent_without_the_flag() {
    let server = Server::start(&[]);
    // The API answers, as it does for any path or method it does not serve.
    let health = exchange(server.port, "GET", "/_emulator/health", &[], b"");
    assert_eq!((health.status(), &health.json()["Code"]), (404, &json!("InvalidAction.NotFound")));
    let put =
        exchange(server.port, "PUT", "/_emulator/faults", &[], br#"{"rules": [{"action": "*", "throttling": 1}]}"#);
    assert_eq!((put.status(), &put.json()["Code"]), (403, &json!("UnsupportedHTTPMethod")));
    describe(&server.client()).unwrap();
}

#[test]
fn oversized_bodies_are_refused() {
    let server = Server::start(&[]);
    // Refused on the announced length, before the body is read.
    let announced = [("content-length".to_string(), (2 << 20).to_string())];
    assert_eq!(exchange(server.port, "POST", "/", &announced, b"").status(), 413);
    describe(&server.client()).unwrap();
}

#[test]
fn a_failed_save_is_never_acknowledged_not_even_by_a_replay() {
    let dir = Scratch::new("unsaved");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let server = Server::start(&["--state", state_arg]);
    let client = server.client();
    // A directory where the temporary file goes makes every save fail (even for root).
    let blocker = dir.join(".state.json.tmp");
    std::fs::create_dir(&blocker).unwrap();
    let request = json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "unsaved-1",
                         "clientToken": "token-unsaved-1"});
    let internal = Failure { status: 500, code: "InternalError".into() };
    assert_eq!(client.call("CreateImage", request.clone()).unwrap_err(), internal);
    // The retry with the same token finds the first call's record, but the change is still not on
    // disk: it must not answer success.
    assert_eq!(client.call("CreateImage", request.clone()).unwrap_err(), internal);
    // Once saves work again, the retry saves the change before acknowledging it.
    std::fs::remove_dir(&blocker).unwrap();
    let id = client.ok("CreateImage", request.clone())["imageId"].as_str().unwrap().to_string();
    let again = client.ok("CreateImage", request)["imageId"].as_str().unwrap().to_string();
    assert_eq!(again, id, "one image for one token");
    assert!(read(&state).contains(&id), "acknowledged, so on disk");
    server.kill_9();
    let server = Server::start(&["--state", state_arg]);
    assert_eq!(describe_one(&server.client(), &id)["imageName"], "unsaved-1");
}

#[test]
fn a_body_that_never_finishes_times_out() {
    use std::io::{Read, Write};
    let server = Server::start(&["--body-timeout", "0.3"]);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!("POST / HTTP/1.1\r\nhost: 127.0.0.1:{}\r\ncontent-length: 100\r\n\r\nAction=", server.port);
    stream.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    // The server goes on answering.
    describe(&server.client()).unwrap();
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_one() {
    let server = Server::start(&["--max-connections", "2"]);
    // Two idle connections take both slots.
    let first = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let second = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let client = server.client();
    let (done, finished) = std::sync::mpsc::channel();
    let waiting = std::thread::spawn(move || {
        let result = describe(&client);
        done.send(()).unwrap();
        result
    });
    assert!(
        finished.recv_timeout(Duration::from_millis(500)).is_err(),
        "a third connection was served while two were open"
    );
    drop(first);
    finished.recv_timeout(Duration::from_secs(10)).expect("served once a slot was free");
    waiting.join().unwrap().unwrap();
    drop(second);
}

#[test]
fn a_second_emulator_on_the_same_state_file_stops_with_an_error() {
    let dir = Scratch::new("locked");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let server = Server::start(&["--state", state_arg]);
    let created = create(&server.client(), "kept-by-the-first").unwrap();
    let before = read(&state);
    let (status, stderr) = run_to_end(&["--listen", "127.0.0.1:0", "--state", state_arg]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("in use by another ecsimg-emulator"), "{stderr}");
    assert_eq!(read(&state), before, "the second one wrote nothing");
    // Released when the first one ends, even by kill -9.
    server.kill_9();
    let server = Server::start(&["--state", state_arg]);
    assert_eq!(describe_one(&server.client(), &created)["imageName"], "kept-by-the-first");
}

#[test]
fn a_nonce_used_before_a_restart_is_refused_after_it() {
    let dir = Scratch::new("nonces");
    let state = dir.join("state.json");
    let state_arg = state.to_str().unwrap();
    let server = Server::start(&["--state", state_arg]);
    let client = server.client();
    // A change: its nonce is journaled before it is acknowledged, so even kill -9 keeps it.
    let create = client.sign(
        "CreateImage",
        &json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "replayed"}),
    );
    assert_eq!(client.send(&create).status(), 200);
    server.kill_9();
    let server = Server::start(&["--state", state_arg]);
    let client = server.client();
    assert_eq!(client.send(&create).json()["Code"], "SignatureNonceUsed");
    assert_eq!(own_images(&client, "cn-hangzhou").values().filter(|n| *n == "replayed").count(), 1);
    // A read's too, and not in the state file: a save does not rewrite the nonces.
    let read_call = client.sign("DescribeImages", &json!({"regionId": "cn-hangzhou"}));
    assert_eq!(client.send(&read_call).status(), 200);
    assert!(!read(&state).contains("nonce"), "the state file holds no nonces");
    server.kill_9();
    let server = Server::start(&["--state", state_arg]);
    assert_eq!(server.client().send(&read_call).json()["Code"], "SignatureNonceUsed");
    assert_eq!(server.client().send(&create).json()["Code"], "SignatureNonceUsed");
}

#[test]
fn hostile_paging_input_is_answered_and_the_server_goes_on() {
    let server = Server::start(&[]);
    let client = server.client();
    for token in ["AAAAA0000000é000", "AAAAA+0000096A2B", "ééééééééé"] {
        let failure =
            client.call("DescribeImageComponents", json!({"regionId": "cn-hangzhou", "nextToken": token})).unwrap_err();
        assert_eq!(failure, Failure { status: 403, code: "Invalid.NextToken".into() }, "{token}");
    }
    let last =
        client.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "pageNumber": 2147483647, "pageSize": 100}));
    assert_eq!(last["images"]["image"].as_array().map_or(0, Vec::len), 0);
    describe(&client).unwrap();
}

"""The emulator (crates/emulator) driven by the official Python SDK (`alibabacloud-ecs20140526`).

Every one of the 23 operations in V1 (HMAC-SHA1 RPC signature) and V3 (ACS3-HMAC-SHA256), each
answer parsed into the official response model; the same calls with a wrong secret refused with
`SignatureDoesNotMatch`; an STS key. Standard library `unittest` only; the SDK comes from the
test-only virtual environment (see tests/conformance/README.md):

    python3 -m venv tests/conformance/.venv
    tests/conformance/.venv/bin/pip install -r tests/conformance/python/requirements.txt
    tests/conformance/.venv/bin/python -m unittest discover -s tests/conformance/python -v

Two emulators for the module, as in emulator.test.mjs: the main one at --speed 2000, and a slow
one (--speed 50, with an STS key in --config) for the two cancel operations, whose windows (a copy
in progress, an execution PREPARING or BUILDING) are 15 ms and 7.5 ms long at --speed 2000.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path
from typing import ClassVar

from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_tea_openapi.models import Config
from darabonba.core import DaraCore

REPO_ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = json.loads((REPO_ROOT / "crates/core/catalogue/ecs.json").read_text(encoding="utf-8"))
OPERATIONS = sorted(op["name"] for op in CATALOGUE["operations"])

FAST_SPEED = 2000
SLOW_SPEED = 50
REGION = "cn-hangzhou"
OTHER_REGION = "cn-shanghai"
DEMO = {"id": "demo", "secret": "demo-secret", "account": "1000000000000001"}
DEMO2 = {"id": "demo2", "secret": "demo2-secret", "account": "1000000000000002"}
STS = {
    "id": "STS.conformance",
    "secret": "sts-conformance-secret",
    "token": "CAIS+conformance/token==",
    "account": DEMO["account"],
}
WRONG_SECRET = "not-the-secret"
PUBLIC_IMAGE = "aliyun_3_x64_20G_alibase_20250915.vhd"
PUBLIC_FAMILY = "acs:alibaba_cloud_linux_3_2104_lts_x64"
INSTANCE = "i-hangzhou-web1"
BUCKET = "ecsimg-demo-hangzhou-1"
QCOW2_OBJECT = "images/alinux3-custom.qcow2"
EXECUTION_STATUSES = ["PREPARING", "BUILDING", "TESTING", "DISTRIBUTING", "RELEASING", "SUCCESS"]
FINAL_EXECUTION = {"SUCCESS", "FAILED", "TEST_FAILED", "CANCELLED"}
REQUEST_ID = re.compile(r"^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$")
POLL_S = 0.005
POLL_TIMEOUT_S = 15.0

# ---------------------------------------------------------------------------------------------
# The emulator processes.


class Emulator:
    """`ecsimg-emulator` on a free loopback port; the URL comes from its start-up banner."""

    def __init__(self, args: list[str]):
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO_ROOT / "target"))
        if not target.is_absolute():
            target = REPO_ROOT / target
        binary = target / "debug" / "ecsimg-emulator"
        self.process = subprocess.Popen(
            [str(binary), "--listen", "127.0.0.1:0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stderr: list[str] = []
        threading.Thread(target=self._drain, args=(self.process.stderr, self.stderr), daemon=True).start()
        watchdog = threading.Timer(20, self.process.kill)
        watchdog.start()
        url = None
        try:
            for line in self.process.stdout:
                found = re.search(r"listening on (http://\S+)", line)
                if found:
                    url = found.group(1)
                    break
        finally:
            watchdog.cancel()
        if url is None:
            self.stop()
            raise RuntimeError(f"ecsimg-emulator printed no URL: {''.join(self.stderr)}")
        threading.Thread(target=self._drain, args=(self.process.stdout, []), daemon=True).start()
        self.url = url
        self.host = url.removeprefix("http://")

    @staticmethod
    def _drain(stream, into):
        for line in stream:
            into.append(line)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


FAST: Emulator | None = None
SLOW: Emulator | None = None


def setUpModule():
    global FAST, SLOW
    if shutil.which("cargo") is None:
        raise RuntimeError("cargo is needed to build ecsimg-emulator")
    subprocess.run(["cargo", "build", "-q", "-p", "ecsimg-emulator"], cwd=REPO_ROOT, check=True)
    config_dir = tempfile.mkdtemp(prefix="ecsimg-conformance-")
    unittest.addModuleCleanup(shutil.rmtree, config_dir, ignore_errors=True)
    config = Path(config_dir) / "keys.json"
    keys = [
        {"accessKeyId": k["id"], "accessKeySecret": k["secret"], "accountId": int(k["account"])}
        | ({"securityToken": k["token"]} if "token" in k else {})
        for k in (DEMO, DEMO2, STS)
    ]
    config.write_text(json.dumps({"accessKeys": keys}), encoding="utf-8")
    FAST = Emulator(["--speed", str(FAST_SPEED)])
    unittest.addModuleCleanup(FAST.stop)
    SLOW = Emulator(["--speed", str(SLOW_SPEED), "--config", str(config)])
    unittest.addModuleCleanup(SLOW.stop)


# ---------------------------------------------------------------------------------------------
# The official client, and what each call sent and received.

SENT: list[dict] = []
_do_action = DaraCore.do_action


def _recording_do_action(request, runtime_option=None):
    SENT.append({"query": dict(request.query or {}), "headers": dict(request.headers or {})})
    return _do_action(request, runtime_option)


# Every request the SDK sends goes through DaraCore.do_action: record its query and headers.
DaraCore.do_action = staticmethod(_recording_do_action)

DEVIATIONS: dict[str, int] = {}


def method_name(action: str) -> str:
    """`CreateImage` → `create_image`, the official client's method."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def make_client(emulator: Emulator, mode: str, key: dict, secret: str | None = None, token: str | None = None):
    """The official client. V1 is `signature_algorithm='v2'` (the SDK's name for the HMAC-SHA1 RPC
    signature: `call_api` then takes `do_rpcrequest`); without it the client signs ACS3-HMAC-SHA256."""
    config = Config(
        access_key_id=key["id"],
        access_key_secret=secret or key["secret"],
        security_token=token or key.get("token"),
        endpoint=emulator.host,
        protocol="http",
        region_id=REGION,
    )
    if mode == "v1":
        config.signature_algorithm = "v2"
    client = Client(config)
    client.mode = mode
    client.emulator = emulator
    client.last_raw = None
    client.record = None
    call_api = client.call_api

    def keep_raw(params, request, runtime):
        raw = call_api(params, request, runtime)
        client.last_raw = raw.get("body") if isinstance(raw, dict) else None
        return raw

    client.call_api = keep_raw
    return client


def check_signature(test: unittest.TestCase, mode: str, sent: dict, action: str):
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    if mode == "v1":
        test.assertIn("Signature", sent["query"], f"{action} in V1 sent no Signature parameter")
        test.assertEqual(sent["query"].get("SignatureMethod"), "HMAC-SHA1")
        test.assertNotIn("authorization", headers, f"{action} in V1 sent an Authorization header")
    else:
        test.assertRegex(headers.get("authorization", ""), r"^ACS3-HMAC-SHA256 Credential=", action)
        test.assertNotIn("Signature", sent["query"], f"{action} in V3 sent a Signature parameter")


def lost_fields(raw, parsed, path: str) -> list[str]:
    """What the raw answer has that the official model dropped when it parsed it (its `to_map()`)."""
    if isinstance(raw, dict):
        if not isinstance(parsed, dict):
            return [f"{path}: an object in the answer, {parsed!r} after parsing"]
        out = []
        for key, value in raw.items():
            if key not in parsed:
                out.append(f"{path}.{key}: not in the official model")
            else:
                out.extend(lost_fields(value, parsed[key], f"{path}.{key}"))
        return out
    if isinstance(raw, list):
        if not isinstance(parsed, list) or len(parsed) != len(raw):
            return [f"{path}: a list in the answer, {parsed!r} after parsing"]
        return [issue for a, b in zip(raw, parsed) for issue in lost_fields(a, b, f"{path}[]")]
    return []


def call(test: unittest.TestCase, client, action: str, request):
    """Calls `action` through the official client's own method, checks the signature the request
    carried and that the answer is a 200 parsed into the official response model."""
    first = len(SENT)
    client.last_raw = None
    try:
        res = getattr(client, method_name(action))(request)
    finally:
        test.assertGreaterEqual(len(SENT) - first, 1, f"{action} sent nothing")
        for sent in SENT[first:]:
            check_signature(test, client.mode, sent, action)
    test.assertEqual(res.status_code, 200)
    test.assertIsInstance(res.body, getattr(models, f"{action}ResponseBody"))
    test.assertRegex(res.body.request_id, REQUEST_ID)
    for issue in lost_fields(client.last_raw, res.body.to_map(), action):
        DEVIATIONS[issue] = DEVIATIONS.get(issue, 0) + 1
    if client.record:
        client.record(action, request)
    return res


def call_fails(test: unittest.TestCase, client, action: str, request, code: str):
    with test.assertRaises(ClientException, msg=action) as caught:
        getattr(client, method_name(action))(request)
    test.assertEqual(caught.exception.code, code, f"{action}: {caught.exception.message}")
    return caught.exception


def until(what: str, probe):
    deadline = time.monotonic() + POLL_TIMEOUT_S
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {POLL_TIMEOUT_S} s waiting for {what}")
        time.sleep(POLL_S)


def describe_image(test, client, region_id: str, image_id: str):
    res = call(
        test,
        client,
        "DescribeImages",
        models.DescribeImagesRequest(region_id=region_id, image_id=image_id, status="ALL"),
    )
    return next((i for i in res.body.images.image if i.image_id == image_id), None)


def until_available(test, client, region_id: str, image_id: str):
    def probe():
        image = describe_image(test, client, region_id, image_id)
        test.assertIsNotNone(image, f"{image_id} is not in {region_id}")
        test.assertNotEqual(image.status, "CreateFailed", image_id)
        return image.status == "Available"

    until(f"{image_id} in {region_id} to be Available", probe)


def until_execution_final(test, client, region_id: str, execution_id: str):
    seen: list[str] = []

    def probe():
        res = call(
            test,
            client,
            "DescribeImagePipelineExecutions",
            models.DescribeImagePipelineExecutionsRequest(region_id=region_id, execution_id=execution_id),
        )
        found = res.body.image_pipeline_execution.image_pipeline_execution_set
        test.assertEqual(len(found), 1)
        if not seen or seen[-1] != found[0].status:
            seen.append(found[0].status)
        return found[0] if found[0].status in FINAL_EXECUTION else None

    return until(f"execution {execution_id} to finish", probe), seen


_slow_source: dict[str, str] = {}


def slow_source_image(test, client) -> str:
    """One Available image of DEMO on the slow emulator, made once, to copy and cancel."""
    if "id" not in _slow_source:
        res = call(
            test,
            client,
            "CreateImage",
            models.CreateImageRequest(
                region_id=REGION, instance_id=INSTANCE, image_name="conformance-py-cancel-source"
            ),
        )
        until_available(test, client, REGION, res.body.image_id)
        _slow_source["id"] = res.body.image_id
    return _slow_source["id"]


# ---------------------------------------------------------------------------------------------
# Every operation in both signature modes. unittest runs the methods in the order of their names,
# hence the numbers; later steps use what earlier ones made (kept on the class).


class _EveryOperation:
    mode = ""
    # Set by setUpClass, per class: the first successful request of each action (replayed with a
    # wrong secret by test_25) and the IDs later steps use.
    replays: ClassVar[dict]
    ctx: ClassVar[dict]

    @classmethod
    def setUpClass(cls):
        cls.replays = {}
        cls.ctx = {}

        def record(client):
            def remember(action, request):
                cls.replays.setdefault(action, (client.emulator, request))

            client.record = remember
            return client

        cls.api = record(make_client(FAST, cls.mode, DEMO))
        cls.slow_api = record(make_client(SLOW, cls.mode, DEMO))

    def name(self, what: str) -> str:
        return f"conformance-py-{self.mode}-{what}"

    def test_01_describe_images(self):
        res = call(
            self,
            self.api,
            "DescribeImages",
            models.DescribeImagesRequest(region_id=REGION, image_owner_alias="system", page_size=50),
        )
        body = res.body
        self.assertEqual(body.region_id, REGION)
        self.assertEqual((body.page_number, body.page_size), (1, 50))
        self.assertGreaterEqual(body.total_count, 20)
        self.assertEqual(len(body.images.image), min(body.total_count, 50))
        self.assertTrue(all(i.image_owner_alias == "system" for i in body.images.image))
        image = next(i for i in body.images.image if i.image_id == PUBLIC_IMAGE)
        self.assertEqual(image.status, "Available")
        self.assertEqual(image.image_family, PUBLIC_FAMILY)
        self.assertEqual(image.architecture, "x86_64")
        self.assertEqual(image.ostype, "linux")
        self.assertEqual(image.disk_device_mappings.disk_device_mapping[0].device, "/dev/xvda")

    def test_02_describe_image_from_family(self):
        res = call(
            self,
            self.api,
            "DescribeImageFromFamily",
            models.DescribeImageFromFamilyRequest(region_id=REGION, image_family=PUBLIC_FAMILY),
        )
        self.assertEqual(res.body.image.image_id, PUBLIC_IMAGE)
        self.assertEqual(res.body.image.image_family, PUBLIC_FAMILY)
        self.assertEqual(res.body.image.status, "Available")

    def test_03_describe_image_support_instance_types(self):
        res = call(
            self,
            self.api,
            "DescribeImageSupportInstanceTypes",
            models.DescribeImageSupportInstanceTypesRequest(region_id=REGION, image_id=PUBLIC_IMAGE),
        )
        self.assertEqual((res.body.image_id, res.body.region_id), (PUBLIC_IMAGE, REGION))
        types = res.body.instance_types.instance_type
        self.assertTrue(types)
        for t in types:
            self.assertTrue(t.instance_type_id.startswith("ecs."))
            self.assertIsInstance(t.cpu_core_count, int)

    def test_04_describe_available_resource(self):
        res = call(
            self,
            self.api,
            "DescribeAvailableResource",
            models.DescribeAvailableResourceRequest(
                region_id=REGION, destination_resource="InstanceType", instance_charge_type="PostPaid"
            ),
        )
        zones = res.body.available_zones.available_zone
        self.assertTrue(zones)
        offered = []
        for zone in zones:
            self.assertEqual(zone.region_id, REGION)
            resource = zone.available_resources.available_resource[0]
            self.assertEqual(resource.type, "InstanceType")
            offered += [o.value for o in resource.supported_resources.supported_resource]
        self.assertIn("ecs.g7.large", offered)

    def test_05_create_image(self):
        res = call(
            self,
            self.api,
            "CreateImage",
            models.CreateImageRequest(
                region_id=REGION,
                instance_id=INSTANCE,
                image_name=self.name("image"),
                image_family=self.name("family"),
                tag=[models.CreateImageRequestTag(key="suite", value="conformance")],
            ),
        )
        self.assertTrue(res.body.image_id.startswith("m-"))
        self.ctx["image"] = res.body.image_id
        until_available(self, self.api, REGION, res.body.image_id)
        image = describe_image(self, self.api, REGION, res.body.image_id)
        self.assertEqual(image.image_name, self.name("image"))
        self.assertEqual([(t.tag_key, t.tag_value) for t in image.tags.tag], [("suite", "conformance")])

    def test_06_modify_image_attribute(self):
        call(
            self,
            self.api,
            "ModifyImageAttribute",
            models.ModifyImageAttributeRequest(
                region_id=REGION, image_id=self.ctx["image"], image_name=self.name("renamed"), description="modified"
            ),
        )
        image = describe_image(self, self.api, REGION, self.ctx["image"])
        self.assertEqual((image.image_name, image.description), (self.name("renamed"), "modified"))

    def test_07_modify_image_share_permission(self):
        call(
            self,
            self.api,
            "ModifyImageSharePermission",
            models.ModifyImageSharePermissionRequest(
                region_id=REGION, image_id=self.ctx["image"], add_account=[DEMO2["account"]]
            ),
        )

    def test_08_modify_image_share_group_permission(self):
        call(
            self,
            self.api,
            "ModifyImageShareGroupPermission",
            models.ModifyImageShareGroupPermissionRequest(
                region_id=REGION, image_id=self.ctx["image"], add_group=["all"]
            ),
        )

    def test_09_describe_image_share_permission(self):
        res = call(
            self,
            self.api,
            "DescribeImageSharePermission",
            models.DescribeImageSharePermissionRequest(region_id=REGION, image_id=self.ctx["image"]),
        )
        self.assertEqual(res.body.image_id, self.ctx["image"])
        self.assertEqual(res.body.total_count, 1)
        self.assertEqual([a.aliyun_id for a in res.body.accounts.account], [DEMO2["account"]])
        self.assertEqual([g.group for g in res.body.share_groups.share_group], ["all"])

    def test_10_copy_image(self):
        res = call(
            self,
            self.api,
            "CopyImage",
            models.CopyImageRequest(
                region_id=REGION,
                image_id=self.ctx["image"],
                destination_region_id=OTHER_REGION,
                destination_image_name=self.name("copy"),
            ),
        )
        self.assertTrue(res.body.image_id.startswith("m-"))
        copy = describe_image(self, self.api, OTHER_REGION, res.body.image_id)
        self.assertEqual(copy.image_name, self.name("copy"))

    def test_11_export_image(self):
        res = call(
            self,
            self.api,
            "ExportImage",
            models.ExportImageRequest(
                region_id=REGION, image_id=self.ctx["image"], ossbucket=BUCKET, ossprefix=f"conformancepy{self.mode}"
            ),
        )
        self.assertTrue(res.body.task_id.startswith("t-"))
        self.assertEqual(res.body.region_id, REGION)

    def test_12_import_image(self):
        res = call(
            self,
            self.api,
            "ImportImage",
            models.ImportImageRequest(
                region_id=REGION,
                image_name=self.name("imported"),
                ostype="linux",
                platform="Aliyun",
                architecture="x86_64",
                disk_device_mapping=[
                    models.ImportImageRequestDiskDeviceMapping(ossbucket=BUCKET, ossobject=QCOW2_OBJECT, format="QCOW2")
                ],
            ),
        )
        self.assertTrue(res.body.image_id.startswith("m-"))
        self.assertTrue(res.body.task_id.startswith("t-"))
        self.assertEqual(res.body.region_id, REGION)

    def test_13_create_image_component(self):
        res = call(
            self,
            self.api,
            "CreateImageComponent",
            models.CreateImageComponentRequest(
                region_id=REGION,
                name=self.name("component"),
                component_type="Build",
                system_type="Linux",
                content='RUN echo "hello from the conformance suite"',
            ),
        )
        self.assertTrue(res.body.image_component_id.startswith("ic-"))
        self.ctx["component"] = res.body.image_component_id

    def test_14_describe_image_components(self):
        res = call(
            self,
            self.api,
            "DescribeImageComponents",
            models.DescribeImageComponentsRequest(region_id=REGION, image_component_id=[self.ctx["component"]]),
        )
        self.assertEqual(res.body.total_count, 1)
        component = res.body.image_component.image_component_set[0]
        self.assertEqual(component.image_component_id, self.ctx["component"])
        self.assertEqual(component.name, self.name("component"))
        self.assertEqual(component.content, 'RUN echo "hello from the conformance suite"')
        self.assertRegex(component.component_version, r"^\d+\.\d+\.\d+$")

    def test_15_create_image_pipeline(self):
        self.ctx["build"] = f"COMPONENT {self.ctx['component']}\nRUN echo done"
        res = call(
            self,
            self.api,
            "CreateImagePipeline",
            models.CreateImagePipelineRequest(
                region_id=REGION,
                name=self.name("pipeline"),
                base_image_type="IMAGE",
                base_image=PUBLIC_IMAGE,
                build_content=self.ctx["build"],
                image_name=self.name("built"),
                to_region_id=[OTHER_REGION],
                add_account=[int(DEMO2["account"])],
            ),
        )
        self.assertTrue(res.body.image_pipeline_id.startswith("ip-"))
        self.ctx["pipeline"] = res.body.image_pipeline_id

    def test_16_describe_image_pipelines(self):
        res = call(
            self,
            self.api,
            "DescribeImagePipelines",
            models.DescribeImagePipelinesRequest(region_id=REGION, image_pipeline_id=[self.ctx["pipeline"]]),
        )
        self.assertEqual(res.body.total_count, 1)
        pipeline = res.body.image_pipeline.image_pipeline_set[0]
        self.assertEqual(pipeline.image_pipeline_id, self.ctx["pipeline"])
        self.assertEqual((pipeline.base_image_type, pipeline.base_image), ("IMAGE", PUBLIC_IMAGE))
        self.assertEqual(pipeline.build_content, self.ctx["build"])
        self.assertEqual(pipeline.to_region_ids.to_region_id, [OTHER_REGION])
        self.assertEqual([str(a) for a in pipeline.add_accounts.add_account], [DEMO2["account"]])

    def test_17_start_image_pipeline_execution(self):
        res = call(
            self,
            self.api,
            "StartImagePipelineExecution",
            models.StartImagePipelineExecutionRequest(region_id=REGION, image_pipeline_id=self.ctx["pipeline"]),
        )
        self.assertTrue(res.body.execution_id.startswith("exec-"))
        self.ctx["execution"] = res.body.execution_id

    def test_18_describe_image_pipeline_executions(self):
        res = call(
            self,
            self.api,
            "DescribeImagePipelineExecutions",
            models.DescribeImagePipelineExecutionsRequest(region_id=REGION, image_pipeline_id=self.ctx["pipeline"]),
        )
        self.assertEqual(res.body.total_count, 1)
        execution = res.body.image_pipeline_execution.image_pipeline_execution_set[0]
        self.assertEqual(execution.execution_id, self.ctx["execution"])
        self.assertIn(execution.status, EXECUTION_STATUSES)
        done, _ = until_execution_final(self, self.api, REGION, self.ctx["execution"])
        self.assertEqual(done.status, "SUCCESS", done.message)
        self.assertTrue(done.image_id.startswith("m-"))

    def test_19_cancel_image_pipeline_execution(self):
        created = call(
            self,
            self.slow_api,
            "CreateImagePipeline",
            models.CreateImagePipelineRequest(
                region_id=REGION,
                name=self.name("cancelled-pipeline"),
                base_image_type="IMAGE",
                base_image=PUBLIC_IMAGE,
                build_content="RUN echo never finishes",
            ),
        )
        started = call(
            self,
            self.slow_api,
            "StartImagePipelineExecution",
            models.StartImagePipelineExecutionRequest(
                region_id=REGION, image_pipeline_id=created.body.image_pipeline_id
            ),
        )
        call(
            self,
            self.slow_api,
            "CancelImagePipelineExecution",
            models.CancelImagePipelineExecutionRequest(region_id=REGION, execution_id=started.body.execution_id),
        )
        done, seen = until_execution_final(self, self.slow_api, REGION, started.body.execution_id)
        self.assertEqual(done.status, "CANCELLED")
        self.assertIn(seen[0], ("CANCELLING", "CANCELLED"))

    def test_20_cancel_copy_image(self):
        source = slow_source_image(self, self.slow_api)
        copied = call(
            self,
            self.slow_api,
            "CopyImage",
            models.CopyImageRequest(region_id=REGION, image_id=source, destination_region_id=OTHER_REGION),
        )
        call(
            self,
            self.slow_api,
            "CancelCopyImage",
            models.CancelCopyImageRequest(region_id=OTHER_REGION, image_id=copied.body.image_id),
        )
        self.assertIsNone(describe_image(self, self.slow_api, OTHER_REGION, copied.body.image_id))

    def test_21_delete_image_pipeline(self):
        call(
            self,
            self.api,
            "DeleteImagePipeline",
            models.DeleteImagePipelineRequest(region_id=REGION, image_pipeline_id=self.ctx["pipeline"]),
        )

    def test_22_delete_image_component(self):
        call(
            self,
            self.api,
            "DeleteImageComponent",
            models.DeleteImageComponentRequest(region_id=REGION, image_component_id=self.ctx["component"]),
        )

    def test_23_delete_image(self):
        request = models.DeleteImageRequest(region_id=REGION, image_id=self.ctx["image"], force=True)

        # The export and the copy of a few milliseconds may still hold the image.
        def attempt():
            try:
                return call(self, self.api, "DeleteImage", request)
            except ClientException as e:
                if e.code in ("ImageIsExporting", "OperationDenied.ImageCopying"):
                    return None
                raise

        until("DeleteImage to be accepted", attempt)
        self.assertIsNone(describe_image(self, self.api, REGION, self.ctx["image"]))

    def test_24_all_operations_called(self):
        self.assertEqual(sorted(self.replays), OPERATIONS)

    def test_25_wrong_secret(self):
        self.assertEqual(sorted(self.replays), OPERATIONS, "operations whose successful call is missing")
        for action, (emulator, request) in sorted(self.replays.items()):
            with self.subTest(action=action):
                client = make_client(emulator, self.mode, DEMO, secret=WRONG_SECRET)
                first = len(SENT)
                error = call_fails(self, client, action, request, "SignatureDoesNotMatch")
                self.assertEqual(error.status_code, 400)
                self.assertIn("server string to sign is:", error.data.get("Message", ""))
                for sent in SENT[first:]:
                    check_signature(self, self.mode, sent, action)


class EveryOperationV1(_EveryOperation, unittest.TestCase):
    """V1: HMAC-SHA1 RPC signature (`signature_algorithm='v2'`)."""

    mode = "v1"


class EveryOperationV3(_EveryOperation, unittest.TestCase):
    """V3: ACS3-HMAC-SHA256 (the SDK's default)."""

    mode = "v3"


class StsKey(unittest.TestCase):
    def test_sts_key(self):
        request = models.DescribeImagesRequest(region_id=REGION, image_owner_alias="self", status="ALL")
        for mode in ("v1", "v3"):
            with self.subTest(mode=mode):
                res = call(self, make_client(SLOW, mode, STS), "DescribeImages", request)
                self.assertEqual(res.body.region_id, REGION)
                other_token = make_client(SLOW, mode, STS, token="CAIS+another/token==")
                call_fails(self, other_token, "DescribeImages", request, "InvalidSecurityToken.MismatchWithAccessKey")
                wrong = make_client(SLOW, mode, STS, secret=WRONG_SECRET)
                call_fails(self, wrong, "DescribeImages", request, "SignatureDoesNotMatch")


class ZShapes(unittest.TestCase):
    """After the others (unittest orders classes by name): what parsing lost."""

    def test_answers_parse_without_loss(self):
        lost = [f"{issue} ({count}x)" for issue, count in sorted(DEVIATIONS.items())]
        self.assertEqual(lost, [], "fields of the emulator's answers the official models do not have")


if __name__ == "__main__":
    unittest.main()

// Type-checked, never run (types.test.mjs runs `tsc --noEmit -p` on this directory): every
// operation method, paginator and waiter of the built package with correctly typed requests, typed
// response fields read in both views, and `@ts-expect-error` lines for what must not compile
// (tsc fails on an `@ts-expect-error` that finds no error, so each one is checked too).
//
// `regionId` may be left out of every request: the client fills in its own (ClientOptions.regionId).

import {
  EcsError,
  EcsImageClient,
  toAliyunCli,
  toCurl,
  type CreateImageRequest,
  type DescribeImagesResponse,
  type DescribeImagesResultImage,
  type DescribeImagePipelineExecutionsResultImagePipelineExecutionSet,
  type EcsErrorKind,
  type PresignedRequest,
  type Problem,
  type ProblemDetail,
  type WaitProgress,
} from 'ecsimg';

/** Compile-time equality of two types. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
function expectType<T extends true>(): T | void {}

const client = new EcsImageClient({
  regionId: 'cn-hangzhou',
  endpoint: 'http://127.0.0.1:9080',
  credentials: { accessKeyId: 'demo', accessKeySecret: 'demo-secret' },
  signatureVersion: 'v3',
  method: 'POST',
  strictness: 'strict',
  timeoutMs: 10_000,
  maxAttempts: 3,
  retry: { baseDelayMs: 100, throttlingBaseDelayMs: 500, maxDelayMs: 5_000 },
  fetch: globalThis.fetch,
});

const sts = new EcsImageClient({
  regionId: 'cn-shanghai',
  credentialsProvider: async () => ({ accessKeyId: 'STS.x', accessKeySecret: 's', securityToken: 't' }),
});

export async function everyOperation(signal: AbortSignal): Promise<void> {
  const options = { abortSignal: signal, timeoutMs: 5_000 };

  // Images.
  const createRequest: CreateImageRequest = { regionId: 'cn-hangzhou', instanceId: 'i-1', imageName: 'typed', tag: [{ key: 'k', value: 'v' }] };
  const created = await client.createImage(createRequest, options);
  const imageId: string | undefined = created.imageId;
  const statusCode: number = created.statusCode;
  const headers: Record<string, string> = created.headers;
  const bodyImageId: string | undefined = created.body.imageId;
  await client.createImage({ snapshotId: 's-1', architecture: 'arm64', bootMode: 'UEFI', features: { imdsSupport: 'v2' } });
  await client.createImage({ diskDeviceMapping: [{ snapshotId: 's-1', diskType: 'system', size: 40 }] });

  const images: DescribeImagesResponse = await client.describeImages({ imageOwnerAlias: 'self', status: 'Available,Creating', pageSize: 50, pageNumber: 1 });
  const first: DescribeImagesResultImage | undefined = images.images?.[0];
  const size: number | undefined = first?.size;
  const progress: string | undefined = first?.progress;
  const device: string | undefined = first?.diskDeviceMappings?.[0]?.device;
  const tagKey: string | undefined = first?.tags?.[0]?.tagKey;
  const wrappedDevice: string | undefined = images.body.images?.image?.[0]?.diskDeviceMappings?.diskDeviceMapping?.[0]?.device;
  const total: number | undefined = images.totalCount;
  expectType<Equals<typeof images.images, DescribeImagesResultImage[] | undefined>>();
  expectType<Equals<IsAny<typeof first>, false>>();
  expectType<Equals<IsAny<typeof images.body>, false>>();

  const family = await client.describeImageFromFamily({ imageFamily: 'acs:alibaba_cloud_linux_3_2104_lts_x64' });
  const familyImage: string | undefined = family.image?.imageId;
  const familyStatus: string | undefined = family.body.image?.status;

  await client.modifyImageAttribute({ imageId: 'm-1', imageName: 'renamed', status: 'Deprecated', bootMode: 'BIOS' });
  await client.deleteImage({ imageId: 'm-1', force: true });

  // Sharing and copying.
  await client.modifyImageSharePermission({ imageId: 'm-1', addAccount: ['1000000000000002'], removeAccount: [] });
  await client.modifyImageShareGroupPermission({ imageId: 'm-1', addGroup: ['all'] });
  const permission = await client.describeImageSharePermission({ imageId: 'm-1', pageSize: 10 });
  const aliyunId: string | undefined = permission.accounts?.[0]?.aliyunId;
  const group: string | undefined = permission.shareGroups?.[0]?.group;
  const wrappedAliyunId: string | undefined = permission.body.accounts?.account?.[0]?.aliyunId;
  const copy = await client.copyImage({ imageId: 'm-1', destinationRegionId: 'cn-shanghai', destinationImageName: 'copy', encrypted: false });
  const copyId: string | undefined = copy.imageId;
  await client.cancelCopyImage({ regionId: 'cn-shanghai', imageId: 'm-2' });

  // Import and export.
  const imported = await client.importImage({
    imageName: 'imported',
    OSType: 'linux',
    platform: 'Aliyun',
    architecture: 'x86_64',
    diskDeviceMapping: [{ OSSBucket: 'bucket', OSSObject: 'images/a.qcow2', format: 'QCOW2' }],
  });
  const taskId: string | undefined = imported.taskId;
  const exported = await client.exportImage({ imageId: 'm-1', OSSBucket: 'bucket', OSSPrefix: 'prefix', imageFormat: 'qcow2' });
  const exportTask: string | undefined = exported.body.taskId;

  // Resources.
  const types = await client.describeImageSupportInstanceTypes({ imageId: 'm-1', actionType: 'CreateEcs' });
  const cores: number | undefined = types.instanceTypes?.[0]?.cpuCoreCount;
  const available = await client.describeAvailableResource({ destinationResource: 'InstanceType', instanceChargeType: 'PostPaid' });
  const offer: string | undefined = available.availableZones?.[0]?.availableResources?.[0]?.supportedResources?.[0]?.value;
  const wrappedZone: string | undefined = available.body.availableZones?.availableZone?.[0]?.zoneId;

  // Image Builder.
  const component = await client.createImageComponent({ name: 'c', componentType: 'Build', systemType: 'Linux', content: 'RUN echo hi' });
  const componentId: string | undefined = component.imageComponentId;
  const components = await client.describeImageComponents({ owner: 'SELF', maxResults: 10 });
  const componentType: string | undefined = components.imageComponent?.[0]?.componentType;
  const nextToken: string | undefined = components.nextToken;
  await client.deleteImageComponent({ imageComponentId: 'ic-1' });
  const pipeline = await client.createImagePipeline({
    name: 'p',
    baseImageType: 'IMAGE',
    baseImage: 'aliyun_3_x64_20G_alibase_20250915.vhd',
    buildContent: 'RUN echo hi',
    toRegionId: ['cn-shanghai'],
    addAccount: [1000000000000002],
    repairItem: ['grub'],
  });
  const pipelineId: string | undefined = pipeline.imagePipelineId;
  const pipelines = await client.describeImagePipelines({ imagePipelineId: ['ip-1'] });
  const toRegions: string[] | undefined = pipelines.imagePipeline?.[0]?.toRegionIds;
  const wrappedToRegions: string[] | undefined = pipelines.body.imagePipeline?.imagePipelineSet?.[0]?.toRegionIds?.toRegionId;
  await client.deleteImagePipeline({ imagePipelineId: 'ip-1' });
  const started = await client.startImagePipelineExecution({ imagePipelineId: 'ip-1' });
  const executionId: string | undefined = started.executionId;
  const executions = await client.describeImagePipelineExecutions({ imagePipelineId: 'ip-1', status: 'BUILDING' });
  const execution: DescribeImagePipelineExecutionsResultImagePipelineExecutionSet | undefined = executions.imagePipelineExecution?.[0];
  const executionStatus: string | undefined = execution?.status;
  await client.cancelImagePipelineExecution({ executionId: 'exec-1' });

  // Any region, and the STS client.
  await client.describeImages({ regionId: 'cn-beijing' });
  await sts.describeImages({});

  void [imageId, statusCode, headers, bodyImageId, size, progress, device, tagKey, wrappedDevice, total, familyImage, familyStatus];
  void [aliyunId, group, wrappedAliyunId, copyId, taskId, exportTask, cores, offer, wrappedZone, componentId, componentType];
  void [nextToken, pipelineId, toRegions, wrappedToRegions, executionId, executionStatus];
}

export async function everyPaginator(): Promise<void> {
  for await (const page of client.paginateDescribeImages({ imageOwnerAlias: 'system' }, { pageSize: 20 })) {
    const n: number | undefined = page.pageNumber;
    void n;
  }
  for await (const image of client.paginateDescribeImages({}).items()) {
    const id: string | undefined = image.imageId;
    void id;
  }
  for await (const account of client.paginateDescribeImageSharePermission({ imageId: 'm-1' }).items()) {
    const id: string | undefined = account.aliyunId;
    void id;
  }
  for await (const component of client.paginateDescribeImageComponents({ owner: 'SELF' }, { pageSize: 100 }).items()) {
    const id: string | undefined = component.imageComponentId;
    void id;
  }
  for await (const page of client.paginateDescribeImagePipelines({})) {
    const token: string | undefined = page.nextToken;
    void token;
  }
  for await (const execution of client.paginateDescribeImagePipelineExecutions({ imagePipelineId: 'ip-1' }).items()) {
    const status: string | undefined = execution.status;
    void status;
  }
}

export async function waitersAndTools(signal: AbortSignal): Promise<void> {
  const onProgress = (p: WaitProgress) => void [p.status, p.percent, p.elapsedMs];
  const options = { abortSignal: signal, maxWaitMs: 60_000, minDelayMs: 1_000, maxDelayMs: 10_000, onProgress };
  const image: DescribeImagesResultImage = await client.waitForImageAvailable({ imageId: 'm-1' }, options);
  await client.waitForImageCopied({ regionId: 'cn-shanghai', imageId: 'm-2' }, options);
  await client.waitForImageImported({ imageId: 'm-3' });
  const gone: void = await client.waitForImageDeleted({ imageId: 'm-1' });
  const execution = await client.waitForPipelineExecution({ executionId: 'exec-1' }, options);
  const outputImage: string | undefined = execution.imageId;

  const signed: PresignedRequest = await client.presign('CreateImage', { instanceId: 'i-1' });
  const curl: string = toCurl(signed);
  const cli: string = toAliyunCli(signed);
  const parts: [string, string][] = signed.params;
  const warnings: Problem[] = signed.warnings;
  const maybeRegion: string | undefined = undefined;
  await client.describeImages({ regionId: maybeRegion });
  await client.waitForImageAvailable({ imageId: 'm-1', regionId: maybeRegion });
  const problems: Problem[] = await client.validate('DescribeImages', { pageSize: 10 });
  // A problem's rule as data, narrowed by its code.
  const detail: ProblemDetail = problems[0].detail;
  if (detail.code === 'length') {
    const bounds: [number | undefined, number | undefined, number] = [detail.min, detail.max, detail.got];
    void bounds;
  }
  if (detail.code === 'range') {
    // @ts-expect-error 64-bit bounds are strings
    const min: number | undefined = detail.min;
    void min;
  }
  const structural: boolean = problems[0].structural;
  void structural;
  const any = await client.call('DescribeImages', { pageSize: 10 });
  void [image, gone, outputImage, curl, cli, parts, warnings, problems, any];

  try {
    await client.describeImages({});
  } catch (e) {
    if (e instanceof EcsError) {
      const kind: EcsErrorKind = e.kind;
      const code: string | undefined = e.code;
      const retryable: boolean = e.retryable;
      const wirePath: string | undefined = e.problems[0]?.wirePath;
      const attempts: number | undefined = e.attempts;
      void [kind, code, retryable, wirePath, attempts, e.requestId, e.httpStatus, e.serverStringToSign, e.clientStringToSign];
    }
  }
}

export async function mustNotCompile(): Promise<void> {
  // @ts-expect-error: a misspelt field (imageNme)
  await client.createImage({ instanceId: 'i-1', imageNme: 'typo' });
  // @ts-expect-error: the wire spelling is not the SDK's (ImageName)
  await client.createImage({ instanceId: 'i-1', ImageName: 'typo' });
  // @ts-expect-error: not one of the enum's values
  await client.describeImages({ imageOwnerAlias: 'everyone' });
  // @ts-expect-error: not one of the enum's values, nested
  await client.createImage({ instanceId: 'i-1', features: { imdsSupport: 'v3' } });
  // @ts-expect-error: a number field given a string
  await client.describeImages({ pageSize: '10' });
  // @ts-expect-error: regionId may be left out, but not be of the wrong type
  await client.describeImages({ regionId: 42 });
  // @ts-expect-error: a required field (imageId) missing
  await client.deleteImage({ force: true });
  // @ts-expect-error: a required list (diskDeviceMapping) missing
  await client.importImage({ imageName: 'no-disks' });
  // @ts-expect-error: the paginator owns the page number
  client.paginateDescribeImages({ pageNumber: 2 });
  // @ts-expect-error: and the token
  client.paginateDescribeImageComponents({ nextToken: 'x' });
  // @ts-expect-error: a copy is waited for in its destination region, which must be named
  await client.waitForImageCopied({ imageId: 'm-2' });
  // @ts-expect-error: not an operation of the client
  await client.runInstances({});
  // @ts-expect-error: a response field that does not exist
  void (await client.createImage({ instanceId: 'i-1' })).imageID;
  // @ts-expect-error: the body keeps the wrapper object, so it has no flat list
  void (await client.describeImages({})).body.images?.[0];
  // @ts-expect-error: a field WaitProgress does not have
  client.waitForImageAvailable({ imageId: 'm-1' }, { onProgress: (p) => p.percentage });
  // @ts-expect-error: no such signature version
  new EcsImageClient({ regionId: 'cn-hangzhou', signatureVersion: 'v2' });
  // @ts-expect-error: no such strictness
  new EcsImageClient({ regionId: 'cn-hangzhou', strictness: 'loose' });
  // @ts-expect-error: the client needs a region
  new EcsImageClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
}

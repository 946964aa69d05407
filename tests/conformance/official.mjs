// The official packages, driven the way an application drives them, with the clock and the nonce
// pinned so that their requests can be compared byte for byte with ours.

import { createRequire } from 'node:module';
import { fieldName, methodName } from './catalogue.mjs';

const require = createRequire(import.meta.url);

function load(name) {
  try {
    return require(name);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error(`${name} is not installed: run \`npm ci --prefix tests/conformance\` first`);
  }
}

export const ecs = load('@alicloud/ecs20140526');
/** The official encoder (`getEncodeParam`) and V1 signer (`getRPCSignature`). */
export const OpenApiUtil = load('@alicloud/openapi-util').default;
// The static helpers the core reads the time and the nonce from, at call time.
const coreUtils = load('@alicloud/openapi-core/dist/utils').default;

let pinned = null;
coreUtils.getTimestamp = () => pinned.timestamp;
coreUtils.getNonce = () => pinned.nonce;

/** The request model class of an action (`CreateImageRequest`). */
export function requestModel(action) {
  const model = ecs[`${action}Request`];
  if (!model) throw new Error(`the official package has no ${action}Request`);
  return model;
}

/** A request model's leaves: wire key with `N` for list indices, TS field path, TS type. */
export function modelLeaves(Model, prefix = '', sdkPath = []) {
  const types = Model.types();
  return Object.entries(Model.names()).flatMap(([field, wire]) =>
    leavesOfType(types[field], prefix ? `${prefix}.${wire}` : wire, [...sdkPath, field]),
  );
}

function leavesOfType(type, key, sdkPath) {
  if (typeof type === 'function' && typeof type.names === 'function') return modelLeaves(type, key, sdkPath);
  if (type?.type === 'array') return leavesOfType(type.itemType, `${key}.N`, [...sdkPath, 'N']);
  return [{ key, type: typeof type === 'string' ? type : JSON.stringify(type), sdkPath }];
}

/**
 * A request in catalogue-derived field names, renamed to the official model's names by wire name.
 * The models silently drop names they do not have; renaming keeps a naming disagreement (which the
 * coverage test reports) from hiding the wire and signing comparison. A field the model has no wire
 * name for keeps its name, so it is dropped and shows up as a missing parameter.
 */
export function officialNames(Model, fields, request) {
  const names = Model.names();
  const types = Model.types();
  const out = {};
  for (const [ours, value] of Object.entries(request)) {
    const field = fields.find((f) => fieldName(f) === ours);
    const theirs = Object.keys(names).find((name) => names[name] === field?.name);
    out[theirs ?? ours] = theirs ? renameValue(types[theirs], field, value) : value;
  }
  return out;
}

function renameValue(type, field, value) {
  if (field.type === 'struct' && typeof type === 'function') return officialNames(type, field.fields, value);
  if (field.type === 'list' && type?.type === 'array') {
    return value.map((item) => renameValue(type.itemType, field.item, item));
  }
  return value;
}

/** The host the official client resolves for a region when no endpoint is given. */
export function officialEndpoint(regionId) {
  return new ecs.default({ regionId, accessKeyId: 'id', accessKeySecret: 'secret' })._endpoint;
}

/** The regions the official client maps to a special endpoint. */
export function endpointMapRegions() {
  const client = new ecs.default({ regionId: 'cn-beijing', accessKeyId: 'id', accessKeySecret: 'secret' });
  return Object.keys(client._endpointMap);
}

/**
 * Makes one call of `op` (a catalogue operation) with the official client. `signature` is `v1` or
 * `v3`; with `bareCredential` the credentials come from a plain provider object instead of the
 * client's AccessKey config, so that the client does not add its `x-acs-credentials-provider` header.
 */
export async function officialCall(call) {
  const { op, request, signature, method, endpoint, credentials, timestamp, nonce, bareCredential } = call;
  const { accessKeyId, accessKeySecret, securityToken } = credentials;
  const config = { regionId: request.regionId, endpoint, protocol: 'http' };
  if (signature === 'v1') config.signatureAlgorithm = 'v2'; // the SDK's name for HMAC-SHA1 RPC signing
  if (bareCredential) {
    const type = securityToken ? 'sts' : 'access_key';
    config.credential = { getCredential: async () => ({ accessKeyId, accessKeySecret, securityToken, type }) };
  } else {
    Object.assign(config, { accessKeyId, accessKeySecret, securityToken });
  }
  const client = new ecs.default(config);
  // The generated operation methods always say POST; the core signs and sends whatever method the
  // operation's params carry, so GET is the same code path with that one field changed.
  const callApi = client.callApi.bind(client);
  client.callApi = (params, req, runtime) => callApi(Object.assign(params, { method }), req, runtime);
  pinned = { timestamp, nonce };
  try {
    const Model = requestModel(op.name);
    return await client[methodName(op.name)](new Model(officialNames(Model, op.params, request)));
  } finally {
    pinned = null;
  }
}

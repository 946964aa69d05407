// A signed request as a command to paste: curl, or the aliyun CLI. Neither holds the secret (the
// signature is derived from it; the CLI signs with its own profile).

import type { PresignedRequest } from './client.js';

/** POSIX shell single quotes. */
function quote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `curl` for a presigned request (send it within 15 minutes: the timestamp is in the signature). */
export function toCurl(request: PresignedRequest): string {
  const parts = ['curl', '-X', request.method, quote(request.url)];
  for (const [name, value] of request.headers) {
    // curl sets Host from the URL; a proxy sets it to its upstream.
    if (name.toLowerCase() !== 'host') parts.push('-H', quote(`${name}: ${value}`));
  }
  if (request.body) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}

/** The same call for Alibaba Cloud's CLI: `aliyun ecs <Action> --RegionId 'cn-hangzhou' ...`. */
export function toAliyunCli(request: PresignedRequest): string {
  const parts = ['aliyun', 'ecs', request.action];
  for (const [key, value] of request.params) parts.push(`--${key}`, quote(value));
  return parts.join(' ');
}

/**
 * Whether a request comes from this machine, for the endpoints that take no token: the Teams
 * endpoint without TEAMS_APP_ID (a bot emulator) and the local playground beside a real platform.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
/** A request that passed a proxy on this machine comes from loopback but not from this machine. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

/** A host name (of a URL, or a Host header without its port) that means this machine. */
export function isLocalHostName(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || isLoopback(bare);
}

export function fromThisMachine(request: IncomingMessage): boolean {
  return isLoopback(request.socket.remoteAddress) && !PROXY_HEADERS.some((h) => h in request.headers);
}

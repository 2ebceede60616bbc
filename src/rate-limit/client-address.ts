import { createParamDecorator, ExecutionContext, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import ipaddr from 'ipaddr.js';
import type { AppConfig } from '../config/app-config';

/**
 * The client as every per-address rate limit counts it: an IPv4 address (also when it
 * comes IPv4-mapped, `::ffff:192.0.2.1`), or an IPv6 address's /64. One IPv6 host
 * commonly holds a whole /64 (SLAAC, privacy addresses), so counting its addresses one
 * by one would give it 2^64 allowances. The address itself is Express's `req.ip`, which
 * reads X-Forwarded-For only as far as TRUST_PROXY_HOPS says.
 */
export function clientKey(ip: string | undefined): string {
  if (ip === undefined || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts;
  return `${parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

/** The request's client, keyed as the rate limits count it (`clientKey`). */
export const ClientKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => clientKey(ctx.switchToHttp().getRequest<Request>().ip));

/** Where proxies and load balancers reach the app from. */
const PRIVATE_RANGES = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat']);

export function isPrivateAddress(ip: string | undefined): boolean {
  return ip !== undefined && ipaddr.isValid(ip) && PRIVATE_RANGES.has(ipaddr.process(ip).range());
}

/**
 * In production with TRUST_PROXY_HOPS=0, a request from a private address is most
 * likely a proxy's: then every client has the proxy's address, and one attacker's
 * failed logins get everyone's logins refused. One warning, at the first such request
 * (health probes aside: they come from private addresses without any proxy). Nothing
 * at all is installed where the warning cannot apply.
 */
export function proxyHopsCheck(config: AppConfig): RequestHandler | undefined {
  if (config.nodeEnv !== 'production' || config.trustProxyHops > 0) return undefined;
  let warned = false;
  return (req: Request, _res: Response, next: NextFunction) => {
    const peer = req.socket.remoteAddress;
    if (!warned && !req.url.startsWith('/health') && isPrivateAddress(peer)) {
      warned = true;
      new Logger('Config').warn(
        `TRUST_PROXY_HOPS is 0, but requests come from ${ipaddr.process(peer!).toString()}, a private address: if a proxy or load balancer ` +
          'is in front of the app, every client has its address and shares its rate limits (one attacker can get everyone refused). ' +
          'Set TRUST_PROXY_HOPS to the number of proxies in front of the app.',
      );
    }
    next();
  };
}

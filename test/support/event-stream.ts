import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

export interface StreamEvent {
  event: string;
  id?: string;
  data: any;
  /** Date.now() when it was read. */
  at: number;
}

/** An open GET /stream, read as EventSource reads it: events, comment lines, `retry:`, the end. */
export interface EventStreamClient {
  status: number;
  headers: IncomingMessage['headers'];
  events: StreamEvent[];
  comments: string[];
  retry?: number;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** The next event named `name` not yet taken by next(), waiting up to `timeoutMs`. */
  next(name: string, timeoutMs?: number): Promise<StreamEvent>;
  /** Events named `name` received so far. */
  named(name: string): StreamEvent[];
  close(): void;
  response: IncomingMessage;
  /** The body, for an answer that is not a stream. */
  body(): Promise<any>;
}

/** The app's server, listening on a port of its own (streams are read over a real socket). */
export async function baseUrl(t: TestApp): Promise<string> {
  if (!t.server.listening) await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
}

export async function openStream(t: TestApp, { path = '/stream', headers = {} }: { path?: string; headers?: Record<string, string> } = {}): Promise<EventStreamClient> {
  const url = `${await baseUrl(t)}${path}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const taken = new Set<StreamEvent>();
      const waiters: (() => void)[] = [];
      let buffer = '';
      let raw = '';
      let endedResolve!: () => void;
      const client: EventStreamClient = {
        status: res.statusCode!,
        headers: res.headers,
        events: [],
        comments: [],
        ended: new Promise((r) => (endedResolve = r)),
        response: res,
        named: (name) => client.events.filter((e) => e.event === name),
        next(name, timeoutMs = 5000) {
          return new Promise((resolveNext, rejectNext) => {
            const look = () => {
              const found = client.events.find((e) => e.event === name && !taken.has(e));
              if (!found) return false;
              taken.add(found);
              clearTimeout(timer);
              resolveNext(found);
              return true;
            };
            const timer = setTimeout(() => rejectNext(new Error(`no "${name}" event within ${timeoutMs} ms; got ${JSON.stringify(client.events)}`)), timeoutMs);
            const wait = () => void (look() || waiters.push(wait));
            wait();
          });
        },
        close: () => req.destroy(),
        body: () => client.ended.then(() => (raw ? JSON.parse(raw) : undefined)),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (!String(res.headers['content-type']).startsWith('text/event-stream')) return void (raw += chunk);
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: Partial<StreamEvent> = { at: Date.now() };
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
            if (field === '') client.comments.push(value);
            else if (field === 'retry') client.retry = Number(value);
            else if (field === 'event') event.event = value;
            else if (field === 'id') event.id = value;
            else if (field === 'data') event.data = JSON.parse(value);
          }
          if (event.event) {
            client.events.push(event as StreamEvent);
            for (const wake of waiters.splice(0)) wake();
          }
        }
      });
      res.on('end', endedResolve);
      res.on('close', endedResolve);
      resolve(client);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

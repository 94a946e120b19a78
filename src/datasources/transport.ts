import { STATUS_CODES } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';

/** Settings of the upstream transport. */
export interface UpstreamTransportOptions {
  /** Sockets per origin (the gateway's upstream concurrency bound). */
  connections: number;
  /** How long an idle keep-alive socket is kept (an upstream's own `Keep-Alive: timeout` shortens it). */
  keepAliveTimeoutMs?: number;
  /** Headers every request carries (accept, authorization), set here rather than on each of ky's Requests. */
  headers?: Record<string, string>;
}

/**
 * The ky option that carries a request's text body past ky's Request to the transport (see UpstreamTransport.fetch);
 * ky hands options it does not know to its `fetch`.
 */
export const BODY_OPTION = 'wagBody';

/**
 * The ky option that carries a request's own headers (account, site, request ID, trace) past ky's Request, as
 * {@link BODY_OPTION} does its body: given as ky's `headers`, they were merged into a Headers object three times per
 * call (ky's defaults, its Request, the Request's clone for retries) and read back here once more.
 */
export const HEADERS_OPTION = 'wagHeaders';

/** Statuses whose answer has no body (a Response with one throws). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * What ky sends its requests with (its `fetch` option): undici's low-level `request` on a keep-alive Agent, under a
 * minimal fetch adapter. Node's own `fetch` is undici too, but every call through it builds the WHATWG machinery
 * (a second Request, web streams for both bodies, AbortSignal bookkeeping): about half the gateway's CPU per request
 * before this module. Kept from fetch: the request's method, URL, headers, body and abort signal (ky's timeout and
 * any caller's abort: an aborted call rejects with the signal's reason, as fetch does), compressed answers
 * (gzip, deflate, br, asked for and decoded as fetch does), and failures as `TypeError('fetch failed')` with the cause.
 * Not kept: redirects are not followed (Wix's APIs do not redirect; a 3xx reaches ky as a failed status, so the
 * API key is never sent on to another host).
 */
export class UpstreamTransport {
  private readonly agent: Agent;
  private readonly headers: Record<string, string>;

  constructor(options: UpstreamTransportOptions) {
    this.headers = { 'accept-encoding': 'gzip, deflate, br', ...options.headers };
    this.agent = new Agent({
      connections: options.connections,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
      pipelining: 1,
    });
  }

  /**
   * A `fetch` for ky: takes ky's Request (or what fetch takes) and answers a Response with the whole body read. ky
   * calls it with its Request and the options it does not know (`init`): a text body may come there as
   * {@link BODY_OPTION}, so that ky's Request carries no body (a body would be a web stream, teed on every call for
   * ky's retries), and the call's headers as {@link HEADERS_OPTION}. A header is taken from, by precedence: the call
   * ({@link HEADERS_OPTION}), ky's Request, the transport's own.
   */
  readonly fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const signal = request.signal;
    signal.throwIfAborted();
    const headers: Record<string, string> = { ...this.headers };
    request.headers.forEach((value, name) => (headers[name] = value));
    const extra = init as Record<string, unknown> | undefined;
    const own = extra?.[HEADERS_OPTION] as Record<string, string> | undefined;
    if (own) for (const name in own) headers[name.toLowerCase()] = own[name] as string;
    const aside = extra?.[BODY_OPTION];
    const body = typeof aside === 'string' ? aside : request.body ? await request.text() : undefined;
    const { origin, path } = splitUrl(request.url);
    try {
      const answer = await this.agent.request({
        origin,
        path,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body,
        signal,
      });
      const status = answer.statusCode;
      const encoding = answer.headers['content-encoding'];
      const raw = NULL_BODY_STATUS.has(status) ? undefined : await answer.body.arrayBuffer();
      if (raw === undefined) await answer.body.dump();
      if (status < 200 || status > 599) throw new Error(`Unexpected status ${status}`);
      const decoded = raw && raw.byteLength > 0 ? decode(Buffer.from(raw), encoding) : undefined;
      const init = {
        status,
        statusText: STATUS_CODES[status] ?? '',
        headers: responseHeaders(answer.headers, decoded !== undefined && encoding !== undefined),
      };
      return new BufferedResponse(decoded, init) as unknown as Response;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
  };

  /** Closes the idle sockets and waits for the calls in flight. */
  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Response as a class whose members may be overridden (the DOM typings declare them as properties). */
const ResponseClass = Response as unknown as new (
  body: null,
  init: ResponseInit,
) => { readonly status: number; readonly statusText: string; readonly headers: Headers };

/**
 * A Response whose body is already in memory: `text()`, `json()` and `arrayBuffer()` hand back the bytes, and the web
 * stream of `body` is made only if someone asks for it (a Response built with a body makes one at once, and reading
 * it back through the stream cost more than the rest of the answer). Read once, as any Response.
 */
class BufferedResponse extends ResponseClass {
  #bytes: Buffer;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;

  constructor(bytes: Buffer | undefined, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes ?? Buffer.alloc(0);
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) this.#stream = this.#bytes.length > 0 ? new Blob([this.#bytes]).stream() : null;
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used || Boolean(this.#stream?.locked);
  }

  text(): Promise<string> {
    return this.#read().then((bytes) => bytes.toString('utf8'));
  }

  json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#read().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const init = { status: this.status, statusText: this.statusText, headers: this.headers };
    return new BufferedResponse(this.#bytes, init) as unknown as Response;
  }

  #read(): Promise<Buffer> {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    if (this.#stream) return new Response(this.#stream).arrayBuffer().then((b) => Buffer.from(b));
    return Promise.resolve(this.#bytes);
  }
}

/** `http://host:port/path?query` → origin and path (a Request's URL is absolute and normalised). */
function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

/** The body as sent, without its content encoding (as fetch decodes it). */
function decode(raw: Buffer, encoding: string | string[] | undefined): Buffer {
  switch (typeof encoding === 'string' ? encoding.trim().toLowerCase() : undefined) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}

/** undici's header object as fetch's header list; without length and encoding when the body was decoded. */
function responseHeaders(
  raw: Record<string, string | string[] | undefined>,
  decoded: boolean,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name in raw) {
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    const value = raw[name];
    if (typeof value === 'string') out.push([name, value]);
    else if (value) for (const item of value) out.push([name, item]);
  }
  return out;
}
